"""Read models for the map and panels: plain data from the store and gazetteer, no Streamlit or folium.

Every query takes the `Selection` in view and returns only what it selects; the conditions come from
`dashboard.selection_sql`, the same ones the exports use.
"""

from __future__ import annotations

import heapq
import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields
from datetime import date
from typing import NamedTuple

from dashboard import periods
from dashboard.geo import Gazetteer
from dashboard.model import Actor, Article, Event, Mention, Place, PlaceEvents, Shown
from dashboard.nlp.sentences import enclosing_sentence, sentence_spans
from dashboard.plover import tone
from dashboard.selection import DEFAULT_SELECTION, Selection
from dashboard.selection_sql import Where, dialect, selecting
from dashboard.store import Store

POINT_KINDS = ("city", "region", "admin1")
PERIODS = ("day", "week", "month", "year")

_EVENT_COLUMNS = ", ".join(f'e."{f.name}"' for f in fields(Event))
_ARTICLE_COLUMNS = ", ".join(f'a."{f.name}"' for f in fields(Article))
_MENTION_COLUMNS = ", ".join(f'm."{f.name}"' for f in fields(Mention))


@dataclass(frozen=True, slots=True)
class SentenceHit:
    """One sentence that mentions the place; `mentions` carry article offsets, `start` is the sentence's."""

    text: str
    start: int
    mentions: tuple[Mention, ...]

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(m.start - self.start, m.end - self.start) for m in self.mentions]


@dataclass(frozen=True, slots=True)
class ArticleHits:
    article: Article
    sentences: list[SentenceHit]


@dataclass(frozen=True, slots=True)
class EventView:
    """An event with its actors, where it happened and the sentence that says so, ready to show.

    `spans`: what to highlight in `sentence` (the event's place and its actors' names), as offsets into it.
    """

    event: Event
    source: Actor | None
    target: Actor | None
    article: Article
    sentence: str
    place: Place | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class ActorActivity:
    """An actor of the selected events: how many it is the source of, and how many the target."""

    actor: Actor
    as_source: int
    as_target: int

    @property
    def events(self) -> int:
        return self.as_source + self.as_target


@dataclass(frozen=True, slots=True)
class PlaceReport:
    """A place and the selection's news about it. The counts are totals, each list the newest of them:

    - `event_count`, `events`: the events here, the number the map shows for the place (`events_here`):
      at a city, state or region its markers' count; in a country or disputed territory its tooltip's
      (events placed anywhere in it), of which `at_place_count` are placed at it as a whole (the marker
      at its centre). At a city, state or region `at_place_count` is `event_count`.
    - `involving_count`, `involving`: a country's or territory's events elsewhere, not counted here, that
      its actors take part in (`actor_codes`, the codes of those actors' country); none for other places.
    - `mention_count`, `article_count`, `articles`: the place's mentions and the articles they are in.
    - `actor_count`, `actors`: the actors of both lists' events (the most active first).
    """

    place: Place
    mention_count: int
    articles: list[ArticleHits] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)
    actors: list[ActorActivity] = field(default_factory=list)
    event_count: int = 0
    article_count: int = 0
    at_place_count: int = 0
    involving: list[EventView] = field(default_factory=list)
    involving_count: int = 0
    actor_count: int = 0
    actor_codes: tuple[str, ...] = ()  # whose actors `involving` follows; none: it is not read


@dataclass(frozen=True, slots=True)
class TimelineBar:
    """How many selected events of one kind (`key`: a PLOVER type or a tone) fall in the period starting
    on `start`."""

    start: date
    key: str
    events: int


@dataclass(frozen=True, slots=True)
class Timeline:
    period: str  # one of PERIODS
    by: str  # "type" or "tone"
    bars: list[TimelineBar]
    undated: int  # selected events without a date, not drawn
    before: int = 0  # dated events before the span drawn (see `timeline`), not drawn
    after: int = 0  # and after it
    first: date | None = None  # the first and last selected event dates, drawn or not
    last: date | None = None
    first_precision: str = ""  # their precisions, to name them as precisely as they are known
    last_precision: str = ""
    # Events in the span dated more coarsely than a bar (a year on a chart by month), by precision: a bar
    # would put them on the first day of their period, so they are counted, not drawn.
    coarse: dict[str, int] = field(default_factory=dict)

    def total(self, undated: bool = True) -> int:
        """Every event the timeline accounts for, drawn or not: with no date window, the selection's count
        (without the undated ones when the selection leaves them out)."""
        dated = sum(bar.events for bar in self.bars) + sum(self.coarse.values()) + self.before + self.after
        return dated + (self.undated if undated else 0)


# -- rows ----------------------------------------------------------------------------------------------
def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_DATE_AT = _EVENT_FIELDS.index("date")


