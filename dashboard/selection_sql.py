"""A Selection as SQL: the one place where the app's queries and the exports decide what is selected.

`where(db, selection, gazetteer)` gives conditions over the `events e`, `articles a` and `mentions m`
tables, with their parameters. Big id lists (the places of a country, the actors matching a name) go in as
one JSON array each, so a condition has a fixed number of parameters whatever the store's size. The text
query's articles' condition reads the full-text index (`TEXT_MATCH`), the events' a temporary table of the
matching articles' ids (`_text_matches`), gathered once per process and query (`_matched_ids`).

    with selecting(store, selection, gazetteer) as (db, found):
        db.execute(f"SELECT count(*) FROM events e WHERE {found.events}", found.event_params)

At a million events the aggregates the map, timeline and counts need are read from the store's two covering
indexes (`store.MIGRATIONS`), which hold every column the date, type, country, confidence and main-event
conditions use and each event's article id, which the text query's and the chosen articles' conditions
test: those are answered from an index alone. The one by place also holds the actors' ids; where the one
by date serves a query, the actor conditions read each event's row as well: slower, and as exact, since
the conditions are the same ones either way.

The same conditions run on DuckDB for the Parquet tables (`dashboard.parquet_store`): a connection's
`dialect` attribute ("sqlite" when it has none, as Python's sqlite3 connections) picks the SQL of the two
things the engines spell differently (`DIALECTS`): a value in a JSON array, and a date's period. DuckDB has
no FTS5 index: there the text query's matches are the ids `search` finds, bound as one JSON array.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from dashboard.model import MENTION_ROLES, Place
from dashboard.periods import period_sql
from dashboard.selection import Selection, country_code, plover_type
from dashboard.store import Store, fts_query


@dataclass(frozen=True, slots=True)
class Where:
    """The selection as SQL conditions.

    events: over `e` (events), at least `min_confidence` confident. articles: over `a` (articles): those
    with a selected event, or, when no event-only filter is set, also those that match the text query and
    date range themselves. mentions: over `m` (mentions): mentions in the selected articles with a counted
    role, at least `min_place_confidence` confident, read `FROM {mentions_from}` (joined to `a` only when
    an article's own date, text or id is tested). mention_places: over `m`, the places
    of the selected countries (always true without a country filter): the map, a place's panel and the
    GeoJSON export count only those, so that a place outside them has no mentions anywhere. few_mentions:
    `mentions` as it is best written for a few mentions (one place's), each article's events probed, with
    the same parameters. by_place: put before `events` where the events are grouped by place and type (the
    map's markers): with a type filter on SQLite, a condition that makes SQLite walk the store's places
    and seek each selected type in `events_by_place_type`, not read every event's entry ("" otherwise, and
    when a text query's matching articles lead).
    """

    events: str
    event_params: list
    articles: str
    article_params: list
    mentions: str
    mention_params: list
    mention_places: str = "1"
    mention_place_params: tuple = ()
    few_mentions: str | None = None  # None: `mentions`
    mentions_from: str = "mentions m JOIN articles a ON a.id = m.article_id"
    by_place: str = ""


# The store's distinct event places, one index seek each (a "loose index scan": 0.06 s for 20,000 places at
# 6 million events). With a type filter, `e.place_id IN (EVERY_PLACE)` lets SQLite seek each (place, type)
# of `events_by_place_type`: the markers' counts for one type at 5.9 million GDELT events took 0.8-1.1 s
# reading every entry, 0.25-0.3 s so; with no type filter it is slower than reading them all (1.2 -> 1.6 s).
EVERY_PLACE = (
    "WITH RECURSIVE places(id) AS (SELECT (SELECT min(place_id) FROM events) UNION ALL"
    " SELECT (SELECT min(place_id) FROM events WHERE place_id > places.id) FROM places"
    " WHERE places.id NOT NULL) SELECT id FROM places"
)


def in_countries(place: Place | None, codes: set[str]) -> bool:
    """Whether a place lies in one of the countries; a disputed territory lies in each country that
    administers or claims it, as well as in the country the gazetteer files it under."""
    if place is None:
        return False
    if place.country in codes:
        return True
    return place.kind == "disputed" and bool(codes & {*place.administered_by, *place.claimed_by})


@dataclass(frozen=True, slots=True)
class Dialect:
    """What SQLite and DuckDB spell differently. one_of: "is in the JSON array of text bound as one
    parameter" (DuckDB's json_each gives JSON values, not text); event_period: the first and last day of
    an event's date period (`periods.period_sql`)."""

    name: str
    one_of: str
    event_period: tuple[str, str]


DIALECTS = {
    "sqlite": Dialect(
        "sqlite", "IN (SELECT value FROM json_each(?))", period_sql("e.date", "e.date_precision")
    ),
    "duckdb": Dialect(
        "duckdb",
        "IN (SELECT unnest(from_json(?, '[\"VARCHAR\"]')))",
        period_sql("e.date", "e.date_precision", "duckdb"),
    ),
}


def dialect(db) -> Dialect:
    """The SQL dialect of a connection: sqlite3's have no `dialect` attribute, ParquetStore's say "duckdb"."""
    return DIALECTS[getattr(db, "dialect", "sqlite")]


def _casefold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None


def _places_in(codes: set[str], gazetteer) -> list[str]:
    """The ids of every place in the countries (`in_countries`), read from the gazetteer, not the store: its
    places, its cities by their country code, and the codes that name a territory (ESH: Western Sahara)."""
    found = {place.id for place in gazetteer.places() if in_countries(place, codes)}
    found.update(gazetteer.city_ids(codes))
    found.update(code for code, place_id in gazetteer.territory_of_code.items() if place_id in found)
    return sorted(found)


def same_actor(db: sqlite3.Connection, actor_id: str) -> list[str]:
    """The ids of every actor with the same name (any case) and country as `actor_id`'s. An actor id is
    made per article, so "Israel" in two articles is two ids; as a filter, they are one actor."""
    db.create_function("casefold", 1, _casefold, deterministic=True)
    found = db.execute("SELECT name, country FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if found is None:
        return [actor_id]
    rows = db.execute("SELECT id, country FROM actors WHERE casefold(name) = ?", (found[0].casefold(),))
    return sorted(row[0] for row in rows if row[1] == found[1])


# Events whose source or target actor is in a JSON array of ids (the array is bound twice).
_EITHER_ACTOR = "(e.source_actor {one_of} OR e.target_actor {one_of})"


def _dates(selection: Selection, column: str, period: tuple[str, str] | None) -> tuple[str | None, list]:
    """The date window and the "no date" choice as one condition over a date `column`; `period`: the
    SQL of the first and last day its date may be (None for a column of days). None: every date."""
    window, params = [], []
    for bound, operator, side in ((selection.since, ">=", 0), (selection.until, "<=", 1)):
        if bound:
            window.append(f"{column} {operator} ?")
            params.append(bound.isoformat())
            if period:  # implies the plain bound, which is there for SQLite to use the index on dates
                window.append(f"{period[side]} {operator} ?")
                params.append(bound.isoformat())
    if not window:
        return (None, []) if selection.undated else (f"{column} NOT NULL", [])
    dated = " AND ".join(window)
    return (f"({column} IS NULL OR ({dated}))" if selection.undated else f"({dated})"), params


# The rowids of the articles a text query (`store.fts_query`) finds.
TEXT_MATCH = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
TEXT_SCAN_SHARE = 0.02  # see _text_matches
TEXT_SCAN_SHARE_FILTERED = 0.3  # see _text_matches


def text_match(selection: Selection) -> str | None:
    """The selection's text query for FTS5 (`Store.search`'s meaning); None without one, "" when it has no
    word to search (and so finds nothing)."""
    return fts_query(selection.query) if selection.query.strip() else None


def _text_matches(
    db: sqlite3.Connection, match: str, selection: Selection, narrowed: bool
) -> tuple[str, bool]:
    """The events of the articles a text query finds, as a condition, and whether SQLite is to find them
    by another filter's index rather than by the articles (`scanned`). The articles' ids are gathered once,
    into a temporary table of this read's connection that each of its statements reads (a subquery would
    gather them again in every statement: 0.1-0.7 s each at a million events).

    SQLite finds the events through `events_by_article`, which holds the columns the usual filters test,
    unless the matching articles are many and another filter reads a covering index in an order that
    helps: it then reads that index and tests each event the filter keeps (the unary + keeps SQLite from
    driving the query by the ids). Both select the same events. A caller's own few events in index order
    (`narrowed`: a place's panel, the feed's newest) are read so above TEXT_SCAN_SHARE of the articles: the
    feed's newest 20 for "police" (12 % of the articles) at 5.9 million events, 0.06 s against 0.7 s. An
    aggregate (the map, timeline, counts) under a type, country or actor filter only above
    TEXT_SCAN_SHARE_FILTERED: for one type and 12 % or 21 % of the articles, the timeline took 1.4 s
    scanned and 0.5-0.6 s by the articles, at 59 % ("united states") 1.55 and 1.23 but the country pairs
    0.8 and 1.0, the mention counts 1.7 and 1.9 (benchmarks/README.md, "A GDELT month")."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS text_matches (id TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS text_matched (match TEXT, version INTEGER, found INTEGER)")
    # A store's reads in one thread share a connection (`Store._connect`): the matches of the view's last
    # query are still there unless another connection has committed since (SQLite's data_version).
    version = db.execute("PRAGMA data_version").fetchone()[0]
    kept = db.execute(
        "SELECT found FROM temp.text_matched WHERE match = ? AND version = ?", (match, version)
    ).fetchone()
    articles = db.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
    if kept is not None:
        found = kept[0]
    else:
        db.execute("DELETE FROM temp.text_matches")
        db.execute("DELETE FROM temp.text_matched")
        ids, found = _matched_ids(db, match, articles)
        db.execute("INSERT INTO temp.text_matches SELECT value FROM json_each(?)", (ids,))
        db.execute("INSERT INTO temp.text_matched VALUES (?, ?, ?)", (match, version, found))
    filtered = selection.types or selection.countries or selection.actor.strip() or selection.actor_id
    scanned = (narrowed and found > TEXT_SCAN_SHARE * articles) or (
        filtered and found > TEXT_SCAN_SHARE_FILTERED * articles
    )
    return f"{'+' if scanned else ''}e.article_id IN (SELECT id FROM temp.text_matches)", bool(scanned)


_MATCHED: OrderedDict[tuple[str, str, int], tuple[str, int]] = OrderedDict()
_MATCHED_LOCK = threading.Lock()
KEPT_MATCHES = 2  # text queries whose matching ids the process keeps (a view's reads share its query's)


def _matched_ids(db: sqlite3.Connection, match: str, last_article: int) -> tuple[str, int]:
    """The ids of the articles a text query finds, sorted, as one JSON array, and how many there are.

    A view's reads run on several threads, each with its connection, and each gathered the ids from the
    articles table (a row read per match: 1-2 s for "police" at 6.5 million events, three times over).
    They are gathered once per process and query, and each connection's temporary table is filled from
    them (0.15 s). Stored articles never change and are never removed, so the store file and its largest
    article rowid at this read's snapshot say which articles there are: the key is exact."""
    store_file = db.execute("PRAGMA database_list").fetchone()[2]  # "" for a database in memory: not kept
    key = (store_file, match, last_article)
    with _MATCHED_LOCK:  # the view's other threads wait for the first one's answer, not gather it again
        if key in _MATCHED:
            _MATCHED.move_to_end(key)
            return _MATCHED[key]
        found = _gathered_ids(db, match, last_article)
        if store_file:
            _MATCHED[key] = found
            while len(_MATCHED) > KEPT_MATCHES:
                _MATCHED.popitem(last=False)
        return found


def _gathered_ids(db: sqlite3.Connection, match: str, last_article: int) -> tuple[str, int]:
    ids = [
        row[0]
        for row in db.execute(
            f"SELECT id FROM articles WHERE rowid IN ({TEXT_MATCH}) AND rowid <= ? ORDER BY id",
            (match, last_article),
        )
    ]
    return json.dumps(ids), len(ids)


def _articles(has_event: str, own: list[str], published: str | None, selection: Selection) -> str:
    """Articles with a selected event (`has_event`), or, with no event-only filter set, that pass the
    article-level filters (`own`: the published date, text query and chosen ids). An article with a
    selected event passes the text query and chosen ids itself: only a date condition needs the OR."""
    if selection.event_only:
        return has_event
    if published:
        return f"({has_event} OR ({' AND '.join(own)}))"
    return " AND ".join(own) or "1"


def where(
    db: sqlite3.Connection,
    selection: Selection,
    gazetteer,
    narrowed: bool = False,
    matches: list[str] | None = None,
) -> Where:
    """`narrowed`: the caller adds a condition of its own that the covering indexes answer and that keeps
    few events (one place's, for its panel); it only changes how SQLite finds what is selected. `matches`:
    on an engine without SQLite's full-text index (DuckDB), the ids of the articles the text query finds
    (the store's `search`); SQLite reads its index instead."""
    conditions, params = [], []
    one_of, event_period = dialect(db).one_of, dialect(db).event_period
    sqlite = dialect(db).name == "sqlite"
    dated, dated_params = _dates(selection, "e.date", event_period)
    if dated:
        conditions.append(dated)
        params += dated_params
    if selection.types:
        conditions.append(f"e.type {one_of}")
        params.append(json.dumps(sorted({plover_type(t) for t in selection.types})))
    codes = {country_code(c) for c in selection.countries}
    if codes:
        conditions.append(f"(e.source_country {one_of} OR e.target_country {one_of} OR e.place_id {one_of})")
        params += [json.dumps(sorted(codes)), json.dumps(sorted(codes))]
        country_places = json.dumps(_places_in(codes, gazetteer))
        params.append(country_places)
    if selection.actor.strip():
        db.create_function("casefold", 1, _casefold, deterministic=True)
        rows = db.execute(
            "SELECT id FROM actors WHERE instr(casefold(name), ?) > 0", (selection.actor.strip().casefold(),)
        )
        conditions.append(_EITHER_ACTOR.format(one_of=one_of))
        params += [json.dumps([row[0] for row in rows])] * 2
    if selection.actor_id:
        conditions.append(_EITHER_ACTOR.format(one_of=one_of))
        params += [json.dumps(same_actor(db, selection.actor_id))] * 2
    if selection.main_only:
        conditions.append("e.rank = 0")
    if selection.min_confidence > 0:
        conditions.append("e.confidence >= ?")
        params.append(selection.min_confidence)
    # Article-level filters: the articles chosen by id, the text query's matches. Last: SQLite tests the
    # terms in this order, and these look each event up in a set, where the others read an index entry.
    chosen = json.dumps(list(selection.articles)) if selection.articles else None
    if chosen is not None:
        conditions.append(f"e.article_id {one_of}")
        params.append(chosen)
    match = text_match(selection)
    by_articles = False  # whether SQLite finds the events through the text query's articles
    if match == "":
        conditions.append("0")
    elif match is not None and sqlite:
        condition, scanned = _text_matches(db, match, selection, narrowed)
        conditions.append(condition)
        by_articles = not scanned
    elif match is not None:  # no FTS5 index: the ids `search` found
        found = json.dumps(list(matches or ()))
        conditions.append(f"e.article_id {one_of}")
        params.append(found)
    events = " AND ".join(conditions) or "1"

    # Articles: those with a selected event; with article-level filters only, also those that match them.
    published, published_params = _dates(selection, "a.published", None)

    def own_filters(article_id: str) -> tuple[list[str], list]:
        """The article-level filters, on an article id column but for the published date (`a.published`).
        On the articles themselves the text query reads the FTS index by rowid; on another table's column
        it reads `_text_matches`' table of sorted ids, which SQLite seeks in that table's index in order:
        the mention counts of "police" at 5.9 million events took 2.2 s through the articles' rowids (a
        mention's article at a random place each), 0.7-0.8 s so."""
        own, own_params = ([published], list(published_params)) if published else ([], [])
        if match == "":
            own.append("0")
        elif match is not None and sqlite and article_id == "a.id":
            own.append(f"a.rowid IN ({TEXT_MATCH})")
            own_params.append(match)
        elif match is not None and sqlite:
            own.append(f"{article_id} IN (SELECT id FROM temp.text_matches)")
        elif match is not None:
            own.append(f"{article_id} {one_of}")
            own_params.append(found)
        if chosen is not None:
            own.append(f"{article_id} {one_of}")
            own_params.append(chosen)
        return own, own_params

    def selected(article_id: str) -> tuple[str, str, list]:
        """The selected articles as conditions on an article id column: gathered, and probed one by one
        (for a few articles, one place's, cheaper than first gathering the articles of every event); and
        their parameters."""
        own, own_params = own_filters(article_id)
        if selection.event_only:
            article_params = list(params)
        elif published:
            article_params = [*params, *own_params]
        else:
            article_params = own_params
        gathered = f"{article_id} IN (SELECT e.article_id FROM events e WHERE {events})"
        probed = f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = {article_id} AND {events})"
        own_gathered, own_probed = (
            _articles(condition, own, published, selection) for condition in (gathered, probed)
        )
        return own_gathered, own_probed, article_params

    articles, _, article_params = selected("a.id")
    # A mention's article id stands for its article's unless an article's own column (its date) is
    # tested: no join, and an article's mentions come from `mentions_by_article` alone (2x faster at a
    # million events).
    tests_articles = bool(published) and not selection.event_only
    mentions_from = "mentions m JOIN articles a ON a.id = m.article_id" if tests_articles else "mentions m"
    gathered, probed, mention_params = selected("a.id" if tests_articles else "m.article_id")
    mentions, probed_mentions = [gathered], [probed]
    if set(selection.roles) != set(MENTION_ROLES):
        mentions.append(f"m.role {one_of}")
        mention_params.append(json.dumps(list(selection.roles)))
    if selection.min_place_confidence > 0:
        mentions.append("m.confidence >= ?")
        mention_params.append(selection.min_place_confidence)
    probed_mentions += mentions[1:]
    places, place_params = "1", ()
    if codes:
        places = f"m.place_id {one_of}"
        place_params = (country_places,)
    # Not when the text query's articles lead: through them is quicker ("police" and one type at 5.9 million
    # events: 0.43-0.61 s, 1.05-1.19 s place by place).
    seek = selection.types and sqlite and not by_articles
    by_place = f"e.place_id IN ({EVERY_PLACE}) AND " if seek else ""
    return Where(
        events, params, articles, article_params, " AND ".join(mentions), mention_params,
        places, place_params, " AND ".join(probed_mentions), mentions_from, by_place,
    )  # fmt: skip


@contextmanager
def selecting(
    store: Store, selection: Selection, gazetteer, narrowed: bool = False
) -> Iterator[tuple[sqlite3.Connection, Where]]:
    """One read transaction over the store with the selection's conditions (`where`): a consistent
    snapshot. On DuckDB the text query's matches are the store's `search` (kept there for the next ask)."""
    with store.read() as db:
        matches = None
        if dialect(db).name != "sqlite" and text_match(selection):
            matches = store.search(selection.query, limit=-1)
        yield db, where(db, selection, gazetteer, narrowed, matches)
