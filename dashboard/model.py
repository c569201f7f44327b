"""The records that flow through the product: Article, Place, Mention, Actor, Event.

Offsets are Python character offsets into `Article.text`, so every claim on the map can be traced back
to the exact sentence that makes it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import date
from operator import attrgetter

PLACE_KINDS = ("country", "disputed", "admin1", "city", "region")
MENTION_ROLES = ("literal", "metonymic", "demonym")


def content_id(*parts: str) -> str:
    """A stable id from content: the same input always gets the same id, so re-ingesting adds nothing."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


def _pickled_as_values(cls):
    """Pickle a record as its field values, in order. Ingest workers send every article's records (about
    200) back to the main process, and a dataclass's own pickling calls `fields()` for each object both
    ways: this is 2.5 times faster, and a pickle holds the same values."""
    names = tuple(f.name for f in fields(cls))
    _VALUES[cls] = attrgetter(*names)
    _SETTERS[cls] = tuple(getattr(cls, name).__set__ for name in names)  # slots: set even when frozen
    cls.__reduce__ = lambda record: (_record, (cls, field_values(record)))
    return cls


_VALUES: dict[type, attrgetter] = {}
_SETTERS: dict[type, tuple] = {}


def field_values(record) -> tuple:
    """A stored record's field values in declaration order (the order of the store's columns)."""
    return _VALUES[type(record)](record)


def _record(cls, values: tuple):
    record = object.__new__(cls)
    for set_field, value in zip(_SETTERS[cls], values, strict=True):
        set_field(record, value)
    return record


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Article:
    """One news text. `id` is a hash of title and text; `dateline` is the "RABAT, Nov 25" opening.

    `input_id` is the id the input gave it (a JSON or CSV `id` column, a feed entry's id, ACLED's
    event_id_cnty), kept so exports join back to the user's data: untrusted text, bounded, and no part of
    `id` (the same text under another input id is the same article)."""

    id: str
    title: str
    text: str
    url: str = ""
    source: str = ""
    published: date | None = None
    dateline: str = ""
    input_id: str | None = None

    @classmethod
    def create(cls, text: str, title: str = "", **fields) -> Article:
        return cls(id=content_id(title, text), title=title, text=text, **fields)


@dataclass(frozen=True, slots=True)
class Place:
    """A place the map can draw.

    `id` is ISO3 for countries, `disputed:<slug>`, `admin1:<ISO3>-<code>`, a GeoNames id for cities,
    `region:<slug>`. For disputed territories `administered_by` / `claimed_by` say who holds and who
    claims them (ISO3 codes or named entities such as SADR).
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str | None = None
    geonameid: int | None = None
    population: int = 0
    feature_code: str = ""
    admin1: str = ""  # GeoNames admin-1 code within `country`, for cities and admin-1 units
    administered_by: tuple[str, ...] = ()
    claimed_by: tuple[str, ...] = ()
    status: str = ""


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that names a place. `role` is literal, metonymic ("Rabat said"), demonym, or
    associative (the first words of an organisation's name, "The Washington Post": the geoparser says so, the
    pipeline stores none).

    `sentence_start` and `sentence_end` are the offsets of the sentence that names it, as the splitter found
    it when the mention was made (None for mentions stored before they were kept: the panel then finds
    the sentence in the text)."""

    article_id: str
    start: int
    end: int
    text: str
    place_id: str
    role: str = "literal"
    confidence: float = 1.0
    sentence_start: int | None = None
    sentence_end: int | None = None


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Actor:
    """A person, government, military, organisation or country acting in the news."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str = ""
    title: str = ""


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when (PLOVER type), with the sentence that says so."""

    id: str
    article_id: str
    type: str
    source_actor: str | None
    target_actor: str | None
    evidence_start: int
    evidence_end: int
    mode: str = ""
    source_country: str | None = None
    target_country: str | None = None
    place_id: str | None = None
    date: date | None = None
    date_precision: str = ""
    confidence: float = 0.0
    rank: int = 0  # 0 for the main event of its sentence, then 1, 2... for the others
    coder: str = ""  # who coded it: this product's event coder (its name), or "GDELT" / "ACLED" for imports
    input_id: str | None = None  # an imported event's own id: GDELT's GLOBALEVENTID, ACLED's event_id_cnty


@dataclass(frozen=True, slots=True)
class PlaceEvents:
    """The selected events at one place as the map draws them: how many of each type, and only the newest
    few of each type (newest first), which its markers list; at a million events the rest stay in the store.
    `len()` is how many events there are in all. `drawn`: whether the Events layer draws the place's
    markers (beyond its cap the map draws only the busiest places; the others have no `latest`, and still
    count in the Heat layer and the countries' shading)."""

    counts: dict[str, int]
    latest: dict[str, list[Event]]
    drawn: bool = True

    def __len__(self) -> int:
        return sum(self.counts.values())

    @classmethod
    def of(cls, events: list[Event], listed: int | None = None) -> PlaceEvents:
        """From the events themselves (newest first), keeping `listed` of each type (None: all)."""
        counts: dict[str, int] = {}
        latest: dict[str, list[Event]] = {}
        for event in events:
            counts[event.type] = counts.get(event.type, 0) + 1
            kept = latest.setdefault(event.type, [])
            if listed is None or len(kept) < listed:
                kept.append(event)
        return cls(counts, latest)


@dataclass(frozen=True, slots=True)
class Shown:
    """How much of the selection a capped map layer draws: `items` of `total_items` (places with markers,
    country pairs, points), holding `count` of `total` events (or mentions). The layer's legend says so
    when something is left out."""

    items: int
    total_items: int
    count: int
    total: int

    @property
    def capped(self) -> bool:
        return self.items < self.total_items


# The `Event.coder` of imported events, and how the panel says where they come from; any other coder is
# this product's own event coder (machine-coded here).
IMPORTED_BY = {
    "GDELT": "imported from GDELT, machine-coded",
    "ACLED": "imported from ACLED, coded by its researchers",
}


def provenance(coder: str, short: bool = False) -> str:
    """Who coded an event, so a reader sees at once what no person has checked. `short`: for a map popup."""
    if coder in IMPORTED_BY:
        return f"via {coder}" if short else IMPORTED_BY[coder]
    if short:
        return "machine-coded"
    return f"machine-coded here ({coder})" if coder else "machine-coded"


@_pickled_as_values
@dataclass(frozen=True, slots=True)
class Extraction:
    """One article with everything found in it (or imported with it, for GDELT and ACLED rows)."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
