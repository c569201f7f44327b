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

from dashboard import periods
from dashboard.geo import Gazetteer
from dashboard.model import Actor, Article, Event, Mention, Place, PlaceEvents
from dashboard.nlp.sentences import enclosing_sentence, sentence_spans
from dashboard.plover import tone
from dashboard.selection import DEFAULT_SELECTION, Selection
from dashboard.selection_sql import Where, selecting
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


def events_here(gazetteer: Gazetteer, place: Place) -> tuple[str, list]:
    """The events the map counts for a place, as a condition over `events e` and its parameters: those
    placed at it; for a country or disputed territory, those placed anywhere in it (`Gazetteer.places_in`,
    its towns and states too), as its tooltip's "events here" counts them."""
    if place.kind in ("country", "disputed"):
        return "e.place_id IN (SELECT value FROM json_each(?))", [json.dumps(gazetteer.places_in(place.id))]
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
        # Every mention has its article: without a condition on articles, the join only costs (a third of
        # the time at a million events).
        joined = "" if found.mentions == "1" else " JOIN articles a ON a.id = m.article_id"
        rows = db.execute(
            f"SELECT m.place_id, count(*) FROM mentions m{joined}"
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
    """Mention counts per place id, and the mentioned places drawn as points: cities, regions, states,
    and countries with no polygon of their own in `shaped` (Palestine, whose land is two territories)."""
    counts = mention_counts(store, gazetteer, selection)
    places = [
        p
        for p in (gazetteer.place(i) for i in counts)
        if p is not None and (p.kind in POINT_KINDS or (p.kind == "country" and p.id not in shaped))
    ]
    return counts, places


_NEWEST_FIRST = "e.date DESC, e.article_id, e.evidence_start, e.rank, e.id"  # how the map lists events


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


def map_events(
    store: Store, gazetteer: Gazetteer, selection: Selection = DEFAULT_SELECTION, listed: int = 3
) -> tuple[dict[Place, PlaceEvents], dict[tuple[Place, Place], Counter]]:
    """What the map draws of the selected events, at any store size: per place, the events of each type
    counted and the newest `listed` of them (the markers' popups list those); and, as `event_map`, event
    types by (source country, target country) pair. The counts are SQL aggregates and only the listed
    events are read as records, so the cost follows the places and types, not the events (the store's
    `events_by_place_type` index holds them in this order; benchmarks/README.md, "Scale")."""
    with selecting(store, selection, gazetteer) as (db, found):
        counted = db.execute(
            f"SELECT e.place_id, e.type, count(*) FROM events e WHERE {found.events} AND e.place_id NOT NULL"
            " GROUP BY e.place_id, e.type",
            found.event_params,
        ).fetchall()
        places = {i: gazetteer.place(i) for i in {place_id for place_id, _, _ in counted}}
        kinds = [[place_id, kind] for place_id, kind, _ in counted if places[place_id] is not None]
        # Each (place, type)'s newest events, read from the index in that order: it stops at `listed`.
        latest = db.execute(
            f"SELECT {_EVENT_COLUMNS.replace('e.', 'x.')} FROM json_each(?) p JOIN events x ON x.rowid IN"
            f" (SELECT e.rowid FROM events e WHERE e.place_id = p.value ->> 0 AND e.type = p.value ->> 1"
            f" AND {found.events} ORDER BY {_NEWEST_FIRST} LIMIT ?)"
            f" ORDER BY x.place_id, x.type, {_NEWEST_FIRST.replace('e.', 'x.')}",
            [json.dumps(kinds), *found.event_params, listed],
        )
        newest: dict[tuple[str, str], list[Event]] = defaultdict(list)
        dates: dict[str, date] = {}
        for row in latest:
            event = _event(row, dates)
            newest[event.place_id, event.type].append(event)
        paired = db.execute(
            "SELECT e.source_country, e.target_country, e.type, count(*) FROM events e"
            f" WHERE {found.events} AND e.source_country <> '' AND e.target_country <> ''"
            " AND e.source_country <> e.target_country GROUP BY e.source_country, e.target_country, e.type",
            found.event_params,
        ).fetchall()
    by_place: dict[str, PlaceEvents] = {}
    for place_id, kind, n in counted:
        if places[place_id] is not None:
            at = by_place.setdefault(place_id, PlaceEvents({}, {}))
            at.counts[kind] = n
            at.latest[kind] = newest[place_id, kind]
    by_codes: dict[tuple[str, str], Counter] = defaultdict(Counter)  # keyed by code: a Place hashes slowly
    for source, target, kind, n in paired:
        by_codes[source, target][kind] = n
    countries = {code: gazetteer.place(code) for pair in by_codes for code in pair}
    pairs = {
        (countries[s], countries[t]): types
        for (s, t), types in by_codes.items()
        if countries[s] is not None and countries[t] is not None
    }
    return {places[i]: at for i, at in by_place.items()}, pairs


def event_count(store: Store, gazetteer: Gazetteer, selection: Selection = DEFAULT_SELECTION) -> int:
    """How many events the selection holds (with or without a place)."""
    with selecting(store, selection, gazetteer) as (db, found):
        return db.execute(
            f"SELECT count(*) FROM events e WHERE {found.events}", found.event_params
        ).fetchone()[0]


def event_dates(store: Store) -> tuple[date, date] | None:
    """The first and last event dates in the store (the range of the date slider), None without any."""
    with store.read() as db:
        first, last = db.execute("SELECT min(date), max(date) FROM events WHERE date NOT NULL").fetchone()
    return (date.fromisoformat(first), date.fromisoformat(last)) if first else None


BULK_SHARE = 0.8  # the timeline spans the shortest run of dates holding this share of the events...
SPARSE_SPAN = 3  # ...when the whole range is more than this many times longer


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
    bulk = bulk_span(dated)
    if bulk and (bulk[1] - bulk[0]).days * SPARSE_SPAN < (last - first).days:
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
    max_articles: int = 50,
) -> PlaceReport | None:
    """The selection's news about a place: the articles that mention it, each with the sentences that
    do (newest article first), its events and their actors. None for an unknown place id."""
    place = gazetteer.place(place_id)
    if place is None:
        return None
    here, here_params = events_here(gazetteer, place)
    codes = actor_codes(gazetteer, place)
    with selecting(store, selection, gazetteer, narrowed=True) as (db, found):
        articles, mention_count, article_count = _articles(db, found, place, max_articles)
        # The place's conditions first: SQLite tests terms in order, and these rule out most events.
        parts = [(f"{here} AND {found.events}", [*here_params, *found.event_params])]
        if codes:
            # Elsewhere: not here, so that no event is in both lists and the counts add up.
            involving = (
                "(e.source_country IN (SELECT value FROM json_each(?))"
                " OR e.target_country IN (SELECT value FROM json_each(?)))"
                f" AND (e.place_id IS NULL OR NOT {here})"
            )
            coded = [json.dumps(codes)] * 2
            parts.append((f"{involving} AND {found.events}", [*coded, *here_params, *found.event_params]))
        counts = [_counted(db, place, *part) for part in parts]
        newest = [_newest(db, *part, max_articles * 4) for part in parts]
        views = _event_views(db, gazetteer, [e for events in newest for e in events])
        actors, actor_count = _place_actors(db, parts)
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
        involving_count=counts[1][0] if codes else 0,
        actor_count=actor_count,
        actor_codes=tuple(codes),
    )


