"""GDELT 2.0 event exports and ACLED CSV exports imported as the product's own records.

The fixture files are written here in the documented formats (no third-party rows are copied); the real
GDELT sample in ../shared is read where it exists and skipped cleanly where it does not.
"""

from __future__ import annotations

import csv
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import in_store
import pytest

from dashboard.ingest import IngestError, iter_input_files, read_file
from dashboard.ingest.acled import is_acled_header, plover
from dashboard.ingest.gdelt import COLUMNS, cameo, fips_countries
from dashboard.ingest.locations import Location, PlaceResolver
from dashboard.model import Extraction, content_id
from dashboard.pipeline import ingest
from dashboard.queries import place_report
from dashboard.selection import Selection
from dashboard.views.place_panel import _link

GDELT_SAMPLE = Path(__file__).resolve().parents[2] / "shared/data/gdelt-sample/20150218230000.export.CSV"
NAIROBI, MOGADISHU, RIYADH, LAAYOUNE = "184745", "53654", "108410", "2462881"
# GDELT's events come in at IMPORTED_CONFIDENCE, the map's default minimum: shown at first.
EVERY_EVENT = Selection()


def no_nlp(article):
    """A pipeline stand-in: imported records never reach it; a plain CSV's articles get no extraction."""
    return Extraction(article)


# ------------------------------------------------------------------------------------------- GDELT


