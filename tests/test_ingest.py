import json
from datetime import date

import pytest

from dashboard.ingest import IngestError, iter_input_files, read_file
from dashboard.ingest.fields import MAX_TEXT_CHARS, make_article, parse_date


def test_plain_text_file_is_one_article_titled_by_its_first_line(tmp_path):
    path = tmp_path / "brief.txt"
    path.write_text("\n# Pact signed\n\nRABAT, Nov 24 — Two states signed a pact.\n", encoding="utf-8")
    (article,) = read_file(path)
    assert article.title == "Pact signed"
    assert article.dateline == "RABAT"
    assert article.text.startswith("\n# Pact signed")


def test_jsonl_bad_lines_are_reported_and_the_rest_is_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"text": "First story.", "title": "One", "published": "2021-11-25T08:00:00Z"}),
        "{not json",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": "Second story."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_file(path))
    articles = [i for i in items if not isinstance(i, IngestError)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [a.text for a in articles] == ["First story.", "Second story."]
    assert articles[0].published == date(2021, 11, 25)
    assert [(e.line, str(e).startswith(f"{path}:")) for e in errors] == [(2, True), (3, True)]


def test_unreadable_inputs_get_one_error_naming_the_file(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    latin1 = tmp_path / "old.txt"
    latin1.write_bytes("ok line\ncaf\xe9".encode("latin-1"))
    unknown = tmp_path / "sheet.xlsx"
    unknown.write_bytes(b"PK")
    for path, reason in ((binary, "binary"), (latin1, "UTF-8"), (unknown, "unsupported")):
        (error,) = read_file(path)
        assert isinstance(error, IngestError) and reason in str(error) and str(path) in str(error)
    (error,) = read_file(latin1)
    assert error.line == 2


def test_folders_are_read_recursively_and_sizes_bounded(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.md").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "notes.bin").write_bytes(b"x")
    assert [p.name for p in iter_input_files([tmp_path])] == ["x.md"]
    assert len(make_article("y" * (MAX_TEXT_CHARS + 10)).text) == MAX_TEXT_CHARS
    assert parse_date("not a date") is None


def test_a_dateline_with_its_year_is_found_and_dates_the_article():
    from dashboard.nlp.dateline import find_dateline

    text = "RABAT, Nov 25, 2021 (Reuters) - Israel and Morocco signed a pact on Wednesday."
    line = find_dateline(text)
    assert (line.place, line.date, line.agency, text[line.body_start :][:6]) == (
        "RABAT",
        "Nov 25, 2021",
        "Reuters",
        "Israel",
    )
    article = make_article(text)
    assert (article.dateline, article.published) == ("RABAT", date(2021, 11, 25))


@pytest.mark.parametrize(
    "text, place, agency",
    [
        ("TIRANA, Albania (AP) -- The parliament passed a resolution.", "TIRANA", "AP"),
        ("JERUSALEM (AP) -- A Saudi dissident filed a lawsuit.", "JERUSALEM", "AP"),
        ("ISTANBUL -- President Erdogan gave the prime minister a mandate.", "ISTANBUL", ""),
        ("LIMA (AP) The Congress voted to remove the president.", "LIMA", "AP"),  # no dash
    ],
)
def test_undated_wire_datelines_are_found_and_left_out_of_the_story(text, place, agency):
    from dashboard.nlp.dateline import find_dateline

    line = find_dateline(text)
    assert (line.place, line.date, line.agency) == (place, "", agency)
    assert text[line.body_start :].split()[0] in ("The", "A", "President")


@pytest.mark.parametrize("text", ["NATO (the alliance) said it would meet.", "US (AP) and others met."])
def test_a_bracket_after_capitals_is_no_dateline_unless_the_story_follows(text):
    from dashboard.nlp.dateline import find_dateline

    assert find_dateline(text) is None
