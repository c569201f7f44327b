"""Bad input, reported rather than raised: each report names the file, and the line or item when there is one.

    IngestError            an input, or one record of it, that was not read (the rest of the batch goes on)
    └── IngestWarning      an input read with a loss worth knowing of (a text cut to its bound): it is stored

`record_result` is where a record's parse becomes its items or its one error.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


class IngestError(Exception):
    """`line` is a line number (FILE:LINE); `item` numbers an entry of a JSON array or feed (FILE:item N;
    FILE:LINE: item N with both, as in an array read item by item)."""

    def __init__(
        self, path: str | Path, reason: str, line: int | None = None, item: int | None = None
    ) -> None:
        self.path, self.reason, self.line, self.item = str(path), reason, line, item
        where = self.path
        if line is not None:
            where += f":{line}"
        if item is not None:
            where += f": item {item}" if line is not None else f":item {item}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable, so errors can come back from worker processes
        return type(self), (self.path, self.reason, self.line, self.item)


class IngestWarning(IngestError):
    """What was read is stored, but not all of it: the report says what was left out and where."""


def record_result(
    path: str | Path,
    build: Callable[[], object],
    rejected: type[Exception] | tuple[type[Exception], ...] = (),
    line: int | None = None,
    item: int | None = None,
) -> list:
    """The items `build()` makes of one record (a list, or one item), or the one IngestError naming the file
    and the record's line or item: with the message of a `rejected` exception (the reader's own "no text"),
    else with the exception's type (a value no parser expected: "²" read as a digit, a number of 5,000
    digits), so one bad value costs its record and never the records after it."""
    try:
        made = build()
    except rejected as error:
        return [IngestError(path, str(error), line=line, item=item)]
    except Exception as error:  # noqa: BLE001 - whatever one record holds, the others are still read
        return [IngestError(path, f"could not be read ({type(error).__name__}: {error})", line, item)]
    return made if isinstance(made, list) else [made]
