"""The extraction pipeline: Article in, its mentions (and later actors and events) out.

Each stage is injected, so a better geoparser or an event coder slots in without touching callers.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from tqdm import tqdm

from dashboard.ingest import IngestError, iter_input_files, read_file
from dashboard.model import Actor, Article, Event, Extraction, Mention
from dashboard.nlp.geoparse import GazetteerGeoparser, Geoparser
from dashboard.parallel import extract_parallel, extract_safely
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

    def count(self, new: bool) -> None:
        self.added += new
        self.duplicates += not new


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    pipeline: Pipeline | None = None,
    progress: bool = False,
    workers: int = 1,
    events: bool = True,
) -> IngestReport:
    """Read, extract and store every article under `paths`; a bad file, line or article never stops the batch.

    Articles already in the store are skipped before extraction, so an interrupted ingest resumes where it
    stopped when run again. With `workers` > 1 the extraction runs in that many processes (each with the
    default pipeline) while this process reads and writes the store.
    """
    report = IngestReport()
    files = list(iter_input_files(paths))
    bar = tqdm(total=len(files), unit="file", disable=not progress, desc="ingest", dynamic_ncols=True)

    def new_articles() -> Iterator[Article]:
        for path in files:
            for item in read_file(path):
                if isinstance(item, IngestError):
                    report.errors.append(item)
                elif isinstance(item, Extraction):  # imported records (GDELT, ACLED): stored as they are
                    report.count(store.add(item.article, item.mentions, item.actors, item.events, False))
                elif store.has_article(item.id):
                    report.duplicates += 1
                else:
                    yield item
            bar.update()

    if workers > 1:
        factory = partial(Pipeline, events=pipeline.event_coder is not None if pipeline else events)
        results = extract_parallel(new_articles(), factory, workers)
    else:
        pipeline = pipeline or Pipeline(events=events)
        results = (extract_safely(pipeline, article) for article in new_articles())
    started = time.perf_counter()
    with bar:
        for result in results:
            if isinstance(result, IngestError):
                report.errors.append(result)
            else:
                report.count(store.add(result.article, result.mentions, result.actors, result.events))
            rate = report.added / max(time.perf_counter() - started, 1e-9)
            bar.set_postfix(articles=report.added, per_s=f"{rate:.1f}", failed=len(report.errors))
    return report
