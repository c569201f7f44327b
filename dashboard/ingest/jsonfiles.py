"""JSON Lines (.jsonl, .ndjson: one object per line) and JSON (.json) article files.

A .json file is an array of article objects, an object holding that array under a usual key ("articles",
"items", "data", "results"... also one level down, as in {"response": {"results": [...]}}), or a single
article object. Which field is the text, title, date, address and source is set by `Fields`
(`ingest --text-field ...`); the usual alternatives ("body", "headline", "pubDate"...) are tried after it.
A bad line is reported as FILE:LINE, a bad array entry as FILE:item N, and the rest is read: whatever is wrong
with a record (bad syntax, nesting deeper than json can parse, an integer of thousands of digits, a text that
is a number) costs that record only. An array json cannot parse whole is read item by item, each found by
its brackets (`array_items`), so there too a bad item is reported by its line and the others are kept.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

from dashboard.ingest.errors import IngestError, IngestWarning, record_result
from dashboard.ingest.fields import Fields, current_fields
from dashboard.ingest.files import read_lines, read_text
from dashboard.ingest.records import RecordError, kind, record_items
from dashboard.model import Article

LIST_KEYS = (
    "articles", "items", "data", "results", "entries", "documents", "docs", "records", "stories", "news",
    "posts", "hits",
)  # fmt: skip

Items = Iterator[Article | IngestError]


def read_json_lines(path: Path, fields: Fields | None = None) -> Items:
    """One article per line, streamed (the file may be any size); blank lines are skipped, a bad line is
    reported with its number, and a file with no line to read is one error."""
    yield from _json_lines(path, read_lines(path), fields or current_fields())


def _json_lines(path: Path, lines: Iterable[tuple[int, str | IngestError]], fields: Fields) -> Items:
    empty = True
    for number, line in lines:
        if isinstance(line, IngestError):
            empty = False
            yield line
            continue
        if not line.strip():
            continue
        empty = False
        build = partial(_line_items, path, line, fields, number)
        yield from record_result(path, build, RecordError, line=number)
    if empty:
        yield IngestError(path, "no records (the file is empty or has only blank lines)")


def _line_items(path: Path, line: str, fields: Fields, number: int) -> list[Article | IngestWarning]:
    try:
        record = parse_json(line)
    except json.JSONDecodeError as error:
        raise RecordError(f"invalid JSON ({error.msg})") from None
    return _object_items(path, record, fields, line=number)


def parse_json(text: str):
    """json.loads; RecordError for the documents its parser cannot hold: nesting deeper than its recursion
    limit, an integer longer than Python converts (4,300 digits). A syntax error (JSONDecodeError) is left
    to the caller, which knows whether to name its line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except RecursionError:
        raise RecordError("invalid JSON (nested too deeply)") from None
    except ValueError:  # int(): "Exceeds the limit (4300 digits) for integer string conversion"
        limit = sys.get_int_max_str_digits()
        raise RecordError(f"invalid JSON (a number longer than {limit:,} digits)") from None


def read_json(path: Path, fields: Fields | None = None) -> Items:
    """The articles of a JSON document; a file that is really JSON Lines is read as such."""
    fields = fields or current_fields()
    text = read_text(path)
    if not text.strip():
        raise IngestError(path, "empty file")
    try:
        document = parse_json(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and text.lstrip().startswith("{"):  # JSON Lines named .json
            yield from _json_lines(path, enumerate(text.splitlines(), start=1), fields)
            return
        failure = IngestError(path, f"invalid JSON ({error.msg}, column {error.colno})", line=error.lineno)
    except RecordError as error:
        failure = IngestError(path, str(error))
    else:
        yield from _document_items(path, document, fields)
        return
    yield from _item_by_item(path, text, fields, failure)


def _document_items(path: Path, document, fields: Fields) -> Items:
    items = _article_list(document)
    if items is None:
        if isinstance(document, dict):  # a single article
            build = partial(record_items, path, document, fields, path.name)
            yield from record_result(path, build, RecordError)
            return
        raise IngestError(path, f"expected an array of article objects, found {kind(document)}")
    if not items:
        raise IngestError(path, "no articles (the array is empty)")
    for number, record in enumerate(items, start=1):
        build = partial(_object_items, path, record, fields, item=number)
        yield from record_result(path, build, RecordError, item=number)


def _item_by_item(path: Path, text: str, fields: Fields, failure: IngestError) -> Items:
    """The items of an array json could not parse whole, each parsed alone; `failure` (the whole document's
    error) if it is no array whose brackets balance, or if not one of its items is an article."""
    found = array_items(text)
    results = []
    for number, (line, source) in enumerate(found or (), start=1):
        build = partial(_source_items, path, source, fields, line=line, item=number)
        results += record_result(path, build, RecordError, line=line, item=number)
    if not any(isinstance(result, Article) for result in results):
        raise failure
    yield from results


def _source_items(path: Path, source: str, fields: Fields, **where) -> list[Article | IngestWarning]:
    try:
        record = parse_json(source)
    except json.JSONDecodeError as error:
        raise RecordError(f"invalid JSON ({error.msg})") from None
    return _object_items(path, record, fields, **where)


def _object_items(path: Path, record, fields: Fields, **where) -> list[Article | IngestWarning]:
    if not isinstance(record, dict):
        raise RecordError(f"expected an object, found {kind(record)}")
    return record_items(path, record, fields, path.name, **where)


# A string (escapes and all), a bracket, a comma, or a quote that is never closed.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[][{},"]')


def array_items(text: str) -> list[tuple[int, str]] | None:
    """(line, source) of each item of the JSON array `text`, found by its brackets, commas and quotes without
    parsing it (in one loop, so at any depth); None if `text` is no array, or its brackets or quotes do not
    close."""
    opening = len(text) - len(text.lstrip())
    if not text.startswith("[", opening):
        return None
    items: list[tuple[int, str]] = []
    depth, begin, line, counted = 0, opening + 1, 1, 0

    def add(end: int) -> None:
        nonlocal line, counted
        source = text[begin:end]
        first = begin + len(source) - len(source.lstrip())
        line, counted = line + text.count("\n", counted, first), first
        items.append((line, source))

    for token in _TOKENS.finditer(text, opening):
        mark = token[0]
        if mark in ("[", "{"):
            depth += 1
        elif mark in ("]", "}"):
            depth -= 1
            if depth == 0:
                add(token.start())
                return items if not text[token.end() :].strip() else None
        elif mark == "," and depth == 1:
            add(token.start())
            begin = token.end()
        elif mark == '"':
            return None
    return None


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
