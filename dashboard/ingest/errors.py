"""Errors raised for bad input: they always name the file, and the line or item when there is one."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """`line` is a line number (FILE:LINE); `item` numbers an entry of a JSON array or feed (FILE:item N)."""

    def __init__(
        self, path: str | Path, reason: str, line: int | None = None, item: int | None = None
    ) -> None:
        self.path, self.reason, self.line, self.item = str(path), reason, line, item
        where = self.path
        if line is not None:
            where += f":{line}"
        elif item is not None:
            where += f":item {item}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable, so errors can come back from worker processes
        return type(self), (self.path, self.reason, self.line, self.item)
