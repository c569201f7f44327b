"""ACLED exports read with each repeated value read once (ingest/acled_rows.py) give exactly what reading each
row as a record gave: the same store rows, the same errors at the same lines; notes are split into
sentences without tokenizing them whole, and the store writes a batch of articles in a few statements.

`by_record` below is the reader as it was: every row a record (`dict(zip(header, cells))`) read by
`acled.Importer.extraction`, the path the fast one leaves odd rows to. The rows are written here (no
third-party rows are copied).
"""

from __future__ import annotations

import csv
import random
import sqlite3
from functools import partial
from pathlib import Path

import in_store
import pytest
from test_importers import ACLED_COLUMNS, ACLED_ROWS, acled_row

from dashboard.geo import load_gazetteer
from dashboard.ingest import IngestError, read_file
from dashboard.ingest import acled as acled_module
from dashboard.ingest.acled import Importer
from dashboard.ingest.errors import record_result
from dashboard.ingest.files import read_lines
from dashboard.ingest.tabular import header_line, table_rows, whole_lines
from dashboard.nlp import sentences
from dashboard.nlp.sentences import one_line_spans, sentence_spans
from dashboard.pipeline import ingest
from dashboard.store import Rows, Store

NAIROBI = dict(iso="404", country="Kenya", admin1="Nairobi", location="Nairobi", latitude="-1.2833",
               longitude="36.8167", geo_precision="1")  # fmt: skip
PROTEST = dict(
    event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Kenya)", inter1="6"
)


def row(event_id: str, notes: str = "Teachers protested in Nairobi. Nobody was hurt.", **values) -> list[str]:
    return acled_row(**{"event_id_cnty": event_id, "event_date": "2024-03-01", **NAIROBI, **PROTEST,
                        "notes": notes, **values})  # fmt: skip


EDGE_ROWS = [
    *ACLED_ROWS,  # a battle, a two-line note, no event, a bad date, a region-level row, no notes
    row("KEN20"),
    row(""),  # no id: an error
    row("  KEN21 "),  # spaces around the id
    row("ＫＥＮ２２"),  # full-width letters and digits
    row("KEN23-a/b"),  # not only letters and digits
    row("K" * 60),  # cut to 40 characters
    row("\x07\x08"),  # only control characters: no id
    row("KEN24", event_date="2024-02-30"),  # no 30 February
    row("KEN25", event_date=" 2024-03-02 "),
    row("KEN26", event_date="2 March 2024"),
    row("KEN27", event_date="March 2, 2024"),
    row("KEN28", event_date=""),
    row("KEN29", latitude="abc"),
    row("KEN30", latitude="", longitude=""),
    row("KEN31", latitude="91", longitude="36.8"),
    row("KEN32", latitude="0", longitude="0"),
    row("KEN33", latitude="nan", longitude="inf"),
    row("KEN34", latitude="1e400"),
    row("KEN35", notes='They said "no", and left, in Nairobi.  Twice spaced. Then\ta tab.'),
    row("KEN36", notes="In Nairobi,\r\nlines\nand more lines.\n\nA paragraph in Nairobi."),
    row("KEN37", notes="Control \x00\x1b characters in Nairobi. \x85Next."),
    row("KEN38", notes="\u00a0Nairobi\u00a0had a non-breaking space. And more."),
    row("KEN39", notes="Protesters 🙂 in Nairobi. An emoji."),
    row("KEN40", notes="Café owners in Nairobi protested. Prices rose."),
    row("KEN41", notes="Mr. Smith met Dr. Jones in Nairobi at 5 p.m. on Jan. 5. They talked (a lot!)."),
    row("KEN42", notes='Is it Nairobi?! Yes... "It is." (Really.) ‘Quoted.’ Done:) ok'),
    row("KEN43", notes="   "),  # notes of spaces: a made-up text
    row("KEN44", notes="Nothing names the place here."),
    row("KEN45", notes="Nairobi" * 2000),  # cut to 10,000 characters, one long word
    row("KEN46", iso="²"),  # a digit int() does not take: the row is an error, as before
    row("KEN47", iso="", country="Kenya"),
    row("KEN48", iso="", country=""),
    row("KEN49", iso="999", country="Atlantis"),
    row("KEN50", inter1="State forces", actor1="Military Forces of Kenya (2022-)"),
    row(
        "KEN51",
        inter1="8",
        actor1="Military Forces of Uganda (1986-)",
        actor2="Civilians (Kenya)",
        inter2="7",
    ),
    row("KEN52", actor1="Government of Kenya (2022-)", actor2="United Nations", inter2="8"),
    row("KEN53", actor1="", actor2=""),
    row("KEN54", actor1="A" * 600, location="L" * 600, admin1="B" * 600),  # long cells: never kept
    row("KEN55", geo_precision="3", location="Westlands"),
    row("KEN56", geo_precision=" 3 "),
    row("KEN57", event_type="Battles", sub_event_type="Some new sub-event"),
    row("KEN58", event_type="Strategic developments", sub_event_type="Other"),
    row("KEN59", event_type="", sub_event_type=""),
    row("KEN60", time_precision="3"),
    row("KEN61", time_precision=" 2 "),
    row("KEN62", source=""),
    row("KEN63", source="  The\tStandard  "),
    row("KEN20"),  # the same event again
    row("KEN64", location="nairobi"),  # not as the notes write it
    row("KEN65", location="Mombasa", latitude="-4.05", longitude="39.67"),
    row("KEN66", admin1="Nairobi", location="", geo_precision="3"),
]


