"""Hostile input (issue 22, "Nothing lost to one bad value"): each bad value, record or file is one report
naming the file and its line or item, every good record is kept, and nothing raises, hangs or floods."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import tracemalloc
from datetime import date

import in_store
import pytest

from dashboard.cli import main
from dashboard.ingest import IngestError, IngestWarning, read_file, tabular
from dashboard.ingest.fields import MAX_TEXT_CHARS, parse_date
from dashboard.nlp.dates import find_dates
from dashboard.pipeline import Pipeline, ingest

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def split(items) -> tuple[list, list[IngestError]]:
    items = list(items)
    errors = [item for item in items if isinstance(item, IngestError)]
    return [item for item in items if not isinstance(item, IngestError)], errors


def wire(count: int, tag: str = "round") -> list[dict]:
    text = "Envoys met in Nairobi for {tag} {n} of the talks."
    return [{"title": f"{tag} {n}", "text": text.format(tag=tag, n=n)} for n in range(count)]


def places_only(events: bool = True) -> Pipeline:
    """A pipeline that finds nothing, at once: these tests are about reading."""
    return Pipeline(geoparser=lambda text, article_id: [], events=False)


# What json.loads or the date parser could not take: (the record's JSON, the error it now is, or None when
# the record is kept without its unreadable date).
BAD_VALUES = {
    "superscript-date": ('{"title": "bad", "text": "Talks in Oslo.", "published": "²"}', None),
    "450-digit-date": ('{"title": "bad", "text": "Talks in Oslo.", "published": ' + "9" * 450 + "}", None),
    "5000-digit-number": (
        '{"title": "bad", "text": "Talks in Oslo.", "published": ' + "9" * 5000 + "}",
        "invalid JSON (a number longer than 4,300 digits)",
    ),
    "5000-levels-deep": (
        '{"title": "bad", "text": "Talks in Oslo.", "extra": ' + "[" * 5000 + "]" * 5000 + "}",
        "invalid JSON (nested too deeply)",
    ),
}


@pytest.mark.parametrize("bad", BAD_VALUES, ids=list(BAD_VALUES))
def test_one_bad_value_in_json_lines_costs_its_line_only(tmp_path, bad):
    record, problem = BAD_VALUES[bad]
    lines = [json.dumps(r) for r in wire(31)]
    lines[11] = record
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = split(read_file(path))
    expected = [f"round {n}" for n in range(31) if n != 11 or problem is None]
    assert [a.title if a.title != "bad" else "round 11" for a in articles] == expected
    assert [str(e) for e in errors] == ([f"{path}:12: {problem}"] if problem else [])
    assert all(a.published is None for a in articles if a.title == "bad")


@pytest.mark.parametrize("bad", BAD_VALUES, ids=list(BAD_VALUES))
def test_one_bad_value_in_a_json_array_costs_its_item_only(tmp_path, bad):
    record, problem = BAD_VALUES[bad]
    items = [json.dumps(r) for r in wire(31)]
    items[11] = record
    path = tmp_path / "wire.json"
    path.write_text("[\n" + ",\n".join(items) + "\n]\n", encoding="utf-8")  # item N on line N + 1
    articles, errors = split(read_file(path))
    assert len(articles) == (30 if problem else 31)
    assert {a.title for a in articles} >= {f"round {n}" for n in range(31) if n != 11}
    assert [str(e) for e in errors] == ([f"{path}:13: item 12: {problem}"] if problem else [])


def test_an_unreadable_date_in_a_csv_costs_the_date_only(tmp_path):
    rows = [f"round {n},Envoys met in Nairobi for round {n}.,2021-11-25\n" for n in range(31)]
    rows[11] = "bad,Talks in Oslo.,²\n"
    path = tmp_path / "wire.csv"
    path.write_text("title,text,published\n" + "".join(rows), encoding="utf-8")
    articles, errors = split(read_file(path))
    assert errors == [] and len(articles) == 31
    assert [a.published for a in articles if a.title == "bad"] == [None]
    assert {a.published for a in articles if a.title != "bad"} == {date(2021, 11, 25)}


@pytest.mark.parametrize("value", ["²", "1²", 10**450, "0001-01-01", "9999-12-31"])
def test_parse_date_never_raises_and_reads_no_placeholder_years(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("text", "base"),
    [("the '90s", date(50, 3, 3)), ("last Monday", date(1, 1, 1)), ("Dec 26", date(9999, 12, 31))],
)
def test_relative_dates_near_the_calendars_ends_resolve_to_nothing(text, base):
    assert find_dates(text, base) == []


def test_record_level_failures_name_the_record_and_spare_the_rest(tmp_path, monkeypatch):
    """Whatever a record's parse raises (a bug on a value no one thought of) is that record's error."""
    from dashboard.ingest import fields

    real = fields.parse_date

    def fragile(value):
        if value == "boom":
            raise LookupError("an unexpected failure")
        return real(value)

    monkeypatch.setattr(fields, "parse_date", fragile)
    path = tmp_path / "wire.csv"
    path.write_text(
        "title,text,date\nA,Talks in Oslo.,2021-11-25\nB,Talks in Lima.,boom\nC,Talks in Rabat.,\n",
        encoding="utf-8",
    )
    articles, errors = split(read_file(path))
    assert [a.title for a in articles] == ["A", "C"]
    assert [str(e) for e in errors] == [f"{path}:3: could not be read (LookupError: an unexpected failure)"]


# -- a huge CSV cell ----------------------------------------------------------------------------------


def test_a_huge_multiline_cell_is_one_error_in_bounded_memory_and_the_rows_after_it_are_read(tmp_path):
    path = tmp_path / "pasted.csv"
    cell = "".join(f"line {n} of a pasted log\n" for n in range(200_000))  # 5.5 MB on 200,000 lines
    with path.open("w", encoding="utf-8") as handle:
        handle.write("title,text\nBefore,Envoys met in Nairobi.\n")
        handle.write(f'Log,"{cell}"\n')
        handle.write("After,Delegates met in Rabat.\nLast,Talks ended in Quito.\n")
    tracemalloc.start()
    try:
        articles, errors = split(read_file(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [a.title for a in articles] == ["Before", "After", "Last"]
    assert [str(e) for e in errors] == [
        f"{path}:3: row too long (lines 3-200003; the limit is 4 MB or 50,000 lines), not read"
    ]
    assert peak < 20_000_000, peak  # measured: ~8 MB (it held 5.5 MB of lines as ~60 MB of objects)


def test_a_cell_over_the_character_limit_is_followed_to_its_closing_quote(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_RECORD_CHARS", 1000)
    path = tmp_path / "wire.csv"
    cell = "".join(f'A ""quoted"" line {n}, with a comma\n' for n in range(100))  # 3.5 KB, quotes inside
    path.write_text(f'title,text\nBig,"{cell}"\nAfter,Delegates met in Rabat.\n', encoding="utf-8")
    articles, errors = split(read_file(path))
    assert [a.title for a in articles] == ["After"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [(2, "row too long")]


# -- cut texts are reported ---------------------------------------------------------------------------


def test_a_cut_text_is_a_warning_naming_its_place_that_the_cli_prints_and_counts(
    tmp_path, capsys, monkeypatch
):
    from dashboard import pipeline

    monkeypatch.setattr(pipeline, "Pipeline", places_only)  # built by the CLI's ingest
    long_text = "Ministers met in Rabat. " * 10_000  # 240,000 characters
    lines = tmp_path / "long.jsonl"
    records = [{"title": "Short", "text": "Talks in Oslo."}, {"title": "Long", "text": long_text}]
    lines.write_text("\n".join(map(json.dumps, records)), encoding="utf-8")
    plain = tmp_path / "long.txt"
    plain.write_text("Long story\n\n" + long_text, encoding="utf-8")
    short, warning, long = read_file(lines)
    assert isinstance(warning, IngestWarning) and warning.line == 2
    assert len(long.text) == MAX_TEXT_CHARS
    db = tmp_path / "s.db"
    assert main(["ingest", str(lines), str(plain), "--db", str(db), "--workers", "1"]) == 0  # warnings pass
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"warning: {lines}:2: text cut to its first 200,000 characters (it has 240,000)",
        f"warning: {plain}: text cut to its first 200,000 characters (it has 240,012)",
    ]
    assert "3 ingested, 0 duplicates skipped, 0 failed, 2 warnings" in out


# -- what is not a regular file -----------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_named_pipes_and_devices_are_reported_and_never_opened(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"text": "Envoys met in Nairobi."}) + "\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "ok.jsonl").write_text(json.dumps({"text": "Delegates met in Lima."}) + "\n", encoding="utf-8")
    os.mkfifo(folder / "inner.jsonl")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    named = [tmp_path / "pipe.jsonl", tmp_path / "zero.txt", folder, good]
    db = tmp_path / "s.db"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "ingest", *map(str, named), "--db", str(db), "--workers", "1"],
        capture_output=True, text=True, timeout=60, cwd=PROJECT_ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    assert sorted(result.stderr.splitlines()) == [
        f"error: {folder / 'inner.jsonl'}: not a regular file (a named pipe), not read",
        f"error: {tmp_path / 'pipe.jsonl'}: not a regular file (a named pipe), not read",
        f"error: {tmp_path / 'zero.txt'}: not a regular file (a character device), not read",
    ]
    assert "2 ingested, 0 duplicates skipped, 3 failed" in result.stdout


# -- wrong kinds of text ------------------------------------------------------------------------------


def test_a_text_that_is_not_text_is_rejected_by_line(tmp_path):
    path = tmp_path / "kinds.jsonl"
    path.write_text(
        '{"text": "Envoys met in Nairobi."}\n'
        '{"text": 12}\n'
        '{"text": NaN}\n'
        '{"text": true}\n'
        '{"text": null}\n'
        '{"text": [1, 2]}\n'
        '{"text": "   "}\n'
        '{"text": ["Talks in Lima.", "They ended late."]}\n'
        '{"body": 0.5}\n',
        encoding="utf-8",
    )
    articles, errors = split(read_file(path))
    assert [a.text for a in articles] == ["Envoys met in Nairobi.", "Talks in Lima.\n\nThey ended late."]
    reasons = [(e.line, e.reason.split(" (")[0]) for e in errors]
    assert reasons == [
        (2, 'the text field "text" holds a number, not text'),
        (3, 'the text field "text" holds a number, not text'),
        (4, 'the text field "text" holds true/false, not text'),
        (5, "no text"),
        (6, 'the text field "text" holds an array with a number in it, not text'),
        (7, "no text"),
        (9, 'the text field "body" holds a number, not text'),
    ]
    table = tmp_path / "cells.csv"  # a CSV cell is text by nature: only a blank one is no text
    table.write_text('title,text\nA,NaN\nB,"   "\nC,12\n', encoding="utf-8")
    articles, errors = split(read_file(table))
    assert [(a.title, a.text) for a in articles] == [("A", "NaN"), ("C", "12")]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [(3, "no text")]


@pytest.mark.parametrize("content", ["", "\n\n  \n"], ids=["empty", "blank-lines"])
def test_a_json_lines_file_without_records_is_one_error(tmp_path, content):
    path = tmp_path / "nothing.jsonl"
    path.write_text(content, encoding="utf-8")
    assert [str(e) for e in read_file(path)] == [
        f"{path}: no records (the file is empty or has only blank lines)"
    ]


def test_nul_bytes_and_lone_surrogates_are_cleaned_and_cost_no_record(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text(
        '{"title": "NUL", "text": "Talks in Oslo\\u0000 went on."}\n'
        '{"title": "Half\\ud800", "text": "Talks \\ud83d in Rabat."}\n'
        '{"title": "Plain", "text": "Delegates met in Lima."}\n',
        encoding="utf-8",
    )
    articles, errors = split(read_file(path))
    assert errors == []
    assert [(a.title, a.text) for a in articles] == [
        ("NUL", "Talks in Oslo went on."),
        ("Half\ufffd", "Talks \ufffd in Rabat."),
        ("Plain", "Delegates met in Lima."),
    ]


def test_utf16_without_its_mark_is_named_as_such(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("title,text\nTalks,Envoys met in Bogotá.\n".encode("utf-16-le"))
    (error,) = read_file(path)
    assert str(error) == (
        f"{path}: UTF-16 text without a byte-order mark (convert it first, e.g. iconv -f utf-16le -t utf-8)"
    )


# -- a hostile corpus ---------------------------------------------------------------------------------


def test_a_hostile_corpus_keeps_every_good_record_and_reports_each_bad_one_once(tmp_path, store):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good: set[str] = set()

    def jsonl(name: str, records: list, bad: dict[int, str]) -> None:
        lines = [json.dumps(r) for r in records]
        for number, line in bad.items():
            lines.insert(number - 1, line)
        (corpus / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        good.update(r["title"] for r in records)

    jsonl(
        "dates.jsonl", wire(5, "dates"), {3: '{"title": "sup", "text": "Talks in Oslo.", "published": "²"}'}
    )
    good.add("sup")  # kept, without its date
    jsonl("deep.jsonl", wire(5, "deep"), {2: '{"text": "x", "n": ' + "[" * 5000 + "]" * 5000 + "}"})
    jsonl("number.jsonl", wire(5, "number"), {4: '{"text": "x", "published": ' + "9" * 5000 + "}"})
    jsonl("kinds.jsonl", wire(5, "kinds"), {1: '{"text": 12}', 6: '{"text": NaN}'})
    jsonl("nul.jsonl", [{"title": "nul", "text": "Talks in Oslo\u0000 went on."}, *wire(2, "nul")], {})
    (corpus / "empty.jsonl").write_text("", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (corpus / "latin1.jsonl").write_bytes(
        json.dumps({"title": "cafe", "text": "Caf\u00e9 talks."}, ensure_ascii=False).encode("latin-1")
        + b"\n"
        + json.dumps({"title": "latin ok", "text": "Delegates met in Lima."}).encode("utf-8")
        + b"\n"
    )
    good.add("latin ok")
    (corpus / "utf16.jsonl").write_bytes(json.dumps({"text": "Talks in Oslo."}).encode("utf-16-le"))
    (corpus / "bom16.csv").write_bytes(
        codecs.BOM_UTF16_LE + "title,text\nbom16,Envoys met in Bogotá.\n".encode("utf-16-le")
    )
    good.add("bom16")
    cell = "".join(f"line {n} of a pasted log\n" for n in range(60_000))
    (corpus / "huge.csv").write_text(
        f'title,text\nhuge before,Envoys met in Nairobi.\nLog,"{cell}"\nhuge after,Talks in Rabat.\n',
        encoding="utf-8",
    )
    good.update({"huge before", "huge after"})
    (corpus / "formulas.csv").write_text(
        "title,text\n=HYPERLINK(\"http://x.test\"),=cmd|' /C calc'!A0\n+1 formula,@SUM(A1)\n",
        encoding="utf-8",
    )
    good.update({'=HYPERLINK("http://x.test")', "+1 formula"})  # stored as text: exports escape them
    nul_cell = "".join(f"row {n},Envoys met in Nairobi for round {n}.\n" for n in range(200))
    (corpus / "nulcell.csv").write_bytes(f"title,text\n{nul_cell}nul cell,Talks\x00 in Oslo.\n".encode())
    good.update({f"row {n}" for n in range(200)} | {"nul cell"})
    deep_item = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    (corpus / "array.json").write_text(
        f"[\n{json.dumps(wire(1, 'array')[0])},\n{deep_item}\n]",
        encoding="utf-8",
    )
    good.add("array 0")
    (corpus / "cut.20211125.export.CSV.zip").write_bytes(b"PK\x03\x04\x14\x00\x00\x00")  # truncated zip
    if hasattr(os, "mkfifo"):
        os.mkfifo(corpus / "pipe.jsonl")

    report = ingest([corpus], store, pipeline=places_only())

    assert {a.title for a in in_store.articles(store)} == good
    assert {a.text for a in in_store.articles(store) if a.title in ("nul", "nul cell")} == {
        "Talks in Oslo went on.",
        "Talks in Oslo.",
    }
    in_order = lambda place: (place[0], place[1] or 0)  # noqa: E731
    places = sorted(((e.path.removeprefix(f"{corpus}/"), e.line) for e in report.errors), key=in_order)
    expected = [
        ("array.json", 3),
        ("cut.20211125.export.CSV.zip", None),
        ("deep.jsonl", 2),
        ("empty.jsonl", None),
        ("empty.txt", None),
        ("huge.csv", 3),
        ("kinds.jsonl", 1),
        ("kinds.jsonl", 6),
        ("latin1.jsonl", 1),
        ("number.jsonl", 4),
        ("photo.txt", None),
        ("utf16.jsonl", None),
    ]
    if hasattr(os, "mkfifo"):
        expected.append(("pipe.jsonl", None))
    assert places == sorted(expected, key=in_order)
    assert report.warnings == []
