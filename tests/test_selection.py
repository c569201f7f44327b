"""The Selection: its URL form (round trip, untrusted input), and how each filter narrows every query.

The store is built through the real pipeline from sentences written for these tests; what each filter
should select is computed in Python from all the store's records, and the queries must agree.
"""

from __future__ import annotations

import csv
import io
import json
import random
import string
from datetime import date
from urllib.parse import parse_qs, urlencode

import in_store
import pytest
from conftest import RABAT, WASHINGTON

from dashboard.exports import ExportFilter, export
from dashboard.plover import TONES
from dashboard.queries import (
    event_count,
    event_map,
    mention_counts,
    mentioned_points,
    place_report,
    timeline,
)
from dashboard.selection import (
    DEFAULT_EVENT_CONFIDENCE,
    DEFAULT_LAYERS,
    LAYERS,
    MAX_ARTICLES,
    MAX_PARAM_CHARS,
    MAX_TEXT_CHARS,
    Selection,
)
from dashboard.selection_sql import in_countries
from dashboard.store import Store

ARTICLES = [
    {
        "title": "Kharkiv shelled",
        "published": "2022-03-02",
        "source": "Wire A",
        "url": "https://example.test/kharkiv",
        "text": "Russian troops attacked Ukrainian positions near Kharkiv on Tuesday, killing two soldiers. "
        "Ukraine accused Russia of shelling a hospital in Kharkiv.",
    },
    {
        "title": "Rabat accord",
        "published": "2021-11-25",
        "source": "Wire B",
        "url": "https://example.test/rabat",
        "text": "Israel and Morocco signed a security agreement in Rabat on Wednesday. "
        "Israeli officials praised the Moroccan government.",
    },
    {
        "title": "Envoys in Laayoune",
        "published": "2020-09-15",
        "source": "Wire B",
        "url": "",
        "text": "Moroccan officials met Israeli envoys in Laayoune on Monday.",
    },
    {
        "title": "Relations restored",
        "published": "2020-12-11",
        "source": "Wire A",
        "url": "",
        "text": "Israel and Morocco agreed to restore diplomatic relations in Washington on Thursday.",
    },
    {
        "title": "Nairobi arrests",
        "published": "2023-01-14",
        "source": "Wire C",
        "url": "",
        "text": "Kenyan police arrested protesters in Nairobi on Friday.",
    },
    {
        "title": "Porto weather",
        "published": "2023-06-02",
        "source": "Wire C",
        "url": "",
        "text": "The weather in Porto was mild and sunny this week.",  # places, no event
    },
]
EVERYTHING = Selection(main_only=False, min_confidence=0)  # every event: each filter tested alone


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from dashboard.pipeline import ingest

    folder = tmp_path_factory.mktemp("selection")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    store = Store(folder / "store.db")
    report = ingest([corpus], store)
    assert (report.added, report.errors) == (len(ARTICLES), [])
    return store


@pytest.fixture(scope="module")
def stored(store, gazetteer):
    """Every event with its place, actors and article; checked against what the sentences say."""
    articles = {a.id: a for a in in_store.articles(store)}
    events = in_store.events(store)
    actors = store.actors([i for e in events for i in (e.source_actor, e.target_actor) if i])
    rows = [
        (
            e,
            gazetteer.place(e.place_id) if e.place_id else None,
            [actors[i] for i in (e.source_actor, e.target_actor) if i],
            articles[e.article_id],
        )
        for e in events
    ]
    types = sorted(e.type for e, *_ in rows)
    assert {"ASSAULT", "ACCUSE", "SUPPORT", "CONSULT"} <= set(types), types
    assert any(e.rank > 0 for e, *_ in rows) and any(e.confidence < 0.7 for e, *_ in rows)
    assert len({e.date for e, *_ in rows}) >= 4
    return rows


def ids(by_place: dict) -> set[str]:
    return {e.id for events in by_place.values() for e in events}


def placed(stored, keep) -> set[str]:
    return {
        e.id for e, place, actors, article in stored if place is not None and keep(e, place, actors, article)
    }


