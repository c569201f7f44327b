"""Input formats: HTML, JSON, JSON Lines, CSV/TSV, RSS/Atom/RDF feeds; their field options; bad input."""

import codecs
import json
import shutil
from datetime import date
from pathlib import Path

import in_store
import pytest

from dashboard.cli import main
from dashboard.ingest import IngestError, IngestWarning, iter_input_files, read_file, tabular
from dashboard.ingest.feeds import read_feed
from dashboard.ingest.fields import MAX_TEXT_CHARS, Fields, make_article, parse_date, use_fields
from dashboard.ingest.files import MAX_FILE_BYTES
from dashboard.ingest.html import html_to_text, read_html
from dashboard.ingest.jsonfiles import read_json, read_json_lines
from dashboard.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
MARKERS = ("SCRIPT_MARKER", "STYLE_MARKER", "advert", "track(", "console.log")


def split(items):
    items = list(items)
    return (
        [item for item in items if not isinstance(item, IngestError)],
        [item for item in items if isinstance(item, IngestError)],
    )


def assert_no_script(text: str) -> None:
    assert not [marker for marker in MARKERS if marker in text], text


# -- HTML -------------------------------------------------------------------------------------------


def test_html_page_gives_the_story_without_boilerplate_and_its_metadata():
    (article,) = read_html(FIXTURES / "page.html")
    assert article.title == "Morocco and Spain agree to reopen border crossings"
    assert article.url == "https://news.example.com/world/morocco-spain-border"  # canonical over og:url
    assert article.published == date(2021, 11, 25)
    assert article.source == "Example News"
    assert article.dateline == "RABAT"
    assert "reopen the land crossings at Ceuta and Melilla" in article.text
    assert article.text.rstrip().endswith("a new stage in relations with the kingdom.")
    for boilerplate in ("Subscribe to our newsletter", "Most read", "Storm closes ports", "Business"):
        assert boilerplate not in article.text
    assert_no_script(article.text)


def test_html_declared_charset_is_honoured_and_a_dated_dateline_gives_the_date():
    (article,) = read_file(FIXTURES / "latin1_dateline.html")
    assert article.title == "Flooding forces evacuations near Boumerdès"
    assert "villages near Boumerdès on Thursday" in article.text
    assert article.url == "https://news.example.org/algeria-floods"  # og:url, no canonical link
    assert article.published == date(2022, 3, 3)  # no date in the metadata: the dateline's


def test_html_without_article_text_is_one_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var only = 'code';</script></head><body></body></html>")
    (error,) = read_file(page)
    assert isinstance(error, IngestError) and str(error).startswith(f"{page}: no article text")


def test_html_to_text_keeps_blocks_apart_and_drops_scripts_and_styles():
    markup = (
        "<p>Troops <b>crossed</b> the border.</p><script>alert('SCRIPT_MARKER')</script>Then they stopped."
        "<style>.STYLE_MARKER{}</style><ul><li>Goma</li><li>Bukavu</li></ul>"
    )
    assert html_to_text(markup) == "Troops crossed the border.\nThen they stopped.\nGoma\nBukavu"
    assert html_to_text("No markup & no tags here.") == "No markup & no tags here."


# -- feeds ------------------------------------------------------------------------------------------


def test_rss_entries_are_articles_and_an_entry_without_text_is_an_error():
    path = FIXTURES / "feed.rss"
    articles, errors = split(read_feed(path))
    assert [a.title for a in articles] == [
        "Kenya and Somalia resume maritime border talks",
        "Floods cut roads in northern Mozambique",
    ]
    kenya, mozambique = articles
    assert kenya.url == "https://wire.example.com/africa/kenya-somalia-talks"
    assert kenya.published == date(2021, 11, 25) and kenya.dateline == "NAIROBI"
    assert kenya.source == "Example Wire: Africa"
    # the full content, not the summary, as plain text
    assert kenya.text == (
        "NAIROBI, Nov 25 (Reuters) - Kenya and Somalia resumed talks in Nairobi on Thursday on their "
        "disputed maritime border.\nDiplomats said the talks would last two days."
    )
    assert mozambique.text.startswith("Heavy rain cut the main road between Pemba and Montepuez")
    assert mozambique.published == date(2021, 11, 27)
    assert [str(e) for e in errors] == [f"{path}:item 2: feed entry has no text (no content or summary)"]
    assert errors[0].item == 2


