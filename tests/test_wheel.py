"""The product as a wheel: `pip install .` (not editable) gives a product that finds its own data.

The wheel is built without network (no build isolation: the `dev` extra pins setuptools) and installed with
no dependencies into a fresh venv, which borrows this environment's packages through a .pth file (a .pth
listed there is not run, so this checkout's editable hook stays out). The demo then runs from a folder
outside the checkout, so nothing can be found through the working directory.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LOCAL_ONLY = (
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*cache",
    "data",
    "*.db*",
    ".cache",
)


def _run(*command, cwd=None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEWSMAP_GEODATA")}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The python of a fresh venv with the wheel installed."""
    pytest.importorskip("setuptools", minversion="70.1")  # bdist_wheel built in
    tmp = tmp_path_factory.mktemp("wheel")
    # Built from a clean copy: an in-tree build reuses a stale build/ folder's files.
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LOCAL_ONLY))
    _run(sys.executable, "-m", "pip", "wheel", "-q", str(source), "--no-deps", "--no-build-isolation",
         "-w", str(tmp / "dist"))  # fmt: skip
    (wheel,) = (tmp / "dist").glob("newsmap_dashboard-*.whl")
    _run(sys.executable, "-m", "venv", "--without-pip", str(tmp / "venv"))
    python = tmp / "venv" / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel))
    site = Path(_run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip())
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_the_installed_wheel_runs_the_demo_from_another_folder(installed, tmp_path):
    code = "import dashboard, geodata; print(dashboard.__file__); print(geodata.DIR)"
    where = _run(str(installed), "-c", code, cwd=tmp_path)
    venv = installed.parents[1]
    assert all(Path(line).is_relative_to(venv) for line in where.split()), where
    out = _run(str(installed), "-m", "dashboard", "demo", "--no-app", "--db", str(tmp_path / "demo.db"),
               cwd=tmp_path)  # fmt: skip
    assert "20 ingested" in out and "0 failed" in out


def test_the_wheel_carries_every_bundled_geodata_file(installed):
    from geodata import DIR

    shipped = installed.parents[1] / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    (geodata,) = shipped.glob("site-packages/geodata")
    needed = {p.relative_to(DIR) for p in DIR.rglob("*") if p.is_file() and "/." not in str(p)}
    needed = {p for p in needed if p.suffix != ".py" and "__pycache__" not in p.parts}
    assert needed <= {p.relative_to(geodata) for p in geodata.rglob("*") if p.is_file()}
