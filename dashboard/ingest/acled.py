"""ACLED CSV exports as the product's own records: one Article and (usually) one Event per row.

An ACLED export is a plain .csv, recognised by its header (`is_acled_header`), which the generic table
reader (tabular.py) checks before reading a .csv as articles. It is streamed with that reader's record
parser (tabular.table_rows), so an export may be any size: only the current row is held, and a broken row
(a stray quote, the wrong number of fields, an unreadable line) is reported with its line and skipped.
Each row becomes the store's rows (`store.Rows`) through `acled_rows.RowBuilder`, which reads each repeated
value once; what it does not take plainly is read here, as a record, by `Importer.extraction`.

Python's csv reader (C) splits a row in about 4 µs, a tenth of a row's cost: a columnar reader (pyarrow's
takes 2-3 µs) would have to find each row's line for its errors, and follow csv's reading of stray quotes,
over-long rows and broken lines (tabular.table_rows) exactly.

Columns, as ACLED documents them: event_id_cnty, event_date, year, time_precision, disorder_type,
event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction,
civilian_targeting, iso, region, country, admin1, admin2, admin3, location, latitude, longitude,
geo_precision, source, source_scale, notes, fatalities, tags, timestamp. Names are matched in any case;
only the first four that `is_acled_header` lists are required.

* Article: text = notes (the evidence; a line built from the record when notes are empty), title =
  "<event_type>: <location>", source = the `source` field, published = event_date, no URL; its id comes
  from event_id_cnty, so importing a later export of the same events adds nothing, and event_id_cnty
  itself is its and its event's `input_id`, for joining exports back to ACLED. Where the notes name
  the location (or, for a region-level row, the admin-1 unit), that name is a mention of the place.
* Event: PLOVER type and mode from sub_event_type (else event_type) by SUB_EVENTS / EVENT_TYPES below;
  a row with no PLOVER counterpart ("Change to group/activity", "Other") keeps its article, with no event.
  Date precision from time_precision (1 day, 2 week, 3 month). ACLED's records are coded and reviewed by
  researchers, so the confidence is 1.0.
* Actors: actor1 (source) and actor2 (target); kind and sector from inter1/inter2 (ACLED's numeric codes or
  their names, as exports since 2024 write them); country from the name ("Military Forces of Kenya
  (2022-)", "Protesters (Kenya)"), else the event's country, except for rebels and external forces, which
  often come from elsewhere.
* Country: `iso` (ISO 3166 numeric, geodata/countries.csv `iso_numeric`), else the `country` name.
* Place: as for GDELT (dashboard.ingest.locations): the named `location` near latitude/longitude, else the
  disputed territory at the point, the `admin1` unit, the country. geo_precision 3 means ACLED knows only
  the region (the point is its capital's), so such a row is placed at admin-1 level, never in a town.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

from dashboard.geo import files
from dashboard.geo.gazetteer import Gazetteer, load_gazetteer
from dashboard.ingest.errors import IngestError
from dashboard.ingest.files import read_lines
from dashboard.ingest.gdelt import clean
from dashboard.ingest.locations import Location, PlaceResolver, place_mention, point
from dashboard.ingest.tabular import header_line, sniff_delimiter, table_rows, whole_lines
from dashboard.model import Actor, Article, Event, Extraction, content_id
from dashboard.store import Rows

REQUIRED = ("event_id_cnty", "event_date", "event_type", "notes")
CONFIDENCE = 1.0
CODER = "ACLED"  # Event.coder: coded and reviewed by ACLED's researchers
MAX_NOTES_CHARS = 10_000
MAX_NAME_CHARS = 200
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # keeps "\n": notes may have paragraphs

# PLOVER (type, mode) by ACLED sub-event type (ACLED codebook, 2019-). The modes are PLOVER's.
SUB_EVENTS: dict[str, tuple[str, str] | None] = {
    # Battles: organised armed groups fighting each other.
    "armed clash": ("ASSAULT", ""),
    "government regains territory": ("ASSAULT", ""),
    "non-state actor overtakes territory": ("ASSAULT", ""),
    # Explosions/Remote violence.
    "chemical weapon": ("ASSAULT", "unconventional"),
    "air/drone strike": ("ASSAULT", "aerial"),
    "suicide bomb": ("ASSAULT", "suicide-attack"),
    "shelling/artillery/missile attack": ("ASSAULT", "heavy-weapons"),
    "remote explosive/landmine/ied": ("ASSAULT", "explosives"),
    "grenade": ("ASSAULT", "explosives"),
    # Violence against civilians.
    "sexual violence": ("ASSAULT", "sexual"),
    "attack": ("ASSAULT", ""),
    "abduction/forced disappearance": ("ASSAULT", "abduct"),
    # Protests: the protesters are the source. Excessive force: the force's user (actor1) assaults them.
    "peaceful protest": ("PROTEST", "demo"),
    "protest with intervention": ("PROTEST", "demo"),
    "excessive force against protesters": ("ASSAULT", "crowd-control"),
    # Riots: a violent demonstration is a protest; mob violence is violence against people or property.
    "violent demonstration": ("PROTEST", "riot"),
    "mob violence": ("ASSAULT", ""),
    # Strategic developments: by what happened.
    "agreement": ("AGREE", ""),
    "arrests": ("COERCE", "arrest"),
    "disrupted weapons use": ("COERCE", "seize"),  # weapons seized or defused, as CAMEO 171
    "headquarters or base established": ("MOBILIZE", ""),
    "looting/property destruction": ("ASSAULT", "destroy"),  # as CAMEO 1712, destroy property
    "non-violent transfer of territory": ("COERCE", "seize"),  # as CAMEO 192, occupy territory
    "change to group/activity": None,  # renaming, merging, relocating: no PLOVER event
    "other": None,
}
# By event type, for sub-event types not listed above and for older exports' types.
EVENT_TYPES: dict[str, tuple[str, str] | None] = {
    "battles": ("ASSAULT", ""),
    "explosions/remote violence": ("ASSAULT", ""),
    "remote violence": ("ASSAULT", ""),
    "violence against civilians": ("ASSAULT", ""),
    "protests": ("PROTEST", "demo"),
    "riots": ("PROTEST", "riot"),
    "riots/protests": ("PROTEST", ""),
    "strategic developments": None,
    "strategic development": None,
    "headquarters or base established": ("MOBILIZE", ""),
    "non-violent transfer of territory": ("COERCE", "seize"),
}
# ACLED actor types (inter1/inter2: codes, or names in exports since 2024) -> (Actor kind, CAMEO sector).
INTER = {
    "1": ("military", "MIL"),  # state forces
    "2": ("group", "REB"),  # rebel groups
    "3": ("group", "UAF"),  # political militias
    "4": ("group", "UAF"),  # identity militias
    "5": ("group", "CVL"),  # rioters
    "6": ("group", "CVL"),  # protesters
    "7": ("group", "CVL"),  # civilians
    "8": ("organisation", ""),  # external/other forces
}
INTER_NAMES = {
    "state forces": "1",
    "rebel group": "2",
    "rebel groups": "2",
    "political militia": "3",
    "political militias": "3",
    "identity militia": "4",
    "identity militias": "4",
    "rioters": "5",
    "protesters": "6",
    "civilians": "7",
    "external/other forces": "8",
}
NO_FALLBACK_COUNTRY = {"2", "8"}  # rebels and external forces: the event's country may not be theirs
TIME_PRECISION = {"1": "day", "2": "week", "3": "month"}
# "Military Forces of Kenya (2022-)", "Government of Sudan (2019-2021)", "Police Forces of Chad".
OF_COUNTRY = re.compile(r"\b(?:Forces|Government|Military|Police) of (?:the )?([A-Z][\w'’ .-]+?)\s*(?:\(|$)")
IN_PARENTHESES = re.compile(r"\(([A-Z][^()\d]*)\)\s*$")  # "Protesters (Kenya)"
WHEN_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%B %d, %Y")


def is_acled_header(fieldnames: Sequence[str]) -> bool:
    """True when a CSV header row is an ACLED export's: it names event_id_cnty, event_date, event_type and
    notes (any case; spaces around names ignored). For the generic CSV reader to hand such files over."""
    names = {str(name).strip().lower() for name in fieldnames}
    return all(column in names for column in REQUIRED)


def parse_event_date(value: str) -> date | None:
    """ACLED's event_date: ISO ("2023-01-15", the API and current exports) or written ("15 January 2023")."""
    return _event_date(value.strip()[:40])