def test_atom_and_rss1_rdf_feeds():
    (atom,) = read_file(FIXTURES / "feed.atom")
    assert atom.title == "Vietnam and Cambodia sign trade accord"
    assert atom.url == "https://asia.example.com/vietnam-cambodia-trade"
    assert atom.published == date(2022, 1, 10)  # <updated>: Atom entries often have no <published>
    assert atom.text == (
        "Vietnam and Cambodia signed a trade accord in Phnom Penh on Monday, cutting tariffs on rice and "
        "rubber."
    )
    (rdf,) = read_file(FIXTURES / "feed.rdf")
    assert (rdf.title, rdf.url, rdf.published) == (
        "Earthquake shakes southern Peru",
        "https://latam.example.net/peru-quake",
        date(2022, 2, 15),
    )
    assert rdf.source == "Example Latin America"


def test_a_feed_saved_as_xml_is_read_and_other_xml_is_reported(tmp_path):
    feed = tmp_path / "wire.xml"
    shutil.copy(FIXTURES / "feed.rdf", feed)
    (article,) = read_file(feed)
    assert article.title == "Earthquake shakes southern Peru"
    other = tmp_path / "settings.xml"
    other.write_text('<?xml version="1.0"?><settings><theme>dark</theme></settings>')
    (error,) = read_file(other)
    assert isinstance(error, IngestError) and str(error) == f"{other}: not an RSS or Atom feed"
    # In a folder, only the feed is taken: a sitemap or config beside it is passed over, not an error.
    assert list(iter_input_files([tmp_path])) == [feed]


def test_malformed_feed_keeps_the_entries_it_could_read_and_reports_once(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Talks in Addis Ababa</title><description>Ethiopian and Sudanese officials met in "
        "Addis Ababa on Monday.</description></item>"
        "<item><title>Border & trade</title><description>Unescaped ampersand and no closing tags",
        encoding="utf-8",
    )
    articles, errors = split(read_file(path))
    assert articles[0].title == "Talks in Addis Ababa"
    assert articles[0].text == "Ethiopian and Sudanese officials met in Addis Ababa on Monday."
    (error,) = errors
    assert str(error).startswith(f"{path}: malformed feed")
    assert "not well-formed" in str(error)


# -- JSON -------------------------------------------------------------------------------------------


def test_json_object_with_an_article_list_and_bad_items_named_by_number():
    path = FIXTURES / "articles.json"
    articles, errors = split(read_json(path))
    doha, oman = articles
    assert doha.title == "Envoys meet in Doha over Afghan aid"  # "headline"
    assert doha.text.startswith("DOHA, Nov 26, 2021 (AFP) - Envoys from the United States and Qatar")
    assert_no_script(doha.text)  # "content" held HTML with a script
    assert doha.url == "https://gulf.example.com/doha-envoys"  # "link"
    assert doha.source == "Example Gulf Times"  # "source": {"name": ...}
    assert doha.published == date(2021, 11, 26)  # no date field: the dateline's
    assert (oman.published, oman.source) == (date(2021, 11, 28), "articles.json")  # RFC 822 "pubDate"
    assert [(e.item, e.line) for e in errors] == [(2, None), (3, None)]
    assert str(errors[0]).startswith(f"{path}:item 2: no text")
    assert str(errors[1]) == f"{path}:item 3: expected an object, found a string"


@pytest.mark.parametrize(
    "document",
    [
        [{"text": "Ships collided off Singapore.", "title": "Collision"}],
        {"items": [{"text": "Ships collided off Singapore.", "title": "Collision"}]},
        {"response": {"results": [{"text": "Ships collided off Singapore.", "title": "Collision"}]}},
        {"text": "Ships collided off Singapore.", "title": "Collision"},
    ],
    ids=["array", "items", "nested-results", "single-object"],
)
def test_json_shapes(tmp_path, document):
    path = tmp_path / "news.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    (article,) = read_file(path)
    assert (article.title, article.text) == ("Collision", "Ships collided off Singapore.")


