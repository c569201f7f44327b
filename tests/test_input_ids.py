"""The id an input gives its article (a JSON or CSV `id`, a feed entry's id) is kept beside the content
id, shown in the place panel and exported, so results join back to the user's data."""

from __future__ import annotations

import csv
import io
import json

import in_store
import pytest

from dashboard.exports import ExportFilter, export
from dashboard.ingest import read_file
from dashboard.ingest.fields import MAX_ID_CHARS, Fields
from dashboard.model import Article, Event, content_id
from dashboard.pipeline import ingest
from dashboard.queries import EventView
from dashboard.store import Store
from dashboard.views.place_panel import _article_lines, _event_card
from dashboard.views.text import markdown_text

# Each text codes an event at a place, so every format (GeoJSON too: events with a place) carries its id.
JSONL_RECORDS = [
    {"id": "wire-0001", "title": "Pact in Rabat", "published": "2021-11-24",
     "text": "Israel and Morocco signed a security agreement in Rabat on Wednesday."},
    {"article_id": 42, "title": "Troops near Kyiv", "published": "2022-03-01",
     "text": "Russian troops attacked Ukrainian positions near Kyiv on Tuesday."},
    {"guid": "urn:uuid:7d1c2f4e-0000-4000-8000-000000000001", "headline": "Accord in Washington",
     "body": "Israel and the United Arab Emirates signed an agreement in Washington on Tuesday."},
]  # fmt: skip
CSV_ROWS = [
    ["ID", "title", "text", "published"],
    ["csv-7", "Talks in Nairobi", "Kenya and Somalia signed a border agreement in Nairobi on Monday.",
     "2023-05-02"],
]  # fmt: skip
IDS = {"wire-0001", "42", "urn:uuid:7d1c2f4e-0000-4000-8000-000000000001", "csv-7"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ids")
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in JSONL_RECORDS), encoding="utf-8")
    with open(folder / "news.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(CSV_ROWS)
    store = Store(folder / "store.db")
    report = ingest([folder / "news.jsonl", folder / "news.csv"], store)
    assert (report.added, report.errors) == (4, [])
    return store


def exported(store: Store, fmt: str) -> str:
    out = io.StringIO()
    export(store, fmt, out, ExportFilter(min_confidence=0))
    return out.getvalue()


def test_ingest_keeps_each_input_id_beside_the_content_id(db):
    articles = in_store.articles(db)
    assert {a.input_id for a in articles} == IDS
    assert all(a.id == content_id(a.title, a.text) for a in articles)  # the key stays the content's
    events = in_store.events(db)
    assert {e.article_id for e in events} == {a.id for a in articles}  # every article codes an event


def test_csv_export_has_each_article_s_input_id(db):
    rows = list(csv.DictReader(io.StringIO(exported(db, "csv"))))
    by_article = {a.id: a.input_id for a in in_store.articles(db)}
    assert rows and {row["article_input_id"] for row in rows} == IDS
    assert all(row["article_input_id"] == by_article[row["article_id"]] for row in rows)
    assert {row["event_input_id"] for row in rows} == {""}  # events coded here have no input id


def test_jsonl_export_has_each_article_s_input_id(db):
    records = [json.loads(line) for line in exported(db, "jsonl").splitlines()]
    assert {r["input_id"] for r in records} == IDS
    assert {e["input_id"] for r in records for e in r["events"]} == {None}


def test_geojson_export_has_each_event_s_article_input_id(db):
    features = json.loads(exported(db, "geojson"))["features"]
    events = [f["properties"] for f in features if f["properties"]["feature"] == "event"]
    assert {p["article_input_id"] for p in events} == IDS
    assert {p["input_id"] for p in events} == {None}


@pytest.mark.parametrize(
    ("record", "fields", "expected"),
    [
        ({"id": "a-1"}, Fields(), "a-1"),
        ({"ID": "A-2"}, Fields(), "A-2"),
        ({"Article_ID": 17}, Fields(), "17"),
        ({"doc_id": 3.0}, Fields(), "3"),  # a whole number written as a float, as pandas writes ids
        ({"docid": "d4"}, Fields(), "d4"),
        ({"guid": "https://example.test/?p=5"}, Fields(), "https://example.test/?p=5"),
        ({"uuid": "5f0c"}, Fields(), "5f0c"),
        ({"_id": "mongo6"}, Fields(), "mongo6"),
        ({"id": "", "doc_id": "fallback"}, Fields(), "fallback"),  # an empty id falls through
        ({"ref": "r-8", "id": "not this"}, Fields(id="ref"), "r-8"),  # --id-field ref
        ({"meta": {"key": "k9"}}, Fields(id="meta.key"), "k9"),
        ({"id": " tab\tand\x00nul\n"}, Fields(), "tab and nul"),  # one line, no control characters
        ({"id": "x" * 5000}, Fields(), "x" * MAX_ID_CHARS),
        ({"id": {"name": "an object"}}, Fields(), None),
        ({"id": True}, Fields(), None),
        ({}, Fields(), None),
    ],
)
def test_the_input_id_is_found_by_its_usual_names_and_bounded(tmp_path, record, fields, expected):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": "Talks were held in Rabat.", **record}) + "\n", encoding="utf-8")
    (article,) = read_file(path, fields)
    assert article.input_id == expected


def test_feed_entries_keep_their_guid_or_atom_id(tmp_path):
    rss = tmp_path / "news.rss"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        '<item><title>One</title><guid isPermaLink="false">wire-rss-1</guid>'
        "<description>Talks were held in Rabat.</description></item>"
        "<item><title>Two</title><description>Talks were held in Nairobi.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    atom = tmp_path / "news.atom"
    atom.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        "<entry><title>Three</title><id>tag:example.test,2024:3</id>"
        "<summary>Talks were held in Kyiv.</summary></entry></feed>",
        encoding="utf-8",
    )
    assert [a.input_id for a in read_file(rss)] == ["wire-rss-1", None]
    assert [a.input_id for a in read_file(atom)] == ["tag:example.test,2024:3"]


HOSTILE_ID = "[x](javascript:alert(1)) <script>*bold*"


def test_place_panel_shows_the_input_id_as_inert_text():
    article = Article.create("Talks were held in Rabat.", "Talks", source="Wire", input_id=HOSTILE_ID)
    assert (
        _article_lines(article)[1] == f":small[:gray[{markdown_text('undated · Wire · id ' + HOSTILE_ID)}]]"
    )
    event = Event("e", article.id, "CONSULT", None, None, 0, len(article.text), confidence=0.8, coder="test")
    card = _event_card(EventView(event, None, None, article, article.text), {}.get)
    assert markdown_text(f"Wire · id {HOSTILE_ID} · machine-coded") in card
    imported = Event("e", article.id, "PROTEST", None, None, 0, 5, coder="ACLED", input_id="KEN1")
    assert "id KEN1" in _event_card(EventView(imported, None, None, article, article.text), {}.get)
