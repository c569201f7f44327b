"""Whole ingest runs: several cores, two ingests into one store at once, an ingest killed half-way."""

import json
import signal
import sqlite3
import subprocess
import sys
import time
from functools import partial

import pytest
from custom_stages import WordAsPlace, meeting_at_each_place, write_articles

from dashboard.cli import DEMO_CORPUS
from dashboard.ingest import IngestError
from dashboard.pipeline import Pipeline, ingest
from dashboard.store import Store


def _corpus(path, copies: int, tag: str = ""):
    """The demo briefs, each repeated under distinct titles: same language, distinct articles."""
    briefs = [json.loads(line) for line in DEMO_CORPUS.read_text(encoding="utf-8").splitlines() if line]
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for brief in briefs:
                out.write(json.dumps({**brief, "title": f"{brief['title']} ({tag}{copy})"}) + "\n")
    return copies * len(briefs)


def _table(db, query):
    with sqlite3.connect(db) as connection:
        return sorted(tuple(row) for row in connection.execute(query))


def test_parallel_ingest_stores_exactly_what_a_single_process_stores(tmp_path):
    source = tmp_path / "briefs.jsonl"
    total = _corpus(source, copies=2)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert ingest([source], Store(one), workers=1).added == total
    report = ingest([source], Store(two), workers=2)
    assert (report.added, report.errors) == (total, [])
    for table in ("mentions", "events", "actors"):
        assert _table(one, f"SELECT * FROM {table}") == _table(two, f"SELECT * FROM {table}")


def test_parallel_ingest_runs_the_pipeline_it_was_given(tmp_path):
    """Workers once rebuilt the default pipeline and dropped custom stages without a word."""
    source = tmp_path / "short.jsonl"
    total = write_articles(source)
    make = partial(Pipeline, WordAsPlace("Zembla"), meeting_at_each_place)
    runs = {
        "one worker": dict(pipeline=make(), workers=1),
        "two workers, the pipeline": dict(pipeline=make(), workers=2),
        "two workers, its factory": dict(pipeline_factory=make, workers=2),
    }
    stored = {}
    for name, arguments in runs.items():
        db = tmp_path / f"{name}.db"
        report = ingest([source], Store(db), **arguments)
        assert (report.added, report.errors) == (total, []), name
        stored[name] = [_table(db, f"SELECT * FROM {table}") for table in ("mentions", "events", "actors")]
    mentions, events, actors = stored["one worker"]
    assert [row[3] for row in mentions] == ["Zembla"] * 4 and len(events) == 4 and actors == []
    assert stored["two workers, the pipeline"] == stored["two workers, its factory"] == stored["one worker"]


def _local_geoparser():
    def geoparser(text, article_id):  # a local function: does not pickle
        return []

    return geoparser


def test_a_pipeline_workers_cannot_be_sent_is_refused_not_replaced(tmp_path):
    source, db = tmp_path / "short.jsonl", tmp_path / "s.db"
    write_articles(source)
    unsendable = Pipeline(_local_geoparser(), meeting_at_each_place)
    with pytest.raises(TypeError, match="pipeline_factory"):
        ingest([source], Store(db), pipeline=unsendable, workers=2)
    with pytest.raises(TypeError, match="pipeline factory cannot be sent"):
        ingest([source], Store(db), pipeline_factory=lambda: unsendable, workers=2)
    assert Store(db).article_count() == 0
    assert ingest([source], Store(db), pipeline=unsendable, workers=1).errors == []  # in process: fine


def test_an_article_that_breaks_the_extractor_is_reported_and_the_rest_stored(tmp_path):
    def fragile_geoparser(text, article_id):
        if "Nairobi" in text:
            raise ValueError("parser choked")
        return []

    source = tmp_path / "two.jsonl"
    source.write_text(
        json.dumps({"text": "Envoys met in Nairobi.", "source": "wire-a"})
        + "\n"
        + json.dumps({"text": "Ministers met in Rabat."})
        + "\n",
        encoding="utf-8",
    )
    report = ingest([source], Store(tmp_path / "s.db"), pipeline=Pipeline(fragile_geoparser, events=False))
    assert report.added == 1
    (error,) = report.errors
    assert (
        isinstance(error, IngestError)
        and error.path == "wire-a"
        and "ValueError: parser choked" in str(error)
    )


def _run_ingest(source, db, *extra):
    command = [sys.executable, "-m", "dashboard", "ingest", str(source), "--db", str(db), *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_ingests_into_one_store_at_once_lose_nothing(tmp_path):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    total = _corpus(first, copies=3, tag="a") + _corpus(second, copies=3, tag="b")
    _corpus(tmp_path / "overlap.jsonl", copies=1, tag="a")  # a third of `first`, ingested by both
    db = tmp_path / "shared.db"
    runs = [
        _run_ingest(first, db, "--workers", "1"),
        _run_ingest(second, db, "--workers", "1"),
        _run_ingest(tmp_path / "overlap.jsonl", db, "--workers", "1"),
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert _table(db, "PRAGMA integrity_check") == [("ok",)]
    assert Store(db).article_count() == total
    assert _table(db, "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)") == [
        (0,)
    ]
    single = tmp_path / "single.db"
    ingest([first, second], Store(single), workers=1)
    assert _table(db, "SELECT id, article_id, type FROM events") == _table(
        single, "SELECT id, article_id, type FROM events"
    )


def test_an_interrupted_ingest_leaves_a_consistent_store_and_resumes(tmp_path):
    source = tmp_path / "many.jsonl"
    total = _corpus(source, copies=10)
    db = tmp_path / "s.db"
    run = _run_ingest(source, db, "--workers", "1")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:  # kill it once some, not all, articles are in
        time.sleep(0.5)
        try:
            stored = _table(db, "SELECT count(*) FROM articles")[0][0]
        except sqlite3.OperationalError:  # the store is not created yet
            continue
        if stored >= 20:
            break
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert _table(db, "PRAGMA integrity_check") == [("ok",)]
    stored = Store(db).article_count()
    assert 20 <= stored < total
    # Every stored article was stored whole: its mentions were written in the same transaction.
    assert _table(db, "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM mentions)") == [
        (0,)
    ]
    report = ingest([source], Store(db), workers=1)
    assert (report.added, report.duplicates) == (total - stored, stored)


def test_progress_estimates_one_article_per_record_line(tmp_path):
    from dashboard.progress import estimate_articles

    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}\n')
    (tmp_path / "b.csv").write_text("title,text\nOne,x\nTwo,y\n")
    (tmp_path / "c.html").write_text("<p>One page</p>")
    (tmp_path / "d.export.CSV").write_text("1\t2\n3\t4\n")
    assert [estimate_articles(tmp_path / n) for n in ("a.jsonl", "b.csv", "c.html", "d.export.CSV")] == [
        3, 2, 1, 2
    ]  # fmt: skip


def test_several_readers_give_what_one_process_reads_in_the_same_order(tmp_path):
    """`read_ahead` shares a folder's files among reader processes: the ingesting process still gets every
    file's items (bad lines included, as errors in their place) file after file, as one process reads them."""
    from dashboard.pipeline import _read_in_process
    from dashboard.readahead import END_OF_FILE, read_ahead

    files = []
    for n in range(5):
        path = tmp_path / f"{n}.jsonl"
        _corpus(path, copies=1 + n % 2, tag=f"file {n} ")
        if n == 2:
            path.write_text(path.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
        files.append(path)
    files.append(tmp_path / "missing.jsonl")
    alone = [repr(item) for item in _read_in_process(files, None)]
    for readers in (1, 2, 3, 8):
        assert [repr(item) for item in read_ahead(files, None, readers)] == alone, readers
    assert alone.count(repr(END_OF_FILE)) == len(files)
    assert sum("IngestError" in item for item in alone) == 2  # the bad line, the missing file
