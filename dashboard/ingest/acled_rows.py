"""ACLED rows as the store's rows (`store.Rows`), each repeated value read once: what `acled.Importer` makes
of a row, faster.

Each ACLED row is an article of its own (its notes), usually an event, and the mention of its place. Most
of its fields repeat from row to row (dates, types, actors, sources, places): each distinct value, or group
of values read together (a place's name, admin-1 unit, precision, country and coordinates), is read once by
the functions `Importer.extraction` calls, and kept in a bounded memo (`acled.remembered`). What is new in
every row is its id, its notes and the sentence that names the place, found by tokenizing only the words
where a sentence may end (`nlp.sentences.one_line_spans`). The rows are built as the store's tuples,
without making the records.

A row this path does not take plainly (an id that is not plain letters and digits and cleans to nothing, a
date that does not read, notes that clean to nothing, a value whose reading raises) goes through
`Importer.extraction`, which says what is wrong with it or builds its record: so both give the same rows
and the same errors. tests/test_acled_rows.py compares them.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from functools import partial
from operator import itemgetter
from pathlib import Path

from dashboard.ingest.acled import (
    CODER,
    CONFIDENCE,
    Importer,
    _clean,
    article_title,
    clean_notes,
    date_precision,
    parse_event_date,
    plover,
    remembered,
)
from dashboard.ingest.errors import IngestError, record_result
from dashboard.ingest.gdelt import clean
from dashboard.ingest.locations import mention_span
from dashboard.model import Actor, Article, Event, Mention, content_id
from dashboard.store import Rows, row_values

# The fields a row is read from, in the order `RowBuilder.__call__` unpacks them.
FIELDS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
    "actor2", "inter2", "iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes",
)  # fmt: skip
# The store's rows are built as tuples in the order of the records' fields, which these name: a record
# with other fields stops the import of this module rather than storing values in the wrong columns.
ARTICLE = ("id", "title", "text", "url", "source", "published", "dateline", "input_id")
MENTION = (
    "article_id", "start", "end", "text", "place_id", "role", "confidence", "sentence_start", "sentence_end",
)  # fmt: skip
EVENT = (
    "id", "article_id", "type", "source_actor", "target_actor", "evidence_start", "evidence_end", "mode",
    "source_country", "target_country", "place_id", "date", "date_precision", "confidence", "rank", "coder",
    "input_id",
)  # fmt: skip
for _record, _names in ((Article, ARTICLE), (Mention, MENTION), (Event, EVENT)):
    if tuple(f.name for f in fields(_record)) != _names:
        raise ImportError(f"acled_rows builds {_record.__name__} rows as {_names}: update it to the record")


class RowBuilder:
    """Builds the Rows of one export's rows (their cells in the order of `header`), or their IngestErrors."""

    def __init__(self, path: Path, header: list[str], importer: Importer) -> None:
        self.path, self.header, self.importer = path, header, importer
        # A record keeps the last of a repeated column name (`dict(zip(header, cells))`); a missing column
        # reads as "" (the cell one past the row's, which `__call__` adds when a column is missing).
        position = {name: i for i, name in enumerate(header)}
        self.missing = any(name not in position for name in FIELDS)
        self.fields = itemgetter(*(position.get(name, len(header)) for name in FIELDS))
        self._dates: dict[str, str] = {}
        self._kinds: dict[tuple[str, str, str], tuple] = {}
        self._titles: dict[tuple[str, str, str], str] = {}
        self._sources: dict[str, str] = {}
        self._places: dict[tuple, tuple] = {}
        self._actors: dict[tuple, tuple] = {}

    def __call__(self, line: int, cells: list[str]) -> Rows | IngestError:
        """The row's Rows, or its IngestError (naming `line`, the line it starts on)."""
        try:
            rows = self.rows(cells + [""] if self.missing else cells)
        except Exception:  # noqa: BLE001 - a value no reader expected: the row-by-row reader says which
            rows = None
        return self.by_record(line, cells) if rows is None else rows

    def by_record(self, line: int, cells: list[str]) -> Rows | IngestError:
        """The row read as a record by `Importer.extraction`: its Rows, or its IngestError."""
        record = dict(zip(self.header, cells, strict=True))
        (item,) = record_result(self.path, partial(self.importer.extraction, record), ValueError, line=line)
        return item if isinstance(item, IngestError) else Rows.of(item)

    def rows(self, cells: list[str]) -> Rows | None:
        """The Rows `Importer.extraction` makes of the row, or None for a row it must read itself. (Each
        memo's answers are never empty but for a date that does not read: `get` first, as most values
        are known.)"""
        (
            event_id, day, time_precision, event_type, sub_event_type, actor1, inter1, actor2, inter2, iso,
            country, admin1, location, lat, lon, geo_precision, source, notes,
        ) = self.fields(cells)  # fmt: skip
        if not (event_id.isascii() and event_id.isalnum() and len(event_id) <= 40):
            event_id = clean(event_id, 40)
        day = self._dates.get(day) or remembered(self._dates, day, _iso_day, day)
        notes = clean_notes(notes)
        if not event_id or not day or not notes:
            return None  # a row with no id or date is an error, one with no notes gets a made-up text
        key = (event_type, sub_event_type, time_precision)
        kind, mapped, precision = self._kinds.get(key) or remembered(self._kinds, key, _kinds, *key)
        key = (location, admin1, geo_precision, iso, country, lat, lon)
        code, place, named, location, admin1 = self._places.get(key) or remembered(
            self._places, key, self._place, *key
        )
        source_row, source_id, source_country = self.actor(actor1, inter1, code)
        target_row, target_id, target_country = self.actor(actor2, inter2, code)
        key = (kind, location, admin1)
        title = self._titles.get(key) or remembered(self._titles, key, article_title, *key)
        source = self._sources.get(source) or remembered(self._sources, source, _source, source)
        article_id = content_id("acled", "article", event_id)
        article = (article_id, title, notes, "", source, day, "", event_id)
        at = notes.find(named) if named else -1
        found = mention_span(notes, at, named, place)
        mentions = (
            []
            if found is None
            else [(article_id, at, *found[:1], named, place, "literal", CONFIDENCE, *found[1:])]
        )  # noqa: E501
        if mapped is None:
            return Rows(article, mentions, [], [])
        event = (
            content_id("acled", event_id), article_id, mapped[0], source_id, target_id, 0, len(notes),
            mapped[1], source_country, target_country, place, day, precision, CONFIDENCE, 0, CODER, event_id,
        )  # fmt: skip
        actors = [row for row in (source_row, target_row) if row is not None]
        return Rows(article, mentions, actors, [event])

    def _place(self, location, admin1, precision, iso, country, lat, lon) -> tuple:
        """(country, place id, the name of it the notes may hold, location and admin1 cleaned)."""
        location, admin1 = _clean(location, 200), _clean(admin1, 200)
        code = self.importer.country(iso, country)
        place, named = self.importer.place(location, admin1, precision, code, lat, lon)
        return code, place, named, location, admin1

    def actor(self, name: str, inter: str, country: str | None) -> tuple:
        """(the actor's row or None, its id, its country)."""
        key = (name, inter, country or "")
        return self._actors.get(key) or remembered(self._actors, key, self._actor, name, inter, country)

    def _actor(self, name: str, inter: str, country: str | None) -> tuple:
        actor: Actor | None = self.importer.actor(name, inter, country)
        return (None, None, None) if actor is None else (row_values(actor), actor.id, actor.country)


def _iso_day(value: str) -> str:
    """The date as ISO text ("" when it does not read)."""
    when: date | None = parse_event_date(value)
    return "" if when is None else when.isoformat()


def _kinds(event_type: str, sub_event_type: str, time_precision: str) -> tuple:
    """The event type cleaned, the PLOVER (type, mode) of the two types, and the date's precision."""
    kind = _clean(event_type, 100)
    return kind, plover(kind, _clean(sub_event_type, 100)), date_precision(time_precision)


def _source(value: str) -> str:
    return _clean(value, 200) or "ACLED"