def gdelt_line(event_id: str, code: str, url: str, geo=(), **values: str) -> str:
    """One export line: 61 tab-separated fields; `geo` = ActionGeo (Type, FullName, CountryCode, ADM1Code,
    Lat, Long); other columns by name."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        GLOBALEVENTID=event_id, SQLDATE="20240301", MonthYear="202403", Year="2024", FractionDate="2024.1644",
        IsRootEvent="1", EventCode=code, EventBaseCode=code[:3], EventRootCode=code[:2], QuadClass="1",
        DATEADDED="20240302120000", SOURCEURL=url,
    )  # fmt: skip
    if geo:
        kind, name, country, adm1, lat, lon = geo
        row.update(ActionGeo_Type=kind, ActionGeo_FullName=name, ActionGeo_CountryCode=country)
        row.update(ActionGeo_ADM1Code=adm1, ActionGeo_Lat=lat, ActionGeo_Long=lon, ActionGeo_FeatureID="-1")
    row.update(values)
    return "\t".join(row[column] for column in COLUMNS)


def actor(n: int, code: str, name: str, country: str, sector: str = "") -> dict[str, str]:
    return {
        f"Actor{n}Code": code,
        f"Actor{n}Name": name,
        f"Actor{n}CountryCode": country,
        f"Actor{n}Type1Code": sector,
    }


URL_A, URL_B, URL_C = "https://news.example/a", "https://news.example/b", "https://news.example/c"
NAIROBI_GEO = ("4", "Nairobi, Nairobi Area, Kenya", "KE", "KE05", "-1.28333", "36.8167")
GDELT_LINES = [
    # 1: a visit to Nairobi (CAMEO 042 -> CONSULT, mode visit)
    gdelt_line("1001", "042", URL_A, NAIROBI_GEO, **actor(1, "RWAGOV", "PAUL KAGAME", "RWA", "GOV"),
               **actor(2, "KEN", "KENYA", "KEN")),
    # 2: same article; an attack located only at country level (FIPS SO -> SOM)
    gdelt_line("1002", "190", URL_A, ("1", "Somalia", "SO", "SO", "10", "49"),
               **actor(1, "SOMREB", "AL SHABAAB", "SOM", "REB")),
    # 3: a public statement (CAMEO 010): kept in the text, no PLOVER event
    gdelt_line("1003", "010", URL_B, NAIROBI_GEO, **actor(1, "KEN", "KENYA", "KEN")),
    # 4: a line cut short
    "\t".join(gdelt_line("1004", "042", URL_B).split("\t")[:60]),
    # 5: an unreadable SQLDATE
    gdelt_line("1005", "042", URL_B, SQLDATE="2024-03-01"),
    # 6: an unnamed place that Morocco's FIPS code puts in Morocco but that lies in Western Sahara
    gdelt_line("1006", "173", URL_C, ("4", "Nowhere Camp, Morocco", "MO", "MO00", "26.74", "-11.68"),
               **actor(1, "MARCOP", "POLICE", "MAR", "COP")),
    # 7: a US state (ADM1 code USTX)
    gdelt_line("1007", "141", URL_C, ("2", "Texas, United States", "US", "USTX", "31.106", "-97.6475"),
               **actor(1, "USAOPP", "PROTESTER", "USA", "OPP")),
    # 8: Gaza at country level (FIPS GZ)
    gdelt_line("1008", "1823", URL_C, ("1", "Gaza Strip", "GZ", "GZ", "31.4167", "34.3333"),
               **actor(1, "ISRMIL", "ISRAELI TROOPS", "ISR", "MIL"), **actor(2, "PSE", "PALESTINIAN", "PSE")),
    # 9: GDELT's "?" for an untransliterated letter in the ADM1 name; the city still resolves
    gdelt_line("1009", "036", URL_C,
               ("4", "Riyadh, Ar Riya?, Saudi Arabia", "SA", "SA10", "24.6408", "46.7728"),
               **actor(1, "SAUGOV", "SAUDI ARABIA", "SAU", "GOV")),
]  # fmt: skip
GDELT_TEXT = "\n".join(GDELT_LINES) + "\n"
EXPORT = "20240302120000.export.CSV"


@pytest.fixture
def export(tmp_path):
    path = tmp_path / EXPORT
    path.write_text(GDELT_TEXT, encoding="utf-8")
    return path


def stored_events(store):
    return {event.id: event for event in in_store.events(store)}


GDELT_EVENTS = ("1001", "1002", "1006", "1007", "1008", "1009")  # the rows that code a PLOVER event


def gdelt_id(event_id: str) -> str:
    return content_id("gdelt", event_id)


def test_cameo_table_and_fips_codes():
    assert (cameo("042").plover, cameo("042").mode) == ("CONSULT", "visit")
    assert cameo("0211").plover == "REQUEST"  # appeals, as the event coder reads them
    assert cameo("010").plover == "" and cameo("010").description.startswith("Make statement")
    assert cameo("1712").plover == "ASSAULT"  # destroy property: not its root's COERCE
    assert cameo("0499").plover == "CONSULT"  # an unknown code falls back to its root
    assert cameo("99") is None
    codes = fips_countries()
    assert [codes[c] for c in ("KE", "GM", "GZ", "WE", "RB")] == ["KEN", "DEU", "PSE", "PSE", "SRB"]


def test_gdelt_export_becomes_articles_events_and_actors(export, store, gazetteer):
    report = ingest([export], store, pipeline=no_nlp)
    assert report.added == 3  # one article per SOURCEURL
    assert [(error.line, error.path) for error in report.errors] == [(4, str(export)), (5, str(export))]
    assert "61 tab-separated columns, found 60" in report.errors[0].reason
    assert "SQLDATE" in report.errors[1].reason

    events = stored_events(store)
    assert set(events) == {gdelt_id(i) for i in GDELT_EVENTS}
    ids = {e.id: e.input_id for e in events.values()}
    assert ids == {gdelt_id(i): i for i in GDELT_EVENTS}  # each event keeps its GLOBALEVENTID
    visit = events[gdelt_id("1001")]
    assert (visit.type, visit.mode, visit.date_precision) == ("CONSULT", "visit", "day")
    assert visit.date == date(2024, 3, 1)
    assert (visit.source_country, visit.target_country, visit.place_id) == ("RWA", "KEN", NAIROBI)
    kagame = store.actors([visit.source_actor])[visit.source_actor]
    assert (kagame.name, kagame.kind) == ("PAUL KAGAME", "government")
    assert (kagame.country, kagame.sector) == ("RWA", "GOV")
    places = {i: events[gdelt_id(i)].place_id for i in ("1002", "1006", "1007", "1008", "1009")}
    assert places == {
        "1002": "SOM",
        "1006": "disputed:western-sahara",  # the point decides, not Morocco's FIPS code
        "1007": "admin1:USA-texas",
        "1008": "disputed:gaza-strip",
        "1009": RIYADH,
    }
    assert events[gdelt_id("1008")].type == "ASSAULT" and events[gdelt_id("1006")].mode == "arrest"

    # The article: url = SOURCEURL, published = DATEADDED, one readable line per row, evidence on its line.
    article = store.article(visit.article_id)
    assert (article.url, article.source, article.published) == (URL_A, "GDELT 2.0", date(2024, 3, 2))
    assert article.input_id is None  # the rows of one URL have their own ids, kept on their events
    lines = article.text.split("\n")
    assert len(lines) == 2
    assert article.text[visit.evidence_start : visit.evidence_end] == lines[0]
    assert lines[0] == (
        "2024-03-01, Nairobi, Nairobi Area, Kenya: PAUL KAGAME (Rwanda, government) → make a visit → KENYA"
        " [GDELT event 1001, CAMEO 042]"
    )
    statement = [a for a in in_store.articles(store) if a.url == URL_B]
    assert len(statement) == 1 and "make statement" in statement[0].text  # kept as text, no event
    assert store.search("KAGAME") == [article.id]


def test_gdelt_reimport_adds_nothing(export, store):
    ingest([export], store, pipeline=no_nlp)
    before = (store.article_count(), len(in_store.events(store)))
    again = ingest([export], store, pipeline=no_nlp)
    assert (again.added, again.duplicates, len(again.errors)) == (0, 3, 2)
    assert (store.article_count(), len(in_store.events(store))) == before


def test_gdelt_events_show_in_country_and_place_queries(export, store, gazetteer):
    ingest([export], store, pipeline=no_nlp)
    kenya = in_store.events(store, countries=["KEN"])
    assert [e.id for e in kenya] == [gdelt_id("1001")]
    report = place_report(store, gazetteer, NAIROBI, EVERY_EVENT)
    (view,) = report.events
    assert view.sentence.startswith("2024-03-01, Nairobi") and "PAUL KAGAME" in view.sentence
    assert view.article.url == URL_A and view.source.name == "PAUL KAGAME" and view.target.country == "KEN"
    gaza = place_report(store, gazetteer, "disputed:gaza-strip", EVERY_EVENT)
    assert [v.event.id for v in gaza.events] == [gdelt_id("1008")]
    # The line names its place, and that name is a mention: imports count on the mentions layer and
    # list in the place's Mentions tab like extracted articles.
    assert report.mention_count >= 1 and URL_A in {hits.article.url for hits in report.articles}
    for mention in in_store.mentions(store):
        article = store.article(mention.article_id)
        assert article.text[mention.start : mention.end] == mention.text and mention.role == "literal"
        sentence = article.text[mention.sentence_start : mention.sentence_end]
        assert sentence.startswith(f"{sentence[:10]}, {mention.text}:")  # "<day>, <place name>: ..."
        assert "\n" not in sentence and mention.sentence_end <= len(article.text)
    assert {m.place_id for m in in_store.mentions(store)} >= {
        e.place_id for e in in_store.events(store) if e.place_id
    }


def test_gdelt_zipped_export_reads_like_the_plain_one(export, tmp_path, store):
    archive = tmp_path / "zipped" / f"{EXPORT}.zip"
    archive.parent.mkdir()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(export, EXPORT)
    assert list(iter_input_files([archive.parent])) == [archive]  # found by name in a folder
    plain, zipped = list(read_file(export)), list(read_file(archive))
    assert [type(i) for i in zipped] == [type(i) for i in plain]
    assert [i.events for i in zipped if isinstance(i, Extraction)] == [
        i.events for i in plain if isinstance(i, Extraction)
    ]
    assert [e.line for e in zipped if isinstance(e, IngestError)] == [4, 5]
    report = ingest([archive], store, pipeline=no_nlp)
    assert report.added == 3 and len(in_store.events(store)) == 6


def test_gdelt_bad_archives_and_other_gdelt_files_are_reported(tmp_path):
    two = tmp_path / "two.export.CSV.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.writestr("a.export.CSV", GDELT_LINES[0])
        z.writestr("b.export.CSV", GDELT_LINES[0])
    broken = tmp_path / "broken.export.CSV.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    mentions = tmp_path / "20240302120000.mentions.CSV"
    mentions.write_text("1\t2\n", encoding="utf-8")
    for path, reason in ((two, "found 2"), (broken, "not a valid zip"), (mentions, "not imported")):
        (error,) = list(read_file(path))
        assert isinstance(error, IngestError) and reason in error.reason and error.path == str(path)


def test_gdelt_fields_are_bounded_and_control_characters_dropped(tmp_path):
    path = tmp_path / "long.export.CSV"
    name = "A\x1bB" + "X" * 5000
    url = "https://news.example/" + "y" * 5000
    path.write_text(gdelt_line("7", "042", url, NAIROBI_GEO, **actor(1, "KEN", name, "KEN")) + "\n")
    (extraction,) = list(read_file(path))
    (source,) = [a for a in extraction.actors if a.name.startswith("A B")]
    assert len(source.name) == 200 and len(extraction.article.url) == 2000
    assert "\x1b" not in extraction.article.text


def test_gdelt_real_sample(store, gazetteer):
    """The first 500 rows of GDELT 2.0's first batch (../shared); skipped when the sample is absent."""
    if not GDELT_SAMPLE.is_file():
        pytest.skip("GDELT sample not available (../shared/data/gdelt-sample)")
    report = ingest([GDELT_SAMPLE], store, pipeline=no_nlp)
    assert report.errors == [] and report.added == 213  # distinct SOURCEURLs
    articles = in_store.articles(store)
    assert sum(len(a.text.split("\n")) for a in articles) == 500  # every row is a line of some article
    events = in_store.events(store)
    assert len(events) == 453  # 500 rows less the 47 public statements (CAMEO 01), which PLOVER drops
    kagame = stored_events(store)[gdelt_id("410412439")]
    assert (kagame.type, kagame.mode) == ("CONSULT", "visit")  # CAMEO 042
    assert {e.coder for e in events} == {"GDELT"}  # provenance: machine-coded by GDELT, imported
    assert (kagame.source_country, kagame.target_country, kagame.date) == ("RWA", "KEN", date(2015, 2, 17))
    assert kagame.place_id == NAIROBI  # FIPS KE -> KEN, then the city named Nairobi at the point
    kinds = Counter(gazetteer.place(e.place_id).kind if e.place_id else None for e in events)
    assert kinds["city"] >= 150 and kinds["admin1"] >= 120 and kinds["country"] >= 100 and kinds[None] <= 15
    mentions = in_store.mentions(store)  # each row's place, where its line names it (CAMEO 01 rows included)
    assert len(mentions) >= 480 and all(
        store.article(m.article_id).text[m.start : m.end] == m.text for m in mentions
    )
    assert any(v.event.id == kagame.id for v in place_report(store, gazetteer, NAIROBI, EVERY_EVENT).events)
    again = ingest([GDELT_SAMPLE], store, pipeline=no_nlp)
    assert (again.added, again.duplicates, len(in_store.events(store))) == (0, 213, 453)


