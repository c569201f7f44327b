"""One article from one record (a JSON object or a CSV row), with the field names in force."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.ingest.fields import Fields, as_text, make_article
from dashboard.ingest.html import html_to_text, looks_like_html
from dashboard.model import Article


class RecordError(ValueError):
    """A record that is not an article; the message says why, the reader adds the file and line or item."""


def record_article(record: Mapping, fields: Fields, default_source: str) -> Article:
    """The article in `record`; HTML in its text or title is reduced to plain text (scripts dropped)."""
    text = as_text(fields.get(record, "text"))
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        names = ", ".join(f'"{name}"' for name in fields.names("text")[:4])
        raise RecordError(f"no text (looked for {names}...; name it with --text-field)")
    title = as_text(fields.get(record, "title"))
    if looks_like_html(title):
        title = html_to_text(title)
    return make_article(
        text,
        title=title,
        url=as_text(fields.get(record, "url")),
        source=as_text(fields.get(record, "source")) or default_source,
        published=fields.get(record, "date"),
        input_id=fields.get(record, "id"),
    )