# -- the URL ---------------------------------------------------------------------------------------------
FULL = Selection(
    since=date(2021, 1, 1),
    until=date(2022, 12, 31),
    types=("ASSAULT", "SUPPORT"),
    countries=("MAR", "UKR"),
    actor="Gantz",
    actor_id="1836e3c99df51e95",
    query="security agreement",
    articles=("3f2a9c01d4e5b6a7", "0123456789abcdef"),
    min_confidence=0.55,
    min_place_confidence=0.45,
    main_only=False,
    demonyms=False,
    layers=("countries", "events", "heat"),
    place="disputed:western-sahara",
    pov="mar",
    shade="events",
    view=(31.52, -7.12, 5),
)


def test_default_selection_has_an_empty_url():
    assert Selection().to_query_params() == {}
    assert Selection.from_query_params({}) == Selection()
    assert Selection().layers == DEFAULT_LAYERS and Selection().show["Heat"] is False


def test_events_and_place_mentions_default_to_the_confident_ones():
    assert DEFAULT_EVENT_CONFIDENCE == 0.6
    default = Selection.from_query_params({})
    assert (default.min_confidence, default.min_place_confidence) == (0.6, 0.3)
    # pconf=0 (every mention) differs from the default, so it is written, and read back as 0.
    assert Selection(min_place_confidence=0).to_query_params() == {"pconf": "0"}
    assert Selection.from_query_params({"pconf": "0"}).min_place_confidence == 0.0
    # conf=0 (every event) differs from the default, so it is written, and read back as 0.
    everything = Selection(min_confidence=0)
    assert everything.to_query_params() == {"conf": "0"}
    assert Selection.from_query_params({"conf": "0"}).min_confidence == 0.0
    assert Selection.from_query_params({"conf": "-0"}).min_confidence == 0.0
    assert Selection.from_query_params({"conf": "0.6"}).to_query_params() == {}
    assert Selection.from_query_params({"conf": "0.8"}).to_query_params() == {"conf": "0.8"}
    places = Selection.from_query_params({"pconf": "0.5"})
    assert (places.min_confidence, places.min_place_confidence) == (0.6, 0.5)
    assert places.to_query_params() == {"pconf": "0.5"}


def test_every_field_round_trips_through_the_url():
    params = FULL.to_query_params()
    assert params == {
        "place": "disputed:western-sahara",
        "from": "2021-01-01",
        "to": "2022-12-31",
        "type": "ASSAULT,SUPPORT",
        "country": "MAR,UKR",
        "actor": "Gantz",
        "aid": "1836e3c99df51e95",
        "q": "security agreement",
        "art": "3f2a9c01d4e5b6a7,0123456789abcdef",
        "conf": "0.55",
        "pconf": "0.45",
        "main": "0",
        "dem": "0",
        "layers": "countries,events,heat",
        "pov": "mar",
        "shade": "events",
        "view": "31.52,-7.12,5",
    }
    assert Selection.from_query_params(params) == FULL
    # Through a real query string, as the browser keeps it.
    parsed = {k: v[-1] for k, v in parse_qs(urlencode(params)).items()}
    assert Selection.from_query_params(parsed) == FULL
    assert Selection.from_query_params(Selection(layers=()).to_query_params()).layers == ()