def _articles(
    db: sqlite3.Connection, found: Where, place: Place, limit: int
) -> tuple[list[ArticleHits], int, int]:
    """The newest `limit` selected articles that mention the place, the mentions in all, and how many
    articles that is."""
    selected = found.few_mentions or found.mentions
    condition = f"m.place_id = ? AND {found.mention_places} AND {selected}"
    params = [place.id, *found.mention_place_params, *found.mention_params]
    # Every mention has its article: without a condition on articles, the join only costs.
    joined = "" if selected == "1" else " JOIN articles a ON a.id = m.article_id"
    mentions, articles = db.execute(
        f"SELECT count(*), count(DISTINCT m.article_id) FROM mentions m{joined} WHERE {condition}", params
    ).fetchone()
    rows = db.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id IN"
        f" (SELECT m.article_id FROM mentions m{joined} WHERE {condition})"
        " ORDER BY a.published IS NULL, a.published DESC, a.title DESC, a.id LIMIT ?",
        [*params, limit],
    ).fetchall()
    shown = [_article(row) for row in rows]
    by_article: dict[str, list[Mention]] = defaultdict(list)
    if shown:
        ids = [a.id for a in shown]
        for row in db.execute(
            f"SELECT {_MENTION_COLUMNS} FROM mentions m{joined}"
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
    """The newest `limit` events the condition selects, in `_PANEL_ORDER`."""
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
