"""The map's size is bounded whatever the store holds (issue 23): beyond its caps it draws markers for the
busiest places only (each place whole), arcs for the busiest country pairs and points for the most
mentioned places; every count it shows stays exact, and each capped layer's legend says how much it
leaves out. Checked against the full read (`queries.event_map`) of a store over small caps."""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter
from datetime import date, timedelta

import pytest

from dashboard import queries
from dashboard.model import Article, Event, Mention
from dashboard.selection import Selection
from dashboard.store import Store
from dashboard.views import cached

TYPES = ("AGREE", "CONSULT", "ASSAULT", "PROTEST", "ACCUSE", "COERCE")
SHAPED = frozenset({"MAR", "KEN"})  # countries drawn as polygons, never as points
MARKERS, PAIRS, POINTS = 20, 3, 6  # caps well under what the store holds


def _skewed(rng: random.Random, values: list):
    """A few busy values and a long tail, as in news: the i-th is drawn in proportion to 1 / (i + 1)."""
    return rng.choices(values, weights=[1 / (i + 1) for i in range(len(values))])[0]


@pytest.fixture(scope="module")
def busy(tmp_path_factory, gazetteer):
    """A store of 150 articles: events at 40 states and some countries, between 12 countries (and Western
    Sahara, whose code ESH the gazetteer reads as the disputed territory), mentions of 30 places."""
    rng = random.Random(5)
    states = [p.id for p in gazetteer.places("admin1")][::97][:40]
    countries = ["MAR", "ISR", "USA", "UKR", "RUS", "KEN", "FRA", "CHN", "IND", "BRA", "EGY", "ESH"]
    mentioned = [*states[:24], "MAR", "KEN", "PSE", "disputed:western-sahara", "ISR", "USA"]
    store = Store(tmp_path_factory.mktemp("busy") / "busy.db")
    for n in range(150):
        text = f"Report {n} on the talks and the clashes."
        article = Article.create(text, title=f"Story {n}", published=date(2024, 1, 1) + timedelta(days=n))
        mentions = [
            Mention(article.id, i, i + 6, text[i : i + 6], _skewed(rng, mentioned), "literal", 0.9)
            for i in range(0, 6 * rng.randrange(1, 4), 6)
        ]
        events = [
            Event(
                f"{article.id}-e{i}",
                article.id,
                _skewed(rng, list(TYPES)),
                None,
                None,
                0,
                len(text),
                source_country=_skewed(rng, countries),
                target_country=_skewed(rng, countries),
                place_id=_skewed(rng, [*states, "MAR", "KEN"]),
                date=date(2024, 1, 1) + timedelta(days=rng.randrange(200)),
                date_precision="day",
                confidence=0.9,
                rank=0,
            )  # fmt: skip
            for i in range(rng.randrange(1, 7))
        ]
        store.add(article, mentions, [], events)
    return store


def _busiest_places(full: dict, cap: int) -> list[str]:
    """Place ids by events (most first, ties by id), as long as their types (a marker each) fit in `cap`."""
    drawn, markers = [], 0
    for place, events in sorted(full.items(), key=lambda kv: (-len(kv[1]), kv[0].id)):
        kinds = len({e.type for e in events})
        if markers + kinds > cap:
            break
        drawn.append(place.id)
        markers += kinds
    return drawn


def _unordered(pairs: dict) -> Counter:
    """Events per pair of countries, either way round, keyed by the pair's place ids."""
    totals: Counter = Counter()
    for (source, target), types in pairs.items():
        totals[frozenset((source.id, target.id))] += sum(types.values())
    return totals


def test_markers_are_the_busiest_places_whole_within_the_cap_and_every_place_still_counts(busy, gazetteer):
    full, _ = queries.event_map(busy, gazetteer, Selection())
    found = queries.map_events(busy, gazetteer, Selection(), 3, max_markers=MARKERS)
    expected = _busiest_places(full, MARKERS)
    drawn = [p.id for p, at in found.by_place.items() if at.drawn]
    assert 0 < len(drawn) < len(full) and sorted(drawn) == sorted(expected)
    assert sum(len(at.counts) for at in found.by_place.values() if at.drawn) <= MARKERS
    # Every place is counted, drawn or not (the Heat layer and the countries' shading read them all).
    assert {p.id: len(at) for p, at in found.by_place.items()} == {p.id: len(e) for p, e in full.items()}
    for place, events in full.items():
        at = found.by_place[place]
        assert at.counts == Counter(e.type for e in events)
        if place.id in expected:  # whole: every type, each with its newest events
            assert {k: [e.id for e in v] for k, v in at.latest.items()} == {
                kind: [e.id for e in events if e.type == kind][:3] for kind in at.counts
            }
        else:
            assert at.latest == {}