def test_an_import_with_its_indexes_built_at_the_end_stores_the_same_records(store, gazetteer, tmp_path):
    """A large import builds the store's secondary indexes at its end (`defer_indexes`): the same records,
    the same answers to the panel's query, every index back, and re-importing still adds nothing."""
    if not GDELT_SAMPLE.is_file():
        pytest.skip("GDELT sample not available (../shared/data/gdelt-sample)")
    from dashboard.store import Store

    deferred = Store(tmp_path / "deferred.db")
    for into, defer in ((store, False), (deferred, True)):
        ingest([GDELT_SAMPLE], into, pipeline=no_nlp, defer_indexes=defer)
    assert sorted(in_store.events(deferred), key=repr) == sorted(in_store.events(store), key=repr)
    assert sorted(in_store.mentions(deferred), key=repr) == sorted(in_store.mentions(store), key=repr)
    listed = [place_report(s, gazetteer, NAIROBI, EVERY_EVENT).events for s in (store, deferred)]
    assert [v.event.id for v in listed[0]] == [v.event.id for v in listed[1]] != []
    with deferred.read() as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"events_by_place_type", "events_by_date_type", "events_by_article", "mentions_by_place"} <= names
    again = ingest([GDELT_SAMPLE], deferred, pipeline=no_nlp, defer_indexes=True)
    assert (again.added, len(in_store.events(deferred))) == (0, 453)


