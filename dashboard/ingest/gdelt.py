"""GDELT 2.0 event exports (`*.export.CSV`, or zipped `*.export.CSV.zip`) as the product's own records.

The format: tab-separated, no header, 61 columns (GDELT Event Codebook V2.0), UTF-8, no quoting. Codes
(CAMEO event and actor codes, ADM1 codes, FeatureIDs) keep their leading zeros, so every field is text.

Each row is one coded event:

* type and mode: its CAMEO EventCode through cameo_plover.tsv (dashboard/nlp/lexicon/build_cameo.py).
  CAMEO root 01, public statements, has no PLOVER type (PLOVER drops it): such a row is kept in the
  article's text but codes no event, as the product's own event coder does.
* source and target: Actor1 and Actor2: name, CAMEO country code as ISO3, sector from Type1Code.
* date: SQLDATE (day precision); place: ActionGeo, resolved by dashboard.ingest.locations. GDELT's
  FeatureIDs are not GeoNames ids, so a city is found by the first part of FullName near Lat/Long; its
  CountryCode and the country part of ADM1Code are FIPS 10-4 (geodata/countries.csv `fips`).

The rows of one file that cite one SOURCEURL form one Article (url = SOURCEURL, source "GDELT 2.0",
published = DATEADDED). GDELT has no article text, so the text is one line per row describing the coded
record, and each event's evidence is its line. The line names the row's place ("2024-03-01, Nairobi,
Nairobi Area, Kenya: ..."), and that name is stored as a mention of the resolved place, so imports count on
the mentions layer and list in a place's panel like extracted articles. Events are machine-coded by GDELT,
so their confidence is IMPORTED_CONFIDENCE and their coder "GDELT"; their `input_id` is the GLOBALEVENTID,
for joining exports back to GDELT. A bad row (wrong column count, unreadable date or code) is an
IngestError naming file and line; the other rows are imported.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.geo import files
from dashboard.geo.gazetteer import Gazetteer, load_gazetteer
from dashboard.ingest.errors import IngestError
from dashboard.ingest.locations import Location, PlaceResolver, place_mention, point
from dashboard.model import Actor, Article, Event, Extraction, content_id

COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate"
    " Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code"
    " Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code"
    " Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code"
    " Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code"
    " IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources"
    " NumArticles AvgTone"
    " Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code"
    " Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID"
    " Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code"
    " Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID"
    " ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code"
    " ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID"
    " DATEADDED SOURCEURL"
).split()
SOURCE = "GDELT 2.0"
# Machine-coded by GDELT from one sentence, unverified; but whoever imports GDELT asks to see its coding,
# so it is shown at first (at the map's default minimum), with its provenance on every popup and card.
IMPORTED_CONFIDENCE = 0.6
CODER = "GDELT"  # Event.coder: machine-coded by the GDELT project
MAX_FILE_BYTES = 64 * 1024 * 1024  # a 15-minute export is 1-10 MB; a daily GDELT 1.0 file has 58 columns
MAX_NAME_CHARS = 200
MAX_URL_CHARS = 2000
MAX_EVENTS_PER_ARTICLE = 500  # keeps an article's text far below the readers' 200,000 characters
CAMEO_TABLE = Path(__file__).resolve().parents[1] / "nlp" / "lexicon" / "cameo_plover.tsv"
CODE = re.compile(r"\d{2,4}")
ACTOR_CODE = re.compile(r"[A-Z0-9]{3,}")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# GDELT ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1); 0 none.
GEO_LEVELS = {"1": "country", "2": "admin1", "3": "city", "4": "city", "5": "admin1"}
# CAMEO country codes that are not this product's ISO3 codes. Former states (USR, YUG, DDR...) and
# regions (AFR, EUR, MEA...) stay without a country.
CAMEO_COUNTRIES = {"KSV": "XKX", "TMP": "TLS", "ZAR": "COD", "ROM": "ROU"}
# CAMEO actor type codes (Type1Code) -> (the Actor kind used across the product, words for the text).
SECTORS = {
    **{code: ("government", words) for code, words in (
        ("GOV", "government"), ("LEG", "legislature"), ("JUD", "judiciary"), ("ELI", "elite"),
        ("PTY", "political party"), ("UIS", "state actor"),
    )},
    **{code: ("military", words) for code, words in (
        ("MIL", "military"), ("COP", "police"), ("SPY", "intelligence"),
    )},
    **{code: ("group", words) for code, words in (
        ("REB", "rebels"), ("INS", "insurgents"), ("SEP", "separatists"), ("OPP", "opposition"),
        ("UAF", "armed group"), ("RAD", "radicals"), ("MOD", "moderates"), ("CVL", "civilians"),
        ("LAB", "labour"), ("EDU", "education"), ("HLH", "health"), ("AGR", "agriculture"),
        ("REF", "refugees"), ("CRM", "criminals"), ("REL", "religious"), ("SET", "settlers"),
        ("HRI", "human rights"), ("ENV", "environmental"), ("DEV", "development"), ("AMN", "amnesty"),
    )},
    **{code: ("organisation", words) for code, words in (
        ("BUS", "business"), ("MNC", "multinational"), ("MED", "media"), ("IGO", "intergovernmental"),
        ("NGO", "non-governmental"), ("NGM", "non-governmental movement"), ("IMG", "international militant"),
    )},
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Cameo:
    plover: str
    mode: str
    description: str


@cache
def cameo_table() -> dict[str, Cameo]:
    with open(CAMEO_TABLE, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {row["cameo"]: Cameo(row["plover"], row["mode"], row["description"]) for row in rows}


def cameo(code: str) -> Cameo | None:
    """A CAMEO event code's PLOVER type, mode and description: exact code, else its base, else its root."""
    table = cameo_table()
    return next((table[key] for key in (code, code[:3], code[:2]) if key in table), None)