def test_relations_are_the_busiest_country_pairs_with_exact_totals(busy, gazetteer):
    _, full_pairs = queries.event_map(busy, gazetteer, Selection())
    found = queries.map_events(busy, gazetteer, Selection(), 3, max_pairs=PAIRS)
    every, drawn = _unordered(full_pairs), _unordered(found.pairs)
    assert len(every) > PAIRS and len(drawn) == PAIRS
    assert min(drawn.values()) >= max(n for pair, n in every.items() if pair not in drawn)
    assert drawn == {pair: every[pair] for pair in drawn}
    assert found.pairs == {
        pair: types for pair, types in full_pairs.items() if frozenset(p.id for p in pair) in drawn
    }
    assert (found.relations.items, found.relations.total_items) == (PAIRS, len(every))
    assert (found.relations.count, found.relations.total) == (sum(drawn.values()), sum(every.values()))
    assert "disputed:western-sahara" in {p.id for pair in full_pairs for p in pair}  # ESH, read as a place


def test_points_are_the_most_mentioned_places(busy, gazetteer):
    counts = queries.mention_counts(busy, gazetteer, Selection())
    every, _ = queries.point_places(counts, gazetteer, SHAPED)
    points, shown = queries.point_places(counts, gazetteer, SHAPED, limit=POINTS)
    assert len(every) > POINTS and len(points) == POINTS
    assert min(counts[p.id] for p in points) >= max(counts[p.id] for p in every if p not in points)
    assert [p for p in every if p in points] == points  # in the order of the counts, as uncapped
    assert shown.total_items == len(every) and shown.total == sum(counts[p.id] for p in every)
    assert shown.count == sum(counts[p.id] for p in points)


def _boxes(html: str) -> list[str]:
    return [json.loads(text) for text in re.findall(r"box.innerHTML = (\".*?\");\n", html)]


def _notes(html: str) -> list[str]:
    return [note for box in _boxes(html) for note in re.findall(r'<div class="nm-note">(.*?)</div>', box)]


def test_a_capped_map_says_in_each_legend_what_it_leaves_out(busy, gazetteer, monkeypatch):
    full, full_pairs = queries.event_map(busy, gazetteer, Selection())
    counts = queries.mention_counts(busy, gazetteer, Selection())
    every_point, _ = queries.point_places(counts, gazetteer, set(cached.files.country_shapes()["iso3"]))
    uncapped = cached.build_map(busy, gazetteer, Selection()).get_root().render()
    assert not _notes(uncapped)  # under the caps nothing is left out, and nothing is said
    monkeypatch.setattr(cached, "MAX_MARKERS", MARKERS)
    monkeypatch.setattr(cached, "MAX_PAIRS", PAIRS)
    monkeypatch.setattr(cached, "MAX_POINTS", POINTS)
    html = cached.build_map(busy, gazetteer, Selection()).get_root().render()

    drawn = _busiest_places(full, MARKERS)
    drawn_events = [full[gazetteer.place(i)] for i in drawn]
    markers = sum(len({e.type for e in events}) for events in full.values())
    drawn_markers = sum(len({e.type for e in events}) for events in drawn_events)
    pairs = _unordered(full_pairs)
    busiest_pairs = sorted(pairs.values(), reverse=True)[:PAIRS]
    point_mentions = sorted((counts[p.id] for p in every_point), reverse=True)
    assert _notes(html) == [
        f"Showing the {POINTS:,} most mentioned of {len(every_point):,} places"
        f" ({sum(point_mentions[:POINTS]):,} of {sum(point_mentions):,} mentions)",
        f"Showing the {PAIRS:,} busiest of {len(pairs):,} country pairs"
        f" ({sum(busiest_pairs):,} of {sum(pairs.values()):,} events)",
        f"Showing the {len(drawn):,} busiest of {len(full):,} places: {drawn_markers:,} of {markers:,}"
        f" markers, {sum(map(len, drawn_events)):,} of {sum(map(len, full.values())):,} events",
    ]
    # The Events layer's rows: one per drawn place, a marker for each of its types.
    (rows,) = re.findall(r"var places = (\[.*?\]);\n", html)
    assert sorted((row[3], len(row) - 4) for row in json.loads(rows)) == sorted(
        (i, len({e.type for e in full[gazetteer.place(i)]})) for i in drawn
    )


def test_the_map_reads_its_counts_itself_while_the_reading_thread_is_busy(busy, gazetteer):
    """The map's mention counts and country pairs are read on a thread beside its markers; when that thread
    is busy (another session's map), the map reads them itself rather than wait: the same map, no stall."""
    before = re.sub(r"[0-9a-f]{32}", "id", cached.build_map(busy, gazetteer, Selection()).get_root().render())
    release = threading.Event()
    blocking = cached._map_reads.submit(release.wait, 60)
    try:
        started = time.perf_counter()
        html = cached.build_map(busy, gazetteer, Selection()).get_root().render()
        assert time.perf_counter() - started < 30 and not blocking.done()
    finally:
        release.set()
    assert re.sub(r"[0-9a-f]{32}", "id", html) == before
