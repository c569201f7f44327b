"""What a store holds, as records: the tests' way to look inside it (the product reads through
`dashboard.queries` and `dashboard.exports`, which take a Selection)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from dashboard.model import Article, Event, Mention
from dashboard.store import Store


def _rows(store: Store, record_type, sql: str = "", params: list | tuple = ()) -> list[dict]:
    columns = ", ".join(f'"{f.name}"' for f in fields(record_type))
    with store.read() as db:
        table = record_type.__name__.lower() + "s"
        return [dict(row) for row in db.execute(f"SELECT {columns} FROM {table} {sql}", params)]


def _dated(values: dict, name: str) -> dict:
    values[name] = date.fromisoformat(values[name]) if values[name] else None
    return values


def articles(store: Store) -> list[Article]:
    """Every article, oldest first."""
    return [Article(**_dated(row, "published")) for row in _rows(store, Article, "ORDER BY published, title")]


def mentions(
    store: Store, place_ids: list[str] | None = None, article_id: str | None = None
) -> list[Mention]:
    """Every mention (of the given places, in the given article), in reading order."""
    clauses, params = [], []
    if place_ids is not None:
        clauses.append(f"place_id IN ({', '.join('?' for _ in place_ids)})")
        params += place_ids
    if article_id is not None:
        clauses.append("article_id = ?")
        params.append(article_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return [Mention(**row) for row in _rows(store, Mention, f"{where} ORDER BY article_id, start", params)]


def mention_counts(store: Store) -> dict[str, int]:
    """How many mentions each place has."""
    with store.read() as db:
        return dict(db.execute("SELECT place_id, count(*) FROM mentions GROUP BY place_id").fetchall())


def events(store: Store, countries: list[str] | None = None) -> list[Event]:
    """Every event (with a source or target of one of the countries), newest first."""
    where, params = "", []
    if countries is not None:
        marks = ", ".join("?" for _ in countries)
        where = f"WHERE source_country IN ({marks}) OR target_country IN ({marks})"
        params = [*countries, *countries]
    order = "ORDER BY date DESC, article_id, evidence_start, rank"
    return [Event(**_dated(row, "date")) for row in _rows(store, Event, f"{where} {order}", params)]
