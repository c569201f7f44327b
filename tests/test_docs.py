"""docs/architecture.md stays true: its module table names every module of the package and only modules
that exist, and what it says about where Streamlit and folium are imported holds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dashboard"
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _modules() -> set[str]:
    """Every module of the package, as a path under dashboard/ (packages' __init__ files aside)."""
    return {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" and "__pycache__" not in path.parts
    }


def _table_rows() -> list[str]:
    """The first cell of each row of the Modules table, without its backticks."""
    table = ARCHITECTURE.split("## Modules", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE)


def _importers(library: str) -> set[str]:
    found = set()
    for module in _modules():
        tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            if any(name == library or name.startswith(library + ".") for name in names):
                found.add(module)
    return found


def _documented_importers(library: str) -> list[str]:
    """The modules and folders the sentence "<library> is imported only by ...;" (or ending in ". ") lists."""
    sentence = re.search(
        rf"{library} is imported only by\s(.+?)(?:;|\.\s)", ARCHITECTURE, re.IGNORECASE | re.DOTALL
    )
    assert sentence, f"docs/architecture.md no longer says where {library} is imported"
    return re.findall(r"`([^`]+)`", sentence.group(1))


def test_every_module_of_the_package_has_a_row():
    assert sorted(_modules() - set(_table_rows())) == []


def test_every_row_names_a_module_or_folder_that_exists():
    assert [row for row in _table_rows() if not (PACKAGE / row).exists()] == []


def test_the_modules_that_import_streamlit_and_folium_are_the_ones_it_names():
    for library in ("streamlit", "folium"):
        named = _documented_importers(library)
        covered = {m for m in _modules() for entry in named if m == entry or m.startswith(entry)}
        assert _importers(library) <= covered, library
        # Each entry named does import it (a folder: at least one of its modules).
        assert all(any(m == e or m.startswith(e) for m in _importers(library)) for e in named), library
