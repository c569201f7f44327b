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
    rows = db.execute(
        "SELECT id FROM actors WHERE casefold(name) = ? AND country IS ?", (found[0].casefold(), found[1])
    )
    return sorted(row[0] for row in rows)


# Events whose source or target actor is in a JSON array of ids (the array is bound twice).
_EITHER_ACTOR = (
    "(e.source_actor IN (SELECT value FROM json_each(?))"
    " OR e.target_actor IN (SELECT value FROM json_each(?)))"
)


_EVENT_PERIOD = period_sql("e.date", "e.date_precision")


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
    dated, dated_params = _dates(selection, "e.date", _EVENT_PERIOD)
    if dated:
        conditions.append(dated)
        params += dated_params
    if selection.types:
        conditions.append("e.type IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted({plover_type(t) for t in selection.types})))
    codes = {country_code(c) for c in selection.countries}
    if codes:
        conditions.append(
            "(e.source_country IN (SELECT value FROM json_each(?))"
            " OR e.target_country IN (SELECT value FROM json_each(?))"
            " OR e.place_id IN (SELECT value FROM json_each(?)))"
        )
        params += [json.dumps(sorted(codes)), json.dumps(sorted(codes))]
        params.append(json.dumps(_places_in(db, "events", codes, gazetteer)))
    if selection.actor.strip():
        db.create_function("casefold", 1, _casefold, deterministic=True)
        rows = db.execute(
            "SELECT id FROM actors WHERE instr(casefold(name), ?) > 0", (selection.actor.strip().casefold(),)
        )
        conditions.append(_EITHER_ACTOR)
        params += [json.dumps([row[0] for row in rows])] * 2
    if selection.actor_id:
        conditions.append(_EITHER_ACTOR)
        params += [json.dumps(same_actor(db, selection.actor_id))] * 2
    # Article-level id filters: the text query's matches, the articles chosen by id.
    chosen = [json.dumps(ids) for ids in (matches, list(selection.articles) or None) if ids is not None]
    for ids in chosen:
        conditions.append("e.article_id IN (SELECT value FROM json_each(?))")
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
            own.append("a.id IN (SELECT value FROM json_each(?))")
            own_params.append(ids)
        if not own:
            articles, article_params = "1", []
        else:
            articles = f"({articles} OR ({' AND '.join(own)}))"
            article_params += own_params

    mentions, mention_params = [articles], list(article_params)
    if set(selection.roles) != set(MENTION_ROLES):
        mentions.append("m.role IN (SELECT value FROM json_each(?))")
        mention_params.append(json.dumps(list(selection.roles)))
    if selection.min_place_confidence > 0:
        mentions.append("m.confidence >= ?")
        mention_params.append(selection.min_place_confidence)
    places, place_params = "1", ()
    if codes:
        places = "m.place_id IN (SELECT value FROM json_each(?))"
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
