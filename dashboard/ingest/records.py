"""One article from one record (a JSON object or a CSV row), with the field names in force."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from dashboard.ingest.errors import IngestWarning
from dashboard.ingest.fields import Fields, article_items, as_text
from dashboard.ingest.html import html_to_text, looks_like_html
from dashboard.model import Article


class RecordError(ValueError):
    """A record that is not an article; the message says why, the reader adds the file and line or item."""


def record_items(
    path: str | Path, record: Mapping, fields: Fields, default_source: str, **where
) -> list[Article | IngestWarning]:
    """The article in `record`, after a warning if its text was cut (`where`: the record's `line=` or
    `item=`); RecordError if it has no text. HTML in its text or title is reduced to plain text (scripts
    dropped)."""
    text = record_text(record, fields)
    if looks_like_html(text):
        text = html_to_text(text)
    if not text.strip():
        names = ", ".join(f'"{name}"' for name in fields.names("text")[:4])
        raise RecordError(f"no text (looked for {names}...; name it with --text-field)")
    title = as_text(fields.get(record, "title"))
    if looks_like_html(title):
        title = html_to_text(title)
    return article_items(
        path,
        text,
        **where,
        title=title,
        url=as_text(fields.get(record, "url")),
        source=as_text(fields.get(record, "source")) or default_source,
        published=fields.get(record, "date"),
        input_id=fields.get(record, "id"),
    )


def record_text(record: Mapping, fields: Fields) -> str:
    """The record's text field as text: a string, paragraphs (an array of strings), or an object's "text";
    RecordError for a number, true/false or an array of anything else, which are not an article's text."""
    found = fields.find(record, "text")
    if found is None:
        return ""
    name, value = found
    if isinstance(value, list):
        if odd := [part for part in value if not isinstance(part, str)]:
            raise RecordError(f'the text field "{name}" holds an array with {kind(odd[0])} in it, not text')
    elif not isinstance(value, str | Mapping):
        raise RecordError(f'the text field "{name}" holds {kind(value)}, not text')
    return as_text(value)


def kind(value) -> str:
    """What a JSON value is, for messages."""
    return {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )
