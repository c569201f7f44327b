"""What the benchmark scripts share: where the shared gold data lives, and loading its official scorers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"

# `python benchmarks/dashboard.py` puts this folder first on the path, where that file's name would hide
# the package: the folder goes last (its scripts still import each other), the project's root before it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(ROOT), str(HERE)]


def load_scorer(name: str) -> ModuleType:
    """The official scorer `../shared/tools/<name>.py`, imported from where it is (never copied)."""
    path = SHARED / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