def test_an_import_defers_indexes_when_its_tables_are_large_and_at_least_the_store(
    store, tmp_path, monkeypatch
):
    """Guessed from the files' sizes (a zipped export's once unzipped), before anything is read: tables
    only (an article a file is extracted far slower than the indexes are written)."""
    from dashboard import pipeline

    monkeypatch.setattr(pipeline, "DEFER_INDEXES_ROWS", 10)
    big = tmp_path / "20240101000000.export.CSV"
    big.write_bytes(b"x\t" * 2_000 + b"\n")  # 4,001 bytes: 10 rows of 400
    zipped = tmp_path / "20240101001500.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("20240101001500.export.CSV", b"x\t" * 2_000 + b"\n")
    assert zipped.stat().st_size < 400 and pipeline.table_bytes(zipped) == 4_001
    texts = tmp_path / "story.txt"
    texts.write_text("Rabat. " * 1_000)
    assert pipeline.defers_indexes([big], store) and pipeline.defers_indexes([zipped], store)
    assert not pipeline.defers_indexes([texts], store)
    monkeypatch.setattr(store, "approximate_event_count", lambda: 100)  # a store larger than the import
    assert pipeline.defers_indexes([big, zipped], store) is False
    monkeypatch.setattr(store, "approximate_event_count", lambda: 20)
    assert pipeline.defers_indexes([big, zipped], store) is True


