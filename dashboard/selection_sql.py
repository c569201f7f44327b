"""A Selection as SQL: the one place where the app's queries and the exports decide what is selected.

`where(db, selection, matches, gazetteer)` gives conditions over the `events e`, `articles a` and
`mentions m` tables, with their parameters. Big id lists (the places of a country, the actors matching a
name, the articles matching a text query) go in as one JSON array each, so a condition has a fixed number
of parameters whatever the store's size.

    with selecting(store, selection, gazetteer) as (db, found):
        db.execute(f"SELECT count(*) FROM events e WHERE {found.events}", found.event_params)

At a million events the aggregates the map, timeline and counts need are read from the store's two covering
indexes (`store.MIGRATIONS`, schema 7), which hold every column the date, type, country, confidence and
main-event conditions use: those are answered from an index alone. The conditions that need other columns
(actor text, actor id, the text query's and the chosen articles' ids) read each event's row as well:
slower, and as exact, since the conditions are the same ones either way.

The same conditions run on DuckDB for the Parquet tables (`dashboard.parquet_store`): a connection's
`dialect` attribute ("sqlite" when it has none, as Python's sqlite3 connections) picks the SQL of the two
things the engines spell differently (`DIALECTS`): a value in a JSON array, and a date's period.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from dashboard.model import MENTION_ROLES, Place
from dashboard.periods import period_sql
from dashboard.selection import Selection, country_code, plover_type
from dashboard.store import Store


@dataclass(frozen=True, slots=True)
class Where:
    """The selection as SQL conditions.

    events: over `e` (events), at least `min_confidence` confident. articles: over `a` (articles): those
    with a selected event, or, when no event-only filter is set, also those that match the text query and
    date range themselves. mentions: over `m` (mentions) joined to `a`: mentions in the selected articles
    with a counted role, at least `min_place_confidence` confident. mention_places: over `m`, the places
    of the selected countries (always true without a country filter): the map counts only those, a
    place's panel does not need to.
    """

    events: str
    event_params: list
    articles: str
    article_params: list
    mentions: str
    mention_params: list
    mention_places: str = "1"
    mention_place_params: tuple = ()


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


def _places_in(db: sqlite3.Connection, table: str, codes: set[str], gazetteer) -> list[str]:
    used = db.execute(f"SELECT DISTINCT place_id FROM {table} WHERE place_id NOT NULL")
    return sorted(i for (i,) in used if in_countries(gazetteer.place(i), codes))


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


def where(db: sqlite3.Connection, selection: Selection, matches: list[str] | None, gazetteer) -> Where:
    """`matches`: the ids of the articles the text query finds (`Store.search`), None without a query."""
    conditions, params = [], []
    one_of, event_period = dialect(db).one_of, dialect(db).event_period
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
        params.append(json.dumps(_places_in(db, "events", codes, gazetteer)))
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
    # Article-level id filters: the text query's matches, the articles chosen by id.
    chosen = [json.dumps(ids) for ids in (matches, list(selection.articles) or None) if ids is not None]
    for ids in chosen:
        conditions.append(f"e.article_id {one_of}")
        params.append(ids)
    if selection.main_only:
        conditions.append("e.rank = 0")
    if selection.min_confidence > 0:
        conditions.append("e.confidence >= ?")
        params.append(selection.min_confidence)
    events = " AND ".join(conditions) or "1"

    # Articles: those with a selected event; with article-level filters only, also those that match.
    articles, article_params = f"a.id IN (SELECT e.article_id FROM events e WHERE {events})", list(params)
    if not selection.event_only:
        own, own_params = [], []
        published, published_params = _dates(selection, "a.published", None)
        if published:
            own.append(published)
            own_params += published_params
        for ids in chosen:
            own.append(f"a.id {one_of}")
            own_params.append(ids)
        if not own:
            articles, article_params = "1", []
        else:
            articles = f"({articles} OR ({' AND '.join(own)}))"
            article_params += own_params

    mentions, mention_params = [articles], list(article_params)
    if set(selection.roles) != set(MENTION_ROLES):
        mentions.append(f"m.role {one_of}")
        mention_params.append(json.dumps(list(selection.roles)))
    if selection.min_place_confidence > 0:
        mentions.append("m.confidence >= ?")
        mention_params.append(selection.min_place_confidence)
    places, place_params = "1", ()
    if codes:
        places = f"m.place_id {one_of}"
        place_params = (json.dumps(_places_in(db, "mentions", codes, gazetteer)),)
    return Where(
        events, params, articles, article_params, " AND ".join(mentions), mention_params, places, place_params
    )


def search_matches(store: Store, selection: Selection) -> list[str] | None:
    """The ids of all articles the selection's text query matches; None when it has no query."""
    return store.search(selection.query, limit=-1) if selection.query.strip() else None


@contextmanager
def selecting(store: Store, selection: Selection, gazetteer) -> Iterator[tuple[sqlite3.Connection, Where]]:
    """One read transaction over the store with the selection's conditions: a consistent snapshot.

    The text search reads in its own transaction, before this one."""
    matches = search_matches(store, selection)
    with store.read() as db:
        yield db, where(db, selection, matches, gazetteer)
