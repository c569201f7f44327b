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
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from spacy.pipeline import Sentencizer

from dashboard.geo import files
from dashboard.geo.gazetteer import Gazetteer, load_gazetteer
from dashboard.ingest.errors import IngestError
from dashboard.ingest.files import line_blocks
from dashboard.ingest.locations import Location, PlaceResolver, point
from dashboard.model import Actor, Article, Event, Extraction, Mention, content_id
from dashboard.nlp.sentences import enclosing_sentence, sentence_spans

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
# The rows grouped into articles at a time: an export may be any size, and memory must not grow with it. A
# 15-minute export (a few thousand rows, tens of thousands at the busiest) is grouped whole.
WINDOW_ROWS = 200_000
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


@cache
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


def coded_actor(code: str, name: str, country: str, sector: str) -> CodedActor | None:
    """An actor from its Code, Name, CountryCode and Type1Code fields; None with neither code nor name."""
    code = clean(code, 40).upper()
    name = clean(name)
    if not code and not name:
        return None
    country = clean(country, 3).upper()
    sector = clean(sector, 3).upper()
    return CodedActor(
        code=code if ACTOR_CODE.fullmatch(code) else "",
        name=name or code,
        country=cameo_country(country) if country else None,
        sector=sector if sector.isalpha() else "",
    )


def _actor(fields: list[str], first: int) -> CodedActor | None:
    """Actor fields from column `first` (Code, Name, CountryCode, ..., Type1Code at +7)."""
    return coded_actor(fields[first], fields[first + 1], fields[first + 2], fields[first + 7])


def action_place(kind: str, full_name: str, fips: str, adm1: str, lat: str, lon: str) -> tuple[str, Location]:
    """The place name the row's line shows, and its Location, from ActionGeo_ Type, FullName, CountryCode,
    ADM1Code, Lat and Long."""
    level = GEO_LEVELS.get(kind.strip(), "")
    full_name = clean(full_name, 300) if level else ""
    fips = clean(fips, 2).upper()
    adm1 = clean(adm1, 10).upper()
    country = fips_countries().get(fips)
    unit = adm1[2:] if len(adm1) > 2 and adm1[:2] == fips else ""
    y, x = point(lat, lon) if level else (None, None)
    location = Location(
        level=level,
        name=full_name.split(",")[0].strip() if level == "city" else "",
        country=country,
        admin1_code="" if unit == "00" else unit,
        lat=y,
        lon=x,
        unit_known=unit != "00",  # "LY00": "Libya (general)", GDELT does not know the unit
    )
    return full_name, location


def source_url(value: str) -> str:
    return CONTROL.sub("", value.strip())[:MAX_URL_CHARS]


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
    # ActionGeo_: Type, FullName, CountryCode, ADM1Code, (ADM2Code), Lat, Long
    place_name, location = action_place(*fields[51:55], *fields[56:58])
    return Row(
        line=line,
        event_id=event_id,
        day=_day(fields[1].strip(), 8, "SQLDATE"),
        added=_day(fields[59].strip(), 14, "DATEADDED"),
        source=_actor(fields, 5),
        target=_actor(fields, 15),
        code=code,
        place_name=place_name,
        location=location,
        url=source_url(fields[60]),
    )


def read_line(path: Path, raw: bytes, number: int) -> Row | IngestError | None:
    """One line's Row, an IngestError naming it, or None for a blank line."""
    try:
        line = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        return IngestError(path, "not valid UTF-8 text", line=number)
    if not line.strip():
        return None
    try:
        return parse_row(line.split("\t"), number)
    except ValueError as error:
        return IngestError(path, str(error), line=number)


@contextmanager
def export_bytes(path: Path) -> Iterator[BinaryIO]:
    """The export's bytes, from the file or from the one export inside a zip archive, as a stream: an export
    may be any size (a day or a month in one file), and is read a block at a time."""
    if not path.name.lower().endswith(".zip"):
        with open(path, "rb") as handle:
            yield handle
        return
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
        try:
            with archive.open(member) as handle:
                yield handle
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError) as error:
            raise IngestError(path, f"cannot read {clean(member.filename)}: {error}") from None


def read_rows(path: Path) -> Iterator[Row | IngestError]:
    """Each line's Row, or an IngestError naming the line, read a block of lines at a time."""
    for block in _blocks(path):
        yield from block if isinstance(block, list) else [block]


def _blocks(path: Path) -> Iterator[list[Row | IngestError] | IngestError]:
    """The rows of each block of lines (`gdelt_blocks.block_rows`), and lines too long to read."""
    from dashboard.ingest.gdelt_blocks import block_rows  # pyarrow: only when an export is read

    with export_bytes(path) as handle:
        for block in line_blocks(path, handle):
            yield block if isinstance(block, IngestError) else block_rows(path, *block)


def read_gdelt_export(path: Path) -> Iterator[Extraction | IngestError]:
    """Extractions, one per SOURCEURL (chunked past MAX_EVENTS_PER_ARTICLE), and bad rows.

    The rows are grouped by URL within each WINDOW_ROWS rows of the file, so that memory stays bounded
    however large the file: a file of up to that many rows is grouped whole (as every 15-minute export is)."""
    window: dict[str, list[Row]] = {}
    count = 0
    for item in read_rows(path):
        if isinstance(item, IngestError):
            yield item
            continue
        window.setdefault(item.url, []).append(item)
        count += 1
        if count == WINDOW_ROWS:
            yield from _articles(window)
            window, count = {}, 0
    yield from _articles(window)


