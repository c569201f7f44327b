"""CSV and TSV article tables (.csv, .tsv) with a header row: one article per row.

Columns are found by name with the same `Fields` as JSON ("text", else "body", "content"...; `ingest
--text-field ...`). The delimiter of a .csv is sniffed from its header (comma, semicolon, tab or pipe); a
.tsv is tab-separated. A broken row (an unterminated or stray quote, the wrong number of fields, no text) is
reported with the line it starts on and skipped; reading resumes on the next line, so one bad quote does
not swallow the rows after it. Fields may be as large as the file; texts are bounded by make_article.

Specialised tables recognised by their header (ACLED exports) go to their own reader: see HEADER_READERS.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from dashboard.ingest.errors import IngestError
from dashboard.ingest.fields import Fields, current_fields
from dashboard.ingest.files import MAX_FILE_BYTES, read_text
from dashboard.ingest.records import RecordError, record_article
from dashboard.model import Article, Extraction

Reader = Callable[[Path], Iterable[Article | Extraction | IngestError]]

# (recognises the header row, reads the file): the one place where a .csv with a known header (ACLED's
# export) is handed to its own reader instead of being read as articles. Registered by readers.py.
HEADER_READERS: list[tuple[Callable[[Sequence[str]], bool], Reader]] = []

_DELIMITERS = (",", ";", "\t", "|")
_CSV_PROBLEMS = {
    "unexpected end of data": "unterminated quoted field",
    "expected after": "stray quote inside a quoted field",
    "field larger than field limit": "field larger than the file size limit",
}


def _lines(text: str) -> list[str]:
    """Physical lines with their ends, split on "\\n" only (so line numbers match a text editor's)."""
    lines = [line + "\n" for line in text.split("\n")]
    if lines[-1] == "\n":  # the text ended with a newline, or was empty
        lines.pop()
    return lines


def sniff_delimiter(header_line: str) -> str:
    """The candidate delimiter that occurs most often in the header row; a comma when none does."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _problem(error: csv.Error) -> str:
    message = str(error)
    return next((plain for key, plain in _CSV_PROBLEMS.items() if key in message), message)


def read_table(path: Path, fields: Fields | None = None) -> Iterator[Article | Extraction | IngestError]:
    fields = fields or current_fields()
    if csv.field_size_limit() < MAX_FILE_BYTES:
        csv.field_size_limit(MAX_FILE_BYTES)
    lines = _lines(read_text(path))
    start = next((index for index, line in enumerate(lines) if line.strip()), None)
    if start is None:
        raise IngestError(path, "empty file")
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(lines[start])
    header = [name.strip() for name in next(csv.reader([lines[start]], delimiter=delimiter))]
    for recognises, reader in HEADER_READERS:
        if recognises(header):
            yield from reader(path)
            return
    if fields.get(dict.fromkeys(header, "x"), "text") is None:
        names = ", ".join(f'"{name}"' for name in fields.names("text")[:4])
        problem = f"no text column in the header (looked for {names}...; name it with --text-field)"
        raise IngestError(path, problem, line=start + 1)
    yield from _rows(path, lines, start + 1, header, delimiter, fields)


def _rows(
    path: Path, lines: list[str], position: int, header: list[str], delimiter: str, fields: Fields
) -> Iterator[Article | IngestError]:
    """The rows from line index `position` on; after a broken multi-line record, reading restarts on the
    line after the one it started on, so the rows it swallowed are read on their own."""
    width = len(header)
    while position < len(lines):
        rows = csv.reader(
            (lines[index] for index in range(position, len(lines))), delimiter=delimiter, strict=True
        )
        consumed, restart = 0, None
        while True:
            first = position + consumed  # index of the line this record starts on
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as error:
                yield IngestError(path, _problem(error), line=first + 1)
                restart = first + 1
                break
            span, consumed = rows.line_num - consumed, rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != width:
                yield IngestError(path, f"expected {width} fields, found {len(row)}", line=first + 1)
                if span > 1:
                    restart = first + 1
                    break
                continue
            try:
                cells = (cell.replace("\r\n", "\n") for cell in row)  # a quoted multi-line cell
                yield record_article(dict(zip(header, cells, strict=True)), fields, path.name)
            except RecordError as error:
                yield IngestError(path, str(error), line=first + 1)
        if restart is None:
            return
        position = restart
