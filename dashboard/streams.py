"""JSON Lines in, JSON Lines out: the batch commands (`geoparse`, later `code-events`) share this loop.

A bad line is reported on stderr as `FILE:LINE: reason` and skipped; every other line is processed and
written in input order. Progress is shown when stderr is a terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tqdm import tqdm

MAX_LINE_CHARS = 2_000_000


@dataclass
class StreamReport:
    processed: int = 0
    failed: int = 0

    def summary(self) -> str:
        return f"{self.processed} documents processed, {self.failed} lines failed"


def _open_input(path: str) -> IO[str]:
    return sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115 - closed by caller


def _open_output(path: str) -> IO[str]:
    if path == "-":
        return sys.stdout
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed by caller


def _count_lines(path: str) -> int | None:
    if path == "-":
        return None
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def map_jsonl(
    input_path: str,
    output_path: str,
    process: Callable[[dict], dict],
    progress: bool | None = None,
    errors: IO[str] | None = None,
) -> StreamReport:
    """Apply `process` to every `{"id", "text", ...}` object of the input and write its result as a line."""
    errors = errors or sys.stderr  # looked up per call: the process's stderr may be replaced
    report = StreamReport()
    show = errors.isatty() if progress is None else progress
    source, sink = _open_input(input_path), _open_output(output_path)
    try:
        lines = tqdm(source, total=_count_lines(input_path), unit="doc", disable=not show, file=errors)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            record, problem = _parse(line)
            if problem:
                print(f"{input_path}:{number}: {problem}", file=errors)
                report.failed += 1
                continue
            sink.write(json.dumps(process(record), ensure_ascii=False) + "\n")
            report.processed += 1
    finally:
        for handle in (source, sink):
            if handle not in (sys.stdin, sys.stdout):
                handle.close()
    return report


def _parse(line: str) -> tuple[dict | None, str]:
    if len(line) > MAX_LINE_CHARS:
        return None, f"line longer than {MAX_LINE_CHARS} characters"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return None, f"invalid JSON ({error.msg} at column {error.colno})"
    if not isinstance(record, dict):
        return None, "expected a JSON object"
    if "id" not in record or not isinstance(record.get("text"), str):
        return None, 'expected "id" and a "text" string'
    return record, ""