def test_json_errors_name_the_line_and_jsonl_saved_as_json_is_read(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"articles": [\n  {"text": "Fine."},\n  {"text": oops}\n]}', encoding="utf-8")
    (error,) = read_file(broken)
    assert (
        isinstance(error, IngestError) and error.line == 3 and str(error).startswith(f"{broken}:3: invalid")
    )
    array = tmp_path / "array.json"  # an array json cannot parse whole is read item by item
    array.write_text('[\n  {"text": "Fine."},\n  {"text": oops}\n]', encoding="utf-8")
    article, error = read_file(array)
    assert article.text == "Fine."
    assert (error.line, error.item) == (3, 2)
    assert str(error) == f"{array}:3: item 2: invalid JSON (Expecting value)"
    empty = tmp_path / "empty.json"
    empty.write_text('{"articles": []}', encoding="utf-8")
    (error,) = read_file(empty)
    assert str(error) == f"{empty}: no articles (the array is empty)"
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "Rain in Accra."}\n{"text": "Sun in Lome."}\n', encoding="utf-8")
    assert [a.text for a in read_file(lines)] == ["Rain in Accra.", "Sun in Lome."]


def test_jsonl_fields_are_configurable_with_fallbacks_and_dotted_paths(tmp_path):
    path = tmp_path / "wire.ndjson"
    records = [
        {
            "body": "Protesters marched in Tbilisi.",
            "headline": "March",
            "published_at": "2023-03-08T10:00:00Z",
        },
        {"copy": "Talks ended in Baku.", "meta": {"title": "Talks", "when": "8 March 2023"}},
        {"copy": ""},
    ]
    path.write_text("\n".join(map(json.dumps, records)), encoding="utf-8")
    default, errors = split(read_file(path))
    assert [(a.title, a.published) for a in default] == [("March", date(2023, 3, 8))]
    assert [e.line for e in errors] == [2, 3]
    fields = Fields(text="copy", title="meta.title", date="meta.when")
    configured, errors = split(read_json_lines(path, fields))
    assert [(a.text, a.title, a.published) for a in configured] == [
        ("Protesters marched in Tbilisi.", "March", date(2023, 3, 8)),  # no "copy": "body" is used
        ("Talks ended in Baku.", "Talks", date(2023, 3, 8)),
    ]
    looked_for = '"copy", "text", "body", "content"...'
    assert [str(e) for e in errors] == [
        f"{path}:3: no text (looked for {looked_for}; name it with --text-field)"
    ]
    with use_fields(fields):  # what `ingest --text-field copy ...` does
        assert [a.title for a in split(read_file(path))[0]] == ["March", "Talks"]


def test_field_lookup_is_case_insensitive_and_tries_the_configured_name_first():
    fields = Fields(title="subject")
    record = {
        "Title": "Generic",
        "SUBJECT": "Specific",
        "Text": "Body text.",
        "Meta": {"Link": "https://x.test"},
    }
    assert fields.get(record, "title") == "Specific"
    assert Fields().get(record, "title") == "Generic"
    assert Fields(url="meta.link").get(record, "url") == "https://x.test"
    assert Fields().get(record, "url") is None


# -- CSV / TSV --------------------------------------------------------------------------------------


def test_csv_delimiter_is_sniffed_and_broken_rows_are_reported_by_line():
    path = FIXTURES / "articles.csv"  # semicolons, CRLF, a quoted cell over two lines, three bad rows
    articles, errors = split(read_file(path))
    assert [a.title for a in articles] == [
        "Rain floods Dhaka streets",
        "Quake near Lima",
        "Port strike in Santos",
    ]
    dhaka, lima, santos = articles
    assert dhaka.text == "Monsoon rain flooded streets in Dhaka; schools were closed."
    assert (dhaka.url, dhaka.published) == ("https://desk.example.com/dhaka", date(2021, 11, 25))
    assert lima.text == "A strong earthquake shook Lima on Saturday.\nNo damage was reported, officials said."
    assert santos.published == date(2021, 11, 29)  # "Nov 29, 2021"
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (3, "stray quote inside a quoted field"),
        (6, "expected 5 fields, found 2"),
        (7, "no text"),
    ]
    assert all(str(e).startswith(f"{path}:{e.line}: ") for e in errors)