@lru_cache(maxsize=4096)  # an export spans a few thousand days
def _event_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for form in WHEN_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


@lru_cache(maxsize=1024)
def plover(event_type: str, sub_event_type: str) -> tuple[str, str] | None:
    """(PLOVER type, mode) for an ACLED event and sub-event type; None when PLOVER has no such event."""
    sub, main = sub_event_type.strip().lower(), event_type.strip().lower()
    if sub in SUB_EVENTS:
        return SUB_EVENTS[sub]
    if main in EVENT_TYPES:
        return EVENT_TYPES[main]
    return ("ASSAULT", "") if main.startswith("battle") else None  # "Battle-No change of territory"


@cache
def numeric_countries() -> dict[int, str]:
    """ISO 3166 numeric -> ISO3 (0, Kosovo's stand-in in some sources, is left out: it is no code)."""
    table = files.countries_table()
    return {
        int(n): iso3
        for iso3, n in zip(table["iso3"], table["iso_numeric"], strict=True)
        if n.isdigit() and int(n)
    }


def read_acled(path: Path) -> Iterator[Rows | IngestError]:
    """The store's rows (`store.Rows`) of each row of an ACLED export, streamed (an export may be any
    size); a bad row is an IngestError naming its line, and reading goes on as for any table
    (tabular.table_rows). Each row is built by `acled_rows.RowBuilder`, which reads each repeated value
    once and leaves what it does not take plainly to `Importer.extraction`."""
    from dashboard.ingest.acled_rows import RowBuilder

    with closing(read_lines(path)) as physical:
        lines = whole_lines(physical)
        number, line = header_line(path, lines)
        delimiter = sniff_delimiter(line)
        header = [name.strip().lower() for name in next(csv.reader([line], delimiter=delimiter))]
        if not is_acled_header(header):
            problem = f"not an ACLED export: the header lacks {', '.join(REQUIRED)}"
            raise IngestError(path, problem, line=number)
        build = RowBuilder(path, header, Importer(load_gazetteer()))
        for row in table_rows(path, lines, delimiter, len(header)):
            yield row if isinstance(row, IngestError) else build(*row)