def _event(row: sqlite3.Row | tuple, dates: dict[str, date] | None = None) -> Event:
    """An event from a row of `_EVENT_COLUMNS`; `dates` caches parsed dates across many rows."""
    values = list(row)
    text = values[_DATE_AT]
    if text:
        if dates is None:
            values[_DATE_AT] = date.fromisoformat(text)
        else:
            values[_DATE_AT] = dates.get(text) or dates.setdefault(text, date.fromisoformat(text))
    return Event(*values)


def _article(row: sqlite3.Row) -> Article:
    values = {f.name: row[f.name] for f in fields(Article)}
    values["published"] = _date(values["published"])
    return Article(**values)


def _in(values) -> str:
    return f"({', '.join('?' for _ in values)})"


def events_here(gazetteer: Gazetteer, place: Place, one_of: str) -> tuple[str, list]:
    """The events the map counts for a place, as a condition over `events e` and its parameters: those
    placed at it; for a country or disputed territory, those placed anywhere in it (`Gazetteer.places_in`,
    its towns and states too), as its tooltip's "events here" counts them. `one_of`: the connection's
    `selection_sql.Dialect.one_of`."""
    if place.kind in ("country", "disputed"):
        return f"e.place_id {one_of}", [json.dumps(gazetteer.places_in(place.id))]
    return "e.place_id = ?", [place.id]


def actor_codes(gazetteer: Gazetteer, place: Place) -> list[str]:
    """The country codes of a place's own actors: a country's, and a disputed territory's own ISO code
    (ESH for Western Sahara); none for other places, or for a territory with no code of its own."""
    if place.kind == "country":
        return [place.id]
    if place.kind == "disputed":
        return sorted(code for code, i in gazetteer.territory_of_code.items() if i == place.id)
    return []


# -- the map ---------------------------------------------------------------------------------------------
def mention_counts(
    store: Store, gazetteer: Gazetteer, selection: Selection = DEFAULT_SELECTION
) -> dict[str, int]:
    """How many selected mentions each place has (with a country filter: only that country's places)."""
    with selecting(store, selection, gazetteer) as (db, found):
        rows = db.execute(
            f"SELECT m.place_id, count(*) FROM {found.mentions_from}"
            f" WHERE {found.mentions} AND {found.mention_places} GROUP BY m.place_id",
            [*found.mention_params, *found.mention_place_params],
        ).fetchall()
    return {place_id: count for place_id, count in rows}


def mentioned_points(
    store: Store,
    gazetteer: Gazetteer,
    shaped: set[str] = frozenset(),
    selection: Selection = DEFAULT_SELECTION,
) -> tuple[dict[str, int], list[Place]]:
    """Mention counts per place id, and the mentioned places drawn as points (`point_places`)."""
    counts = mention_counts(store, gazetteer, selection)
    return counts, point_places(counts, gazetteer, shaped)[0]


def point_places(
    counts: dict[str, int], gazetteer: Gazetteer, shaped: set[str] = frozenset(), limit: int | None = None
) -> tuple[list[Place], Shown]:
    """The mentioned places drawn as points: cities, regions, states, and countries with no polygon of
    their own in `shaped` (Palestine, whose land is two territories); with `limit`, only that many, the
    most mentioned (ties by id), and how many there are in all. In the order of `counts`.

    Every mentioned place is looked up, since only the gazetteer knows which are points; a GDELT store
    names about 20,000, a dictionary's worth of ints, while drawing them is what costs (a feature each)."""
    points = {
        place.id: place
        for place in (gazetteer.place(i) for i in counts)
        if place is not None
        and (place.kind in POINT_KINDS or (place.kind == "country" and place.id not in shaped))
    }
    drawn = set(points)
    if limit is not None and len(points) > limit:
        drawn = set(sorted(points, key=lambda i: (-counts[i], i))[:limit])
    shown = Shown(len(drawn), len(points), sum(counts[i] for i in drawn), sum(counts[i] for i in points))
    return [place for i, place in points.items() if i in drawn], shown


_NEWEST_FIRST = "e.date DESC, e.article_id, e.evidence_start, e.rank, e.id"  # how the map lists events
# The same order as one value for DuckDB's min_by (ParquetStore): a later date is smaller, no date last.
_NEWEST_KEY = (
    "{'d': coalesce(DATE '1970-01-01' - CAST(e.date AS DATE), 999999999), 'a': e.article_id,"
    " 's': e.evidence_start, 'r': e.rank, 'i': e.id}"
)


