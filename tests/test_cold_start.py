"""A fresh process's start (issue 23's cold start): the app's first view loads neither the NLP models nor the
input readers, the gazetteer indexes place names only when they are first asked for, and the tables it
reads at start are parsed once and kept prepared for the next process."""

import gzip
import json
import os
import subprocess
import sys

import pandas as pd
import synthetic
from conftest import PROJECT_ROOT

from dashboard.geo import files
from dashboard.store import Store

# What the first view must not import: spaCy (and thinc under it), the pipeline and the readers.
_HEAVY = ("spacy", "thinc", "dashboard.pipeline", "dashboard.nlp.parse", "dashboard.ingest.readers")

_FIRST_VIEW = f"""
import json, sys
from streamlit.testing.v1 import AppTest
from dashboard.cli import APP
app = AppTest.from_file(str(APP), default_timeout=120).run()
maps = [c for c in app.get("component_instance") if "st_folium" in c.proto.component_name]
print(json.dumps({{
    "exceptions": [e.message for e in app.exception],
    "maps": len(maps),
    "loaded": sorted(m for m in sys.modules if m.startswith({_HEAVY!r})),
}}))
"""

_GAZETTEER = f"""
import json, pickle, sys
from dashboard.geo import load_gazetteer
gazetteer = load_gazetteer()
by_id = [gazetteer.place(i).name for i in ("MAR", "2538475", "admin1:UKR-kharkiv", "disputed:western-sahara")]
by_id.append(gazetteer.country_name("ESH"))
loaded_by_id = sorted(m for m in sys.modules if m.startswith({_HEAVY!r}))
copy = pickle.loads(pickle.dumps(gazetteer))  # as sent to ingest workers, before its names are indexed
print(json.dumps({{
    "by_id": by_id,
    "loaded_by_id": loaded_by_id,
    "rabat": gazetteer.candidates("Rabat"),
    "same_in_copy": copy.candidates("Moroccan") == gazetteer.candidates("Moroccan"),
}}))
"""


def _run(script: str, **env) -> dict:
    """`script` in a fresh interpreter (this one has spaCy loaded by other tests), from the project root."""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_apps_first_view_loads_no_nlp_model_and_no_reader(tmp_path):
    db = tmp_path / "s.db"
    synthetic.build(Store(db))
    opened = _run(_FIRST_VIEW, NEWSMAP_DB=str(db), NEWSMAP_CACHE=str(tmp_path / "cache"))
    assert opened == {"exceptions": [], "maps": 1, "loaded": []}


def test_the_gazetteer_looks_places_up_by_id_without_indexing_their_names(tmp_path):
    found = _run(_GAZETTEER, NEWSMAP_CACHE=str(tmp_path / "cache"))
    assert found["by_id"] == ["Morocco", "Rabat", "Kharkiv", "Western Sahara", "Western Sahara"]
    assert found["loaded_by_id"] == []
    assert ["2538475", "literal"] in found["rabat"]  # the names, indexed when first asked for
    assert found["same_in_copy"]


def _write_table(path, rows: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress("\n".join(["id,name,lat", *rows, ""]).encode()))


def _read_small() -> pd.DataFrame:
    table = files._read_csv("small.csv.gz")
    table["lat"] = table["lat"].astype(float)
    return table


def test_a_bundled_table_is_parsed_once_then_read_prepared(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "GEODATA_DIR", tmp_path / "geodata")
    monkeypatch.setenv("NEWSMAP_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "geodata" / "small.csv.gz"
    _write_table(source, ["1,Rabat,34.01325", "2,,-0.1", "3,Ḩalab,36.20124"])
    parsed = []

    def read():
        parsed.append(source.read_bytes())
        return _read_small()

    first = files._prepared("small.csv.gz", read)
    again = files._prepared("small.csv.gz", read)
    assert len(parsed) == 1
    pd.testing.assert_frame_equal(again, first, check_exact=True)
    assert list(again["name"]) == ["Rabat", "", "Ḩalab"] and again["lat"].dtype == float
    (prepared,) = (tmp_path / "cache").iterdir()

    _write_table(source, ["1,Rabat,34.0"])  # a changed file is parsed again, and its older copy removed
    assert list(files._prepared("small.csv.gz", read)["lat"]) == [34.0] and len(parsed) == 2
    (newer,) = (tmp_path / "cache").iterdir()
    assert newer != prepared

    newer.write_bytes(newer.read_bytes()[:100])  # a damaged copy is parsed again, not trusted
    assert list(files._prepared("small.csv.gz", read)["name"]) == ["Rabat"] and len(parsed) == 3

    monkeypatch.setenv("NEWSMAP_CACHE", str(source))  # a cache folder that cannot be written: parsed
    assert list(files._prepared("small.csv.gz", read)["name"]) == ["Rabat"] and len(parsed) == 4


def test_the_prepared_places_and_states_equal_the_parsed_files(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSMAP_CACHE", str(tmp_path / "cache"))
    tables = (files.places_table, files.admin1_table)
    parsed = [files._read_places(), files.admin1_shapes().drop(columns="geometry")]
    try:
        for table in tables:
            table.cache_clear()
        made = [table() for table in tables]  # parsed, and prepared
        for table in tables:
            table.cache_clear()
        monkeypatch.setattr(files, "_read_csv", None)  # the second process parses nothing
        monkeypatch.setattr(files.gpd, "read_file", None)
        read_back = [table() for table in tables]
    finally:
        for table in tables:
            table.cache_clear()
    for expected, first, second in zip(parsed, made, read_back, strict=True):
        pd.testing.assert_frame_equal(first, pd.DataFrame(expected), check_exact=True)
        pd.testing.assert_frame_equal(second, pd.DataFrame(expected), check_exact=True)


def test_the_app_counts_the_stores_articles_once_per_store_state(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.cli import APP
    from dashboard.model import Article

    db = tmp_path / "s.db"
    synthetic.build(Store(db), articles=5)
    monkeypatch.setenv("NEWSMAP_DB", str(db))
    counted = []
    real = Store.article_count

    def article_count(store):
        counted.append(store.path)
        return real(store)

    monkeypatch.setattr(Store, "article_count", article_count)
    app = AppTest.from_file(str(APP), default_timeout=120).run()
    app.run()
    assert len(counted) == 1  # a count of every row (0.07 s at 460,000 articles): once, not twice a run
    assert app.sidebar.caption[0].value.startswith("5 articles")
    Store(db).add(Article.create("Envoys met in Rabat.", title="Talks"), [], [], [])
    app.run()
    assert len(counted) == 2 and app.sidebar.caption[0].value.startswith("6 articles")