def test_url_values_are_read_leniently():
    selection = Selection.from_query_params(
        {
            "type": "assault, protest,ASSAULT",
            "country": "mar",
            "from": "2021",
            "to": "2021-11",
            "main": "false",
        }
    )
    assert selection.types == ("ASSAULT", "PROTEST") and selection.countries == ("MAR",)
    assert (selection.since, selection.until) == (date(2021, 1, 1), date(2021, 11, 30))
    assert selection.main_only is False
    assert Selection.from_query_params({"type": ["ASSAULT", "AID"]}).types == (
        "ASSAULT",
        "AID",
    )  # repeated key


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2023-01-01", "to": "2022-01-01"},  # reversed range
        {"from": "yesterday", "to": "2021-02-30"},
        {"type": "BOMBING,<script>"},
        {"country": "Morocco,12,M A R"},
        {"conf": "nan"},
        {"conf": "1.5"},
        {"conf": "-0.1"},
        {"conf": "1e309"},
        {"conf": "0." + "0" * 20},  # longer than a confidence needs
        {"pconf": "inf"},
        {"pconf": "2"},
        {"pconf": "half"},
        {"main": "maybe", "dem": ""},
        {"layers": "satellite,,"},
        {"pov": "../../etc/passwd"},
        {"pov": "x" * 100},
        {"place": "<script>alert(1)</script>"},
        {"place": "x" * 101},
        {"aid": "a b"},
        {"q": "x" * (MAX_PARAM_CHARS + 1)},
        {"actor": ["a" * 400, "b" * 400]},
        {"type": None, "country": 3, "from": object()},
        {"unknown": "value", "": ""},
        {"shade": "population"},
        {"view": "91,0,3"},  # no such latitude
        {"view": "10,20,13"},  # beyond the map's zoom
        {"view": "nan,20,3"},
        {"view": "10,20"},
        {"view": "1,2,3," + "4" * 50},
    ],
)
def test_malformed_url_values_fall_back_to_defaults(params):
    assert Selection.from_query_params(params) == Selection()


def test_a_view_is_kept_as_the_url_keeps_it():
    """A longitude past the date line (Leaflet's world copies) comes back within -180..180, and a view
    is rounded as the URL writes it, so that the one read back is the same."""
    assert Selection.from_query_params({"view": "31.5,-187,5"}).view == (31.5, 173.0, 5)
    assert Selection(view=(10.123456, 200, 3.0)).view == (10.1235, -160.0, 3)
    with pytest.raises(ValueError):
        Selection(view=(100, 0, 3))


def test_url_text_is_bounded_and_cleaned():
    selection = Selection.from_query_params(
        {"q": "war\x00\n\tpeace " + "x" * 500, "actor": "  Benny\u2028Gantz "}
    )
    assert selection.query.startswith("war peace x") and len(selection.query) == MAX_TEXT_CHARS
    assert selection.actor == "Benny Gantz"


def test_any_query_string_gives_a_selection_that_round_trips():
    keys = [
        "place",
        "from",
        "to",
        "type",
        "country",
        "actor",
        "aid",
        "q",
        "conf",
        "pconf",
        "main",
        "dem",
        "layers",
        "pov",
    ]
    alphabet = string.printable + "é中\u202e\x00"
    samples = ["2021-05-04", "ASSAULT", "mar", "0.5", "0.6", "1", "0", "none", "events,places", "un", "x:y"]
    chance = random.Random(20261125)
    for _ in range(500):
        params = {}
        for key in chance.sample(keys, chance.randint(1, len(keys))):
            if chance.random() < 0.5:
                params[key] = chance.choice(samples)
            else:
                params[key] = "".join(chance.choice(alphabet) for _ in range(chance.randint(0, 40)))
        selection = Selection.from_query_params(params)
        assert Selection.from_query_params(selection.to_query_params()) == selection, params


def test_layers_and_roles_follow_the_selection():
    selection = Selection(layers=("countries", "relations"), demonyms=False)
    assert [name for name, shown in selection.show.items() if shown] == ["Countries", "Relations"]
    assert set(selection.show) == set(LAYERS.values())
    assert "demonym" not in selection.roles and "literal" in selection.roles


def test_a_selection_is_validated_when_built_in_code():
    with pytest.raises(ValueError):
        Selection(types=("BOMBING",))
    with pytest.raises(ValueError):
        Selection(since=date(2022, 1, 1), until=date(2021, 1, 1))
    with pytest.raises(ValueError):
        Selection(min_confidence=2)
    with pytest.raises(ValueError):
        Selection(min_place_confidence=-0.1)


# -- filters narrow every query --------------------------------------------------------------------------
def test_date_range_narrows_events_mentions_and_the_panel(store, gazetteer, stored):
    # Dated events only: how undated and coarse dates meet a window is tested in test_coarse_and_undated.
    window = Selection(since=date(2021, 1, 1), until=date(2021, 12, 31), main_only=False, undated=False)
    expected = placed(stored, lambda e, *_: e.date and e.date.year == 2021)
    assert expected and ids(event_map(store, gazetteer, window)[0]) == expected
    counts = mention_counts(store, gazetteer, window)
    assert "2538475" in counts and "184745" not in counts and "admin1:UKR-kharkiv" not in counts  # Rabat only
    report = place_report(store, gazetteer, "MAR", window)
    assert report.events and all(v.event.date.year == 2021 for v in report.events)
    assert [a.article.title for a in report.articles] == ["Rabat accord"]
    # Articles without events count by their published date.
    assert "admin1:PRT-porto" in mention_counts(
        store, gazetteer, window.replace(since=date(2023, 6, 1), until=None)
    )