def test_an_unterminated_quote_does_not_swallow_the_rows_after_it(tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text(
        "title,text\n"
        'Strike in Lagos,"Workers in Lagos began a strike.\n'
        "Storm in Manila,A storm hit Manila overnight.\n"
        "Vote in Quito,Ecuadorians voted on Sunday.\n",
        encoding="utf-8",
    )
    articles, errors = split(read_file(path))
    assert [a.title for a in articles] == ["Storm in Manila", "Vote in Quito"]
    assert [(e.line, e.reason) for e in errors] == [(2, "unterminated quoted field")]


def test_tsv_with_a_field_larger_than_the_csv_default_limit(tmp_path):
    path = tmp_path / "long.tsv"
    long_text = "Negotiators in Geneva, Switzerland, talked late. " * 8000  # 400k chars > csv's 131072
    path.write_text(
        f"headline\tcontent\nLong talks\t{long_text}\nShort\tTalks ended in Vienna.\n", encoding="utf-8"
    )
    cut, long, short = read_file(path)
    assert isinstance(cut, IngestWarning) and cut.line == 2
    assert long.title == "Long talks" and len(long.text) == MAX_TEXT_CHARS
    assert short.text == "Talks ended in Vienna."


def test_csv_without_a_text_column_is_one_error_unless_the_column_is_named(tmp_path):
    path = tmp_path / "desk.csv"
    path.write_text("when,copy\n2022-05-01,Ministers met in Accra.\n", encoding="utf-8")
    (error,) = read_file(path)
    assert isinstance(error, IngestError) and error.line == 1 and "no text column" in str(error)
    (article,) = tabular.read_table(path, Fields(text="copy", date="when"))
    assert (article.text, article.published) == ("Ministers met in Accra.", date(2022, 5, 1))


def test_csv_with_a_recognised_header_goes_to_its_own_reader(tmp_path, monkeypatch):
    path = tmp_path / "export.csv"
    path.write_text("event_id_cnty,event_date,notes\nX1,2022-01-01,Clashes\n", encoding="utf-8")
    monkeypatch.setattr(
        tabular,
        "HEADER_READERS",
        [(lambda header: "event_id_cnty" in header, lambda p: [IngestError(p, "routed")])],
    )
    (item,) = read_file(path)
    assert str(item) == f"{path}: routed"


# -- dates ------------------------------------------------------------------------------------------


def test_published_date_falls_back_to_a_dateline_that_gives_the_year():
    assert make_article("RABAT, Nov 25, 2021 (Reuters) - Morocco recalled its envoy.").published == date(
        2021, 11, 25
    )
    assert make_article("PARIS, 3 March 2022 (AFP) — France said.").published == date(2022, 3, 3)
    metadata_wins = make_article("RABAT, Nov 25, 2021 (Reuters) - Talks.", published="2021-11-26")
    assert metadata_wins.published == date(2021, 11, 26)
    assert make_article("RABAT, Nov 25 (Reuters) - No year, no date.").published is None
    assert make_article("Morocco said on Nov 25, 2021 that talks ended.").published is None  # not a dateline


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Thu, 25 Nov 2021 08:00:00 GMT", date(2021, 11, 25)),
        ("2021-11-25T23:30:00-05:00", date(2021, 11, 25)),
        ("2021/11/25", date(2021, 11, 25)),
        ("November 25, 2021", date(2021, 11, 25)),
        ("20211125", date(2021, 11, 25)),
        (1637827200, date(2021, 11, 25)),
        ("1637827200000", date(2021, 11, 25)),
        ("2021", None),
        ("11/12/2021", None),
        ("2021-02-30", None),
        ("soon", None),
    ],
)
def test_parse_date_reads_the_usual_forms(value, expected):
    assert parse_date(value) == expected


# -- bad files --------------------------------------------------------------------------------------