# Fields whose values repeat from row to row (types, places, sources, actors, dates): each distinct value is
# read once. Bounded, as the input is untrusted.
MAX_CACHED = 65_536
MAX_CACHED_CHARS = 500  # a longer value (a huge cell) is read each time, never kept
_clean_cached = lru_cache(maxsize=MAX_CACHED)(clean)
_NOT_YET = object()  # a memo's answer for a key not read yet (None is an answer)


def _clean(value: str, limit: int) -> str:
    return _clean_cached(value, limit) if len(value) <= MAX_CACHED_CHARS else clean(value, limit)


def remembered(memo: dict, key: tuple | str, read: Callable, *args) -> object:
    """`read(*args)`, kept in `memo` under `key` so that it is called once per distinct key; the memo is
    emptied when it holds MAX_CACHED answers, and a key longer than MAX_CACHED_CHARS is never kept."""
    known = memo.get(key, _NOT_YET)
    if known is _NOT_YET:
        known = read(*args)
        size = sum(map(len, key)) if isinstance(key, tuple) else len(key)
        if size <= MAX_CACHED_CHARS:
            if len(memo) >= MAX_CACHED:
                memo.clear()
            memo[key] = known
    return known


def clean_notes(value: str) -> str:
    """A row's notes as the article's text: control characters as spaces (line breaks kept), bounded."""
    return CONTROL.sub(" ", value.replace("\r\n", "\n")).strip()[:MAX_NOTES_CHARS]


def article_title(event_type: str, location: str, admin1: str) -> str:
    return clean(f"{event_type or 'ACLED event'}: {location or admin1 or 'unknown location'}", 300)


def date_precision(value: str) -> str:
    return TIME_PRECISION.get(value.strip(), "day")


