"""`ingest --engine dask`: the same extraction as Dask tasks on a local cluster, written as Parquet."""

import json
import sqlite3
from functools import partial

import in_store
import pandas as pd
import pytest
from custom_stages import ARTICLES, WordAsPlace, meeting_at_each_place, write_articles

from dashboard.cli import DEMO_CORPUS, main
from dashboard.cluster import ingest_on_dask, partition
from dashboard.pipeline import Pipeline, ingest
from dashboard.store import Store

pytest.importorskip("dask.distributed")


def _rows(db, table):
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(f"SELECT * FROM {table}").fetchall()
    return sorted(
        tuple(v for k, v in zip(row.keys(), row, strict=True) if k != "ingested_at") for row in rows
    )


def test_dask_engine_stores_what_the_local_engine_stores_and_writes_parquet(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    briefs = DEMO_CORPUS.read_text(encoding="utf-8").splitlines()
    for number in range(3):  # several files, so there are several partitions
        (folder / f"part{number}.jsonl").write_text("\n".join(briefs[number::3]) + "\n", encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"text": "Envoys met in Nairobi."}\n{oops\n', encoding="utf-8")
    db, parquet = tmp_path / "dask.db", tmp_path / "tables"
    args = [
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--engine",
        "dask",
        "--workers",
        "2",
        "--parquet",
        str(parquet),
    ]
    assert main(args) == 1  # the broken line is reported...
    out, err = capsys.readouterr()
    assert f"{folder / 'broken.jsonl'}:2: invalid JSON" in err
    assert f"{len(briefs) + 1} ingested" in out  # ...and everything else went in

    local = tmp_path / "local.db"
    ingest([folder], Store(local))
    for table in ("articles", "mentions", "actors", "events"):
        assert _rows(db, table) == _rows(local, table), table

    events = pd.read_parquet(parquet / "events")  # each table reads whole, as Dask or Spark would
    assert len(events) == len(_rows(local, "events")) and {"type", "source_country", "date"} <= set(events)
    articles = pd.read_parquet(parquet / "articles")
    assert set(articles["title"]) >= {json.loads(briefs[0])["title"]}
    # The input's own ids go through the tables into the store (the demo briefs have an "id" each).
    ids = {json.loads(brief)["id"] for brief in briefs}
    assert (
        set(articles["input_id"].dropna())
        == ids
        == {a.input_id for a in in_store.articles(Store(db))} - {None}
    )
    mentions = pd.read_parquet(parquet / "mentions")
    assert str(mentions["sentence_start"].dtype) == str(mentions["sentence_end"].dtype) == "int64"

    assert main(args) == 1
    assert f"0 ingested, {len(briefs) + 1} duplicates skipped" in capsys.readouterr().out

    # Tables as large as the store build its indexes at the end (a cluster's output meets the same wall
    # as a large import): the same records, every index back.
    from dashboard import cluster, pipeline

    deferred = Store(tmp_path / "deferred.db")
    assert cluster.defers_indexes(parquet, deferred) is False  # the demo is far under the floor
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "DEFER_INDEXES_ROWS", 1)
        assert cluster.defers_indexes(parquet, deferred)
        patch.setattr(deferred, "approximate_event_count", lambda: len(events) + 1)  # a larger store
        assert not cluster.defers_indexes(parquet, deferred)
    cluster.load_parquet(parquet, deferred, defer_indexes=True)
    for table in ("articles", "mentions", "actors", "events"):
        assert _rows(deferred.path, table) == _rows(local, table), table
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    with sqlite3.connect(deferred.path) as mine, sqlite3.connect(local) as theirs:
        assert mine.execute(indexes).fetchall() == theirs.execute(indexes).fetchall()


def test_dask_workers_run_the_pipeline_factory_they_were_given(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(2):  # two partitions, one per worker
        write_articles(folder / f"part{number}.jsonl", ARTICLES[number::2])
    make = partial(Pipeline, WordAsPlace("Zembla"), meeting_at_each_place)
    db = tmp_path / "dask.db"
    report = ingest_on_dask([folder], Store(db), tmp_path / "tables", workers=2, pipeline_factory=make)
    assert (report.added, report.errors) == (len(ARTICLES), [])

    local = tmp_path / "local.db"
    ingest([folder], Store(local), pipeline=make())
    for table in ("mentions", "events", "actors"):
        assert _rows(db, table) == _rows(local, table), table
    assert {row[3] for row in _rows(db, "mentions")} == {"Zembla"}


def test_partitions_balance_file_sizes(tmp_path):
    sizes = [900, 500, 400, 300, 200, 100]
    files = []
    for number, size in enumerate(sizes):
        files.append(tmp_path / f"f{number}.txt")
        files[-1].write_text("x" * size)
    groups = partition(files, 2)
    totals = sorted(sum(path.stat().st_size for path in group) for group in groups)
    assert totals == [1200, 1200] and sorted(p.name for g in groups for p in g) == sorted(
        p.name for p in files
    )
    assert len(partition(files[:1], 8)) == 1  # no empty partitions


def test_parquet_tables_of_an_earlier_version_load(tmp_path, store):
    """Mentions written with a sentence index, before they stored their sentence's offsets, load with
    the offsets unknown (the panel then finds the sentence)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dashboard.cluster import load_parquet
    from dashboard.model import Article, Mention

    article = Article.create("Envoys met in Nairobi.", "Talks")
    tables = {
        "articles": {"id": [article.id], "title": ["Talks"], "text": [article.text], "url": [""]}
        | {"source": [""], "published": [None], "dateline": [""]},
        "mentions": {"article_id": [article.id], "start": [14], "end": [21], "text": ["Nairobi"]}
        | {"place_id": ["184745"], "role": ["literal"], "confidence": [0.9], "sentence": [0]},
        "actors": {"id": pa.array([], pa.string())},
        "events": {"id": pa.array([], pa.string()), "article_id": pa.array([], pa.string())},
    }
    for table, columns in tables.items():
        (tmp_path / table).mkdir()
        pq.write_table(pa.table(columns), tmp_path / table / "part-00000-0000.parquet")
    assert load_parquet(tmp_path, store).added == 1
    assert in_store.mentions(store) == [
        Mention(article.id, 14, 21, "Nairobi", "184745", "literal", 0.9, None, None)
    ]
