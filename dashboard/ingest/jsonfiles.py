"""JSON Lines (.jsonl, .ndjson: one object per line) and JSON (.json) article files.

A .json file is an array of article objects, an object holding that array under a usual key ("articles",
"items", "data", "results"... also one level down, as in {"response": {"results": [...]}}), or a single
article object. Which field is the text, title, date, address and source is set by `Fields`
(`ingest --text-field ...`); the usual alternatives ("body", "headline", "pubDate"...) are tried after it.
A bad line is reported as FILE:LINE, a bad array entry as FILE:item N, and the rest is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from dashboard.ingest.errors import IngestError
from dashboard.ingest.fields import Fields, current_fields
from dashboard.ingest.files import read_lines, read_text
from dashboard.ingest.records import RecordError, record_article
from dashboard.model import Article

LIST_KEYS = (
    "articles", "items", "data", "results", "entries", "documents", "docs", "records", "stories", "news",
    "posts", "hits",
)  # fmt: skip


def read_json_lines(path: Path, fields: Fields | None = None) -> Iterator[Article | IngestError]:
    """One article per line, streamed (the file may be any size); blank lines are skipped, a bad line is
    reported with its number."""
    yield from _json_lines(path, read_lines(path), fields or current_fields())


def _json_lines(
    path: Path, lines: Iterable[tuple[int, str | IngestError]], fields: Fields
) -> Iterator[Article | IngestError]:
    for number, line in lines:
        if isinstance(line, IngestError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestError(path, f"invalid JSON ({error.msg})", line=number)
            continue
        yield _article(path, record, fields, line=number)


def read_json(path: Path, fields: Fields | None = None) -> Iterator[Article | IngestError]:
    """The articles of a JSON document; a file that is really JSON Lines is read as such."""
    fields = fields or current_fields()
    text = read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and text.lstrip().startswith("{"):  # JSON Lines named .json
            yield from _json_lines(path, enumerate(text.splitlines(), start=1), fields)
            return
        problem = f"invalid JSON ({error.msg}, column {error.colno})"
        raise IngestError(path, problem, line=error.lineno) from None
    items = _article_list(document)
    if items is None:
        if isinstance(document, dict):  # a single article
            try:
                yield record_article(document, fields, path.name)
            except RecordError as error:
                raise IngestError(path, str(error)) from None
            return
        raise IngestError(path, f"expected an array of article objects, found {_kind(document)}")
    if not items:
        raise IngestError(path, "no articles (the array is empty)")
    for number, record in enumerate(items, start=1):
        yield _article(path, record, fields, item=number)


def _article(path: Path, record, fields: Fields, **where) -> Article | IngestError:
    """One record as an Article, or the error naming where it is (`line=N` or `item=N`)."""
    if not isinstance(record, dict):
        return IngestError(path, f"expected an object, found {_kind(record)}", **where)
    try:
        return record_article(record, fields, path.name)
    except RecordError as error:
        return IngestError(path, str(error), **where)


def _article_list(document, depth: int = 2) -> list | None:
    if isinstance(document, list):
        return document
    if not isinstance(document, Mapping) or depth == 0:
        return None
    for key in LIST_KEYS:
        if isinstance(document.get(key), list):
            return document[key]
    for value in document.values():  # {"response": {"results": [...]}}, {"hits": {"hits": [...]}}
        if isinstance(value, Mapping) and (found := _article_list(value, depth - 1)) is not None:
            return found
    return None


def _kind(value) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )
