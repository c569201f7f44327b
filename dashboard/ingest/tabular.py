"""CSV and TSV article tables (.csv, .tsv) with a header row: one article per row, streamed.

Columns are found by name with the same `Fields` as JSON ("text", else "body", "content"...; `ingest
--text-field ...`). The delimiter of a .csv is sniffed from its header (comma, semicolon, tab or pipe); a
.tsv is tab-separated. A broken row (an unterminated or stray quote, the wrong number of fields, no text) is
reported with the line it starts on and skipped; reading resumes on the line after that one, so one bad
quote does not swallow the rows after it. A row is read whole or reported whole: a cell its parser cannot
take (a date of "²") costs that row only.

Tables are collections, so a file may be any size: it is read line by line (files.read_lines) and only the
lines of the record being parsed are held. The limits are per line (files.MAX_LINE_BYTES, 4 MB) and per
record (MAX_RECORD_CHARS, 4 M characters, and MAX_RECORD_LINES: one row, however many lines its quoted
cells span; csv's field size limit is raised to it). A line that is too long or not UTF-8 is reported alone
and skipped; a quoted cell cut by such a line is a broken row. A row over the record limits is one error,
and reading goes on after it (see `_TableLines`). Texts are bounded by make_article, and a cut is reported.

Specialised tables recognised by their header (ACLED exports) go to their own reader: see HEADER_READERS.
`table_rows` is the record parser both share.
"""

from __future__ import annotations

import csv
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from functools import partial
from itertools import dropwhile
from pathlib import Path

from dashboard.ingest.errors import IngestError, record_result
from dashboard.ingest.fields import Fields, current_fields
from dashboard.ingest.files import MAX_LINE_BYTES, read_lines
from dashboard.ingest.records import RecordError, record_items
from dashboard.model import Article, Extraction

Reader = Callable[[Path], Iterable[Article | Extraction | IngestError]]
Lines = Iterable[tuple[int, str | IngestError]]

# (recognises the header row, reads the file): the one place where a .csv with a known header (ACLED's
# export) is handed to its own reader instead of being read as articles. Registered by readers.py.
HEADER_READERS: list[tuple[Callable[[Sequence[str]], bool], Reader]] = []

MAX_RECORD_CHARS = MAX_LINE_BYTES  # one row with all its lines: bounds the memory a broken quote can take
MAX_RECORD_LINES = 50_000  # ...and so does this: each line held costs ~150 bytes, however short it is
_DELIMITERS = (",", ";", "\t", "|")
_CSV_PROBLEMS = {
    "unexpected end of data": "unterminated quoted field",
    "expected after": "stray quote inside a quoted field",
    "field larger than field limit": "field larger than the record size limit",
}


def sniff_delimiter(header_line: str) -> str:
    """The candidate delimiter that occurs most often in the header row; a comma when none does."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def header_line(path: Path, lines: Iterator[tuple[int, str | IngestError]]) -> tuple[int, str]:
    """(line number, text) of the first non-blank line, taken from `lines`; IngestError if the file has
    none or that line is unreadable (without it the columns are unknown)."""
    for number, line in lines:
        if isinstance(line, IngestError):
            raise line
        if line.strip():
            return number, line
    raise IngestError(path, "empty file")


def table_records(
    path: Path, lines, delimiter: str, header: list[str], build: Callable, rejected: type[Exception]
) -> Iterator:
    """Each row's items from `build({column: cell}, line)`; a broken row, or one `build` fails on (with its
    reason if it raises `rejected`), is one IngestError naming the line the row starts on."""
    for row in table_rows(path, lines, delimiter, len(header)):
        if isinstance(row, IngestError):
            yield row
            continue
        start, cells = row
        record = dict(zip(header, cells, strict=True))
        yield from record_result(path, partial(build, record, start), rejected, line=start)


def read_table(path: Path, fields: Fields | None = None) -> Iterator[Article | Extraction | IngestError]:
    fields = fields or current_fields()
    with closing(read_lines(path)) as physical:
        lines = whole_lines(physical)
        number, line = header_line(path, lines)
        delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(line)
        header = [name.strip() for name in next(csv.reader([line], delimiter=delimiter))]
        reader = next((reader for recognises, reader in HEADER_READERS if recognises(header)), None)
        if reader is None:
            if fields.get(dict.fromkeys(header, "x"), "text") is None:
                names = ", ".join(f'"{name}"' for name in fields.names("text")[:4])
                problem = f"no text column in the header (looked for {names}...; name it with --text-field)"
                raise IngestError(path, problem, line=number)
            build = partial(_row_items, path, fields)
            yield from table_records(path, lines, delimiter, header, build, RecordError)
            return
    yield from reader(path)  # it opens the file itself; this one is closed first


def _row_items(path: Path, fields: Fields, record: dict, line: int) -> list:
    return record_items(path, record, fields, path.name, line=line)


class _Interrupted(Exception):
    """Raised by table_rows' line feed, inside csv.reader: the next line is unreadable (read_lines gave an
    IngestError) or would take the record over MAX_RECORD_CHARS or MAX_RECORD_LINES."""

    def __init__(self, number: int, line: str | IngestError) -> None:
        super().__init__(number)
        self.number, self.line = number, line


def table_rows(
    path: Path, lines: Lines, delimiter: str, width: int
) -> Iterator[tuple[int, list[str]] | IngestError]:
    """(line the row starts on, cells) for each row of `width` cells in `lines` (the lines after the header,
    from whole_lines(read_lines(path))); blank rows are skipped, broken ones are IngestErrors naming their
    line, and a line read_lines reports as unreadable is reported once and skipped.

    Streams: only the lines of the record being parsed are kept. After a broken record that spans lines,
    they are fed again from the second one (a fresh csv.reader), so the rows it swallowed are read on their
    own. A record over MAX_RECORD_CHARS or MAX_RECORD_LINES is followed to its closing quote without keeping
    its lines, and is one error (`_TableLines`). A "\\r\\n" inside a quoted multi-line cell becomes "\\n".
    """
    if csv.field_size_limit() < MAX_RECORD_CHARS + 1:
        csv.field_size_limit(MAX_RECORD_CHARS + 1)
    source = _TableLines(path, lines)
    record: list[tuple[int, str]] = []  # the lines fed since the last complete record
    size = 0  # their characters

    def feed() -> Iterator[str]:
        nonlocal size
        while (item := source.take()) is not None:
            number, line = item
            if isinstance(line, IngestError) or (record and _over_limit(size + len(line), len(record) + 1)):
                raise _Interrupted(number, line)
            record.append((number, line))
            size += len(line)
            yield line

    def again(interrupted: _Interrupted | None = None) -> None:
        """Feed the current record's lines after its first (and the line that interrupted it) again."""
        if interrupted is not None:
            source.pending.appendleft((interrupted.number, interrupted.line))
        source.pending.extendleft(reversed(record[1:]))

    with closing(source):
        while True:
            rows = csv.reader(feed(), delimiter=delimiter, strict=True)
            while True:  # until the source ends (return) or a record is broken (break: a fresh reader)
                record.clear()
                size = 0
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except csv.Error as error:
                    yield IngestError(path, _problem(error), line=record[0][0] if record else None)
                    again()
                    break
                except _Interrupted as interrupted:
                    if not record:  # between records: an unreadable line, reported once, skipped
                        assert isinstance(interrupted.line, IngestError)
                        yield interrupted.line
                    elif isinstance(interrupted.line, IngestError):
                        problem = f"unterminated quoted field (line {interrupted.number} is unreadable)"
                        yield IngestError(path, problem, line=record[0][0])
                        again(interrupted)  # reported when reached between records
                    else:
                        yield source.skip(record[0][0], interrupted.number, interrupted.line)
                    break
                start, span = record[0][0], len(record)
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != width:
                    yield IngestError(path, f"expected {width} fields, found {len(row)}", line=start)
                    if span > 1:
                        again()
                        break
                    continue
                yield start, [cell.replace("\r\n", "\n") for cell in row] if span > 1 else row