def test_text_files_must_be_utf8_but_a_utf16_bom_is_honoured(tmp_path):
    latin1 = tmp_path / "old.csv"
    latin1.write_bytes("title,text\nCaf\xe9,Talks in Bogot\xe1.\n".encode("latin-1"))
    (error,) = read_file(latin1)
    assert isinstance(error, IngestError) and error.line == 2 and "not valid UTF-8" in str(error)
    utf16 = tmp_path / "excel.txt"
    utf16.write_text("Talks in Bogotá\n\nNegotiators met in Bogotá.", encoding="utf-16")
    (article,) = read_file(utf16)
    assert article.title == "Talks in Bogotá"


def test_every_new_suffix_is_found_in_folders(tmp_path):
    names = ["a.html", "b.htm", "c.json", "d.ndjson", "e.csv", "f.tsv", "g.rss", "h.atom", "i.rdf", "j.xml"]
    for name in names:
        (tmp_path / "deep" / "er").mkdir(parents=True, exist_ok=True)
        (tmp_path / "deep" / "er" / name.upper()).write_text("<rss>" if name.endswith(".xml") else "x")
    (tmp_path / "notes.docx").write_text("x")
    assert sorted(p.name.lower() for p in iter_input_files([tmp_path])) == names


def test_cli_field_options_name_the_fields(tmp_path, capsys):
    feed = tmp_path / "export.json"
    feed.write_text(
        json.dumps({"data": [{
            "copy": "Ministers from Ghana and Togo met in Accra on Tuesday to discuss border security.",
            "meta": {"headline": "Ghana and Togo discuss border security", "when": "2022-05-03"},
            "permalink": "https://westafrica.example.com/ghana-togo",
            "title": "not this one",
        }]}),
        encoding="utf-8",
    )  # fmt: skip
    table = tmp_path / "desk.csv"
    table.write_text(
        "subject,copy,filed,address\n"
        "Senegal port reopens,Dakar's port reopened on Friday after a strike.,2022-05-06,https://x.test/dakar\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    ingest = ["ingest", "--db", str(db), "--workers", "1", "--text-field", "copy"]
    json_options = ["--title-field", "meta.headline", "--date-field", "meta.when", "--url-field", "permalink"]
    assert main([*ingest, *json_options, str(feed)]) == 0
    csv_options = ["--title-field", "subject", "--date-field", "filed", "--url-field", "address"]
    assert main([*ingest, *csv_options, str(table)]) == 0
    stored = {a.title: a for a in in_store.articles(Store(db))}
    assert set(stored) == {"Ghana and Togo discuss border security", "Senegal port reopens"}
    ghana = stored["Ghana and Togo discuss border security"]
    assert (ghana.url, ghana.published) == ("https://westafrica.example.com/ghana-togo", date(2022, 5, 3))
    assert stored["Senegal port reopens"].published == date(2022, 5, 6)
    assert capsys.readouterr().out.count("1 ingested, 0 duplicates skipped, 0 failed") == 2


def test_cli_ingests_a_folder_of_mixed_formats_recursively(tmp_path, capsys):
    (tmp_path / "in" / "feeds" / "asia").mkdir(parents=True)
    (tmp_path / "in" / "pages").mkdir()
    shutil.copy(FIXTURES / "page.html", tmp_path / "in" / "pages" / "page.html")
    shutil.copy(FIXTURES / "feed.atom", tmp_path / "in" / "feeds" / "asia" / "desk.atom")
    shutil.copy(FIXTURES / "feed.rdf", tmp_path / "in" / "feeds" / "latam.xml")
    (tmp_path / "in" / "brief.md").write_text("# Talks in Oslo\n\nEnvoys met in Oslo.", encoding="utf-8")
    (tmp_path / "in" / "wire.jsonl").write_text('{"text": "Rain fell on Lima."}\n', encoding="utf-8")
    (tmp_path / "in" / "pages" / "rows.tsv").write_text("title\ttext\nPort\tThe port of Durban reopened.\n")
    db = tmp_path / "s.db"
    assert main(["ingest", str(tmp_path / "in"), "--db", str(db), "--workers", "1"]) == 0
    assert "6 ingested, 0 duplicates skipped, 0 failed" in capsys.readouterr().out
    titles = {a.title for a in in_store.articles(Store(db))}
    assert "Morocco and Spain agree to reopen border crossings" in titles
    assert {"Vietnam and Cambodia sign trade accord", "Earthquake shakes southern Peru", "Port"} <= titles


def test_each_bad_input_is_one_error_naming_it_and_the_rest_goes_in(tmp_path, capsys):
    batch = tmp_path / "batch"
    batch.mkdir()
    good = batch / "good.txt"
    good.write_text("Talks in Rabat\n\nMinisters from Morocco and Spain met in Rabat.", encoding="utf-8")
    shutil.copy(FIXTURES / "page.html", batch / "scripts.html")  # scripts: read, their code left out
    bad = {
        "photo.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "latin1.txt": "Caf\xe9 talks\nMinisters met at a caf\xe9.".encode("latin-1"),
        "rows.csv": b'title,text\nGood row,Envoys met in Nairobi.\nBad row,"never closed\n',
        "broken.rss": b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>Vote in Lusaka</title>'
        b"<description>Zambians voted in Lusaka.</description></item><item><title>A & B",
    }
    for name, data in bad.items():
        (batch / name).write_bytes(data)
    huge = batch / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    db = tmp_path / "s.db"
    assert main(["ingest", str(batch), "--db", str(db), "--workers", "1"]) == 1
    out, err = capsys.readouterr()
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    by_file = {name: [line for line in lines if f"{batch / name}:" in line] for name in [*bad, "huge.json"]}
    assert all(len(found) == 1 for found in by_file.values()), by_file
    assert len(lines) == 5
    assert "binary file" in by_file["photo.html"][0]
    assert f"{batch / 'latin1.txt'}:1: not valid UTF-8" in by_file["latin1.txt"][0]
    assert f"{batch / 'rows.csv'}:3: unterminated quoted field" in by_file["rows.csv"][0]
    assert (
        "malformed feed at line 1 (not well-formed (invalid token)); read 1 entries, skipped 1"
        in by_file["broken.rss"][0]
    )
    assert "larger than 20 MB" in by_file["huge.json"][0]
    assert "4 ingested, 0 duplicates skipped, 5 failed" in out
    stored = in_store.articles(Store(db))
    assert {a.title for a in stored} == {
        "Talks in Rabat", "Morocco and Spain agree to reopen border crossings", "Good row", "Vote in Lusaka"
    }  # fmt: skip
    for article in stored:
        assert_no_script(article.text)


def test_json_lines_stream_so_a_file_may_be_any_size_and_one_bad_line_is_only_that_line(
    tmp_path, monkeypatch
):
    from dashboard.ingest import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)  # a collection is not bound by the per-file limit
    monkeypatch.setattr(files, "MAX_LINE_BYTES", 400)  # ...but each of its lines is
    lines = [json.dumps({"text": f"Envoys met in Nairobi for round {n} of the talks."}) for n in range(60)]
    lines[10] = json.dumps({"text": "Delegates met in Rabat. " * 40})  # too long
    body = ("\n".join(lines) + "\n").encode("utf-8")
    body = body.replace(b"round 20 ", "round \xe9 ".encode("latin-1"))  # not UTF-8
    path = tmp_path / "big.jsonl"
    path.write_bytes(codecs.BOM_UTF8 + body)
    assert path.stat().st_size > 1000
    items = list(read_file(path))
    errors = [item for item in items if isinstance(item, IngestError)]
    assert [(error.line, error.reason.split(" (")[0]) for error in errors] == [
        (11, "line longer than 0 MB"),
        (21, "not valid UTF-8 text"),
    ]
    assert len(items) - len(errors) == 58


