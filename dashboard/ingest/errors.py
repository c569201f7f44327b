"""Errors raised for bad input: they always name the file, and the line or item when there is one."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    def __init__(self, path: str | Path, reason: str, line: int | None = None) -> None:
        self.path, self.reason, self.line = str(path), reason, line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")