# ------------------------------------------------------------------------------------------- ACLED

ACLED_COLUMNS = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
).split(",")


def acled_row(**values: str) -> list[str]:
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update(year="2024", time_precision="1", disorder_type="Political violence", timestamp="1710000000")
    row.update(values)
    return [row[column] for column in ACLED_COLUMNS]


ACLED_ROWS = [
    acled_row(event_id_cnty="SOM1", event_date="2024-03-01", event_type="Battles",
              sub_event_type="Armed clash",
              actor1="Military Forces of Somalia (2022-)", inter1="1", actor2="Al Shabaab", inter2="2",
              iso="706", country="Somalia", admin1="Banadir", location="Mogadishu", latitude="2.0371",
              longitude="45.3438", geo_precision="1", source="Garowe Online", fatalities="3",
              notes="On 1 March 2024, Somali forces clashed with Al Shabaab in Mogadishu. 3 fatalities."),
    acled_row(event_id_cnty="KEN1", event_date="15 January 2023", time_precision="2", event_type="Protests",
              sub_event_type="Peaceful protest", actor1="Protesters (Kenya)", inter1="Protesters", iso="404",
              country="Kenya", admin1="Nairobi", location="Nairobi", latitude="-1.2833", longitude="36.8167",
              geo_precision="1", source="Daily Nation",
              notes='Teachers protested in Nairobi, demanding "fair pay".\nNo injuries were reported.'),
    acled_row(event_id_cnty="KEN2", event_date="2023-01-16", event_type="Strategic developments",
              sub_event_type="Change to group/activity", actor1="Protesters (Kenya)", inter1="6", iso="404",
              country="Kenya", location="Nairobi", latitude="-1.2833", longitude="36.8167",
              notes="The teachers' union renamed itself."),
    acled_row(event_id_cnty="KEN3", event_date="someday", event_type="Riots", sub_event_type="Mob violence",
              iso="404", country="Kenya", notes="Unreadable date."),
    acled_row(event_id_cnty="KEN4", event_date="2023-02-01", event_type="Riots",
              sub_event_type="Mob violence",
              actor1="Rioters (Kenya)", inter1="5", actor2="Civilians (Kenya)", inter2="7", iso="404",
              country="Kenya", admin1="Kisumu", location="Kisumu", latitude="-0.1022", longitude="34.7617",
              geo_precision="3", notes="A mob attacked a man somewhere in Kisumu county."),
    acled_row(event_id_cnty="ESH1", event_date="2023-05-04", event_type="Strategic developments",
              sub_event_type="Arrests", actor1="Police Forces of Morocco (1999-)", inter1="1",
              actor2="Civilians (Western Sahara)", inter2="7", iso="732", country="Western Sahara",
              location="Laayoune", latitude="27.1536", longitude="-13.2033", geo_precision="1"),
]  # fmt: skip