def event_map(
    store: Store, gazetteer: Gazetteer, selection: Selection = DEFAULT_SELECTION
) -> tuple[dict[Place, list[Event]], dict[tuple[Place, Place], Counter]]:
    """For the Events and Relations layers: selected events by the place they happened at (newest first),
    and event types by (source country, target country) pair."""
    by_place: dict[str, list[Event]] = defaultdict(list)
    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    with selecting(store, selection, gazetteer) as (db, found):
        rows = db.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {found.events} ORDER BY {_NEWEST_FIRST}",
            found.event_params,
        )
        dates: dict[str, date] = {}
        for row in rows:  # keyed by id while reading: a Place hashes all its fields
            event = _event(row, dates)
            if event.place_id:
                by_place[event.place_id].append(event)
            source, target = event.source_country, event.target_country
            if source and target and source != target:
                pairs[source, target][event.type] += 1
    places = {i: gazetteer.place(i) for i in {*by_place, *(code for pair in pairs for code in pair)}}
    return (
        {places[i]: events for i, events in by_place.items() if places[i] is not None},
        {
            (places[s], places[t]): types
            for (s, t), types in pairs.items()
            if places[s] is not None and places[t] is not None
        },
    )


@dataclass(frozen=True, slots=True)
class MapEvents:
    """What the map draws of the selected events (`map_events`).

    by_place: every place with selected events, each with its events counted by type; the places drawn
        as markers (`PlaceEvents.drawn`) also with the newest of each type.
    pairs: event types by (source country, target country), for the country pairs drawn.
    relations: how many country pairs (either way round) and events between them `pairs` holds, of all.
    actor_names: the names of the newest events' actors, by id (the markers' popups name them).
    """

    by_place: dict[Place, PlaceEvents]
    pairs: dict[tuple[Place, Place], Counter]
    relations: Shown
    actor_names: dict[str, str] = field(default_factory=dict)


def map_events(
    store: Store,
    gazetteer: Gazetteer,
    selection: Selection = DEFAULT_SELECTION,
    listed: int = 3,
    max_markers: int | None = None,
    max_pairs: int | None = None,
) -> MapEvents:
    """What the map draws of the selected events, at any store size: per place, the events of each type
    counted and the newest `listed` of them (the markers' popups list those); and, as `event_map`, event
    types by (source country, target country) pair. The counts are SQL aggregates and only the listed
    events are read as records, so the cost follows the places and types, not the events (the store's
    `events_by_place_type` index holds them in this order; benchmarks/README.md, "Scale").

    The caps bound what the map draws, whatever the store holds: markers (one per place and type) for the
    busiest places only, whole, as long as they number at most `max_markers`; the `max_pairs` busiest
    country pairs (events both ways; ties by country codes). Only what is drawn is read beyond its count."""
    with selecting(store, selection, gazetteer) as (db, found):
        by_place, actor_names = _marker_events(db, found, gazetteer, listed, max_markers)
        pairs, relations = _country_pairs(db, found, gazetteer, max_pairs)
    return MapEvents(by_place, pairs, relations, actor_names)


def marker_events(
    store: Store, gazetteer: Gazetteer, selection: Selection, listed: int = 3, max_markers: int | None = None
) -> tuple[dict[Place, PlaceEvents], dict[str, str]]:
    """`map_events`' markers and their actors' names alone, in a read of their own."""
    with selecting(store, selection, gazetteer) as (db, found):
        return _marker_events(db, found, gazetteer, listed, max_markers)


def country_pairs(
    store: Store, gazetteer: Gazetteer, selection: Selection, max_pairs: int | None = None
) -> tuple[dict[tuple[Place, Place], Counter], Shown]:
    """`map_events`' country pairs alone, in a read of their own."""
    with selecting(store, selection, gazetteer) as (db, found):
        return _country_pairs(db, found, gazetteer, max_pairs)


