"""Exports of the store for other tools: GeoJSON (QGIS, kepler.gl, geopandas), ACLED-like CSV, JSON Lines.

Plain functions, no Streamlit. The filters become one SQL `WHERE` over the events table (the store may
hold 100k+ events) and rows are written as they are read, in one read transaction, so an export is a
consistent snapshot in bounded memory.

* GeoJSON (RFC 7946: WGS 84 longitude/latitude, no `crs` member, no NaN): one Point per event at its place
  (`feature` = "event"), then one Point per place mentioned in the exported articles (`feature` = "place",
  with its mention and event counts). Events without a place have no point and are left out.
* Dates are written as precisely as they are known (`dashboard.periods.date_text`): "2021-11-24", "2020-12",
  "2000", "1990s", "week of 2021-11-22", empty without a date; never a year as its 1 January. With them,
  `date_precision`, and `date_earliest` / `date_latest`, the first and last day the date may be (ISO days,
  for sorting and for time filters such as QGIS's, which take an event's start and end).
* CSV: one row per event, columns modelled on ACLED's (`COLUMNS`). `country` is the name of the country
  of the event's place, `iso3` its code; actor countries are ISO3 codes (IGO for an international
  organisation). Spreadsheet formula injection is neutralised: a text cell starting with = + - @ or a tab
  or carriage return, also after leading whitespace or invisible characters and in their full-width forms
  (＝), gets a leading apostrophe (`'=SUM(A1)`), as OWASP recommends; numbers are written as numbers.
  Everything else round-trips through any CSV reader (RFC 4180 quoting).
* JSON Lines: one article per line with its mentions (and their places), the actors of its exported
  events, and those events (the `code-events` record, plus ids, coordinates and the evidence text).
* Input ids: the id the input gave an article (a JSON or CSV `id`, a feed entry's id) or an imported event
  (GDELT's GLOBALEVENTID, ACLED's event_id_cnty), to join results back to the user's data: CSV
  `article_input_id` and `event_input_id`, GeoJSON event properties `article_input_id` and `input_id`,
  JSON Lines `input_id` on the article and on each event; empty (null) where the input had none.

Filters combine with AND, and are the app's: an `ExportFilter` is a `dashboard.selection.Selection`, made
SQL by `dashboard.selection_sql`. --since and --until select events whose whole date period lies between them
(a "2000" event is in `--since 2000 --until 2000`, not in `--since 2000-03`); events without a date are
kept, as in the app, unless --no-undated is given. An article is exported when one of its events
matches; when no event-only filter (--country, --type, --actor) is given, also when the article itself
matches (the query, and its published date in range). --main-only narrows the events of the exported
articles, not which articles are exported. --min-confidence keeps the events at least that confident: by
default DEFAULT_EVENT_CONFIDENCE, the map's default, so an export holds what the map first shows (0: every
event). --min-place-confidence does the same for place mentions (default DEFAULT_PLACE_CONFIDENCE, as
the map; 0: all of them).
"""

from __future__ import annotations

import csv
import json
import math
import os
import sqlite3
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dashboard.model import Actor, Event, Place
from dashboard.selection import (  # noqa: F401  (the CLI's argument types live with the Selection)
    DEFAULT_EVENT_CONFIDENCE,
    DEFAULT_PLACE_CONFIDENCE,
    PLOVER_TYPES,
    Selection,
    confidence_level,
    country_code,
    date_bound,
    plover_type,
)
from dashboard.selection_sql import Where, selecting
from dashboard.store import Store

if TYPE_CHECKING:
    from dashboard.geo import Gazetteer

