"""Events dated only to a week, month, year or decade, and events with no date: how the date filter, the
map, the panel and the exports treat them.

The store is written by hand (no NLP), so each event's date and precision is exactly what the test says.
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, timedelta

import pytest

from dashboard.cli import main
from dashboard.exports import COLUMNS, ExportFilter, export
from dashboard.model import Actor, Article, Event, Mention
from dashboard.periods import period
from dashboard.queries import event_count, event_map, mention_counts, place_report, timeline
from dashboard.selection import Selection
from dashboard.selection_sql import selecting
from dashboard.store import Store
from dashboard.views.text import LINE_BREAK
from dashboard.views.timeline import timeline_notes

RABAT, CASABLANCA = "2538475", "2553604"
DATED = {  # id -> (date, precision), all in one article published 2000-06-15
    "on-day": (date(2000, 3, 10), "day"),
    "in-month": (date(2000, 3, 1), "month"),
    "in-year": (date(2000, 1, 1), "year"),
    "in-decade": (date(1990, 1, 1), "decade"),
    "in-week": (date(2000, 3, 1), "week"),  # a Wednesday: the week of Monday 28 February 2000
    "article-day": (date(2000, 6, 15), "article"),
    "no-date": (None, ""),
}
EVERY = Selection(main_only=False)


def _text(n: int) -> str:
    return f"Morocco and Israel held talks in Rabat, round {n}."


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """One article with an event of each precision; an article with no published date and one of 2001,
    both without events (their mentions count by their own date)."""
    path = tmp_path_factory.mktemp("coarse") / "store.db"
    store = Store(path)
    text = " ".join(_text(n) for n in range(len(DATED)))
    dated = Article.create(text, title="Talks", published=date(2000, 6, 15), source="Wire")
    morocco = Actor("mar", "Morocco", "country", "MAR")
    israel = Actor("isr", "Israel", "country", "ISR")
    events, mentions = [], []
    for n, (event_id, (day, precision)) in enumerate(DATED.items()):
        start = text.index(_text(n))
        kind = "AGREE" if event_id == "in-year" else "CONSULT"  # a type of its own, to select it alone
        events.append(
            Event(
                event_id, dated.id, kind, "mar", "isr", start, start + len(_text(n)), source_country="MAR",
                target_country="ISR", place_id=RABAT, date=day, date_precision=precision, confidence=0.9,
                coder="test",
            )
        )  # fmt: skip
        at = text.index("Rabat", start)
        mentions.append(
            Mention(
                dated.id, at, at + 5, "Rabat", RABAT, sentence_start=start, sentence_end=start + len(_text(n))
            )
        )
    store.add(dated, mentions, [morocco, israel], events)
    for title, published in (("Undated brief", None), ("Later brief", date(2001, 1, 1))):
        brief = Article.create("Casablanca was quiet.", title=title, published=published)
        store.add(brief, [Mention(brief.id, 0, 10, "Casablanca", CASABLANCA)])
    return path


def selected(db, gazetteer, selection) -> set[str]:
    """The events the one Selection -> SQL mapping (`dashboard.selection_sql`) selects."""
    with selecting(Store(db), selection, gazetteer) as (conn, where):
        rows = conn.execute(f"SELECT e.id FROM events e WHERE {where.events}", where.event_params)
        return {row[0] for row in rows}


def window(since: str | None, until: str | None, **fields) -> Selection:
    return EVERY.replace(
        since=date.fromisoformat(since) if since else None,
        until=date.fromisoformat(until) if until else None,
        **fields,
    )


# -- the filter --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (None, None, set(DATED)),
        # A year is in a window holding all of it; a week that starts in February is not in March.
        ("2000-01-01", "2000-12-31", set(DATED) - {"in-decade"}),
        ("2000-03-01", "2000-03-31", {"on-day", "in-month", "no-date"}),
        ("2000-03-01", None, {"on-day", "in-month", "article-day", "no-date"}),
        (None, "2000-03-05", {"in-decade", "in-week", "no-date"}),
        ("1990-01-01", "1999-12-31", {"in-decade", "no-date"}),
        ("1995-01-01", "2005-12-31", set(DATED) - {"in-decade"}),
        ("2000-02-28", "2000-03-05", {"in-week", "no-date"}),
    ],
)
def test_a_coarse_date_is_in_a_window_that_holds_its_whole_period(db, gazetteer, since, until, expected):
    assert selected(db, gazetteer, window(since, until)) == expected
    # Leaving undated events out takes exactly them away, and nothing else.
    assert selected(db, gazetteer, window(since, until, undated=False)) == expected - {"no-date"}


def test_the_filter_agrees_with_the_periods_for_any_window(db, gazetteer):
    rng = random.Random(3)
    for _ in range(60):
        first = date(1988, 1, 1) + timedelta(days=rng.randrange(15 * 366))
        last = first + timedelta(days=rng.choice([0, 3, 6, 30, 200, 400, 4000]))
        since, until = rng.choice([(first, last), (first, None), (None, last)])
        undated = rng.random() < 0.5
        expected = {
            event_id
            for event_id, (day, precision) in DATED.items()
            if (undated if day is None else _within(period(day, precision), since, until))
        }
        chosen = EVERY.replace(since=since, until=until, undated=undated)
        assert selected(db, gazetteer, chosen) == expected, chosen


def _within(span: tuple[date, date], since: date | None, until: date | None) -> bool:
    return (since is None or span[0] >= since) and (until is None or span[1] <= until)


def test_undated_events_stay_in_view_when_a_window_is_set_unless_left_out(db, gazetteer):
    """The symptom: events without a date vanished as soon as any date filter was set."""
    store = Store(db)
    march = window("2000-03-01", "2000-03-31")
    assert "no-date" in {e.id for events in event_map(store, gazetteer, march)[0].values() for e in events}
    report = place_report(store, gazetteer, RABAT, march)
    assert {v.event.id for v in report.events} == {"on-day", "in-month", "no-date"}
    assert event_count(store, gazetteer, march) == 3
    assert event_count(store, gazetteer, march.replace(undated=False)) == 2
    assert event_count(store, gazetteer, EVERY.replace(undated=False)) == len(DATED) - 1  # no window too


def test_articles_without_a_published_date_follow_the_no_date_choice(db, gazetteer):
    store = Store(db)
    march = window("2000-03-01", "2000-03-31")
    assert set(mention_counts(store, gazetteer, march)) == {RABAT, CASABLANCA}  # the undated brief
    assert set(mention_counts(store, gazetteer, march.replace(undated=False))) == {RABAT}
    later = window("2001-01-01", None, undated=False)
    assert mention_counts(store, gazetteer, later) == {CASABLANCA: 1}  # the 2001 brief, by its own date
    assert set(mention_counts(store, gazetteer, EVERY.replace(undated=False))) == {RABAT, CASABLANCA}


def test_the_no_date_choice_is_in_the_url():
    assert Selection(undated=False).to_query_params() == {"undated": "0"}
    assert Selection().to_query_params() == {}  # included by default: the plain view has a plain URL
    assert Selection.from_query_params({"undated": "0"}).undated is False
    for value in ("1", "", "maybe", "x" * 700):
        assert Selection.from_query_params({"undated": value}).undated is True
    chosen = Selection(since=date(2000, 1, 1), undated=False)
    assert Selection.from_query_params(chosen.to_query_params()) == chosen


# -- the exports -------------------------------------------------------------------------------------------
EXPORT_ALL = ExportFilter()


def _csv(db, gazetteer, selection: Selection = EXPORT_ALL) -> dict[str, dict]:
    out = io.StringIO()
    export(Store(db), "csv", out, selection, gazetteer)
    return {row["event_id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}


EXPORTED = {  # id -> (date as written, precision, earliest, latest)
    "on-day": ("2000-03-10", "day", "2000-03-10", "2000-03-10"),
    "in-month": ("2000-03", "month", "2000-03-01", "2000-03-31"),
    "in-year": ("2000", "year", "2000-01-01", "2000-12-31"),
    "in-decade": ("1990s", "decade", "1990-01-01", "1999-12-31"),
    "in-week": ("week of 2000-02-28", "week", "2000-02-28", "2000-03-05"),
    "article-day": ("2000-06-15", "article", "2000-06-15", "2000-06-15"),
}


def test_csv_writes_each_date_as_precisely_as_it_is_known(db, gazetteer):
    rows = _csv(db, gazetteer)
    assert tuple(next(iter(rows.values()))) == COLUMNS
    for event_id, (text, precision, earliest, latest) in EXPORTED.items():
        row = rows[event_id]
        assert (row["event_date"], row["date_precision"]) == (text, precision)
        assert (row["date_earliest"], row["date_latest"]) == (earliest, latest)
    undated = rows["no-date"]
    assert [undated[c] for c in ("event_date", "date_precision", "date_earliest", "date_latest")] == [""] * 4


def test_geojson_and_jsonl_write_the_same_dates(db, gazetteer):
    store = Store(db)
    out = io.StringIO()
    export(store, "geojson", out, ExportFilter(), gazetteer)
    features = {
        f["properties"]["id"]: f["properties"]
        for f in json.loads(out.getvalue())["features"]
        if f["properties"]["feature"] == "event"
    }
    out = io.StringIO()
    export(store, "jsonl", out, ExportFilter(), gazetteer)
    (talks,) = [r for r in map(json.loads, out.getvalue().splitlines()) if r["title"] == "Talks"]
    records = {e["id"]: e for e in talks["events"]}
    for found in (features, records):
        for event_id, expected in EXPORTED.items():
            fields = ("date", "date_precision", "date_earliest", "date_latest")
            assert tuple(found[event_id][f] for f in fields) == expected, event_id
        assert found["no-date"]["date"] is None and found["no-date"]["date_precision"] is None
    assert "2000-01-01" not in {p["date"] for p in features.values()}


def test_exports_keep_undated_events_in_a_window_unless_told_not_to(db, gazetteer, capsys):
    march = ExportFilter(since=date(2000, 3, 1), until=date(2000, 3, 31))
    assert set(_csv(db, gazetteer, march)) == {"on-day", "in-month", "no-date"}
    argv = ["export", "--format", "csv", "--db", str(db), "--since", "2000-03", "--until", "2000-03"]
    assert main(argv) == 0
    assert {row["event_id"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))} == {
        "on-day",
        "in-month",
        "no-date",
    }
    assert main([*argv, "--no-undated"]) == 0
    assert {row["event_id"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))} == {
        "on-day",
        "in-month",
    }
    assert main(["export", "--format", "csv", "--db", str(db), "--since", "2000", "--until", "2000"]) == 0
    assert "in-year" in {row["event_id"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))}


# -- the timeline ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("unit", "bars", "coarse"),
    [
        ("day", {"2000-03-10": 1, "2000-06-15": 1}, {"week": 1, "month": 1, "year": 1, "decade": 1}),
        ("week", {"2000-02-28": 1, "2000-03-06": 1, "2000-06-12": 1}, {"month": 1, "year": 1, "decade": 1}),
        # The week of 28 February runs into March: no month bar holds it.
        ("month", {"2000-03-01": 2, "2000-06-01": 1}, {"week": 1, "year": 1, "decade": 1}),
        ("year", {"2000-01-01": 5}, {"decade": 1}),
    ],
)
def test_timeline_draws_an_event_only_in_a_bar_that_holds_its_whole_period(db, gazetteer, unit, bars, coarse):
    line = timeline(Store(db), gazetteer, EVERY, period=unit, window=(date(1990, 1, 1), None))
    drawn: dict[str, int] = {}
    for bar in line.bars:
        drawn[bar.start.isoformat()] = drawn.get(bar.start.isoformat(), 0) + bar.events
    assert (drawn, line.coarse, line.undated) == (bars, coarse, 1)
    assert sum(drawn.values()) + sum(line.coarse.values()) + line.undated == len(DATED)  # each counted once


def test_timeline_charts_a_coarsely_dated_selection_by_a_period_that_can_draw_it(db, gazetteer):
    store = Store(db)
    year_only = timeline(store, gazetteer, EVERY.replace(types=("AGREE",)))
    assert year_only.period == "year" and [(b.start, b.events) for b in year_only.bars] == [
        (date(2000, 1, 1), 1)
    ]
    decade = timeline(store, gazetteer, window("1990-01-01", "1999-12-31", undated=False))
    assert (decade.bars, decade.coarse, decade.first_precision) == ([], {"decade": 1}, "decade")


def test_timeline_notes_count_the_undated_and_the_coarse_without_inventing_days(db, gazetteer):
    store = Store(db)
    line = timeline(store, gazetteer, EVERY, period="month", window=(date(1990, 1, 1), None))
    shown, left_out = timeline_notes(line), timeline_notes(line, undated_in_view=False)
    assert shown[-1] == "No date: 1 event, on the map and in the panel, not on the chart."
    assert left_out[-1] == 'No date: 1 event, left out of the view ("Include events with no date" is off).'
    assert "1 only to the week, 1 only to the year, 1 only to the decade" in shown[0]
    # The span's far end is named as precisely as it is known: "from 1990s", not 1990-01-01.
    bulk = timeline(store, gazetteer, EVERY, period="month")
    assert bulk.before == 1 and "1 earlier (from 1990s)" in timeline_notes(bulk)[0]
    assert not any("-01-01" in note for note in timeline_notes(bulk) + shown)


# -- the app -----------------------------------------------------------------------------------------------
def test_app_sidebar_offers_the_no_date_choice_and_the_url_keeps_it(db, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard.cli import APP

    monkeypatch.setenv("NEWSMAP_DB", str(db))
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params.update({"place": RABAT, "from": "2000-03-01", "to": "2000-03-31", "main": "0"})
    app.run()
    assert not app.exception
    (choice,) = [c for c in app.sidebar.checkbox if c.label == "Include events with no date"]
    assert choice.value is True and "undated" not in app.query_params
    assert _events_tab(app) == "Events (3)"
    assert _card_dates(app) == {"2000-03-10", "2000-03", "no date"}
    assert any(c.value.startswith("No date: 1 event, on the map") for c in app.main.caption)

    choice.uncheck().run()
    assert not app.exception and app.query_params["undated"] == "0"
    assert _events_tab(app) == "Events (2)" and "no date" not in _card_dates(app)
    assert any(c.value.startswith("No date: 1 event, left out") for c in app.main.caption)

    reopened = AppTest.from_file(str(APP), default_timeout=120)
    reopened.query_params.update({"place": RABAT, "undated": "0", "main": "0"})
    reopened.run()
    (choice,) = [c for c in reopened.sidebar.checkbox if c.label == "Include events with no date"]
    assert choice.value is False and _events_tab(reopened) == f"Events ({len(DATED) - 1})"
    assert _card_dates(reopened) == {
        "2000-03-10", "2000-03", "2000", "1990s", "week of 2000-02-28", "2000-06-15 (article date)",
    }  # fmt: skip


def _events_tab(app) -> str:
    return next(t.label for t in app.main.tabs if t.label.startswith("Events ("))


def _card_dates(app) -> set[str]:
    """The date on each event card's first line ("**TYPE** · date", Markdown-escaped), unescaped."""
    lines = [m.value.split(LINE_BREAK)[0] for m in app.main.markdown if m.value.startswith("**")]
    return {line.split(" · ", 1)[1].replace("\\", "") for line in lines if " · " in line}