@cache
def fips_countries() -> dict[str, str]:
    """FIPS 10-4 country code -> ISO3, from geodata/countries.csv."""
    table = files.countries_table()
    return {fips: iso3 for iso3, value in zip(table["iso3"], table["fips"], strict=True)
            for fips in files.split_multi(value)}  # fmt: skip


@cache
def iso3_codes() -> frozenset[str]:
    return frozenset(files.countries_table()["iso3"])


def cameo_country(code: str) -> str | None:
    """The ISO3 code of a CAMEO country code (mostly ISO3 already); None for regions and former states."""
    code = CAMEO_COUNTRIES.get(code, code)
    return code if code in iso3_codes() else None


def clean(value: str, limit: int = MAX_NAME_CHARS) -> str:
    """Untrusted text on one line, without control characters, at most `limit` characters."""
    return " ".join(CONTROL.sub(" ", value).split())[:limit]


def _day(value: str, width: int, column: str) -> date:
    if len(value) != width or not value.isdigit():
        raise ValueError(
            f"{column} {clean(value, 20)!r} is not a date (YYYYMMDD{'HHMMSS' if width > 8 else ''})"
        )
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a calendar date") from None


@dataclass(frozen=True, slots=True)
class CodedActor:
    code: str
    name: str
    country: str | None
    sector: str


@dataclass(frozen=True, slots=True)
class Row:
    """One parsed export line: only the fields the product uses, checked and bounded."""

    line: int
    event_id: str
    day: date
    added: date
    source: CodedActor | None
    target: CodedActor | None
    code: str
    place_name: str
    location: Location
    url: str


def _actor(fields: list[str], first: int) -> CodedActor | None:
    """Actor fields from column `first` (Code, Name, CountryCode, ..., Type1Code at +7)."""
    code = clean(fields[first], 40).upper()
    name = clean(fields[first + 1])
    if not code and not name:
        return None
    country = clean(fields[first + 2], 3).upper()
    sector = clean(fields[first + 7], 3).upper()
    return CodedActor(
        code=code if ACTOR_CODE.fullmatch(code) else "",
        name=name or code,
        country=cameo_country(country) if country else None,
        sector=sector if sector.isalpha() else "",
    )