class Importer:
    """Turns ACLED rows into Extractions; resolves places, countries and actors once per distinct value."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolve = PlaceResolver(gazetteer)
        self._countries: dict[str, str | None] = {}
        self._actors: dict[tuple[str, str, str | None], Actor | None] = {}
        self._record_countries: dict[tuple[str, str], str | None] = {}

    def country_named(self, name: str) -> str | None:
        """The ISO3 code of a country (or territory with its own code) named exactly; None otherwise."""
        return remembered(self._countries, name, self._country_named, name)

    def _country_named(self, name: str) -> str | None:
        codes = {
            place.country
            for place_id, role in self.gazetteer.candidates(name)
            if role == "literal"
            and (place := self.gazetteer.place(place_id)) is not None
            and place.kind in ("country", "disputed")
        }
        return codes.pop() if len(codes) == 1 else None

    def country(self, iso: str, name: str) -> str | None:
        """The event's country: from `iso` (ISO 3166 numeric), else the `country` name."""
        return remembered(self._record_countries, (iso, name), self._country, iso, name)

    def _country(self, iso: str, name: str) -> str | None:
        iso = iso.strip()
        if iso.isdigit() and int(iso) in numeric_countries():
            return numeric_countries()[int(iso)]
        return self.country_named(clean(name, 100))

    def actor(self, name: str, inter: str, event_country: str | None) -> Actor | None:
        key = (name, inter, event_country or "")
        return remembered(self._actors, key, self._actor, name, inter, event_country)

    def _actor(self, name: str, inter: str, event_country: str | None) -> Actor | None:
        name = clean(name, MAX_NAME_CHARS)
        if not name:
            return None
        code = inter.strip().lower()
        code = INTER_NAMES.get(code, code)
        kind, sector = INTER.get(code, ("group", ""))
        if re.match(r"(?:Government|President|Prime Minister)\b", name):
            kind, sector = "government", "GOV"
        elif code == "8" and re.search(r"\b(?:Military|Police) Forces\b", name):
            kind, sector = "military", "MIL"
        elif re.match(r"(?:United Nations|UN |African Union|AMISOM|MONUSCO|MINUSMA)", name):
            kind, sector = "organisation", "IGO"
        named = OF_COUNTRY.search(name) or IN_PARENTHESES.search(name)
        country = self.country_named(named[1].strip()) if named else None
        if country is None and code not in NO_FALLBACK_COUNTRY:
            country = event_country
        return Actor(id=content_id("acled", name), name=name, kind=kind, country=country, sector=sector)

    def place(
        self, location: str, admin1: str, precision: str, country: str | None, lat: str, lon: str
    ) -> tuple[str | None, str]:
        """The row's place id, and the name the notes may say it by (the admin-1 unit's, for a row that
        ACLED locates only in its region: geo_precision 3); `location` and `admin1` cleaned."""
        precision = _clean(precision, 2)
        y, x = point(lat, lon)
        level = "admin1" if precision == "3" else "city"
        place = self.resolve(Location(level, location, country, admin1_name=admin1, lat=y, lon=x))
        return place, location if precision != "3" else admin1

    def extraction(self, record: dict[str, str]) -> Extraction:
        """The Extraction for one row; ValueError when the row lacks its id or a readable date."""
        event_id = clean(record.get("event_id_cnty", ""), 40)
        if not event_id:
            raise ValueError("event_id_cnty is empty")
        when = parse_event_date(record.get("event_date", ""))
        if when is None:
            raise ValueError(f"event_date {clean(record.get('event_date', ''), 40)!r} is not a date")
        event_type = _clean(record.get("event_type", ""), 100)
        sub_event_type = _clean(record.get("sub_event_type", ""), 100)
        location = _clean(record.get("location", ""), 200)
        admin1 = _clean(record.get("admin1", ""), 200)
        country = self.country(record.get("iso", ""), record.get("country", ""))
        source = self.actor(record.get("actor1", ""), record.get("inter1", ""), country)
        target = self.actor(record.get("actor2", ""), record.get("inter2", ""), country)
        notes = clean_notes(record.get("notes", ""))
        if not notes:  # no notes: say what the record codes, so the panel and search have a text
            where = ", ".join(p for p in (location, admin1, _clean(record.get("country", ""), 100)) if p)
            who = " → ".join(a.name for a in (source, target) if a is not None)
            notes = f"{when.isoformat()}: {sub_event_type or event_type}" + (f" ({who})" if who else "")
            notes += f", in {where}." if where else "."
        article = Article(
            id=content_id("acled", "article", event_id),
            title=article_title(event_type, location, admin1),
            text=notes,
            url="",
            source=_clean(record.get("source", ""), 200) or "ACLED",
            published=when,
            input_id=event_id,
        )
        mapped = plover(event_type, sub_event_type)
        place, named = self.place(
            location, admin1, record.get("geo_precision", ""), country,
            record.get("latitude", ""), record.get("longitude", ""),
        )  # fmt: skip
        mention = place_mention(article, notes.find(named) if named else -1, named, place, CONFIDENCE)
        mentions = [mention] if mention else []
        if mapped is None:
            return Extraction(article, mentions)
        actors = [a for a in (source, target) if a is not None]
        event = Event(
            id=content_id("acled", event_id),
            article_id=article.id,
            type=mapped[0],
            source_actor=source.id if source else None,
            target_actor=target.id if target else None,
            evidence_start=0,
            evidence_end=len(notes),
            mode=mapped[1],
            source_country=source.country if source else None,
            target_country=target.country if target else None,
            place_id=place,
            date=when,
            date_precision=date_precision(record.get("time_precision", "")),
            confidence=CONFIDENCE,
            coder=CODER,
            input_id=event_id,
        )
        return Extraction(article, mentions, actors, [event])