@pytest.fixture
def acled(tmp_path):
    path = tmp_path / "acled_export.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ACLED_COLUMNS)
        writer.writerows(ACLED_ROWS)
    return path


def acled_id(event_id: str) -> str:
    return content_id("acled", event_id)


def test_acled_header_is_recognised():
    assert is_acled_header(ACLED_COLUMNS)
    assert is_acled_header([" EVENT_ID_CNTY", "Event_Date", "event_type", "NOTES"])
    assert not is_acled_header(["title", "text", "date"])
    assert not is_acled_header(["event_id_cnty", "event_date", "event_type"])


def test_acled_event_types_map_to_plover():
    assert plover("Battles", "Armed clash") == ("ASSAULT", "")
    assert plover("Explosions/Remote violence", "Air/drone strike") == ("ASSAULT", "aerial")
    assert plover("Protests", "Peaceful protest") == ("PROTEST", "demo")
    assert plover("Protests", "Excessive force against protesters") == ("ASSAULT", "crowd-control")
    assert plover("Riots", "Violent demonstration") == ("PROTEST", "riot")
    assert plover("Riots", "Mob violence") == ("ASSAULT", "")
    assert plover("Strategic developments", "Agreement") == ("AGREE", "")
    assert plover("Strategic developments", "Arrests") == ("COERCE", "arrest")
    assert plover("Strategic developments", "Other") is None
    assert plover("Battle-No change of territory", "") == ("ASSAULT", "")  # older exports


