"""`python -m dashboard export`: a small store built through the real pipeline, exported and read back."""

from __future__ import annotations

import csv
import io
import json

import geopandas
import in_store
import pandas as pd
import pytest

from dashboard.cli import build_parser, main
from dashboard.exports import COLUMNS, ExportFilter, date_bound, export, spreadsheet_safe
from dashboard.selection import DEFAULT_EVENT_CONFIDENCE, Selection
from dashboard.store import Store

RABAT_TITLE = 'Rabat pact, "historic"\nsecond line'  # comma, quote and newline: must round-trip
ARTICLES = [
    {
        "title": RABAT_TITLE,
        "published": "2021-11-24",
        "source": "Test Wire",
        "url": "https://example.test/rabat",
        # The second sentence is an event with no place: kept in CSV/JSONL, left out of GeoJSON.
        "text": "Israel and Morocco signed a security agreement in Rabat on Wednesday. "
        "Israeli officials praised Morocco.",
    },
    {
        "title": '=HYPERLINK("http://evil.test") Troops in Kyiv',
        "published": "2022-03-02",
        "source": "+Other Wire",
        "url": "https://example.test/kyiv",
        "text": "Russian troops attacked Ukrainian positions near Kyiv on Tuesday, killing two soldiers. "
        "Ukraine accused Russia of shelling a hospital in Kharkiv.",
    },
    {
        "title": "Accord signed in Washington",
        "published": "2020-09-16",
        "source": "Test Wire",
        "url": "",
        # Neither actor is American: only the place makes this a USA event.
        "text": "Israel and the United Arab Emirates signed an agreement in Washington on Tuesday.",
    },
    {
        "title": "Porto weather",
        "published": "2023-06-02",
        "source": "Test Wire",
        "url": "",
        "text": "The weather in Porto was mild and sunny this week.",  # places, no event
    },
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from dashboard.pipeline import ingest

    folder = tmp_path_factory.mktemp("export")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = folder / "store.db"
    report = ingest([corpus], Store(path))
    assert (report.added, report.errors) == (4, [])
    return path


@pytest.fixture(scope="module")
def stored(db, gazetteer):
    """The store's events with their place and article, as the reference the exports are checked against."""
    store = Store(db)
    articles = {a.id: a for a in in_store.articles(store)}
    rows = []
    for event in in_store.events(store):
        place = gazetteer.place(event.place_id) if event.place_id else None
        rows.append((event, place, articles[event.article_id]))
    by_title = {a.title: a for a in articles.values()}
    # What the corpus is written to produce; if the event coder changes, this says so first.
    types = {title: sorted(e.type for e, _, a in rows if a.title == title) for title in by_title}
    assert types[RABAT_TITLE] == ["SUPPORT", "SUPPORT"]
    assert types[ARTICLES[1]["title"]] == ["ACCUSE", "ASSAULT", "ASSAULT"]
    assert types["Accord signed in Washington"] == ["SUPPORT"]
    assert types["Porto weather"] == []
    assert any(place is None for _, place, _ in rows)
    assert any(e.rank > 0 for e, _, _ in rows)
    return rows


def export_cli(capsys, db, fmt, *args, output=None, every_event=True):
    """Run the CLI; returns (exit status, what was written, stderr). `every_event`: with --min-confidence 0,
    so that the formats and the other filters are tested on all the events (`args` may set it again)."""
    argv = ["export", "--format", fmt, "--db", str(db)]
    argv += [*(["--min-confidence", "0"] if every_event else []), *args]
    if output is not None:
        argv += ["-o", str(output)]
    status = main(argv)
    out, err = capsys.readouterr()
    written = output.read_text(encoding="utf-8") if output is not None and status == 0 else out
    return status, written, err


def csv_ids(capsys, db, *args) -> set[str]:
    status, text, err = export_cli(capsys, db, "csv", *args)
    assert status == 0, err
    return set(pd.read_csv(io.StringIO(text), dtype=str)["event_id"])


def jsonl_records(capsys, db, *args) -> list[dict]:
    status, text, err = export_cli(capsys, db, "jsonl", *args)
    assert status == 0, err
    return [json.loads(line) for line in text.splitlines()]


# -- formats -----------------------------------------------------------------------------------------
def test_geojson_loads_in_geopandas_with_events_at_their_places_and_mentioned_places(
    capsys, db, stored, tmp_path
):
    output = tmp_path / "out.geojson"
    status, text, err = export_cli(capsys, db, "geojson", output=output)
    assert status == 0
    raw = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in GeoJSON"))
    assert raw["type"] == "FeatureCollection" and "crs" not in raw  # RFC 7946: WGS 84, no crs member

    frame = geopandas.read_file(output)
    assert frame.crs.to_epsg() == 4326
    assert set(frame.geom_type) == {"Point"} and frame.geometry.is_valid.all()
    events = frame[frame["feature"] == "event"]
    located = {e.id: place for e, place, _ in stored if place is not None}
    assert set(events["id"]) == set(located) and len(events) == len(located)
    for _, row in events.iterrows():
        place = located[row["id"]]
        assert (row.geometry.x, row.geometry.y) == pytest.approx((place.lon, place.lat))  # [lon, lat]
        assert row["place_name"] == place.name and row["place_country"] == place.country

    rabat = events[events["place_name"] == "Rabat"].iloc[0]
    assert (rabat["type"], rabat["source_actor"], rabat["target_actor"]) == ("SUPPORT", "Israel", "Morocco")
    assert (rabat["source_country"], rabat["target_country"]) == ("ISR", "MAR")
    assert rabat["evidence"] == "Israel and Morocco signed a security agreement in Rabat on Wednesday."
    assert rabat["article_title"] == RABAT_TITLE and rabat["article_url"] == "https://example.test/rabat"
    assert -7 < rabat.geometry.x < -6 and 33 < rabat.geometry.y < 35

    places = frame[frame["feature"] == "place"].set_index("place_name")
    assert {"Rabat", "Kyiv", "Kharkiv", "Washington", "Porto", "Morocco"} <= set(places.index)
    assert places.loc["Israel", "mentions"] == 3  # in the Rabat (twice) and Washington articles
    assert places.loc["Porto", "mentions"] == 1 and places.loc["Porto", "events"] == 0
    assert places.loc["Kharkiv", "events"] == 1  # the accusation; the shelling it alleges is no event
    unplaced = sum(place is None for _, place, _ in stored)
    assert err.strip() == (
        f"{len(located)} events, {len(places)} places written to {output}; "
        f"{unplaced} events without a place left out"
    )


def test_csv_has_acled_columns_round_trips_text_and_neutralises_formulas(capsys, db, stored, tmp_path):
    output = tmp_path / "out.csv"
    status, _, err = export_cli(capsys, db, "csv", output=output)
    assert status == 0
    frame = pd.read_csv(output, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == COLUMNS
    assert set(frame["event_id"]) == {e.id for e, _, _ in stored}  # placeless events included
    assert set(frame["coder"]) == {e.coder for e, _, _ in stored} == {"plover-lexicon.v1"}  # provenance
    assert (
        err.strip()
        == f"{len(stored)} events, {len({p.id for _, p, _ in stored if p})} places written to {output}"
    )

    rabat = frame[(frame["location"] == "Rabat")].iloc[0]
    assert rabat["title"] == RABAT_TITLE  # comma, quotes and newline survive
    assert (rabat["event_type"], rabat["actor1"], rabat["actor2"]) == ("SUPPORT", "Israel", "Morocco")
    assert (rabat["country"], rabat["iso3"], rabat["admin1"]) == (
        "Morocco",
        "MAR",
        "Rabat - Salé - Zemmour - Zaer",
    )
    assert float(rabat["longitude"]) == pytest.approx(-6.83255)  # negative numbers are not neutralised
    assert rabat["notes"] == "Israel and Morocco signed a security agreement in Rabat on Wednesday."
    assert rabat["source"] == "Test Wire" and rabat["source_url"] == "https://example.test/rabat"

    placeless = frame[frame["location"] == ""]
    assert list(placeless["notes"]) == ["Israeli officials praised Morocco."]
    assert (placeless["latitude"] == "").all()

    kyiv = frame[frame["title"].str.contains("HYPERLINK")]
    assert len(kyiv) == 3
    assert (kyiv["title"] == "'" + ARTICLES[1]["title"]).all()
    assert (kyiv["source"] == "'+Other Wire").all()
    assert set(kyiv["sub_event_type"]) <= {"", "allege"}  # PLOVER mode


def test_csv_quoting_and_formula_guard_survive_the_csv_module():
    out = io.StringIO()
    for value, expected in [
        ("=1+1", "'=1+1"),
        ("+33 6", "'+33 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=x", "'\t=x"),
        ("Rabat", "Rabat"),
        (-6.8, -6.8),
    ]:
        assert spreadsheet_safe(value) == expected
    text = 'a, "b"\nc'
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(text)])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [text]