def test_types_narrow_events_relations_and_articles(store, gazetteer, stored):
    by_place, pairs = event_map(store, gazetteer, EVERYTHING.replace(types=("ASSAULT",)))
    assert ids(by_place) == placed(stored, lambda e, *_: e.type == "ASSAULT")
    assert {k for counter in pairs.values() for k in counter} == {"ASSAULT"}
    counts = mention_counts(store, gazetteer, EVERYTHING.replace(types=("ASSAULT",)))
    assert "2538475" not in counts and "admin1:UKR-kharkiv" in counts  # only articles with an assault


def test_countries_match_actor_countries_places_and_disputed_claims(store, gazetteer, stored):
    codes = {"UKR"}
    assert ids(event_map(store, gazetteer, EVERYTHING.replace(countries=("UKR",)))[0]) == placed(
        stored, lambda e, place, *_: codes & {e.source_country, e.target_country, place.country}
    )
    counts, points = mentioned_points(
        store, gazetteer, {"UKR", "RUS"}, EVERYTHING.replace(countries=("UKR",))
    )
    assert set(counts) == {"UKR", "admin1:UKR-kharkiv"}  # Russia is named too, but is not Ukraine
    assert {p.id for p in points} == {"admin1:UKR-kharkiv"}
    sahara = gazetteer.place("disputed:western-sahara")
    assert in_countries(sahara, {"MAR"}) and in_countries(sahara, {sahara.country})
    assert not in_countries(sahara, {"ISR"}) and not in_countries(None, {"MAR"})


def test_actor_text_and_actor_id_select_that_actor_s_events(store, gazetteer, stored):
    russian = placed(stored, lambda e, p, actors, a: any("russia" in x.name.lower() for x in actors))
    assert len(russian) == 3
    assert ids(event_map(store, gazetteer, EVERYTHING.replace(actor="RUSSIA"))[0]) == russian
    police = next(x for _, _, actors, _ in stored for x in actors if x.name == "Kenyan police")
    assert ids(event_map(store, gazetteer, EVERYTHING.replace(actor_id=police.id))[0]) == placed(
        stored, lambda e, *_: police.id in (e.source_actor, e.target_actor)
    )
    assert event_count(store, gazetteer, EVERYTHING.replace(actor="nobody by that name")) == 0
    # An actor id is made per article: "Israel" of one article selects Israel's events in every article.
    israel = [x for _, _, actors, _ in stored for x in actors if x.name == "Israel"]
    assert len({x.id for x in israel}) == 2
    assert ids(event_map(store, gazetteer, EVERYTHING.replace(actor_id=israel[0].id))[0]) == placed(
        stored, lambda e, p, actors, a: any(x.name == "Israel" for x in actors)
    )
    assert event_count(store, gazetteer, EVERYTHING.replace(actor_id="unknown")) == 0


def test_text_query_selects_matching_articles(store, gazetteer, stored):
    selection = EVERYTHING.replace(query="hospital")
    assert ids(event_map(store, gazetteer, selection)[0]) == placed(
        stored, lambda e, p, x, a: "hospital" in a.text
    )
    assert set(mention_counts(store, gazetteer, selection)) == {"RUS", "UKR", "admin1:UKR-kharkiv"}
    weather = mention_counts(store, gazetteer, Selection(query="weather"))
    assert weather == {"admin1:PRT-porto": 1}  # an article with no event is found by its words


