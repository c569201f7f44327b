"""What the map reads at any store size (`queries.map_events`): per place and type the count and only the
newest events, which must be exactly what the full read (`queries.event_map`, itself held to a plain
Python reading of each filter in test_queries.py) gives, for any selection, after re-ingest and replace."""

from __future__ import annotations

import random
import sqlite3
from collections import Counter

import pytest
from synthetic import build, random_selection

from dashboard import queries
from dashboard.layers.events import event_rows
from dashboard.model import Event
from dashboard.selection import Selection
from dashboard.store import MIGRATIONS, Store


def _summary(by_place: dict, listed: int) -> dict:
    """Place id -> type -> (count, ids of the newest `listed`), from full lists (newest first)."""
    out: dict = {}
    for place, events in by_place.items():
        kinds: dict = {}
        for kind in {e.type for e in events}:
            of_kind = [e.id for e in events if e.type == kind]
            kinds[kind] = (len(of_kind), of_kind[:listed])
        out[place.id] = kinds
    return out


def _read(by_place: dict) -> dict:
    return {
        place.id: {kind: (n, [e.id for e in at.latest[kind]]) for kind, n in at.counts.items()}
        for place, at in by_place.items()
    }


def _same_as_the_full_read(store, gazetteer, selections, listed=3):
    for selection in selections:
        full, full_pairs = queries.event_map(store, gazetteer, selection)
        found = queries.map_events(store, gazetteer, selection, listed)
        by_place = found.by_place
        assert _read(by_place) == _summary(full, listed), selection
        assert found.pairs == full_pairs, selection
        assert {p.id: len(at) for p, at in by_place.items()} == {p.id: len(e) for p, e in full.items()}
        # the app reads the markers and the pairs side by side, each on its own: the same answers
        assert queries.marker_events(store, gazetteer, selection, listed) == (by_place, found.actor_names)
        assert queries.country_pairs(store, gazetteer, selection)[0] == full_pairs, selection


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("map") / "random.db")
    return store, build(store, seed=13, articles=60)


def test_map_events_count_every_selected_event_and_list_the_newest(synthetic, gazetteer):
    store, records = synthetic
    rng = random.Random(17)
    selections = [Selection(), Selection(min_confidence=0, main_only=False, undated=True)]
    selections += [random_selection(rng, records) for _ in range(60)]
    _same_as_the_full_read(store, gazetteer, selections)
    # One listed event per type: the newest, undated events only after every dated one.
    _same_as_the_full_read(store, gazetteer, selections[:10], listed=1)


def test_map_events_stay_exact_after_re_ingest_and_replace(tmp_path, gazetteer):
    store = Store(tmp_path / "again.db")
    records = build(store, seed=21, articles=30)
    everything = Selection(min_confidence=0, main_only=False)
    before = queries.map_events(store, gazetteer, everything)
    build(store, seed=21, articles=30)  # the same input again adds nothing
    assert queries.map_events(store, gazetteer, everything) == before
    # Replace: an article's events re-extracted, one fewer and one moved to another place.
    article = next(a for a in records.articles if sum(e.article_id == a.id for e in records.events) >= 2)
    kept = [e for e in records.events if e.article_id == article.id][1:]
    moved = Event(**{**{f: getattr(kept[0], f) for f in kept[0].__slots__}, "place_id": "2538475"})
    store.add(article, events=[moved, *kept[1:]])
    _same_as_the_full_read(store, gazetteer, [everything, Selection()])
    assert queries.map_events(store, gazetteer, everything) != before


def test_event_rows_from_counts_and_newest_are_the_rows_of_the_full_lists(synthetic, gazetteer):
    store, _ = synthetic
    everything = Selection(min_confidence=0, main_only=False)
    full, _ = queries.event_map(store, gazetteer, everything)
    by_place = queries.map_events(store, gazetteer, everything).by_place
    assert event_rows(by_place) == event_rows(full)
    assert Counter({p.id: len(at) for p, at in by_place.items()}) == Counter(
        {p.id: len(e) for p, e in full.items()}
    )


def test_a_store_of_the_previous_schema_gains_the_covering_indexes(tmp_path, gazetteer):
    """The map's and timeline's aggregates read an index, not the table: a store made before gets it."""
    path = tmp_path / "v6.db"
    with sqlite3.connect(path) as db:
        for statements in MIGRATIONS[:6]:
            for statement in statements:
                db.execute(statement)
        db.execute("PRAGMA user_version = 6")
        db.execute("INSERT INTO articles VALUES ('a', 't', 'x', '', '', NULL, '', datetime('now'), NULL)")
        db.execute(
            "INSERT INTO events VALUES ('e', 'a', 'AGREE', NULL, NULL, 0, 1, '', 'MAR', 'ISR', '2538475',"
            " '2021-11-24', 'day', 0.9, 0, '', NULL)"
        )
    store = Store(path)
    with store.read() as db:
        plans = {
            sql: " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
            for sql in (
                "SELECT place_id, type, count(*) FROM events WHERE rank = 0 AND confidence >= 0.6"
                " GROUP BY place_id, type",
                "SELECT date, date_precision, type, count(*) FROM events WHERE rank = 0"
                " GROUP BY date, date_precision, type",
            )
        }
    for sql, plan in plans.items():
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, (sql, plan)
    ((place, at),) = queries.map_events(store, gazetteer, Selection()).by_place.items()
    assert (place.id, at.counts, [e.id for e in at.latest["AGREE"]]) == ("2538475", {"AGREE": 1}, ["e"])


def test_with_a_type_filter_the_markers_seek_each_place_s_events_of_that_type(store, gazetteer):
    """The markers' counts under a type filter seek (place, type) in `events_by_place_type`, place by place,
    rather than read every event's entry for its type (3-4x faster at 6 million events)."""
    from dashboard.selection_sql import selecting

    with selecting(store, Selection(types=("ASSAULT", "AGREE")), gazetteer) as (db, found):
        plan = db.execute(
            f"EXPLAIN QUERY PLAN SELECT e.place_id, e.type, count(*) FROM events e"
            f" WHERE {found.by_place}{found.events} GROUP BY e.place_id, e.type",
            found.event_params,
        ).fetchall()
    assert any("events_by_place_type (place_id=? AND type=?)" in row[3] for row in plan), plan