def test_acled_export_becomes_articles_and_events(acled, store, gazetteer):
    report = ingest([acled], store, pipeline=no_nlp)
    assert report.added == 5
    (error,) = report.errors
    assert (error.path, error.line) == (str(acled), 6)  # the header, then KEN1's notes take two lines
    assert "event_date" in error.reason

    events = stored_events(store)
    assert set(events) == {acled_id(i) for i in ("SOM1", "KEN1", "KEN4", "ESH1")}  # KEN2 codes no event
    assert all(events[acled_id(i)].input_id == i for i in ("SOM1", "KEN1", "KEN4", "ESH1"))  # event_id_cnty
    assert {a.input_id for a in in_store.articles(store)} == {"SOM1", "KEN1", "KEN2", "KEN4", "ESH1"}
    clash = events[acled_id("SOM1")]
    assert (clash.type, clash.place_id, clash.confidence, clash.coder) == ("ASSAULT", MOGADISHU, 1.0, "ACLED")
    assert clash.date == date(2024, 3, 1)
    actors = store.actors([clash.source_actor, clash.target_actor])
    army, shabaab = actors[clash.source_actor], actors[clash.target_actor]
    assert (army.kind, army.sector, army.country) == ("military", "MIL", "SOM")
    assert (shabaab.kind, shabaab.sector, shabaab.country) == ("group", "REB", None)  # no country in its name
    article = store.article(clash.article_id)
    assert (article.title, article.source, article.url) == ("Battles: Mogadishu", "Garowe Online", "")
    assert article.text[clash.evidence_start : clash.evidence_end] == article.text  # the notes: evidence

    protest = events[acled_id("KEN1")]
    assert (protest.type, protest.mode, protest.date, protest.date_precision) == (
        "PROTEST", "demo", date(2023, 1, 15), "week",
    )  # fmt: skip
    assert protest.place_id == NAIROBI and protest.source_country == "KEN" and protest.target_actor is None
    assert store.article(protest.article_id).text.endswith('"fair pay".\nNo injuries were reported.')

    mob = events[acled_id("KEN4")]
    assert mob.type == "ASSAULT" and gazetteer.place(mob.place_id).kind == "admin1"  # geo_precision 3
    assert gazetteer.place(mob.place_id).country == "KEN"

    arrest = events[acled_id("ESH1")]
    assert (arrest.type, arrest.mode, arrest.place_id) == ("COERCE", "arrest", LAAYOUNE)
    assert (arrest.source_country, arrest.target_country) == ("MAR", "ESH")
    text = store.article(arrest.article_id).text  # no notes: a line built from the record
    assert text == (
        "2023-05-04: Arrests (Police Forces of Morocco (1999-) → Civilians (Western Sahara)),"
        " in Laayoune, Western Sahara."
    )
    assert [e.id for e in in_store.events(store, countries=["ESH"])] == [arrest.id]
    assert [v.event.id for v in place_report(store, gazetteer, NAIROBI).events] == [protest.id]
    # Where the notes name the location, that is a mention of the place (KEN4's "Nakuru" is only its
    # admin-1 unit's capital: placed at admin-1 level, whose name the notes may not say).
    mentioned = {(m.article_id, m.place_id) for m in in_store.mentions(store)}
    assert (protest.article_id, NAIROBI) in mentioned and (arrest.article_id, LAAYOUNE) in mentioned
    for mention in in_store.mentions(store):
        assert store.article(mention.article_id).text[mention.start : mention.end] == mention.text


def test_acled_reimport_adds_nothing(acled, store):
    ingest([acled], store, pipeline=no_nlp)
    before = (store.article_count(), len(in_store.events(store)))
    again = ingest([acled], store, pipeline=no_nlp)
    assert (again.added, again.duplicates) == (0, 5)
    assert (store.article_count(), len(in_store.events(store))) == before


def test_a_plain_csv_still_goes_to_the_table_reader(tmp_path, store):
    path = tmp_path / "articles.csv"
    path.write_text("title,text\nHello,Some news from Nairobi.\n", encoding="utf-8")
    report = ingest([path], store, pipeline=no_nlp)
    assert (report.added, report.errors) == (1, [])
    assert in_store.articles(store)[0].title == "Hello"


# -------------------------------------------------------------------------------- places and panel