def parse_row(fields: list[str], line: int) -> Row:
    """A Row from one line's fields; ValueError with the reason when the row cannot be read."""
    if len(fields) != len(COLUMNS):
        hint = " (a GDELT 1.0 file has 58)" if len(fields) == 58 else ""
        raise ValueError(f"expected {len(COLUMNS)} tab-separated columns, found {len(fields)}{hint}")
    event_id = fields[0].strip()
    if not (event_id.isdigit() and len(event_id) <= 20):
        raise ValueError(f"GLOBALEVENTID {clean(event_id, 20)!r} is not a number")
    code = fields[26].strip()
    if not CODE.fullmatch(code) or cameo(code) is None:
        raise ValueError(f"EventCode {clean(code, 10)!r} is not a CAMEO event code")
    geo = fields[51:59]  # ActionGeo_: Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID
    level = GEO_LEVELS.get(geo[0].strip(), "")
    full_name = clean(geo[1], 300) if level else ""
    fips = clean(geo[2], 2).upper()
    adm1 = clean(geo[3], 10).upper()
    country = fips_countries().get(fips)
    unit = adm1[2:] if len(adm1) > 2 and adm1[:2] == fips else ""
    lat, lon = point(geo[5], geo[6]) if level else (None, None)
    location = Location(
        level=level,
        name=full_name.split(",")[0].strip() if level == "city" else "",
        country=country,
        admin1_code="" if unit == "00" else unit,
        lat=lat,
        lon=lon,
        unit_known=unit != "00",  # "LY00": "Libya (general)", GDELT does not know the unit
    )
    url = fields[60].strip()
    return Row(
        line=line,
        event_id=event_id,
        day=_day(fields[1].strip(), 8, "SQLDATE"),
        added=_day(fields[59].strip(), 14, "DATEADDED"),
        source=_actor(fields, 5),
        target=_actor(fields, 15),
        code=code,
        place_name=full_name,
        location=location,
        url=CONTROL.sub("", url)[:MAX_URL_CHARS],
    )