def _articles(by_url: dict[str, list[Row]]) -> Iterator[Extraction]:
    importer = shared_importer()
    for rows in by_url.values():
        for start in range(0, len(rows), MAX_EVENTS_PER_ARTICLE):
            yield importer.extraction(rows[start : start + MAX_EVENTS_PER_ARTICLE])


def read_gdelt_unsupported(path: Path) -> Iterator[IngestError]:
    """GDELT mentions and GKG files: recognised by name so that no generic CSV reader misreads them."""
    yield IngestError(path, "GDELT mentions and GKG files are not imported; import the .export.CSV files")


# The sentencizer's sentence-ending characters: a line without any is one sentence.
SENTENCE_ENDS = re.compile(f"[{re.escape(''.join(Sentencizer.default_punct_chars))}]")
MAX_CACHED_ACTORS = 100_000  # distinct actors whose record and description are kept between rows


@cache
def shared_importer() -> Importer:
    """One Importer for all the exports a process reads, so each place is resolved once, not once a file."""
    return Importer(load_gazetteer())


class Importer:
    """Turns the rows of one SOURCEURL into an Extraction; resolves each place, describes each actor once."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.resolve = PlaceResolver(gazetteer)
        self._actors: dict[CodedActor, tuple[Actor, str]] = {}

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

    def _actor_and_words(self, coded: CodedActor | None) -> tuple[Actor | None, str, bool]:
        """The actor's record, the words for it in a line, and whether a sentence could end in them."""
        if coded is None:
            return None, "(no actor)", False
        known = self._actors.get(coded)
        if known is None:
            if len(self._actors) >= MAX_CACHED_ACTORS:
                self._actors.clear()
            words = self.describe(coded)
            known = self._actors[coded] = (self.actor(coded), words, _may_end_sentence(words))
        return known

    def line(self, row: Row) -> str:
        """The readable line that stands for the row in the article text."""
        return self._line(row, self._actor_and_words(row.source)[1], self._actor_and_words(row.target)[1])

    @staticmethod
    def _line(row: Row, source: str, target: str) -> str:
        where = f"{row.day.isoformat()}, {row.place_name}" if row.place_name else row.day.isoformat()
        what = _description(row.code)[0]
        return f"{where}: {source} → {what} → {target} [GDELT event {row.event_id}, CAMEO {row.code}]"

    def extraction(self, rows: Iterable[Row]) -> Extraction:
        rows = list(rows)
        coded = [(self._actor_and_words(row.source), self._actor_and_words(row.target)) for row in rows]
        lines = [self._line(row, src[1], tgt[1]) for row, (src, tgt) in zip(rows, coded, strict=True)]
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
        for row, text, ((source, _, source_end), (target, _, target_end)) in zip(
            rows, lines, coded, strict=True
        ):
            start, offset = offset, offset + len(text) + 1
            place_id = self.resolve(row.location) if row.location.level else None
            if place_id and row.place_name:
                # The line's other words (dates, numbers, arrows, brackets) end no sentence.
                one_sentence = not (
                    source_end or target_end or _description(row.code)[1] or _may_end_sentence(row.place_name)
                )
                mentions.append(_mention(article.id, text, start, row, place_id, one_sentence))
            what = cameo(row.code)
            if what is None or not what.plover:
                continue  # a public statement (CAMEO 01): PLOVER has no such event
            if source is not None:
                actors[source.id] = source
            if target is not None:
                actors[target.id] = target
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


@cache
def _description(code: str) -> tuple[str, bool]:
    """What a CAMEO code's line says it is, and whether a sentence could end in those words."""
    what = cameo(code)
    words = what.description[:1].lower() + what.description[1:] if what else code
    return words, _may_end_sentence(words)


_MAY_END: dict[str, bool] = {}


def _may_end_sentence(text: str) -> bool:
    """Whether the text holds a character that ends a sentence (names repeat: each is looked at once)."""
    known = _MAY_END.get(text)
    if known is None:
        if len(_MAY_END) >= MAX_CACHED_ACTORS:
            _MAY_END.clear()
        known = _MAY_END[text] = SENTENCE_ENDS.search(text) is not None
    return known


def _mention(
    article_id: str, line: str, line_start: int, row: Row, place_id: str, one_sentence: bool
) -> Mention:
    """The mention of the row's place where its line names it ("<day>, <place name>: ..."), with the sentence
    that holds it. An article's lines all start with a date, so no line continues another (nlp.lines): the
    sentence is the line's own, found by splitting only the line, and only if it can hold more than one."""
    at = len(row.day.isoformat()) + 2
    end = at + len(row.place_name)
    if one_sentence:
        first, last = 0, len(line)
    else:
        first, last = enclosing_sentence(sentence_spans(line), at, end)
    return Mention(
        article_id, line_start + at, line_start + end, row.place_name, place_id, "literal",
        IMPORTED_CONFIDENCE, line_start + first, line_start + last,
    )  # fmt: skip