def write_export(path: Path, rows: list[list[str]], columns=ACLED_COLUMNS, extra: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows[:20])
        handle.write(extra)  # broken lines in the middle of the rows
        writer.writerows(rows[20:])
    return path


BROKEN = (
    'KEN90,2024-03-01,2024,1\n'  # too few fields
    + ",".join(row("KEN91")) + ',one too many\n'
    + 'KEN92,2024-03-01,"unterminated\n'  # a quote that never closes: read past, then the lines after it
)  # fmt: skip


def by_record(path: Path) -> list:
    """The export read as before: each row a record, read by `Importer.extraction`, as the store's rows."""
    importer = Importer(load_gazetteer())
    items = []
    lines = whole_lines(read_lines(path))
    _, line = header_line(path, lines)
    header = [name.strip().lower() for name in next(csv.reader([line]))]
    for found in table_rows(path, lines, ",", len(header)):
        if isinstance(found, IngestError):
            items.append(found)
            continue
        start, cells = found
        record = dict(zip(header, cells, strict=True))
        items += record_result(path, partial(importer.extraction, record), ValueError, line=start)
    return [Rows.of(item) if not isinstance(item, IngestError) else item for item in items]


def comparable(items: list) -> list:
    return [str(item) if isinstance(item, IngestError) else tuple(item) for item in items]


def test_edge_rows_read_as_records(tmp_path):
    path = write_export(tmp_path / "acled_export.csv", EDGE_ROWS, extra=BROKEN)
    read = list(read_file(path))
    assert all(isinstance(item, (Rows, IngestError)) for item in read)
    assert comparable(read) == comparable(by_record(path))
    errors = [item for item in read if isinstance(item, IngestError)]
    assert len(errors) >= 6 and all(error.line for error in errors)  # each names its line


def test_a_header_with_missing_and_repeated_columns_reads_as_records(tmp_path):
    columns = [*ACLED_COLUMNS, "Notes "]  # a second notes column (its cells win, as a record's do)
    keep = [i for i, name in enumerate(columns) if name not in ("latitude", "geo_precision", "source")]
    full = [[*row(f"KEN{n}", notes=f"Note {n} in Nairobi."), f"Second notes {n}, Nairobi."] for n in range(5)]
    rows = [[cells[i] for i in keep] for cells in full]
    path = write_export(tmp_path / "acled_export.csv", rows, [columns[i] for i in keep])
    read = list(read_file(path))
    assert comparable(read) == comparable(by_record(path))
    assert read[0].article[2] == "Second notes 0, Nairobi."


def test_many_rows_read_as_records(tmp_path):
    """Random rows over the edge rows' values: a value read once serves every row that repeats it."""
    rng = random.Random(5)
    columns = list(zip(*EDGE_ROWS, strict=True))
    rows = [[rng.choice(column) for column in columns] for _ in range(600)]
    path = write_export(tmp_path / "acled_export.csv", rows)
    assert comparable(list(read_file(path))) == comparable(by_record(path))


def test_reading_a_row_that_raises_gives_its_error(tmp_path, monkeypatch):
    def broken(*_):
        raise KeyError("no such place")

    monkeypatch.setattr(Importer, "place", broken)
    path = write_export(tmp_path / "acled_export.csv", [row("KEN1"), row("KEN2")])
    reason = "could not be read (KeyError: 'no such place')"
    assert [(e.line, e.reason) for e in read_file(path)] == [(2, reason), (3, reason)]


def test_notes_are_tokenized_word_by_word_once(tmp_path, monkeypatch):
    """The mention's sentence is found without tokenizing each note whole: only the words where a
    sentence may end, each distinct word once."""
    tokenized = []
    real = sentences._tokens_of
    monkeypatch.setattr(sentences, "_cached_word_tokens", sentences.lru_cache(maxsize=100)(real))
    monkeypatch.setattr(sentences, "sentence_spans", lambda text: tokenized.append(text) or ())
    rows = [
        row(f"KEN{n}", notes=f"Teachers protested in Nairobi on day {n}. Nobody was hurt.") for n in range(50)
    ]
    path = write_export(tmp_path / "acled_export.csv", rows)
    read = list(read_file(path))
    assert not tokenized  # sentence_spans never called: no note tokenized whole
    assert {rows.mentions[0][7:] for rows in read} == {
        (0, len("Teachers protested in Nairobi on day 0."))
    } | {(0, len(f"Teachers protested in Nairobi on day {n}.")) for n in range(50)}
    assert sentences._cached_word_tokens.cache_info().misses <= 52  # "0." ... "49.", "Nobody", "hurt."


WORDS = ["Mr.", "Dr.", "U.S.", "(", ")", ":)", ":", "'s", "it's", "a.m.", "5p.m.", "e.g.", "...", "!", "?",
         '"', "'", "“", "”", "—", "-", ".", "Hello.", "end.)", "(Dr.", "x", "The", "said:", "2.5", "No.",
         "St.", "’s", "o.O", "._.", "8)", "<3", ":-)", "Ph.D.", "i.e.", "।", "؟", '..."', '."', "?!", "A.",
         "b.", "1.", "(a)", "[1]", "etc.", "Inc.", "•", "é.", "Jan.", "10a.m.", "w/o", "and/or", "𝟙.", "🙂",
         "。", "！", "word", "Word"]  # fmt: skip


def test_one_line_spans_are_sentence_spans():
    rng = random.Random(7)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    texts += [note for cells in EDGE_ROWS for note in [cells[ACLED_COLUMNS.index("notes")]]]
    texts += ["", " lead", "trail ", "two  spaces. Here", "tab\there. x", "line\nbreak. x", "nbsp\u00a0. x"]
    split = 0
    for text in texts:
        fast = one_line_spans(text)
        if fast is not None:
            split += 1
            assert fast == sentence_spans(text), text
        else:  # left to sentence_spans: not one line of words separated by single spaces, or beyond the BMP
            assert " ".join(text.split()) != text or not text or any(ord(c) > 0xFFFF for c in text)
    assert split > 2000


class CountingConnection(sqlite3.Connection):
    """A connection that keeps each statement it was asked to run (once for an executemany)."""

    calls: list[str] = []

    def execute(self, sql, *args):
        self.calls.append(sql)
        return super().execute(sql, *args)

    def executemany(self, sql, *args):
        self.calls.append(sql)
        return super().executemany(sql, *args)


def test_the_store_writes_a_batch_of_articles_in_a_few_statements(tmp_path, monkeypatch):
    store = Store(tmp_path / "store.db")
    path = write_export(tmp_path / "acled_export.csv", [row(f"KEN{n}") for n in range(300)])
    connect = sqlite3.connect
    monkeypatch.setattr(CountingConnection, "calls", [])
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: connect(*a, factory=CountingConnection, **k))
    report = ingest([path], store, workers=1)
    assert report.added == 300
    articles = [sql for sql in CountingConnection.calls if sql.startswith("INSERT INTO articles ")]
    assert len(articles) == 1  # the batch in one statement, not one per article...
    indexed = [sql for sql in CountingConnection.calls if sql.startswith("INSERT INTO articles_fts")]
    assert len(indexed) == 1 and "SELECT" in indexed[0]  # ...indexed for search from the table
    assert len(store.search("teachers")) == 300


def test_reimport_and_mixed_batches_count_each_article_once(tmp_path):
    store = Store(tmp_path / "store.db")
    first = write_export(tmp_path / "first" / "acled_export.csv", [row(f"KEN{n}") for n in range(10)])
    assert ingest([first], store, workers=1).added == 10
    again = write_export(tmp_path / "again" / "acled_export.csv",
                         [row(f"KEN{n}") for n in range(5, 15)] + [row("KEN14")])  # fmt: skip
    report = ingest([again], store, workers=1)
    assert (report.added, report.duplicates) == (5, 6)
    assert report.first_ids == [rows.article_id for rows in read_file(again)]
    assert store.article_count() == 15 == len(store.search("teachers"))
    assert len(in_store.events(store)) == 15


def test_a_reader_process_stores_what_one_process_stores(tmp_path):
    path = write_export(tmp_path / "acled_export.csv", EDGE_ROWS, extra=BROKEN)
    one, two = Store(tmp_path / "one.db"), Store(tmp_path / "two.db")
    report_one, report_two = ingest([path], one, workers=1), ingest([path], two, workers=2)
    assert [str(e) for e in report_one.errors] == [str(e) for e in report_two.errors]
    for table in ("articles", "mentions", "actors", "events"):
        assert table_rows_of(one, table) == table_rows_of(two, table), table


def table_rows_of(store: Store, table: str) -> list[tuple]:
    with sqlite3.connect(store.path) as db:
        names = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "ingested_at"]
        return sorted(db.execute(f"SELECT {', '.join(map(repr, names))} FROM {table}").fetchall())


def test_memos_are_bounded(monkeypatch):
    monkeypatch.setattr(acled_module, "MAX_CACHED", 3)
    importer = Importer(load_gazetteer())
    for n in range(10):
        importer.country_named(f"Country {n}")
    assert len(importer._countries) <= 3


def test_dask_engine_stores_the_rows_of_an_acled_export(tmp_path):
    pytest.importorskip("dask.distributed")
    from dashboard.cluster import ingest_on_dask

    path = write_export(tmp_path / "news" / "acled_export.csv", EDGE_ROWS, extra=BROKEN)
    dask, local = Store(tmp_path / "dask.db"), Store(tmp_path / "local.db")
    report = ingest_on_dask([path.parent], dask, tmp_path / "tables", workers=1)
    assert report.added == ingest([path], local, workers=1).added > 0
    for table in ("articles", "mentions", "actors", "events"):
        assert table_rows_of(dask, table) == table_rows_of(local, table), table
