"""Ingest progress on a terminal: articles done of an estimate, with articles/s, the ETA and files done.

The estimate is cheap: one article per line for record-per-line files (JSON Lines, CSV and TSV less their
header, GDELT exports), one per other file (a feed or a JSON array may hold more; the total grows as they
are read).
"""

from __future__ import annotations

from pathlib import Path

from tqdm import tqdm

LINE_SUFFIXES = {".jsonl": 0, ".ndjson": 0, ".csv": 1, ".tsv": 1}  # suffix -> header lines


def estimate_articles(path: Path) -> int:
    name = path.name.lower()
    header = 0 if name.endswith(".export.csv") else LINE_SUFFIXES.get(path.suffix.lower())
    if header is None or not path.is_file():  # a named pipe is never opened: read_file reports it
        return 1
    try:
        with path.open("rb") as handle:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return 1
    return max(1, lines - header)


class IngestProgress:
    def __init__(self, files: list[Path], enabled: bool) -> None:
        self.files, self.files_done = len(files), 0
        total = sum(estimate_articles(path) for path in files) if enabled else 0
        self.bar = tqdm(
            total=total, unit="article", desc="ingest", disable=not enabled, dynamic_ncols=True, smoothing=0.1
        )

    def article(self, failed: int) -> None:
        if self.bar.disable:  # not a terminal: imports call this 20,000 times a second
            return
        if self.bar.n >= self.bar.total:  # the estimate was low (a feed with many entries)
            self.bar.total = self.bar.n + 1
        self.bar.set_postfix(files=f"{self.files_done}/{self.files}", failed=failed, refresh=False)
        self.bar.update()

    def note(self, text: str) -> None:
        """Say what the ingest does now that is not reading articles (building indexes at the end)."""
        self.bar.set_description_str(text)

    def file(self) -> None:
        self.files_done += 1

    def close(self) -> None:
        self.bar.close()