FORMATS = ("geojson", "csv", "jsonl")
COLUMNS = (
    "event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "actor1_country",
    "actor2_country", "country", "admin1", "location", "latitude", "longitude", "confidence", "source",
    "source_url", "title", "notes", "iso3", "date_precision", "article_id", "coder", "date_earliest",
    "date_latest", "article_input_id", "event_input_id",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARACTERS = frozenset("=+-@\u2212")  # and the minus sign, which NFKC leaves as it is

_EVENT_COLUMNS = [f.name for f in fields(Event)]
_ACTOR_COLUMNS = [f.name for f in fields(Actor)]
_SELECT_EVENTS = (
    "SELECT "
    + ", ".join(f'e."{name}"' for name in _EVENT_COLUMNS)
    + ", a.title AS article_title, a.url AS article_url, a.source AS article_source,"
    " a.published AS article_published, a.input_id AS article_input_id,"
    " substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence, "
    + ", ".join(f's."{name}" AS "source_{name}"' for name in _ACTOR_COLUMNS)
    + ", "
    + ", ".join(f't."{name}" AS "target_{name}"' for name in _ACTOR_COLUMNS)
    + " FROM events e JOIN articles a ON a.id = e.article_id"
    " LEFT JOIN actors s ON s.id = e.source_actor LEFT JOIN actors t ON t.id = e.target_actor"
)


# -- filters -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExportFilter(Selection):
    """The export command's filters: a Selection (see dashboard.selection) that keeps every event of a
    sentence unless --main-only is given. The filters become SQL in dashboard.selection_sql, as in the app."""

    main_only: bool = False

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"--since {self.since} is after --until {self.until}")
        Selection.__post_init__(self)


@dataclass
class ExportReport:
    format: str
    events: int = 0
    places: int = 0
    articles: int = 0
    unplaced: int = 0  # events left out of GeoJSON for having no place

    def summary(self, target: str) -> str:
        text = f"{self.events} events, {self.places} places"
        if self.format == "jsonl":
            text += f" ({self.articles} articles)"
        text += f" written to {target}"
        if self.unplaced:
            text += f"; {self.unplaced} events without a place left out"
        return text


# -- rows ----------------------------------------------------------------------------------------------
def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _event(row: sqlite3.Row) -> Event:
    values = {name: row[name] for name in _EVENT_COLUMNS}
    values["date"] = _date(values["date"])
    return Event(**values)


def _actors(row: sqlite3.Row) -> dict[str, Actor]:
    found = {}
    for side in ("source", "target"):
        if row[f"{side}_id"] is not None:
            found[row[f"{side}_id"]] = Actor(**{name: row[f"{side}_{name}"] for name in _ACTOR_COLUMNS})
    return found


def _finite(value):
    """JSON has no NaN or Infinity (RFC 8259): such numbers become null."""
    return value if not isinstance(value, float) or math.isfinite(value) else None


def _point(place: Place | None) -> list[float] | None:
    if place is None:
        return None
    lon, lat = _finite(float(place.lon)), _finite(float(place.lat))
    if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return [lon, lat]


def _event_record(event: Event, actors: dict[str, Actor], gazetteer) -> dict:
    from dashboard.nlp.events import event_record  # the parser model: only when events are exported

    return event_record(event, actors, gazetteer)


def _event_properties(row: sqlite3.Row, place: Place | None, gazetteer) -> dict:
    """The `code-events` record of the event, flattened, with ids, evidence text and its article."""
    record = _event_record(_event(row), _actors(row), gazetteer)
    return {
        "feature": "event",
        "id": row["id"],
        "input_id": row["input_id"],
        "type": record["type"],
        "mode": record["mode"],
        "date": record["date"],
        "date_precision": record["date_precision"],
        "date_earliest": record["date_earliest"],
        "date_latest": record["date_latest"],
        "rank": row["rank"],
        "source_actor": record["source_actor"],
        "source_country": record["source_country"],
        "target_actor": record["target_actor"],
        "target_country": record["target_country"],
        "place_id": row["place_id"],
        "place_name": place.name if place else None,
        "place_kind": place.kind if place else None,
        "place_country": place.country if place else None,
        "confidence": _finite(record["confidence"]),
        "coder": record["coder"],
        "evidence": row["evidence"],
        "article_id": row["article_id"],
        "article_title": row["article_title"],
        "article_url": row["article_url"] or None,
        "article_source": row["article_source"] or None,
        "article_published": row["article_published"],
        "article_input_id": row["article_input_id"],
    }


# Events in date order; the id last, so that an export is the same file whatever the engine (Parquet tables).
_EXPORT_ORDER = "e.date, e.article_id, e.evidence_start, e.rank, e.id"


def _events(db: sqlite3.Connection, where: Where, order: str) -> Iterator[sqlite3.Row]:
    return db.execute(f"{_SELECT_EVENTS} WHERE {where.events} ORDER BY {order}", where.event_params)