def _marker_events(
    db: sqlite3.Connection, found: Where, gazetteer: Gazetteer, listed: int, max_markers: int | None
) -> tuple[dict[Place, PlaceEvents], dict[str, str]]:
    """Every place's selected events counted by type (one row a place, its types as a JSON object), and the
    newest `listed` of each type at the busiest places holding at most `max_markers` place-type pairs, with
    their actors' names."""
    counted = db.execute(
        "SELECT place_id, json_group_object(type, n), sum(n), count(*) FROM"
        f" (SELECT e.place_id, e.type, count(*) AS n FROM events e WHERE {found.by_place}{found.events}"
        " AND e.place_id NOT NULL GROUP BY e.place_id, e.type) GROUP BY place_id",
        found.event_params,
    ).fetchall()
    places = {place_id: gazetteer.place(place_id) for place_id, *_ in counted}
    known = [row for row in counted if places[row[0]] is not None]
    drawn: set[str] = set()
    markers = 0
    for place_id, _, _, kinds in sorted(known, key=lambda row: (-row[2], row[0])):
        if max_markers is not None and markers + kinds > max_markers:
            break  # the busiest places only: none is drawn after one that is left out
        drawn.add(place_id)
        markers += kinds
    counts = {place_id: json.loads(types) for place_id, types, _, _ in known}
    keys = [[place_id, kind] for place_id in sorted(drawn) for kind in counts[place_id]]
    columns = f"{_EVENT_COLUMNS.replace('e.', 'x.')}, source.name, target.name"
    named = (
        " LEFT JOIN actors source ON source.id = x.source_actor"
        " LEFT JOIN actors target ON target.id = x.target_actor"
    )
    in_order = f" ORDER BY x.place_id, x.type, {_NEWEST_FIRST.replace('e.', 'x.')}"
    if dialect(db).name == "sqlite":
        # Each drawn (place, type)'s newest events, read from the index in that order: it stops at `listed`.
        latest = db.execute(
            f"SELECT {columns} FROM json_each(?) p"
            " JOIN events x ON x.rowid IN (SELECT e.rowid FROM events e WHERE e.place_id = p.value ->> 0"
            f" AND e.type = p.value ->> 1 AND {found.events} ORDER BY {_NEWEST_FIRST} LIMIT ?)"
            f"{named}{in_order}",
            [json.dumps(keys), *found.event_params, listed],
        )
    else:  # DuckDB (Parquet tables) has no index to walk: each drawn group's newest ids, in one pass
        latest = db.execute(
            f"SELECT {columns} FROM events x{named}"
            f" WHERE x.id IN (SELECT unnest(min_by(e.id, {_NEWEST_KEY}, ?)) FROM events e"
            f" WHERE {found.events} AND e.place_id {dialect(db).one_of}"
            f" GROUP BY e.place_id, e.type){in_order}",
            [listed, *found.event_params, json.dumps(sorted(drawn))],
        )
    newest: dict[tuple[str, str], list[Event]] = defaultdict(list)
    names: dict[str, str] = {}
    dates: dict[str, date] = {}
    for *row, source_name, target_name in latest:
        event = _event(row, dates)
        newest[event.place_id, event.type].append(event)
        for actor, name in ((event.source_actor, source_name), (event.target_actor, target_name)):
            if name is not None:
                names[actor] = name
    by_place = {
        places[place_id]: PlaceEvents(
            types,
            {kind: newest[place_id, kind] for kind in types} if place_id in drawn else {},
            place_id in drawn,
        )
        for place_id, types in counts.items()
    }
    return by_place, names


def _country_pairs(
    db: sqlite3.Connection, found: Where, gazetteer: Gazetteer, limit: int | None
) -> tuple[dict[tuple[Place, Place], Counter], Shown]:
    """Event types by (source country, target country) for the `limit` busiest pairs of countries the
    gazetteer knows (events both ways), and how many pairs and events there are in all. Folded, ranked and
    cut in SQL: a million events between uniformly drawn countries make 290,000 (pair, type) rows."""
    codes = [place.id for place in gazetteer.places()] + list(gazetteer.territory_of_code)
    known, first, last = (
        dialect(db).one_of,
        "CASE WHEN s < t THEN s ELSE t END",
        "CASE WHEN s < t THEN t ELSE s END",
    )
    rows = db.execute(  # SQL that SQLite and DuckDB both read (the Parquet tables' store)
        "WITH coded AS MATERIALIZED (SELECT e.source_country AS s, e.target_country AS t, e.type AS type,"
        f" count(*) AS n FROM events e WHERE {found.events} AND e.source_country <> ''"
        " AND e.target_country <> '' AND e.source_country <> e.target_country GROUP BY 1, 2, 3),"
        f" pair AS MATERIALIZED (SELECT {first} AS a, {last} AS b, sum(n) AS n FROM coded"
        f" WHERE s {known} AND t {known} GROUP BY 1, 2),"
        " busiest AS (SELECT a, b FROM pair ORDER BY n DESC, a, b LIMIT ?)"
        f" SELECT 0, s, t, type, n FROM coded JOIN busiest ON a = {first} AND b = {last}"
        " UNION ALL SELECT 1, NULL, NULL, count(*), coalesce(sum(n), 0) FROM pair ORDER BY 1",
        [*found.event_params, json.dumps(codes), json.dumps(codes), 2**62 if limit is None else limit],
    ).fetchall()
    rows = [row[1:] for row in rows]
    *typed, (_, _, total_pairs, total_events) = rows
    pairs: dict[tuple[Place, Place], Counter] = {}
    for source, target, kind, n in typed:
        pair = (gazetteer.place(source), gazetteer.place(target))
        pairs.setdefault(pair, Counter())[kind] += n
    drawn = {frozenset(pair) for pair in pairs}
    shown = Shown(len(drawn), int(total_pairs), sum(n for *_, n in typed), int(total_events))
    return pairs, shown


