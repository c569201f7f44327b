"""Readers for the bundled geodata files (format: docs/geodata.md). Each file is read once per process.

The tables the gazetteer reads at start (the places, the states' attributes) are kept prepared, as Arrow IPC
files in a cache folder (`NEWSMAP_CACHE`, else `~/.cache/newsmap`), written on first use and memory-mapped
after: parsing them took a second of every fresh process's start (the app's first view, an import).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.ipc

import geodata

GEODATA_DIR = Path(os.environ.get("NEWSMAP_GEODATA") or geodata.DIR)
# Bump when what a prepared table holds changes (its columns, their types), so no older file is read.
PREPARED_VERSION = 1


def path(name: str) -> Path:
    found = GEODATA_DIR / name
    if not found.exists():
        raise FileNotFoundError(
            f"bundled geodata file {found} is missing; run `python geodata/build.py` or set NEWSMAP_GEODATA"
        )
    return found


def split_multi(value) -> tuple[str, ...]:
    """Multi-valued columns are joined with '|'; empty cells become ()."""
    if not isinstance(value, str) or not value:
        return ()
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _read_csv(name: str) -> pd.DataFrame:
    # pyarrow's parser (pyarrow comes with streamlit) reads places.csv.gz in a third of the CPU time of
    # the default C parser, to an equal frame.
    return pd.read_csv(path(name), dtype=str, keep_default_na=False, na_values=[], engine="pyarrow")


@cache
def countries_table() -> pd.DataFrame:
    return _read_csv("countries.csv")


def cache_dir() -> Path:
    if folder := os.environ.get("NEWSMAP_CACHE"):
        return Path(folder)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsmap"


def _prepared(name: str, read: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """`read()`'s table of the bundled file `name`, from its prepared copy when there is one (named by the
    file's content and the readers' versions, so a changed file is read again), else read and prepared for
    the next process. Arrow IPC holds data only (no code, unlike a pickle), and a prepared file is checked
    whole before use; one that cannot be read or written only makes the start slower."""
    source = path(name)
    with source.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256")
    digest.update(f"prepared v{PREPARED_VERSION} pandas {pd.__version__} pyarrow {pa.__version__}".encode())
    prepared = cache_dir() / f"{source.name}.{digest.hexdigest()[:32]}.arrow"
    try:
        table = pa.ipc.open_file(pa.memory_map(str(prepared))).read_all()
        table.validate(full=True)
        return table.to_pandas()
    except (OSError, pa.ArrowException):
        pass  # not prepared yet (or unreadable): read it
    frame = read()
    try:
        _write_prepared(frame, prepared, stale=f"{source.name}.*.arrow")
    except (OSError, pa.ArrowException):
        pass  # a read-only cache folder: read the file again next time
    return frame


def _write_prepared(frame: pd.DataFrame, prepared: Path, stale: str) -> None:
    """Written whole or not at all (a process may be reading it), and the file's older copies removed."""
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    prepared.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=prepared.parent, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle, pa.ipc.new_file(handle, table.schema) as writer:
            writer.write_table(table)
        os.replace(temporary, prepared)
    finally:
        Path(temporary).unlink(missing_ok=True)
    for older in prepared.parent.glob(stale):
        if older != prepared:
            older.unlink(missing_ok=True)


@cache
def places_table() -> pd.DataFrame:
    return _prepared("places.csv.gz", _read_places)


def _read_places() -> pd.DataFrame:
    table = _read_csv("places.csv.gz")
    for column in ("lat", "lon"):
        table[column] = table[column].astype(float)
    table["population"] = pd.to_numeric(table["population"], errors="coerce").fillna(0).astype(int)
    return table


@cache
def regions_table() -> pd.DataFrame:
    return _read_csv("regions.csv")


@cache
def ambiguous_terms_table() -> pd.DataFrame:
    """Names and demonyms that several countries share ("Sudanese", "Korea"): hand-curated, with their
    candidates likeliest first."""
    return _read_csv("curated/ambiguous_demonyms.csv")


@cache
def country_shapes(detail: bool = False) -> gpd.GeoDataFrame:
    """Country polygons: the simplified display file, or the detailed one for point-in-polygon."""
    name = "countries_detail.geojson" if detail else "countries_display.geojson"
    return gpd.read_file(path(name)).set_crs("EPSG:4326", allow_override=True)


@cache
def disputed_shapes() -> gpd.GeoDataFrame:
    return gpd.read_file(path("disputed.geojson")).set_crs("EPSG:4326", allow_override=True)


@cache
def admin1_shapes() -> gpd.GeoDataFrame:
    return gpd.read_file(f"/vsigzip/{path('admin1.geojson.gz')}").set_crs("EPSG:4326", allow_override=True)


@cache
def admin1_table() -> pd.DataFrame:
    """The states' and provinces' columns without their polygons: what the gazetteer reads."""
    source = f"/vsigzip/{path('admin1.geojson.gz')}"
    return _prepared("admin1.geojson.gz", lambda: pd.DataFrame(gpd.read_file(source, ignore_geometry=True)))


@cache
def english_words() -> frozenset[str]:
    """Lower-case English dictionary words (SCOWL via Debian's wamerican): "police", "march", "bank"."""
    with gzip.open(path("english_words.txt.gz"), "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


@cache
def manifest() -> dict:
    try:
        return json.loads(path("MANIFEST.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def attribution() -> str:
    """The one-line credit the UI shows for the bundled data (from geodata/MANIFEST.json)."""
    return manifest().get("attribution", "Boundaries: Natural Earth. Places: GeoNames (CC BY 4.0).")
