"""The map's and the panels' read models (`dashboard.queries`) over random records and selections
(`synthetic.py`): each answers what the selection holds, and the numbers they give agree."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta

import pytest
from synthetic import PLACES, build, random_selection, selected_events, selected_mentions

from dashboard import queries
from dashboard.selection import Selection
from dashboard.selection_sql import in_countries

SELECTIONS = 60


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from dashboard.store import Store

    store = Store(tmp_path_factory.mktemp("queries") / "random.db")
    return store, build(store, seed=3)


@pytest.fixture(scope="module")
def selections(synthetic):
    rng = random.Random(5)
    return [Selection(), Selection(min_confidence=0, main_only=False)] + [
        random_selection(rng, synthetic[1]) for _ in range(SELECTIONS)
    ]


def test_event_count_map_and_relations_hold_the_selected_events(synthetic, selections, gazetteer):
    store, records = synthetic
    for selection in selections:
        expected = selected_events(records, selection, gazetteer)
        assert queries.event_count(store, gazetteer, selection) == len(expected)
        by_place, pairs = queries.event_map(store, gazetteer, selection)
        assert {p.id: sorted(e.id for e in events) for p, events in by_place.items()} == {
            place: sorted(e.id for e in expected if e.place_id == place)
            for place in {e.place_id for e in expected} - {None}
        }
        relations = Counter()
        for e in expected:
            if e.source_country and e.target_country and e.source_country != e.target_country:
                relations[e.source_country, e.target_country, e.type] += 1
        assert (
            Counter({(s.id, t.id, k): n for (s, t), types in pairs.items() for k, n in types.items()})
            == relations
        )


def test_events_on_the_map_are_newest_first_with_the_undated_last(synthetic, gazetteer):
    store, _ = synthetic
    by_place, _ = queries.event_map(store, gazetteer, Selection(min_confidence=0, main_only=False))
    for events in by_place.values():
        dated = [e.date for e in events if e.date]
        assert dated == sorted(dated, reverse=True)
        assert [e.date is None for e in events] == sorted(e.date is None for e in events)


def test_mention_counts_are_the_selected_mentions_of_the_selected_countries(synthetic, selections, gazetteer):
    store, records = synthetic
    for selection in selections:
        codes = set(selection.countries)
        expected = Counter(
            m.place_id
            for m in selected_mentions(records, selection, gazetteer)
            if not codes or in_countries(gazetteer.place(m.place_id), codes)
        )
        assert queries.mention_counts(store, gazetteer, selection) == expected, selection
        counts, points = queries.mentioned_points(store, gazetteer, {"MAR", "KEN"}, selection)
        assert counts == expected
        # Countries with a polygon are shaded, not drawn as points; cities, states and territories are.
        assert {p.id for p in points} == {i for i in expected if gazetteer.place(i).kind != "country"} - {
            "disputed:western-sahara"
        }


@pytest.mark.parametrize("by", ["tone", "type"])
def test_the_timeline_accounts_for_every_selected_event_once(synthetic, selections, gazetteer, by):
    """Drawn, undated, coarser than a bar, or outside the span drawn: the parts add up to the count."""
    store, records = synthetic
    for selection in selections:
        line = queries.timeline(store, gazetteer, selection, by=by)
        expected = selected_events(records, selection, gazetteer)
        drawn = sum(bar.events for bar in line.bars)
        assert drawn + line.undated + line.before + line.after + sum(line.coarse.values()) == len(expected)
        assert line.undated == sum(e.date is None for e in expected)
        if by == "type":
            assert {bar.key for bar in line.bars} <= {e.type for e in expected}


@pytest.mark.parametrize("period", ["day", "week", "month", "year"])
def test_a_timeline_bar_holds_only_events_whose_whole_period_it_holds(synthetic, gazetteer, period):
    from dashboard import periods

    store, records = synthetic
    # From 2019: no event dated by the 2010s stretches the chart, so it spans every selected date.
    selection = Selection(since=date(2019, 1, 1), min_confidence=0, main_only=False)
    line = queries.timeline(store, gazetteer, selection, by="type", period=period)
    assert line.before == line.after == 0
    expected = Counter()
    for e in selected_events(records, selection, gazetteer):
        if e.date is None:
            continue
        first, last = periods.period(e.date, e.date_precision)
        bar = periods.period(first, period)[0]
        if bar == periods.period(last, period)[0]:
            expected[bar, e.type] += 1
    drawn = Counter({(bar.start, bar.key): bar.events for bar in line.bars})
    assert drawn == Counter(
        {k: n for k, n in expected.items() if line.before == line.after == 0 or k in drawn}
    )


def test_a_place_report_counts_what_its_lists_show(synthetic, selections, gazetteer):
    store, records = synthetic
    for selection in selections[:20]:
        mentions = selected_mentions(records, selection, gazetteer)
        events = selected_events(records, selection, gazetteer)
        for place_id in PLACES:
            place = gazetteer.place(place_id)
            report = queries.place_report(
                store, gazetteer, place_id, selection, max_articles=3, max_events=12
            )
            # With a country filter, only the places in those countries have mentions, as on the map.
            codes = set(selection.countries)
            counted = not codes or in_countries(place, codes)
            here = [m for m in mentions if m.place_id == place_id and counted]
            assert report.mention_count == len(here)
            assert report.article_count == len({m.article_id for m in here})
            assert len(report.articles) == min(3, report.article_count)
            # A city's events happened there; a country's or territory's anywhere in it, and the list
            # beside them holds those elsewhere that its actors (ESH's for Western Sahara) take part in.
            area = place.kind in ("country", "disputed")
            at = [
                e for e in events
                if e.place_id == place_id
                or (area and e.place_id and place_id in gazetteer.areas_of(gazetteer.place(e.place_id)))
            ]  # fmt: skip
            own = {"MAR": {"MAR"}, "KEN": {"KEN"}, "disputed:western-sahara": {"ESH"}}.get(place_id, set())
            involving = [
                e for e in events if e not in at and {e.source_country, e.target_country} & own
            ]  # fmt: skip
            assert (report.event_count, report.involving_count) == (len(at), len(involving))
            assert report.at_place_count == sum(e.place_id == place_id for e in at)
            # The panel lists the newest max_events of each.
            for listed, expected in ((report.events, at), (report.involving, involving)):
                newest = sorted(expected, key=lambda e: (e.date is not None, e.date or date.min))[::-1][:12]
                assert len(listed) == len(newest)
                assert [v.event.date for v in listed] == [e.date for e in newest]
            sides = Counter()
            for e in at + involving:
                for actor_id in (e.source_actor, e.target_actor):
                    if actor_id:
                        actor = records.actors[actor_id]
                        sides[actor.name.casefold(), actor.country] += 1
            assert {(a.actor.name.casefold(), a.actor.country): a.events for a in report.actors} == sides
            assert report.actor_count == len(sides)


def test_a_place_s_panel_counts_the_events_its_marker_or_tooltip_counts(synthetic, selections, gazetteer):
    """The map's numbers for a place are the panel's: a marker counts the events at its place, with or
    without actors; a country's or territory's tooltip counts those anywhere in it; mentions count only in
    the countries a filter selects."""
    from dashboard.geo import files
    from dashboard.layers.newsmap import located_event_counts

    store, _ = synthetic
    disputed = files.disputed_shapes()
    territory_of = {code: i for code, i in zip(disputed["iso3"], disputed["id"], strict=True) if code}
    for selection in selections[:20]:
        by_place = queries.map_events(store, gazetteer, selection).by_place
        located = located_event_counts(by_place, territory_of)
        markers = {place.id: len(at) for place, at in by_place.items()}
        mentions = queries.mention_counts(store, gazetteer, selection)  # the Places layer, the tooltips
        for place_id in PLACES:
            report = queries.place_report(store, gazetteer, place_id, selection, max_articles=1)
            area = gazetteer.place(place_id).kind in ("country", "disputed")
            shown = (located if area else markers).get(place_id, 0)
            assert report.event_count == shown, (place_id, selection)
            assert report.at_place_count == markers.get(place_id, 0)
            assert report.mention_count == mentions.get(place_id, 0)


def test_a_place_report_is_none_for_an_unknown_place(synthetic, gazetteer):
    assert queries.place_report(synthetic[0], gazetteer, "no-such-place") is None


def test_event_dates_span_the_store_s_dated_events(synthetic, tmp_path):
    from dashboard.store import Store

    store, records = synthetic
    dated = [e.date for e in records.events if e.date]
    span = queries.event_dates(store)
    inside = [day for day in dated if span.start <= day <= span.end]
    assert span.start in dated and span.end in dated
    assert span.before == sum(day < span.start for day in dated) and span.after == sum(
        day > span.end for day in dated
    )
    assert len(inside) >= 0.8 * len(dated)  # a few far-off dates at most are left to the slider's ends
    assert queries.event_dates(Store(tmp_path / "empty.db")) is None


def test_event_dates_span_the_bulk_when_a_few_far_off_dates_would_stretch_the_slider(tmp_path):
    """Twenty events of 2021 and one of 1975 told as background: the slider spans 2021, and says one event
    lies before it (its open end still holds it)."""
    from dashboard.model import Article, Event
    from dashboard.store import Store

    store = Store(tmp_path / "far.db")
    days = [date(2021, 3, 1) + timedelta(days=9 * i) for i in range(20)] + [date(1975, 11, 6)]
    for i, day in enumerate(days):
        article = Article.create(f"Story {i}: officials met in Rabat.", title=f"Story {i}", published=day)
        event = Event(
            id=f"e{i}", article_id=article.id, type="CONSULT", source_actor=None, target_actor=None,
            evidence_start=0, evidence_end=10, date=day, confidence=0.9,
        )  # fmt: skip
        store.add(article, [], [], [event])
    span = queries.event_dates(store)
    assert span.start >= date(2021, 1, 1) and span.end == max(days)
    assert (span.before, span.after) == (1, 0)


def test_latest_events_are_the_selection_s_newest(synthetic, selections, gazetteer):
    """The feed shown while no place is selected: selected events only, the newest first (undated last),
    as many as asked for or all there are."""
    store, records = synthetic
    for selection in selections:
        expected = selected_events(records, selection, gazetteer)
        views = queries.latest_events(store, gazetteer, selection, limit=15)
        assert len(views) == min(15, len(expected))
        assert {v.event.id for v in views} <= {e.id for e in expected}
        newest = sorted((e.date for e in expected if e.date), reverse=True)[: len(views)]
        listed = [v.event.date for v in views]
        assert [d for d in listed if d] == newest[: len([d for d in listed if d])]
        assert listed == sorted(listed, key=lambda d: (d is None, -(d.toordinal() if d else 0)))