def event_count(store: Store, gazetteer: Gazetteer, selection: Selection = DEFAULT_SELECTION) -> int:
    """How many events the selection holds (with or without a place)."""
    with selecting(store, selection, gazetteer) as (db, found):
        return db.execute(
            f"SELECT count(*) FROM events e WHERE {found.events}", found.event_params
        ).fetchone()[0]


class DateRange(NamedTuple):
    """The dates the date slider spans: from the store's first event date to its last or, when a few
    far-off dates would stretch it over decades (a 1975 event told as background in 2021 news), the dates
    no further from the bulk of them (`bulk_span`) than its own length, with the dated events `before`
    and `after` that, which the slider's open ends still hold."""

    start: date
    end: date
    before: int = 0
    after: int = 0


def event_dates(store: Store) -> DateRange | None:
    """The range of the date slider (`DateRange`), None without any dated event."""
    with store.read() as db:
        rows = db.execute(
            "SELECT date, count(*) FROM events WHERE date NOT NULL GROUP BY date ORDER BY date"
        ).fetchall()
    dated = [(date.fromisoformat(day), n) for day, n in rows]
    if not dated:
        return None
    bulk = sparse_bulk(dated)
    if bulk is None:
        return DateRange(dated[0][0], dated[-1][0])
    # Far off: further from the bulk than its own length. The slider spans the rest.
    reach = bulk[1] - bulk[0]
    near = [day for day, _ in dated if bulk[0] - reach <= day <= bulk[1] + reach]
    start, end = near[0], near[-1]
    before = sum(n for day, n in dated if day < start)
    return DateRange(start, end, before, sum(n for day, n in dated if day > end))


BULK_SHARE = 0.8  # the timeline spans the shortest run of dates holding this share of the events...
SPARSE_SPAN = 3  # ...when the whole range is more than this many times longer


def sparse_bulk(counts: list[tuple[date, int]]) -> tuple[date, date] | None:
    """The bulk of the dates (`bulk_span`) when a few far-off ones stretch the whole range to more than
    SPARSE_SPAN times it, else None: what the timeline and the date slider span."""
    bulk = bulk_span(counts)
    if bulk and (bulk[1] - bulk[0]).days * SPARSE_SPAN < (counts[-1][0] - counts[0][0]).days:
        return bulk
    return None


def bulk_span(counts: list[tuple[date, int]], share: float = BULK_SHARE) -> tuple[date, date] | None:
    """The shortest run of dates holding at least `share` of the events; `counts`: (date, events) in date
    order. None without any."""
    total = sum(n for _, n in counts)
    if not total:
        return None
    need, best, held, left = share * total, None, 0, 0
    for day, n in counts:
        held += n
        while held - counts[left][1] >= need:
            held -= counts[left][1]
            left += 1
        if held >= need and (best is None or (day - counts[left][0]) < (best[1] - best[0])):
            best = (counts[left][0], day)
    return best


def timeline(
    store: Store,
    gazetteer: Gazetteer,
    selection: Selection = DEFAULT_SELECTION,
    by: str = "tone",
    period: str = "auto",
    window: tuple[date | None, date | None] = (None, None),
) -> Timeline:
    """Selected events per day, week, month or year, by PLOVER type or by tone. With `period` "auto",
    the finest period that keeps the chart under about 120 bars.

    The chart spans every selected date, unless a few far-off events would stretch it (a 1947 event in a
    corpus of 2020 news): then it spans the bulk of the events (`bulk_span`), widened to hold `window`
    (the dates the user chose), and counts the events outside it in `before` and `after`. An event dated
    more coarsely than a bar (a year on a chart by month) is counted in `coarse`, never drawn on the first
    day of its period; one without a date in `undated`. Nothing is left out of the selection itself: the
    map, panels and downloads still hold every event."""
    if by not in ("type", "tone"):
        raise ValueError(f"timeline by 'type' or 'tone', not {by!r}")
    if period != "auto" and period not in PERIODS:
        raise ValueError(f"timeline period is one of {', '.join(PERIODS)} or auto, not {period!r}")
    with selecting(store, selection, gazetteer) as (db, found):
        rows = db.execute(
            f"SELECT e.date, e.date_precision, e.type, count(*) FROM events e WHERE {found.events}"
            " GROUP BY e.date, e.date_precision, e.type",
            found.event_params,
        ).fetchall()
    undated = sum(n for day, _, _, n in rows if day is None)
    events = sorted((date.fromisoformat(day), precision, kind, n) for day, precision, kind, n in rows if day)
    per_day: Counter = Counter()
    for day, _, _, n in events:
        per_day[day] += n
    dated = sorted(per_day.items())
    first, last = (dated[0][0], dated[-1][0]) if dated else (None, None)
    start, end = first, last
    if bulk := sparse_bulk(dated):
        since, until = window
        start = min(bulk[0], since) if since else bulk[0]
        end = max(bulk[1], until) if until else bulk[1]
    charted = [row for row in events if start <= row[0] <= end] if start else []
    if period == "auto":
        span = (end - start).days if start else 0
        period = "day" if span <= 120 else "week" if span <= 7 * 120 else "month" if span <= 3650 else "year"
        # A selection dated only coarsely (a handful of years) is charted by a period that can draw it.
        while period != PERIODS[-1] and charted and not _binned(charted, period, by)[0]:
            period = PERIODS[PERIODS.index(period) + 1]
    counts, coarse = _binned(charted, period, by)
    bars = [TimelineBar(day, key, n) for (day, key), n in sorted(counts.items())]
    before = sum(n for day, n in dated if day < start) if start else 0
    after = sum(n for day, n in dated if day > end) if end else 0
    return Timeline(
        period, by, bars, undated, before, after, first, last,
        _finest(events, first), _finest(events, last), dict(coarse),
    )  # fmt: skip