def test_place_resolution_order(gazetteer):
    resolve = PlaceResolver(gazetteer)
    city = Location("city", "Nairobi", "KEN", lat=-1.3, lon=36.8)
    assert resolve(city) == NAIROBI
    assert resolve(Location("city", "Nairobi", "KEN", lat=-4.05, lon=39.67)) != NAIROBI  # Mombasa, 440 km off
    # A city of another country only close by (border towns; Laayoune filed under ESH by GeoNames).
    assert resolve(Location("city", "Nairobi", "KEN", lat=-1.0, lon=36.8)) == NAIROBI  # 31 km
    assert resolve(Location("city", "Nairobi", "TZA", lat=-1.0, lon=36.8)) != NAIROBI
    assert resolve(Location("city", "Nairobi", "TZA", lat=-1.3, lon=36.8)) == NAIROBI  # 2 km
    # A country-level record is not put in a territory because its country's centre lies there...
    assert resolve(Location("country", country="MAR", lat=26.74, lon=-11.68)) == "MAR"
    # ...but Palestine's own land is its territories.
    assert resolve(Location("country", country="PSE", lat=32.0, lon=35.25)) == "disputed:west-bank"
    # A point the source could not position (0, 0) is no point: the unit by code, not the Gulf of Guinea.
    assert resolve(Location("admin1", country="USA", admin1_code="GA")) == "admin1:USA-georgia"
    assert resolve(Location("city", "Nowhere", None)) is None


def test_panel_links_only_web_urls():
    assert _link("https://news.example/a b)(") == "https://news.example/a%20b%29%28"
    assert _link("javascript:alert(1)") is None
    assert _link("BBC Monitoring") is None
    assert _link("http://[broken") is None


def test_panel_shows_imported_event_with_its_line_and_link(export, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.cli import APP
    from dashboard.store import Store

    db = tmp_path / "imported.db"
    ingest([export], Store(db), pipeline=no_nlp)
    monkeypatch.setenv("NEWSMAP_DB", str(db))
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    (component,) = [c for c in app.get("component_instance") if "st_folium" in c.proto.component_name]
    app.session_state[component.key] = {
        "last_active_drawing": {"type": "Feature", "properties": {"place_id": NAIROBI}}
    }
    app.run()
    assert not app.exception
    shown = "\n".join(m.value for m in app.main.markdown)
    assert "**CONSULT**" in shown and "PAUL KAGAME" in shown and "make a visit" in shown
    assert "](https://news.example/a)" in shown and "GDELT 2\\.0" in shown  # the card's article line
    assert "imported from GDELT, machine\\-coded" in shown  # provenance, so no one takes it as verified


def test_an_acled_export_streams_so_it_may_be_larger_than_the_file_limit(acled, store, monkeypatch):
    from dashboard.ingest import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 500)  # an export is a collection: no per-file limit
    with open(acled, "a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for n in range(40):
            writer.writerow(
                acled_row(event_id_cnty=f"KEN{100 + n}", event_date="2023-03-01", event_type="Protests",
                          sub_event_type="Peaceful protest", iso="404", country="Kenya", location="Nairobi",
                          latitude="-1.2833", longitude="36.8167", geo_precision="1",
                          notes=f"Nurses protested in Nairobi, day {n} of their strike.")
            )  # fmt: skip
    assert acled.stat().st_size > 500
    report = ingest([acled], store, pipeline=no_nlp)
    assert report.added == 45
    assert [(error.line, "event_date" in error.reason) for error in report.errors] == [(6, True)]
    assert acled_id("KEN139") in stored_events(store)


def test_a_broken_acled_row_is_skipped_and_the_rows_after_it_are_read(acled, store):
    with open(acled, "a", encoding="utf-8", newline="") as handle:
        handle.write('KEN9,2023-03-02,2023,1,,Protests,"Peaceful protest\n')  # unterminated quote, line 9
        csv.writer(handle).writerow(
            acled_row(event_id_cnty="KEN10", event_date="2023-03-03", event_type="Protests",
                      sub_event_type="Peaceful protest", iso="404", country="Kenya",
                      notes="Nurses protested in Nairobi.")
        )  # fmt: skip
    report = ingest([acled], store, pipeline=no_nlp)
    assert report.added == 6
    assert [(error.line, error.reason) for error in report.errors][1:] == [(9, "unterminated quoted field")]
    assert acled_id("KEN10") in stored_events(store)
