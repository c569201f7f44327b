"""RSS 2.0, RSS 1.0 (RDF) and Atom feed files (.rss, .atom, .rdf, and .xml when it is a feed).

One article per entry: its title, link, published (else updated) date, and text from its full content
(content:encoded, Atom <content>) or else its summary, as plain text (feedparser sanitises the HTML, and
`html_to_text` drops any script or style left). The source is the entry's <source>, else the feed's title.
A malformed feed still gives the entries feedparser could read, plus one error naming the problem (entries
it left without text are counted there); in a well-formed feed an entry without text is an error naming its
number (FILE:item N).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from dashboard.ingest.errors import IngestError
from dashboard.ingest.fields import article_items
from dashboard.ingest.files import read_bytes
from dashboard.ingest.html import html_to_text, looks_like_html
from dashboard.model import Article


def _entry_text(entry) -> str:
    contents = [content.get("value") or "" for content in entry.get("content") or []]
    for candidate in (max(contents, key=len, default=""), entry.get("summary") or ""):
        if text := html_to_text(candidate):
            return text
    return ""


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if parsed := entry.get(key):
            try:
                return date(*parsed[:3])
            except ValueError:  # a year 0 in the feed
                continue
    return None


def _problem(exception: Exception | None) -> str:
    if exception is None:
        return "malformed feed"
    line = getattr(exception, "getLineNumber", lambda: None)()
    where = f" at line {line}" if line else ""
    return f"malformed feed{where} ({getattr(exception, 'getMessage', lambda: str(exception))()})"


_FEED_ROOTS = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(path: Path) -> bool:
    """Whether an .xml file opens like a feed: a folder of exports also holds sitemaps and configs."""
    try:
        with path.open("rb") as handle:
            return bool(_FEED_ROOTS.search(handle.read(4096)))
    except OSError:
        return True  # let the reader report why it cannot be read


def read_feed(path: Path) -> Iterator[Article | IngestError]:
    import feedparser  # imported on first use: a process that reads no feed skips its import

    parsed = feedparser.parse(read_bytes(path))  # bytes: the XML declaration's encoding is honoured
    if not parsed.version and not parsed.entries:
        raise IngestError(path, "not an RSS or Atom feed")
    exception = parsed.get("bozo_exception")
    malformed = parsed.bozo and not isinstance(exception, feedparser.CharacterEncodingOverride)
    feed_title = html_to_text(parsed.feed.get("title") or "")
    read = cut = 0
    for number, entry in enumerate(parsed.entries, start=1):
        text = _entry_text(entry)
        if not text and malformed:  # likely cut short by the error: counted in the one error below
            cut += 1
            continue
        if not text:
            yield IngestError(path, "feed entry has no text (no content or summary)", item=number)
            continue
        read += 1
        title = entry.get("title") or ""
        source = (entry.get("source") or {}).get("title") or feed_title or path.name
        yield from article_items(
            path,
            text,
            item=number,
            title=html_to_text(title) if looks_like_html(title) else title,
            url=entry.get("link") or "",
            source=source,
            published=_entry_date(entry),
            input_id=entry.get("id"),  # Atom <id>, RSS <guid>
        )
    if malformed:
        skipped = f", skipped {cut} left without text" if cut else ""
        yield IngestError(path, f"{_problem(exception)}; read {read} entries{skipped}")