# -- writers -------------------------------------------------------------------------------------------
def _write_geojson(db, where: Where, filters: Selection, gazetteer, out: TextIO, report) -> None:
    out.write('{"type": "FeatureCollection", "features": [\n')
    separator = ""
    events_at: Counter = Counter()
    for row in _events(db, where, _EXPORT_ORDER):
        place = gazetteer.place(row["place_id"]) if row["place_id"] else None
        point = _point(place)
        if point is None:
            report.unplaced += 1
            continue
        events_at[place.id] += 1
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": point},
            "properties": _event_properties(row, place, gazetteer),
        }
        out.write(separator + json.dumps(feature, ensure_ascii=False, allow_nan=False))
        separator = ",\n"
        report.events += 1
    # With --country, the places drawn are that country's (the articles name others too).
    counts = db.execute(
        f"SELECT m.place_id, count(*) FROM {where.mentions_from}"
        f" WHERE {where.mentions} AND {where.mention_places}"
        " GROUP BY m.place_id ORDER BY count(*) DESC, m.place_id",
        [*where.mention_params, *where.mention_place_params],
    )
    for place_id, mentions in counts:
        place = gazetteer.place(place_id)
        point = _point(place)
        if point is None:
            continue
        properties = {
            "feature": "place",
            "id": place.id,
            "place_id": place.id,
            "place_name": place.name,
            "place_kind": place.kind,
            "place_country": place.country,
            "mentions": mentions,
            "events": events_at[place.id],
        }
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": point},
            "properties": properties,
        }
        out.write(separator + json.dumps(feature, ensure_ascii=False, allow_nan=False))
        separator = ",\n"
        report.places += 1
    out.write("\n]}\n")


def spreadsheet_safe(value):
    """A text cell a spreadsheet could run as a formula gets a leading apostrophe; numbers pass unchanged.

    A formula may hide behind what a spreadsheet skips or folds: leading whitespace (spaces, a no-break
    space, a tab, any Unicode space), invisible format characters (a zero-width space, a byte-order mark),
    and other forms of = + - @ (full-width ＝ ＋ － ＠, small ﹦ ﹢ ﹣ ﹫, which Unicode's compatibility
    mapping (NFKC) takes to the ASCII ones; the minus sign −)."""
    if not isinstance(value, str) or not value or value[0].isalnum():
        return value
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    first = next((c for c in value if not (c.isspace() or unicodedata.category(c) == "Cf")), "")
    if first and unicodedata.normalize("NFKC", first)[:1] in _FORMULA_CHARACTERS:
        return "'" + value
    return value


def _write_csv(db, where: Where, filters: Selection, gazetteer, out: TextIO, report) -> None:
    admin1_names = {(p.country, p.admin1): p.name for p in gazetteer.places("admin1") if p.admin1}
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    places: set[str] = set()
    for row in _events(db, where, _EXPORT_ORDER):
        place = gazetteer.place(row["place_id"]) if row["place_id"] else None
        p = _event_properties(row, place, gazetteer)
        point = _point(place)
        admin1 = ""
        if place is not None:
            places.add(place.id)
            admin1 = (
                place.name if place.kind == "admin1" else admin1_names.get((place.country, place.admin1), "")
            )
        country = place.country if place else None
        cells = {
            "event_id": p["id"],
            "event_date": p["date"],
            "event_type": p["type"],
            "sub_event_type": p["mode"],
            "actor1": p["source_actor"],
            "actor2": p["target_actor"],
            "actor1_country": p["source_country"],
            "actor2_country": p["target_country"],
            "country": gazetteer.country_name(country) if country else None,
            "admin1": admin1,
            "location": p["place_name"],
            "latitude": point[1] if point else None,
            "longitude": point[0] if point else None,
            "confidence": p["confidence"],
            "source": p["article_source"],
            "source_url": p["article_url"],
            "title": p["article_title"],
            "notes": p["evidence"],
            "iso3": country,
            "date_precision": p["date_precision"],
            "article_id": p["article_id"],
            "coder": p["coder"],
            "date_earliest": p["date_earliest"],
            "date_latest": p["date_latest"],
            "article_input_id": p["article_input_id"],
            "event_input_id": p["input_id"],
        }
        writer.writerow([spreadsheet_safe("" if cells[c] is None else cells[c]) for c in COLUMNS])
        report.events += 1
    report.places = len(places)