# Cells a spreadsheet would run as a formula, hidden behind what it skips (spaces of every kind, a tab, a
# line break, invisible characters) or written as other forms of = + - @ (full-width, small, minus sign).
FORMULA_FORMS = [
    "=1+1", "+1", "-1", "@SUM(A1)", " =1+1", "   +1", "\u00a0=1+1", "\t=1+1", "\n=1+1", "\r\n-1",
    "\u2003-1", "\u3000@SUM(A1)", "\u200b=1+1", "\ufeff=1+1", "\u2060+1", "\uff1d1+1", "\uff0b1", "\uff0d1",
    "\uff20SUM(A1)", "\ufe661", "\ufe62 1", "\ufe631", "\ufe6bSUM(A1)", "\u22121", ' \u00a0\uff1dHYPERLINK("http://evil.test")',
]  # fmt: skip
PLAIN_FORMS = [" Talks", "\u00a0Talks", "\uff21 talks", "'quoted", "1+1", "#1 story"]  # fmt: skip


@pytest.fixture(scope="module")
def formula_csv(tmp_path_factory):
    """A CSV export of a store whose titles, publishers, actor names and sentences open with each form."""
    from dashboard.model import Actor, Article, Event

    store = Store(tmp_path_factory.mktemp("formulas") / "store.db")
    for number, form in enumerate(FORMULA_FORMS + PLAIN_FORMS):
        text = f"{form} signed a deal in Rabat."
        article = Article.create(text, title=f"{form} in Rabat", source=f"{form} Wire")
        actors = [
            Actor(f"s{number}", f"{form} Gantz", "person"),
            Actor(f"t{number}", f"{form} Bourita", "person"),
        ]
        event = Event(
            f"e{number}", article.id, "AGREE", f"s{number}", f"t{number}", 0, len(text), place_id="2538475",
            confidence=0.9, coder="test",
        )  # fmt: skip
        store.add(article, [], actors, [event])
    out = io.StringIO()
    export(store, "csv", out, ExportFilter(min_confidence=0))
    return {row["event_id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}


TEXT_CELLS = {"title": "{} in Rabat", "source": "{} Wire", "actor1": "{} Gantz", "actor2": "{} Bourita",
              "notes": "{} signed a deal in Rabat."}  # fmt: skip


@pytest.mark.parametrize("number", range(len(FORMULA_FORMS)), ids=[repr(f) for f in FORMULA_FORMS])
def test_csv_neutralises_formulas_behind_spaces_invisible_characters_and_other_widths(formula_csv, number):
    row = formula_csv[f"e{number}"]
    for column, written in TEXT_CELLS.items():
        assert row[column] == "'" + written.format(FORMULA_FORMS[number]), column
    assert float(row["longitude"]) == pytest.approx(-6.83255) and row["longitude"].startswith("-")
    assert float(row["confidence"]) == 0.9


@pytest.mark.parametrize("form", PLAIN_FORMS, ids=repr)
def test_csv_leaves_text_that_is_no_formula_as_it_is(formula_csv, form):
    row = formula_csv[f"e{len(FORMULA_FORMS) + PLAIN_FORMS.index(form)}"]
    for column, written in TEXT_CELLS.items():
        assert row[column] == written.format(form), column


def test_jsonl_has_one_full_record_per_article(capsys, db, stored):
    records = jsonl_records(capsys, db)
    assert sorted(r["title"] for r in records) == sorted(a["title"] for a in ARTICLES)
    assert [r["published"] for r in records] == sorted(r["published"] for r in records)
    for record in records:
        text = record["text"]
        for mention in record["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
            sentence = text[mention["sentence_start"] : mention["sentence_end"]]
            assert mention["text"] in sentence and sentence == sentence.strip() and "sentence" not in mention
            assert mention["name"] and isinstance(mention["lat"], float) and isinstance(mention["lon"], float)
        actor_ids = {a["id"] for a in record["actors"]}
        for event in record["events"]:
            evidence = event["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
            assert {event["source_actor_id"], event["target_actor_id"]} - {None} <= actor_ids
        expected = {e.id for e, _, a in stored if a.id == record["id"]}
        assert {e["id"] for e in record["events"]} == expected

    rabat = next(r for r in records if r["title"] == RABAT_TITLE)
    assert {m["name"] for m in rabat["mentions"]} == {"Israel", "Morocco", "Rabat"}
    support = next(e for e in rabat["events"] if e["type"] == "SUPPORT")
    assert (support["source_actor"], support["target_actor"], support["location"]) == (
        "Israel",
        "Morocco",
        "Rabat",
    )
    assert support["date"] == "2021-11-24" and support["lon"] == pytest.approx(-6.83255)
    assert next(r for r in records if r["title"] == "Porto weather")["events"] == []


def test_stdout_is_the_default_output(capsys, db, stored):
    status, text, err = export_cli(capsys, db, "csv")
    assert status == 0 and text.startswith(",".join(COLUMNS))
    assert err.strip().endswith("written to stdout")
    status, text, _ = export_cli(capsys, db, "jsonl", "-o", "-")
    assert status == 0 and len(text.splitlines()) == len(ARTICLES)


# -- filters -----------------------------------------------------------------------------------------
def test_date_range_narrows_events_and_articles(capsys, db, stored):
    # Dated events only: how undated and coarse dates meet a window is tested in test_coarse_and_undated.
    in_2022 = {e.id for e, _, _ in stored if e.date and e.date.year == 2022}
    assert in_2022 and in_2022 != {e.id for e, _, _ in stored}
    dated = ("--no-undated",)
    assert csv_ids(capsys, db, *dated, "--since", "2022-01-01", "--until", "2022-12-31") == in_2022
    assert csv_ids(capsys, db, *dated, "--since", "2022", "--until", "2022") == in_2022
    assert csv_ids(capsys, db, *dated, "--until", "2021-11-23") == {
        e.id for e, _, _ in stored if e.date and e.date.year == 2020
    }
    # Articles: by their events' dates, or their own published date when only dates (or --query) filter.
    assert [r["title"] for r in jsonl_records(capsys, db, *dated, "--since", "2023-01")] == ["Porto weather"]
    assert [r["title"] for r in jsonl_records(capsys, db, "--since", "2023", "--type", "AGREE")] == []


def test_country_matches_actor_countries_and_the_place_country(capsys, db, stored):
    usa = {e.id for e, p, _ in stored if p is not None and p.country == "USA"}
    assert len(usa) == 1
    event = next(e for e, _, _ in stored if e.id in usa)
    assert "USA" not in (event.source_country, event.target_country)  # only its place is American
    assert csv_ids(capsys, db, "--country", "usa") == usa
    mar = {e.id for e, p, _ in stored if "MAR" in (e.source_country, e.target_country, p and p.country)}
    assert csv_ids(capsys, db, "--country", "MAR") == mar
    assert csv_ids(capsys, db, "--country", "MAR", "--country", "USA") == mar | usa

    _, text, _ = export_cli(capsys, db, "geojson", "--country", "UKR")
    features = json.loads(text)["features"]
    assert {f["properties"]["place_country"] for f in features} == {"UKR"}  # places drawn: Ukraine's only
    assert {f["properties"]["place_name"] for f in features if f["properties"]["feature"] == "place"} == {
        "Ukraine",
        "Kyiv",
        "Kharkiv",
    }


def test_type_is_case_insensitive_and_repeatable(capsys, db, stored):
    assault = {e.id for e, _, _ in stored if e.type == "ASSAULT"}
    support = {e.id for e, _, _ in stored if e.type == "SUPPORT"}
    assert len(assault) == 2 and len(support) == 3
    assert csv_ids(capsys, db, "--type", "assault") == assault
    assert csv_ids(capsys, db, "--type", "Assault", "--type", "SUPPORT") == assault | support


def test_actor_matches_source_or_target_name_case_insensitively(capsys, db, stored):
    russian = {e.id for e, _, _ in stored if e.type in ("ASSAULT", "ACCUSE") and e.source_actor}
    ids = csv_ids(capsys, db, "--actor", "RUSSIA")  # "Russian troops" (source), "Russia" (target)
    assert ids == russian and len(ids) == 3
    assert csv_ids(capsys, db, "--actor", "emirates") == {
        e.id for e, p, _ in stored if p and p.country == "USA"
    }
    assert csv_ids(capsys, db, "--actor", "nobody by this name") == set()


def test_query_selects_the_matching_articles(capsys, db, stored):
    kyiv = {e.id for e, _, a in stored if "Kharkiv" in a.text}
    assert csv_ids(capsys, db, "--query", "kharkiv") == kyiv and len(kyiv) == 3
    records = jsonl_records(capsys, db, "--query", "weather")
    assert [(r["title"], r["events"]) for r in records] == [("Porto weather", [])]
    assert csv_ids(capsys, db, "--query", "kharkiv", "--type", "ACCUSE") == {
        e.id for e, _, a in stored if "Kharkiv" in a.text and e.type == "ACCUSE"
    }


def test_main_only_keeps_the_main_event_of_each_sentence(capsys, db, stored):
    main_ids = {e.id for e, _, _ in stored if e.rank == 0}
    assert main_ids != {e.id for e, _, _ in stored}
    assert csv_ids(capsys, db, "--main-only") == main_ids
    assert csv_ids(capsys, db, "--main-only", "--country", "UKR", "--type", "ASSAULT") == {
        e.id for e, _, _ in stored if e.rank == 0 and e.type == "ASSAULT"
    }


def test_export_defaults_to_the_map_s_event_confidence_and_every_place_mention(capsys, calibrated_db):
    def features(*args) -> tuple[set[str], set[str]]:
        """The event ids and the place names of a GeoJSON export with the CLI's own defaults."""
        status, text, err = export_cli(capsys, calibrated_db, "geojson", *args, every_event=False)
        assert status == 0, err
        found = [f["properties"] for f in json.loads(text)["features"]]
        return (
            {p["id"] for p in found if p["feature"] == "event"},
            {p["place_name"] for p in found if p["feature"] == "place"},
        )

    assert build_parser().parse_args(["export", "--format", "csv"]).min_confidence == DEFAULT_EVENT_CONFIDENCE
    assert ExportFilter().min_confidence == DEFAULT_EVENT_CONFIDENCE == Selection().min_confidence
    assert features() == ({"trusted"}, {"Rabat", "Washington"})  # the 0.5 event out, the 0.3 mention in
    assert features("--min-confidence", "0") == ({"trusted", "uncertain"}, {"Rabat", "Washington"})
    assert features("--min-place-confidence", "0.5") == ({"trusted"}, {"Rabat"})
    _, text, _ = export_cli(
        capsys, calibrated_db, "jsonl", "--min-place-confidence", "0.5", every_event=False
    )
    (record,) = [json.loads(line) for line in text.splitlines()]
    assert [m["text"] for m in record["mentions"]] == ["Rabat"]
    assert [e["id"] for e in record["events"]] == ["trusted"]


def test_confidence_options_are_documented_and_checked(capsys, calibrated_db):
    with pytest.raises(SystemExit) as exited:
        main(["export", "--help"])
    assert exited.value.code == 0
    usage = " ".join(capsys.readouterr().out.split())
    assert "--min-confidence N events at least N confident" in usage and "(default: 0.6, as the map" in usage
    assert "--min-place-confidence N place mentions at least N confident" in usage
    for option, value in (("--min-confidence", "1.5"), ("--min-place-confidence", "nan")):
        with pytest.raises(SystemExit) as exited:
            main(["export", "--format", "csv", "--db", str(calibrated_db), option, value])
        assert exited.value.code == 2
        assert f"expected a confidence from 0 to 1, got '{value}'" in capsys.readouterr().err


# -- errors --------------------------------------------------------------------------------------------
def test_unknown_type_is_a_clear_error(capsys, db, tmp_path):
    output = tmp_path / "never.csv"
    with pytest.raises(SystemExit) as exited:
        main(["export", "--format", "csv", "--db", str(db), "--type", "bombing", "-o", str(output)])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "unknown PLOVER type 'bombing'" in err and "ASSAULT" in err and "PROTEST" in err
    assert not output.exists()


def test_bad_country_date_and_store_are_clear_errors(capsys, db, tmp_path):
    assert main(["export", "--format", "csv", "--db", str(db), "--country", "MOR"]) == 2
    assert "unknown country code MOR" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "--format", "csv", "--db", str(db), "--since", "yesterday"])
    assert "expected a date" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--db", str(db), "--since", "2023", "--until", "2022"]) == 2
    assert "after --until" in capsys.readouterr().err
    missing = tmp_path / "missing.db"
    assert main(["export", "--format", "csv", "--db", str(missing)]) == 2
    assert "no store at" in capsys.readouterr().err and not missing.exists()


def test_date_bounds_cover_whole_months_and_years():
    assert str(date_bound("2024-02", end=True)) == "2024-02-29"
    assert str(date_bound("2024", end=True)) == "2024-12-31"
    assert str(date_bound("2024-02")) == "2024-02-01"
    with pytest.raises(ValueError):
        date_bound("2024-13")
    with pytest.raises(ValueError):
        ExportFilter(types=("BOMBING",))