def _binned(events: list[tuple[date, str, str, int]], unit: str, by: str) -> tuple[Counter, Counter]:
    """Events (date, precision, type, count) per (first day of a `unit` period, type or tone); and those
    whose own period spans more than one bar (a year on a chart by month), per precision."""
    counts: Counter = Counter()
    coarse: Counter = Counter()
    for day, precision, kind, n in events:
        first, last = periods.period(day, precision)
        bar = periods.period(first, unit)[0]
        if bar != periods.period(last, unit)[0]:
            coarse[precision] += n
        else:
            counts[bar, tone(kind) if by == "tone" else kind] += n
    return counts, coarse


def _finest(events: list[tuple[date, str, str, int]], day: date | None) -> str:
    """The finest precision any of the events dated `day` has (a day's events name it as a day)."""
    found = {precision for at, precision, _, _ in events if at == day}
    return min(found, key=periods.coarseness, default="")


# -- the place panel ---------------------------------------------------------------------------------------
def place_report(
    store: Store,
    gazetteer: Gazetteer,
    place_id: str,
    selection: Selection = DEFAULT_SELECTION,
    max_articles: int = 20,
    max_events: int = 40,
) -> PlaceReport | None:
    """The selection's news about a place: the articles that mention it, each with the sentences that
    do (newest article first), its events and their actors. None for an unknown place id.

    The lists hold the newest `max_articles` articles and `max_events` events of each kind (here, and
    elsewhere involving the place), the counts all of them: a panel of a thousand elements took the
    browser seconds to draw, and a reader narrows the selection (or exports it) to see further."""
    place = gazetteer.place(place_id)
    if place is None:
        return None
    codes = actor_codes(gazetteer, place)
    with selecting(store, selection, gazetteer, narrowed=True) as (db, found):
        one_of = dialect(db).one_of
        here, here_params = events_here(gazetteer, place, one_of)
        articles, mention_count, article_count = _articles(db, found, place, max_articles)
        # The place's conditions first: SQLite tests terms in order, and these rule out most events.
        parts = [(f"{here} AND {found.events}", [*here_params, *found.event_params])]
        counted = parts
        if codes:
            # Elsewhere: not here, so that no event is in both lists and the counts add up.
            countries = f"(e.source_country {one_of} OR e.target_country {one_of})"
            params = [*[json.dumps(codes)] * 2, *here_params, *found.event_params]
            elsewhere = (f"{countries} AND (e.place_id IS NULL OR NOT {here}) AND {found.events}", params)
            parts = counted = [parts[0], elsewhere]
            # No index starts with a country: counted (and their actors read) as those placed elsewhere,
            # sought place by place and type when a type filter allows it (`Where.by_place`), and those
            # with no place, not by reading every event's entry (Canada with one type at 5.9 million
            # events: 0.9 s -> 0.2 s each). The newest few are read in date order, which stops early.
            if found.by_place:
                placed = (f"{found.by_place}{countries} AND NOT {here} AND {found.events}", params)
                unplaced_params = [*[json.dumps(codes)] * 2, *found.event_params]
                unplaced = (f"e.place_id IS NULL AND {countries} AND {found.events}", unplaced_params)
                counted = [parts[0], placed, unplaced]
        counts = [_counted(db, place, *part) for part in counted]
        newest = [_newest(db, *part, max_events) for part in parts]
        views = _event_views(db, gazetteer, [e for events in newest for e in events])
        actors, actor_count = _place_actors(db, counted)
    listed = [[views[e.id] for e in events if e.id in views] for events in newest]
    return PlaceReport(
        place=place,
        mention_count=mention_count,
        articles=articles,
        events=listed[0],
        actors=actors,
        event_count=counts[0][0],
        article_count=article_count,
        at_place_count=counts[0][1],
        involving=listed[1] if codes else [],
        involving_count=sum(total for total, _ in counts[1:]),
        actor_count=actor_count,
        actor_codes=tuple(codes),
    )