def test_articles_select_those_articles_and_their_events_only(store, gazetteer, stored):
    article = next(a for e, place, actors, a in stored if place is not None and e.type == "ASSAULT")
    selection = Selection(articles=(article.id,), min_confidence=0)  # main events only, as by default
    assert ids(event_map(store, gazetteer, selection)[0]) == placed(
        stored, lambda e, p, x, a: a is article and e.rank == 0
    )
    every = EVERYTHING.replace(articles=(article.id,))
    assert ids(event_map(store, gazetteer, every)[0]) == placed(stored, lambda e, p, x, a: a is article)
    counted = mention_counts(store, gazetteer, selection)
    assert counted and set(counted) < set(mention_counts(store, gazetteer, Selection()))
    assert sum(counted.values()) == sum(
        1 for m in in_store.mentions(store) if m.article_id == article.id and m.place_id in counted
    )
    assert Selection.from_query_params({"art": f" {article.id} ,<script>,a b,"}).articles == (article.id,)
    many = ",".join(f"{n:016x}" for n in range(40))
    assert len(Selection.from_query_params({"art": many}).articles) == 0  # longer than a URL value may be
    assert len(Selection.from_query_params({"art": many[: 17 * 34 - 1]}).articles) == MAX_ARTICLES


def test_event_and_place_confidence_each_narrow_their_own_records(store, gazetteer, stored):
    confident = EVERYTHING.replace(min_confidence=0.8)
    assert ids(event_map(store, gazetteer, confident)[0]) == placed(stored, lambda e, *_: e.confidence >= 0.8)
    assert mention_counts(store, gazetteer, confident) == mention_counts(store, gazetteer, EVERYTHING)

    # "Washington" alone may be the capital or the state, 4,000 km apart; Porto the city or its district
    # are one spot
    sure_places = EVERYTHING.replace(min_place_confidence=0.5)
    counts = mention_counts(store, gazetteer, sure_places)
    assert "4140963" in mention_counts(store, gazetteer, EVERYTHING)
    assert "4140963" not in counts and "admin1:PRT-porto" in counts and "ISR" in counts
    assert event_map(store, gazetteer, sure_places) == event_map(store, gazetteer, EVERYTHING)


def test_an_uncertain_event_is_hidden_by_default_and_shown_with_conf_0(calibrated_db, gazetteer):
    store, everything = Store(calibrated_db), Selection.from_query_params({"conf": "0"})
    assert {e.id: e.confidence for e in in_store.events(store)} == {"trusted": 0.85, "uncertain": 0.5}
    assert ids(event_map(store, gazetteer)[0]) == {"trusted"}
    assert ids(event_map(store, gazetteer, everything)[0]) == {"trusted", "uncertain"}
    assert (event_count(store, gazetteer), event_count(store, gazetteer, everything)) == (1, 2)
    assert sum(bar.events for bar in timeline(store, gazetteer).bars) == 1
    assert place_report(store, gazetteer, WASHINGTON).events == []
    shown = place_report(store, gazetteer, WASHINGTON, everything).events
    assert [view.event.id for view in shown] == ["uncertain"]
    # The event's confidence does not touch the place mentions.
    assert mention_counts(store, gazetteer) == mention_counts(store, gazetteer, everything)


def test_an_uncertain_place_mention_is_shown_by_default_and_hidden_with_pconf(calibrated_db, gazetteer):
    store, sure_places = Store(calibrated_db), Selection.from_query_params({"pconf": "0.5"})
    assert mention_counts(store, gazetteer) == {RABAT: 1, WASHINGTON: 1}  # Washington's mention is at 0.3
    assert mention_counts(store, gazetteer, sure_places) == {RABAT: 1}
    assert place_report(store, gazetteer, WASHINGTON).mention_count == 1
    report = place_report(store, gazetteer, WASHINGTON, sure_places)
    assert (report.mention_count, report.articles) == (0, [])
    # The place mentions' confidence does not touch the events.
    assert event_map(store, gazetteer, sure_places) == event_map(store, gazetteer)