def _over_limit(chars: int, lines: int) -> bool:
    return chars > MAX_RECORD_CHARS or lines > MAX_RECORD_LINES


class _TableLines:
    """The lines table_rows parses: those to feed again first (`pending`), then the source's; and `skip`, for
    a record over MAX_RECORD_CHARS or MAX_RECORD_LINES.

    Such a record is inside a quoted cell. Its lines are read on one at a time, without keeping them, to the
    line that closes the quote (each quote opens or closes one, '""' both): the whole row is one error and
    reading goes on after it, however long the cell. If no quote closes it before the end of the file, the
    quote was a stray one, and the lines after the record's first are read again from the file: once per
    file, so that no file makes reading it quadratic (after that, the rest of the file is reported unread).
    """

    def __init__(self, path: Path, lines: Lines) -> None:
        self.path, self.source = path, iter(lines)
        self.pending: deque[tuple[int, str | IngestError]] = deque()
        self.reread: Iterator | None = None  # the file opened again

    def take(self) -> tuple[int, str | IngestError] | None:
        return self.pending.popleft() if self.pending else next(self.source, None)

    def skip(self, start: int, number: int, line: str | IngestError) -> IngestError:
        """The error for the record from line `start` that line `number` took over the limit; skips it."""
        inside = True
        while True:
            if isinstance(line, str) and line.count('"') % 2:
                inside = not inside
            if not inside:
                limit = f"{MAX_RECORD_CHARS // (1024 * 1024)} MB or {MAX_RECORD_LINES:,} lines"
                problem = f"row too long (lines {start}-{number}; the limit is {limit}), not read"
                return IngestError(self.path, problem, line=start)
            if (item := self.take()) is None:
                break
            number, line = item
        if self.reread is not None:
            problem = "unterminated quoted field (the lines after it are not read)"
            return IngestError(self.path, problem, line=start)
        self.reread = whole_lines(read_lines(self.path))
        self.source = dropwhile(lambda item: item[0] <= start, self.reread)
        return IngestError(self.path, "unterminated quoted field", line=start)

    def close(self) -> None:
        if self.reread is not None:
            self.reread.close()


def whole_lines(lines: Lines) -> Iterator[tuple[int, str | IngestError]]:
    """The lines ending in "\\n" (or the file), numbered as in an editor. read_lines gives exactly these for
    UTF-8; a UTF-16 file's lines are str.splitlines', which also splits on "\\r", "\\f", "\\u2028"..."""
    number, parts = 1, []
    for found, line in lines:
        if isinstance(line, IngestError):
            yield found, line
            number = found + 1
            continue
        parts.append(line)
        if line.endswith("\n"):
            yield number, "".join(parts) if len(parts) > 1 else line
            number, parts = number + 1, []
    if parts:
        yield number, "".join(parts)


def _problem(error: csv.Error) -> str:
    message = str(error)
    return next((plain for key, plain in _CSV_PROBLEMS.items() if key in message), message)
