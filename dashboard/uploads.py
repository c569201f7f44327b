"""Files uploaded in the app go through the same readers and pipeline as `python -m dashboard ingest`.

Each upload is written under a fresh temporary folder with only the final part of its name kept (an
uploaded name is untrusted: "../../x" must not escape the folder), ingested, then deleted.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dashboard.pipeline import IngestReport, Pipeline
    from dashboard.store import Store

# What the upload box offers (Streamlit filters by the last suffix: GDELT exports end in .csv or .zip):
# the suffixes of `ingest.READERS` (tests/test_uploads.py checks them), written out so that the app's first
# view, which draws the box, imports neither the readers nor the NLP pipeline.
UPLOAD_TYPES = "atom csv htm html json jsonl md ndjson rdf rss tsv txt xml zip".split()


def safe_name(name: str, number: int) -> str:
    """The uploaded file's own name, reduced to safe characters, and numbered so two uploads never clash.
    The suffixes are kept: they choose the reader (`x.export.CSV.zip` is a GDELT export)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name.replace("\\", "/")).name).lstrip(".") or "upload"
    return f"{number:03d}-{base[-120:]}"


def ingest_uploads(uploads: Iterable[tuple[str, bytes]], store: Store, pipeline: Pipeline) -> IngestReport:
    """Store the articles of uploaded (name, content) files; errors name the file as it was uploaded."""
    from dashboard.pipeline import ingest

    with tempfile.TemporaryDirectory(prefix="newsmap-upload-") as folder:
        names = {}
        for number, (name, content) in enumerate(uploads):
            path = Path(folder) / safe_name(name, number)
            path.write_bytes(content)
            names[str(path)] = name
        report = ingest(sorted(names), store, pipeline=pipeline)
    report.errors, report.warnings = (
        [type(e)(names[e.path], e.reason, e.line, e.item) if e.path in names else e for e in problems]
        for problems in (report.errors, report.warnings)
    )  # named as uploaded, not by the temporary path
    return report
