"""Field handling shared by the readers: which record field is which, bounded text, dates, the article.

An article's text and title are bounded (MAX_TEXT_CHARS, 500) and cleaned of what is never text and that
SQLite and the hash of the id cannot take: control characters such as NUL are dropped, a lone surrogate
(JSON's "\\ud800") becomes U+FFFD. A text that is cut is reported (`article_items`), never cut in silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from dashboard.ingest.errors import IngestWarning
from dashboard.model import Article
from dashboard.nlp.dateline import find_dateline

MAX_TEXT_CHARS = 200_000  # a long feature story is ~30k; anything beyond is not one article
MAX_ID_CHARS = 200  # an input's own id: a URL-like GUID fits, a text pasted into the id field does not
# A publication date outside these years is a placeholder ("0001-01-01"), an id or a typo, not a date; the
# date arithmetic downstream (weeks, "last year") also needs room before and after it.
PUBLISHED_YEARS = range(1600, 2200)

# Names tried after the configured one, in order (matched case-insensitively).
FALLBACKS: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "body", "content", "article", "full_text", "fulltext", "story", "description", "summary",
    ),
    "title": ("title", "headline", "heading"),
    "date": (
        "published", "date", "pubDate", "published_at", "publishedAt", "pub_date", "publication_date",
        "datePublished", "datetime", "created_at", "timestamp", "updated",
    ),
    "url": ("url", "link", "href", "uri", "permalink"),
    "source": ("source", "publisher", "outlet", "site", "site_name", "domain"),
    "id": (
        "id", "article_id", "doc_id", "docid", "document_id", "story_id", "item_id", "guid", "uuid", "_id",
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Fields:
    """Which field of a JSON object or CSV row holds each part of the article.

    Each name is tried first, then the usual alternatives in FALLBACKS ("body", "headline", "pubDate"...),
    case-insensitively. A dotted name ("meta.title") looks inside nested objects.
    """

    text: str = "text"
    title: str = "title"
    date: str = "published"
    url: str = "url"
    source: str = "source"
    id: str = "id"

    def names(self, part: str) -> tuple[str, ...]:
        configured = getattr(self, part)
        return (configured, *(name for name in FALLBACKS[part] if name.lower() != configured.lower()))

    def get(self, record: Mapping, part: str):
        """The first non-empty value among the names for `part` ("text", "title", ...), else None."""
        found = self.find(record, part)
        return found[1] if found else None

    def find(self, record: Mapping, part: str) -> tuple[str, object] | None:
        """(name, value) of the first non-empty value among the names for `part`, else None."""
        for name in self.names(part):
            value = _lookup(record, name)
            if value not in (None, "", [], {}):
                return name, value
        return None


def _lookup(record: Mapping, name: str):
    if name in record:
        return record[name]
    lowered = name.lower()
    for key, value in record.items():
        if isinstance(key, str) and key.lower() == lowered:
            return value
    if "." in name:  # a dotted path into nested objects
        head, _, rest = name.partition(".")
        inner = _lookup(record, head)
        if isinstance(inner, Mapping):
            return _lookup(inner, rest)
    return None


_FIELDS: ContextVar[Fields | None] = ContextVar("ingest_fields", default=None)


def current_fields() -> Fields:
    """The field names in force: Fields() unless a caller (the `ingest` command) set others."""
    return _FIELDS.get() or Fields()


@contextmanager
def use_fields(fields: Fields) -> Iterator[Fields]:
    """Readers called inside this block (directly or through `pipeline.ingest`) use `fields`."""
    token = _FIELDS.set(fields)
    try:
        yield fields
    finally:
        _FIELDS.reset(token)


def as_text(value) -> str:
    """A field value as text: strings as they are, numbers printed, a list of strings as paragraphs,
    an object by its "name" or "title" (NewsAPI's "source": {"id", "name"})."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "\n\n".join(part for part in map(as_text, value) if part.strip())
    if isinstance(value, Mapping):
        return as_text(value.get("name") or value.get("title") or value.get("text"))
    return ""


_YMD_SLASHED = re.compile(r"((?:19|20)\d\d)[/.](\d{1,2})[/.](\d{1,2})\b")


def parse_date(value) -> date | None:
    """A publication date from the usual ways of writing one; None when absent or unreadable.

    ISO ("2021-11-25", "2021-11-25T08:00:00Z"), RFC 822 as in RSS ("Thu, 25 Nov 2021 08:00:00 GMT"),
    "2021/11/25", written dates with a year ("Nov 25, 2021", "25 November 2021"), Unix seconds or
    milliseconds. Day-first and month-first numeric dates ("11/12/2021") are ambiguous and not read.
    """
    found = _parse_date(value)
    return found if found is not None and found.year in PUBLISHED_YEARS else None


def _parse_date(value) -> date | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    digits = text.isascii() and text.isdigit()  # str.isdigit() alone also takes "²", which int() refuses
    if len(text) == 8 and digits and text[:2] in ("19", "20"):  # 20211125
        return _calendar(int(text[:4]), int(text[4:6]), int(text[6:]))
    if isinstance(value, int | float) or digits:
        return _epoch(value)
    iso = text.replace("Z", "+00:00")
    for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
        try:
            return parse(iso)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    if m := _YMD_SLASHED.match(text):
        return _calendar(int(m[1]), int(m[2]), int(m[3]))
    return _written_date(text[:200])


def _calendar(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _epoch(number: int | float | str) -> date | None:
    try:
        seconds = float(number)
    except OverflowError:  # an int of hundreds of digits
        return None
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    if not 1e8 <= seconds < 4e9:  # 1973..2096: anything else is a year, an id or a count, not a time
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date()


def _written_date(text: str) -> date | None:
    from dashboard.nlp.dates import find_dates  # imports dateparser: only when a written date needs it

    return next((d.value for d in find_dates(text, None) if d.precision == "day"), None)


# A dateline that carries its year: "RABAT, Nov 25, 2021 (Reuters) -", "PARIS, 3 March 2022 (AFP) —".
_DATED_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\-]{1,40}?(?:,\s*[A-Z][A-Za-z .'\-]{1,30}?)?,\s+"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    r"|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+(?:19|20)\d\d)\b"
    r"(?:\s*\([^)\n]{1,60}\))?\s*[—–-]",
    re.MULTILINE,
)


def dateline_date(text: str, within: int = 2000) -> date | None:
    """The full date of a dateline in the opening of `text`, when it gives the year."""
    match = _DATED_DATELINE.search(text, 0, within)
    return _written_date(match["date"]) if match else None


def as_id(value) -> str | None:
    """An input record's own id as bounded text on one line (control characters dropped): a string or a
    number as written; None for anything else (an object, a list, true/false) or nothing."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    if isinstance(value, float):
        value = str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    text = " ".join("".join(c if c.isprintable() else " " for c in str(value)).split())
    return text[:MAX_ID_CHARS] or None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # tab, line breaks and form feed are kept
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # a half of a UTF-16 pair: not a character, not encodable


def clean_text(text: str) -> str:
    """`text` without control characters, and with U+FFFD for each lone surrogate."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def make_article(
    text: str, title: str = "", url: str = "", source: str = "", published=None, input_id=None
) -> Article:
    """An Article with bounded, clean fields; without a readable `published`, the date of a dateline that
    has one. The text is cut to MAX_TEXT_CHARS: readers use `article_items`, which reports the cut.
    `input_id`: the record's own id in the input (see `as_id`)."""
    text = clean_text(text[:MAX_TEXT_CHARS])
    dateline = find_dateline(text)
    return Article.create(
        text=text,
        title=clean_text(title.strip()[:500]),
        url=clean_text(url.strip()[:2000]),
        source=clean_text(source.strip()[:200]),
        published=parse_date(published) or dateline_date(text),
        dateline=text[dateline.start : dateline.end] if dateline else "",
        input_id=as_id(input_id),
    )


def article_items(
    path: str | Path, text: str, *, line: int | None = None, item: int | None = None, **parts
) -> list[Article | IngestWarning]:
    """make_article(text, **parts), after a warning naming the file and line or item when the text is longer
    than MAX_TEXT_CHARS and cut (the pipeline needs bounded texts; the reader needs to know)."""
    article = make_article(text, **parts)
    if len(text) <= MAX_TEXT_CHARS:
        return [article]
    cut = f"text cut to its first {MAX_TEXT_CHARS:,} characters (it has {len(text):,})"
    return [IngestWarning(path, cut, line=line, item=item), article]
