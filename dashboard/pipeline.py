"""The extraction pipeline: Article in, its mentions (and later actors and events) out.

Each stage is injected, so a better geoparser or an event coder slots in without touching callers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from tqdm import tqdm

from dashboard.ingest import IngestError, iter_input_files, read_file
from dashboard.model import Actor, Article, Event, Extraction, Mention
from dashboard.nlp.geoparse import GazetteerGeoparser, Geoparser
from dashboard.store import Store


class EventStage(Protocol):
    def __call__(self, article: Article, mentions: list[Mention]) -> tuple[list[Actor], list[Event]]: ...


class Pipeline:
    """Geoparsing, then event coding on the places found. Pass `events=False` for places only."""

    def __init__(
        self, geoparser: Geoparser | None = None, event_coder: EventStage | None = None, events=True
    ):
        self.geoparser = geoparser or GazetteerGeoparser()
        if events and event_coder is None:
            from dashboard.nlp.events import EventCoder  # loads the parser model: only when wanted

            event_coder = EventCoder(getattr(self.geoparser, "gazetteer", None))
        self.event_coder = event_coder

    def __call__(self, article: Article) -> Extraction:
        mentions = self.geoparser(article.text, article.id)
        if self.event_coder is None:
            return Extraction(article, mentions)
        actors, events = self.event_coder(article, mentions)
        return Extraction(article, mentions, actors, events)


@dataclass
class IngestReport:
    added: int = 0
    duplicates: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.added} ingested, {self.duplicates} duplicates skipped, {len(self.errors)} failed"


def ingest(
    paths: Iterable[str | Path], store: Store, pipeline: Pipeline | None = None, progress: bool = False
) -> IngestReport:
    """Read, extract and store every article under `paths`; a bad file or line never stops the batch."""
    pipeline = pipeline or Pipeline()
    report = IngestReport()
    files = list(iter_input_files(paths))
    for path in tqdm(files, unit="file", disable=not progress, desc="ingest"):
        for item in read_file(path):
            if isinstance(item, IngestError):
                report.errors.append(item)
            elif isinstance(item, Extraction):  # imported records (GDELT, ACLED): stored as they are
                new = store.add(item.article, item.mentions, item.actors, item.events, replace=False)
                report.added += new
                report.duplicates += not new
            else:
                store_article(item, store, pipeline, report)
    return report


def store_article(article: Article, store: Store, pipeline: Pipeline, report: IngestReport) -> None:
    if store.has_article(article.id):
        report.duplicates += 1
        return
    extraction = pipeline(article)
    store.add(extraction.article, extraction.mentions, extraction.actors, extraction.events)
    report.added += 1