def _lines(path: Path) -> Iterator[bytes]:
    """The raw lines of the export, from the file or from the one export inside a zip archive."""
    if path.name.lower().endswith(".zip"):
        try:
            archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise IngestError(path, "not a valid zip archive") from None
        with archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            exports = [m for m in members if m.filename.lower().endswith(".export.csv")] or members
            if len(exports) != 1:
                raise IngestError(path, f"expected one .export.CSV in the archive, found {len(exports)}")
            (member,) = exports
            if member.file_size > MAX_FILE_BYTES:
                raise IngestError(path, f"the export is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
            try:
                # ZipExtFile stops at the declared size, so the check above bounds what is read.
                with archive.open(member) as handle:
                    yield from handle
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError) as error:
                raise IngestError(path, f"cannot read {clean(member.filename)}: {error}") from None
        return
    if path.stat().st_size > MAX_FILE_BYTES:
        raise IngestError(path, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    with open(path, "rb") as handle:
        yield from handle


def read_rows(path: Path) -> Iterator[Row | IngestError]:
    """Each line's Row, or an IngestError naming the line."""
    for number, raw in enumerate(_lines(path), start=1):
        try:
            line = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield IngestError(path, "not valid UTF-8 text", line=number)
            continue
        if not line.strip():
            continue
        try:
            yield parse_row(line.split("\t"), number)
        except ValueError as error:
            yield IngestError(path, str(error), line=number)


def read_gdelt_export(path: Path) -> Iterator[Extraction | IngestError]:
    """Extractions, one per SOURCEURL of the file (chunked past MAX_EVENTS_PER_ARTICLE), and bad rows."""
    by_url: dict[str, list[Row]] = {}
    for item in read_rows(path):
        if isinstance(item, IngestError):
            yield item
        else:
            by_url.setdefault(item.url, []).append(item)
    if not by_url:
        return
    importer = Importer(load_gazetteer())
    for rows in by_url.values():
        for start in range(0, len(rows), MAX_EVENTS_PER_ARTICLE):
            yield importer.extraction(rows[start : start + MAX_EVENTS_PER_ARTICLE])


def read_gdelt_unsupported(path: Path) -> Iterator[IngestError]:
    """GDELT mentions and GKG files: recognised by name so that no generic CSV reader misreads them."""
    yield IngestError(path, "GDELT mentions and GKG files are not imported; import the .export.CSV files")


class Importer:
    """Turns the rows of one SOURCEURL into an Extraction; resolves places once per file."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolve = PlaceResolver(gazetteer)

    def actor(self, coded: CodedActor | None) -> Actor | None:
        if coded is None:
            return None
        kind = SECTORS.get(coded.sector, ("",))[0]
        if not kind:
            kind = "country" if coded.country and coded.code == coded.country else "group"
        return Actor(
            id=content_id("gdelt", coded.code, coded.name),
            name=coded.name,
            kind=kind,
            country=coded.country,
            sector=coded.sector,
        )

    def describe(self, coded: CodedActor | None) -> str:
        if coded is None:
            return "(no actor)"
        country = self.gazetteer.country_name(coded.country) if coded.country else ""
        details = [c for c in (country,) if c and c.casefold() != coded.name.casefold()]
        details += [SECTORS[coded.sector][1]] if coded.sector in SECTORS else []
        return f"{coded.name} ({', '.join(details)})" if details else coded.name

    def line(self, row: Row) -> str:
        """The readable line that stands for the row in the article text."""
        what = cameo(row.code)
        description = what.description[:1].lower() + what.description[1:] if what else row.code
        where = f"{row.day.isoformat()}, {row.place_name}" if row.place_name else row.day.isoformat()
        return (
            f"{where}: {self.describe(row.source)} → {description} → {self.describe(row.target)}"
            f" [GDELT event {row.event_id}, CAMEO {row.code}]"
        )

    def extraction(self, rows: Iterable[Row]) -> Extraction:
        rows = list(rows)
        lines = [self.line(row) for row in rows]
        url = rows[0].url
        is_web = url.lower().startswith(("http://", "https://"))
        host = (urlsplit(url).hostname or "") if is_web else ""
        article = Article.create(
            text="\n".join(lines),
            title=f"GDELT events from {host or clean(url) or 'an unnamed source'}",
            url=url if is_web else "",
            source=SOURCE,
            published=rows[0].added,
        )
        actors: dict[str, Actor] = {}
        events, mentions = [], []
        offset = 0
        for row, text in zip(rows, lines, strict=True):
            start, offset = offset, offset + len(text) + 1
            place_id = self.resolve(row.location) if row.location.level else None
            named_at = start + len(row.day.isoformat()) + 2  # the line reads "<day>, <place name>: ..."
            mention = place_mention(article, named_at, row.place_name, place_id, IMPORTED_CONFIDENCE)
            mentions += [mention] if mention else []
            what = cameo(row.code)
            if what is None or not what.plover:
                continue  # a public statement (CAMEO 01): PLOVER has no such event
            source, target = self.actor(row.source), self.actor(row.target)
            actors.update({a.id: a for a in (source, target) if a is not None})
            events.append(
                Event(
                    id=content_id("gdelt", row.event_id),
                    article_id=article.id,
                    type=what.plover,
                    source_actor=source.id if source else None,
                    target_actor=target.id if target else None,
                    evidence_start=start,
                    evidence_end=start + len(text),
                    mode=what.mode,
                    source_country=source.country if source else None,
                    target_country=target.country if target else None,
                    place_id=place_id,
                    date=row.day,
                    date_precision="day",
                    confidence=IMPORTED_CONFIDENCE,
                    coder=CODER,
                    input_id=row.event_id,
                )
            )
        return Extraction(article, mentions, list(actors.values()), events)