def test_main_only_and_demonyms(store, gazetteer, stored):
    main = ids(event_map(store, gazetteer, EVERYTHING.replace(main_only=True))[0])
    assert main == placed(stored, lambda e, *_: e.rank == 0) and main < ids(
        event_map(store, gazetteer, EVERYTHING)[0]
    )
    default = ids(event_map(store, gazetteer, Selection())[0])
    assert default == placed(stored, lambda e, *_: e.rank == 0 and e.confidence >= DEFAULT_EVENT_CONFIDENCE)

    with_demonyms, without = (
        mention_counts(store, gazetteer),
        mention_counts(store, gazetteer, Selection(demonyms=False)),
    )
    assert with_demonyms["KEN"] == 1 and "KEN" not in without  # "Kenyan police" only
    assert without["MAR"] == with_demonyms["MAR"] - 2


def test_place_report_lists_events_actors_and_articles_of_the_selection(store, gazetteer, stored):
    report = place_report(store, gazetteer, "admin1:UKR-kharkiv", EVERYTHING)
    assert report.event_count == len(report.events) == 3
    assert {a.actor.name for a in report.actors} >= {"Russian troops", "Ukraine", "Russia"}
    troops = next(a for a in report.actors if a.actor.name == "Russian troops")
    assert (troops.as_source, troops.as_target) == (2, 0)
    view = next(v for v in report.events if v.source and v.source.name == "Russian troops")
    assert view.place.name == "Kharkiv" and view.sentence.startswith("Russian troops attacked")
    highlighted = [view.sentence[s:e] for s, e in view.spans]
    assert "Kharkiv" in highlighted and "Russian troops" in highlighted
    narrowed = place_report(store, gazetteer, "admin1:UKR-kharkiv", EVERYTHING.replace(types=("ACCUSE",)))
    assert [v.event.type for v in narrowed.events] == ["ACCUSE"] and narrowed.event_count == 1
    assert {a.actor.name for a in narrowed.actors} == {"Ukraine", "Russia"}
    assert place_report(store, gazetteer, "no such place") is None


def test_timeline_counts_the_selection_by_period_and_tone(store, gazetteer, stored):
    line = timeline(store, gazetteer, EVERYTHING, by="tone", period="year")
    assert {b.key for b in line.bars} <= set(TONES) and line.undated == 0
    assert sum(b.events for b in line.bars) == len(stored)
    per_year = {b.start.year: 0 for b in line.bars}
    for bar in line.bars:
        per_year[bar.start.year] += bar.events
    assert per_year == {y: sum(e.date.year == y for e, *_ in stored) for y in per_year}
    by_type = timeline(store, gazetteer, EVERYTHING.replace(types=("SUPPORT",)), by="type", period="month")
    assert {b.key for b in by_type.bars} == {"SUPPORT"} and {b.start.day for b in by_type.bars} == {1}
    weeks = timeline(store, gazetteer, EVERYTHING, period="week")
    assert {b.start.weekday() for b in weeks.bars} == {0}  # Mondays
    assert timeline(store, gazetteer, EVERYTHING).period in ("day", "week", "month", "year")
    with pytest.raises(ValueError):
        timeline(store, gazetteer, EVERYTHING, period="fortnight")


def test_the_export_selects_what_the_map_draws(store, gazetteer, stored):
    """One filter for both: the CSV export of a selection has exactly the map's events (and the placeless)."""
    for selection in (
        Selection(),
        EVERYTHING.replace(countries=("MAR",)),
        EVERYTHING.replace(since=date(2022, 1, 1), min_confidence=0.55, actor="russia"),
        Selection(query="kharkiv", types=("ASSAULT", "ACCUSE")),
    ):
        out = io.StringIO()
        export(store, "csv", out, selection, gazetteer)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        located = {r["event_id"] for r in rows if r["location"]}
        assert located == ids(event_map(store, gazetteer, selection)[0]), selection
        assert len(rows) == event_count(store, gazetteer, selection)
    assert ExportFilter().main_only is False and isinstance(ExportFilter(), Selection)


def test_bulk_span_is_the_shortest_run_holding_most_events():
    from dashboard.queries import bulk_span

    days = [(date(1947, 1, 1), 1), *((date(2021, 1, d), 10) for d in range(1, 11)), (date(2023, 7, 1), 1)]
    assert bulk_span(days) == (date(2021, 1, 1), date(2021, 1, 9))
    assert bulk_span(days, share=1.0) == (date(1947, 1, 1), date(2023, 7, 1))
    assert bulk_span([]) is None