def _mention_record(row: sqlite3.Row, gazetteer) -> dict:
    place = gazetteer.place(row["place_id"])
    point = _point(place)
    return {
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "place_id": row["place_id"],
        "role": row["role"],
        "confidence": _finite(row["confidence"]),
        "sentence_start": row["sentence_start"],
        "sentence_end": row["sentence_end"],
        "name": place.name if place else None,
        "kind": place.kind if place else None,
        "country": place.country if place else None,
        "lon": point[0] if point else None,
        "lat": point[1] if point else None,
    }


def _write_jsonl(db, where: Where, filters: Selection, gazetteer, out: TextIO, report) -> None:
    """Articles, their events and their mentions are three queries in one order, merged as they stream."""
    order = "a.published, a.id"
    articles = db.execute(
        f"SELECT a.* FROM articles a WHERE {where.articles} ORDER BY {order}", where.article_params
    )
    events = _events(db, where, f"{order}, e.evidence_start, e.rank, e.id")
    mentions = db.execute(
        f"SELECT m.* FROM mentions m JOIN articles a ON a.id = m.article_id WHERE {where.mentions}"
        f' ORDER BY {order}, m.start, m."end"',
        where.mention_params,
    )
    next_event, next_mention = next(events, None), next(mentions, None)
    places: set[str] = set()
    for article in articles:
        record = {
            key: article[key]
            for key in ("id", "input_id", "title", "text", "url", "source", "published", "dateline")
        }
        record["mentions"], record["actors"], record["events"] = [], [], []
        while next_mention is not None and next_mention["article_id"] == article["id"]:
            record["mentions"].append(_mention_record(next_mention, gazetteer))
            places.add(next_mention["place_id"])
            next_mention = next(mentions, None)
        actors: dict[str, Actor] = {}
        while next_event is not None and next_event["article_id"] == article["id"]:
            row, next_event = next_event, next(events, None)
            found = _actors(row)
            actors.update(found)
            place = gazetteer.place(row["place_id"]) if row["place_id"] else None
            point = _point(place)
            event = _event_record(_event(row), found, gazetteer)
            event["confidence"] = _finite(event["confidence"])
            event["evidence"]["text"] = row["evidence"]
            event.update(
                id=row["id"],
                input_id=row["input_id"],
                rank=row["rank"],
                source_actor_id=row["source_actor"],
                target_actor_id=row["target_actor"],
                place_id=row["place_id"],
                lon=point[0] if point else None,
                lat=point[1] if point else None,
            )
            record["events"].append(event)
        record["actors"] = [{name: getattr(a, name) for name in _ACTOR_COLUMNS} for a in actors.values()]
        out.write(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
        report.articles += 1
        report.events += len(record["events"])
    report.places = len(places)


_WRITERS = {"geojson": _write_geojson, "csv": _write_csv, "jsonl": _write_jsonl}


# -- entry points --------------------------------------------------------------------------------------
def export(
    store: Store,
    fmt: str,
    out: TextIO,
    filters: Selection = ExportFilter(),
    gazetteer: Gazetteer | None = None,
) -> ExportReport:
    """Write the store's filtered events (and places, articles) to `out` in `fmt` (one of FORMATS)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    if gazetteer is None:
        from dashboard.geo import load_gazetteer

        gazetteer = load_gazetteer()
    unknown = [c for c in filters.countries if gazetteer.place(country_code(c)) is None]
    if unknown:
        raise ValueError(
            f"unknown country code {', '.join(unknown)} (ISO 3166 alpha-3, e.g. MAR for Morocco)"
        )
    report = ExportReport(fmt)
    with selecting(store, filters, gazetteer) as (db, where):
        _WRITERS[fmt](db, where, filters, gazetteer, out, report)
    return report


def export_to(
    store: Store, fmt: str, output: str | os.PathLike, filters: Selection = ExportFilter(), gazetteer=None
) -> ExportReport:
    """Export to a file, or to stdout for "-". A file is written beside its target and moved into place
    at the end, so a failed export never leaves half a file under the name."""
    if str(output) == "-":
        return export(store, fmt, sys.stdout, filters, gazetteer)
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            report = export(store, fmt, handle, filters, gazetteer)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return report