def latest_events(
    store: Store, gazetteer: Gazetteer, selection: Selection = DEFAULT_SELECTION, limit: int = 20
) -> list[EventView]:
    """The selection's newest events, each with its actors, place, sentence and article: the feed the
    panel shows while no place is selected (in the panel's order)."""
    # `narrowed`: the newest few are read in date order from the covering index, which stops at `limit`,
    # so a text query matching many articles is tested per event, not gathered by article and sorted
    # ("police" at a million events: 0.29 -> 0.07 s).
    with selecting(store, selection, gazetteer, narrowed=True) as (db, found):
        views = _event_views(db, gazetteer, _newest(db, found.events, found.event_params, limit))
    return list(views.values())


def _articles(
    db: sqlite3.Connection, found: Where, place: Place, limit: int
) -> tuple[list[ArticleHits], int, int]:
    """The newest `limit` selected articles that mention the place, the mentions in all, and how many
    articles that is."""
    selected = found.few_mentions or found.mentions
    condition = f"m.place_id = ? AND {found.mention_places} AND {selected}"
    params = [place.id, *found.mention_place_params, *found.mention_params]
    mentions_from = found.mentions_from
    mentions, articles = db.execute(
        f"SELECT count(*), count(DISTINCT m.article_id) FROM {mentions_from} WHERE {condition}", params
    ).fetchone()
    rows = db.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id IN"
        f" (SELECT m.article_id FROM {mentions_from} WHERE {condition})"
        " ORDER BY a.published IS NULL, a.published DESC, a.title DESC, a.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    shown = [_article(row) for row in rows]
    by_article: dict[str, list[Mention]] = defaultdict(list)
    if shown:
        ids = [a.id for a in shown]
        for row in db.execute(
            f"SELECT {_MENTION_COLUMNS} FROM {mentions_from}"
            f" WHERE {condition} AND m.article_id IN {_in(ids)} ORDER BY m.article_id, m.start",
            [*params, *ids],
        ):
            by_article[row["article_id"]].append(Mention(**dict(row)))
    return [ArticleHits(a, _sentences(a, by_article[a.id])) for a in shown], mentions, articles


# How the panel lists events: the newest first, then in reading order (the rowid only breaks ties). Every
# column is in the store's covering indexes, so the newest few are chosen without reading the others' rows.
_PANEL_ORDER = "e.date DESC, e.article_id, e.evidence_start, e.rank, e.rowid"


def _counted(db: sqlite3.Connection, place: Place, condition: str, params: list) -> tuple[int, int]:
    """How many events the condition selects, and how many of them are placed at the place itself."""
    total, at_place = db.execute(
        f"SELECT count(*), coalesce(sum(e.place_id = ?), 0) FROM events e WHERE {condition}",
        [place.id, *params],
    ).fetchone()
    return total, at_place


def _newest(db: sqlite3.Connection, condition: str, params: list, limit: int) -> list[Event]:
    """The newest `limit` events the condition selects, in `_PANEL_ORDER` (by id, not rowid, on DuckDB,
    whose Parquet tables have no rowid)."""
    if dialect(db).name != "sqlite":
        return [
            _event(row)
            for row in db.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events e WHERE {condition}"
                f" ORDER BY {_PANEL_ORDER.replace('e.rowid', 'e.id')} LIMIT ?",
                [*params, limit],
            )
        ]
    return [
        _event(row)
        for row in db.execute(
            f"SELECT {_EVENT_COLUMNS.replace('e.', 'x.')} FROM events x WHERE x.rowid IN"
            f" (SELECT e.rowid FROM events e WHERE {condition} ORDER BY {_PANEL_ORDER} LIMIT ?)"
            f" ORDER BY {_PANEL_ORDER.replace('e.', 'x.')}",
            [*params, limit],
        )
    ]


