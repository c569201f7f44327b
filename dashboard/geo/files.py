"""Readers for the bundled geodata files (format: docs/geodata.md). Each file is read once per process."""

from __future__ import annotations

import gzip
import json
import os
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

import geodata

GEODATA_DIR = Path(os.environ.get("NEWSMAP_GEODATA") or geodata.DIR)


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


@cache
def places_table() -> pd.DataFrame:
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