# -- CSV / TSV streaming ----------------------------------------------------------------------------


def wire_rows(count: int) -> list[str]:
    return [
        f'Talks {n},"Envoys met in Nairobi for round {n} of the talks, officials said."\n'
        for n in range(count)
    ]


def test_csv_streams_so_a_table_may_be_larger_than_the_file_limit(tmp_path, monkeypatch):
    from dashboard.ingest import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)  # a table is a collection: no per-file limit
    path = tmp_path / "wire.csv"
    path.write_text("title,text\n" + "".join(wire_rows(200)), encoding="utf-8")
    assert path.stat().st_size > 1000
    articles, errors = split(read_file(path))
    assert errors == [] and len(articles) == 200
    assert (articles[-1].title, articles[-1].text) == (
        "Talks 199",
        "Envoys met in Nairobi for round 199 of the talks, officials said.",
    )


def test_a_non_utf8_line_in_a_csv_is_reported_alone_and_the_rest_is_read(tmp_path):
    path = tmp_path / "desk.csv"
    rows = "".join(wire_rows(6)).encode("utf-8")
    rows = rows.replace(b"round 3 ", "round caf\xe9 ".encode("latin-1"))
    path.write_bytes(b"title,text\n" + rows)
    articles, errors = split(read_file(path))
    assert [a.title for a in articles] == ["Talks 0", "Talks 1", "Talks 2", "Talks 4", "Talks 5"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [(5, "not valid UTF-8 text")]


def test_a_broken_quote_mid_file_restarts_on_the_next_line_while_streaming(tmp_path, monkeypatch):
    path = tmp_path / "wire.csv"
    rows = [f"Talks {n},Envoys met in Nairobi for round {n} of the talks.\n" for n in range(8)]
    rows[1] = 'Storm in Manila,"A storm hit Manila "overnight".\n'  # a stray quote
    rows[3] = 'Strike in Lagos,"Workers in Lagos began a strike.\n'  # unterminated: runs to the end
    path.write_text("title,text\n" + "".join(rows), encoding="utf-8")
    articles, errors = split(read_file(path))
    assert [a.title for a in articles] == [f"Talks {n}" for n in (0, 2, 4, 5, 6, 7)]
    assert [(e.line, e.reason) for e in errors] == [
        (3, "stray quote inside a quoted field"),
        (5, "unterminated quoted field"),
    ]
    # A record running on past the record limit with no quote to close it before the end of the file: the
    # lines after its first are read again, from the file.
    monkeypatch.setattr(tabular, "MAX_RECORD_CHARS", 150)
    articles, errors = split(read_file(path))
    assert [a.title for a in articles] == [f"Talks {n}" for n in (0, 2, 4, 5, 6, 7)]
    assert [(e.line, e.reason) for e in errors] == [
        (3, "stray quote inside a quoted field"),
        (5, "unterminated quoted field"),
    ]


def test_a_quoted_cell_cut_by_an_unreadable_line_is_one_broken_row_and_that_line_is_reported_once(tmp_path):
    path = tmp_path / "wire.csv"
    body = (
        "title,text\n"
        'Strike in Lagos,"Workers in Lagos began a strike.\n'
        "Caf\xe9 owners joined them.\n"
        'Pay talks are set for Monday."\n'
        "Vote in Quito,Ecuadorians voted on Sunday.\n"
    )
    path.write_bytes(body.encode("latin-1"))
    articles, errors = split(read_file(path))
    assert [a.title for a in articles] == ["Vote in Quito"]
    assert [(e.line, e.reason.split(" (")[0]) for e in errors] == [
        (2, "unterminated quoted field"),  # (line 3 is unreadable)
        (3, "not valid UTF-8 text"),
        (4, "expected 2 fields, found 1"),
    ]
    assert "line 3 is unreadable" in errors[0].reason


def test_a_utf16_csv_keeps_its_lines_whole(tmp_path):
    path = tmp_path / "excel.csv"
    text = 'title\ttext\r\nTalks\tEnvoys met\u2028in Bogotá.\r\nVote\t"Colombians voted\r\non Sunday."\r\n'
    path.write_text(text, encoding="utf-16")
    articles, errors = split(read_file(path))
    assert errors == [] and [a.title for a in articles] == ["Talks", "Vote"]
    assert articles[1].text == "Colombians voted\non Sunday."


def test_reading_a_large_csv_holds_about_one_row(tmp_path):
    import tracemalloc

    path = tmp_path / "big.csv"
    text = "Envoys met in Nairobi for round {n} of the talks, officials said. " * 15
    with path.open("w", encoding="utf-8") as handle:
        handle.write("title,text\n")
        handle.writelines(f'Talks {n},"{text.format(n=n)}"\n' for n in range(5000))
    size = path.stat().st_size  # 5 MB
    tracemalloc.start()
    try:
        count = sum(1 for item in tabular.read_table(path) if not isinstance(item, IngestError))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 5000
    assert peak < size / 20, (peak, size)  # measured: ~40 KB