def _event_views(db: sqlite3.Connection, gazetteer: Gazetteer, events: list[Event]) -> dict[str, EventView]:
    """Each event with its actors, article and sentence, by event id."""
    if not events:
        return {}
    actor_ids = sorted({i for e in events for i in (e.source_actor, e.target_actor) if i})
    actors = {
        row["id"]: Actor(**dict(row))
        for row in db.execute(f"SELECT * FROM actors WHERE id IN {_in(actor_ids)}", actor_ids)
    }
    article_ids = sorted({e.article_id for e in events})
    articles = {
        row["id"]: _article(row)
        for row in db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id IN {_in(article_ids)}", article_ids
        )
    }
    place_mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for row in db.execute(
        f'SELECT article_id, start, "end", place_id FROM mentions WHERE article_id IN {_in(article_ids)}',
        article_ids,
    ):
        place_mentions[row["article_id"]].append((row["start"], row["end"], row["place_id"]))
    views = {}
    for event in events:
        article = articles.get(event.article_id)
        if article is None:
            continue
        source, target = actors.get(event.source_actor or ""), actors.get(event.target_actor or "")
        sentence = article.text[event.evidence_start : event.evidence_end]
        spans = [
            (start - event.evidence_start, end - event.evidence_start)
            for start, end, place_id in place_mentions[event.article_id]
            if place_id == event.place_id and event.evidence_start <= start and end <= event.evidence_end
        ]
        spans += _name_spans(sentence, [a.name for a in (source, target) if a is not None])
        views[event.id] = EventView(
            event=event,
            source=source,
            target=target,
            article=article,
            sentence=sentence,
            place=gazetteer.place(event.place_id) if event.place_id else None,
            spans=tuple(sorted(set(spans))),
        )
    return views


def _name_spans(sentence: str, names: list[str]) -> list[tuple[int, int]]:
    """Where each name first occurs in the sentence, any case."""
    spans = []
    for name in names:
        match = re.search(re.escape(name), sentence, re.IGNORECASE) if name.strip() else None
        if match:
            spans.append(match.span())
    return spans


def _place_actors(
    db: sqlite3.Connection, parts: list[tuple[str, list]], limit: int = 100
) -> tuple[list[ActorActivity], int]:
    """The `limit` most active actors of the events the conditions select, and how many actors there are.
    Records with the same name (any case) and country are one actor (an actor id is made per article),
    shown by its most active record (then the first by id)."""
    picked = " UNION ALL ".join(
        f"SELECT e.source_actor AS s, e.target_actor AS t FROM events e WHERE {condition}"
        for condition, _ in parts
    )
    cursor = db
    if dialect(db).name == "sqlite":
        cursor = db.cursor()
        cursor.row_factory = None  # plain tuples: there may be a row per event
    rows = cursor.execute(
        f"WITH picked AS MATERIALIZED ({picked}),"
        " sides(actor, side) AS (SELECT s, 0 FROM picked UNION ALL SELECT t, 1 FROM picked)"
        " SELECT x.id, x.name, x.country, n.as_source, n.as_target FROM (SELECT actor,"
        " sum(side = 0) AS as_source, sum(side = 1) AS as_target FROM sides WHERE actor NOT NULL"
        " GROUP BY actor) n JOIN actors x ON x.id = n.actor",
        [param for _, params in parts for param in params],
    )
    merged: dict[tuple[str, str | None], list] = {}  # key -> [as source, as target, its record's id, events]
    for actor_id, name, country, as_source, as_target in rows:
        key = (name.casefold(), country)
        seen = merged.get(key)
        if seen is None:
            merged[key] = [as_source, as_target, actor_id, as_source + as_target]
            continue
        seen[0] += as_source
        seen[1] += as_target
        if (-(as_source + as_target), actor_id) < (-seen[3], seen[2]):
            seen[2], seen[3] = actor_id, as_source + as_target
    top = heapq.nsmallest(
        limit, merged.items(), key=lambda item: (-item[1][0] - item[1][1], item[0][0], item[1][2])
    )
    ids = [found[2] for _, found in top]
    records = {
        row["id"]: Actor(**dict(row))
        for row in db.execute(f"SELECT * FROM actors WHERE id IN {_in(ids)}", ids)
    }
    return [ActorActivity(records[found[2]], found[0], found[1]) for _, found in top], len(merged)


def _sentences(article: Article, mentions: list[Mention]) -> list[SentenceHit]:
    """The sentences that name the mentions, in reading order: those the mentions store, so the panel
    shows what was read when they were made. Only a mention stored before sentences were kept has its
    sentence found by splitting the text."""
    by_sentence: dict[tuple[int, int], list[Mention]] = defaultdict(list)
    spans = None
    for mention in mentions:
        sentence = (mention.sentence_start, mention.sentence_end)
        if None in sentence:
            spans = sentence_spans(article.text) if spans is None else spans
            sentence = enclosing_sentence(spans, mention.start, mention.end)
        by_sentence[sentence].append(mention)
    return [
        SentenceHit(article.text[start:end], start, tuple(found))
        for (start, end), found in sorted(by_sentence.items())
    ]
