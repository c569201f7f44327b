"""The extraction pipeline: Article in, its mentions (and later actors and events) out.

Each stage is injected, so a better geoparser or an event coder slots in without touching callers.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from dashboard.ingest import IngestError, IngestWarning, iter_input_files, read_file
from dashboard.ingest.fields import Fields
from dashboard.model import Actor, Article, Event, Extraction, Mention
from dashboard.nlp.geoparse import GazetteerGeoparser, Geoparser
from dashboard.parallel import (
    CHUNK_SIZE,
    chunks,
    extract_chunk,
    extract_parallel,
    picklable_factory,
    sent_whole,
)
from dashboard.progress import IngestProgress
from dashboard.readahead import END_OF_FILE, read_ahead
from dashboard.store import Rows, Store

# A GDELT 2.0 export's rows average 380 bytes and ACLED's more: guessing low counts more rows, and defers a
# little more readily.
IMPORT_ROW_BYTES = 400
# Reader processes at most (`readahead`): the one writing process stores about 45,000 GDELT rows a second,
# what two readers parse; each more would only hold its own copy of the gazetteer.
READERS = 2
# Below this many rows an import's writes take seconds however they are done; and an import into a store
# that is far larger than it would rebuild much more than it writes.
DEFER_INDEXES_ROWS = 200_000


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
        return self.many([article])[0]

    def many(self, articles: list[Article]) -> list[Extraction]:
        """Several articles at once (the event coder parses their sentences in one batch)."""
        # A place that only opens an organisation's name ("The Washington Post") is no place of the news.
        mentions = [
            [m for m in self.geoparser(article.text, article.id) if m.role != "associative"]
            for article in articles
        ]
        if self.event_coder is None:
            return [Extraction(a, m) for a, m in zip(articles, mentions, strict=True)]
        items = list(zip(articles, mentions, strict=True))
        code_many = getattr(self.event_coder, "code_many", None)
        coded = code_many(items) if code_many else [self.event_coder(a, m) for a, m in items]
        return [Extraction(a, m, *c) for (a, m), c in zip(items, coded, strict=True)]


PipelineFactory = Callable[[], Pipeline]


def default_pipeline(events: bool = True) -> PipelineFactory:
    """The factory of the default pipeline (places, then events unless `events` is false). It pickles
    as a reference to `Pipeline`, so each worker builds its own gazetteer and parser model."""
    return partial(Pipeline, events=events)


@dataclass
class IngestReport:
    """added: articles new to the store; duplicates: already there; errors: what was not read; warnings:
    what was read with a loss (a text cut short); first_ids: the ids of the first MAX_IDS articles of either
    kind to be stored or found stored (the app shows those after an upload)."""

    MAX_IDS = 100

    added: int = 0
    duplicates: int = 0
    errors: list[IngestError] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)
    first_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.added} ingested, {self.duplicates} duplicates skipped, {len(self.errors)} failed, "
            f"{len(self.warnings)} warning{'' if len(self.warnings) == 1 else 's'}"
        )

    def problem(self, problem: IngestError) -> None:
        (self.warnings if isinstance(problem, IngestWarning) else self.errors).append(problem)

    def count(self, new: bool, article_id: str = "") -> None:
        self.added += new
        self.duplicates += not new
        if article_id and len(self.first_ids) < self.MAX_IDS:
            self.first_ids.append(article_id)

    def count_batch(self, new: list[bool], articles: list[Extraction | Rows]) -> None:
        """`count` for each of a batch of articles stored (imports store tens of thousands at a time)."""
        added = sum(new)
        self.added += added
        self.duplicates += len(new) - added
        for extraction in articles:
            if len(self.first_ids) >= self.MAX_IDS:
                break
            if article_id := _article_id(extraction):
                self.first_ids.append(article_id)


class _BatchWriter:
    """Stores extractions a batch at a time: one transaction per batch takes the write lock and commits
    64 times less often, and a crash still loses no stored article (each batch is whole or absent). Rows
    keyed by content hashes land at random places in their tables' B-trees, so a larger batch shares more
    of the pages it writes: at 16 articles, a store of 6,000 cost half as much again per article.

    Imported records (GDELT, ACLED: `replace` False) come by the ten thousand a second, and go in batches
    of about `import_records` records (events, mentions, articles): the larger the batch, the more of the
    B-tree pages it changes it shares (the write-ahead log takes each changed page once per commit). At a
    million GDELT events, batches of 100,000 records took two thirds of the time batches of 64 articles did.
    """

    def __init__(
        self, store: Store, report: IngestReport, size: int = 64, import_records: int = 100_000
    ) -> None:
        self.store, self.report = store, report
        self.size, self.import_records = size, import_records
        self.pending: dict[bool, list[Extraction]] = {True: [], False: []}
        self.imported = 0  # records pending in pending[False]

    def add(self, extraction: Extraction | Rows, replace: bool = True) -> None:
        self.pending[replace].append(extraction)
        if replace:
            full = len(self.pending[True]) >= self.size
        else:
            self.imported += 1 + len(extraction.mentions) + len(extraction.events)
            full = self.imported >= self.import_records
        if full:
            self.flush()

    def flush(self) -> None:
        for replace, batch in self.pending.items():
            if batch:
                self.report.count_batch(self.store.add_many(batch, replace), batch)
            batch.clear()
        self.imported = 0


def _article_id(extraction: Extraction | Rows) -> str:
    return extraction.article_id if isinstance(extraction, Rows) else extraction.article.id


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    pipeline: Pipeline | None = None,
    progress: bool = False,
    workers: int = 1,
    events: bool = True,
    fields: Fields | None = None,
    pipeline_factory: PipelineFactory | None = None,
    defer_indexes: bool | None = None,
) -> IngestReport:
    """Read, extract and store every article under `paths`; a bad file, line or article never stops the batch.

    Articles already in the store are skipped before extraction, so an interrupted ingest resumes where it
    stopped when run again. With `workers` > 1 the extraction runs in that many processes, and the reading
    (with the parsing of imports) in up to READERS more, a file each in turn, while this process writes
    the store. Imported records (GDELT, ACLED) are stored as they are, without extraction. `fields` names the
    fields of JSON and table records.

    The extraction runs `pipeline`, or what `pipeline_factory` builds, else `default_pipeline(events)`.
    Worker processes each build theirs with `pipeline_factory`, which must pickle (a top-level function,
    class, or `functools.partial` of one); a `pipeline` is pickled once and sent to each worker whole,
    or, if it does not pickle, refused with a `TypeError` that says to pass a factory.

    A large import builds the store's secondary indexes at its end (`defer_indexes`; by default when
    `defers_indexes` says so): reads during it are slower.
    """
    if pipeline is not None and pipeline_factory is not None:
        raise ValueError("pass a pipeline or a pipeline_factory, not both")
    factory = pipeline_factory or default_pipeline(events)
    if workers > 1:  # refused here, before anything is read, if the workers cannot be sent it
        factory = sent_whole(pipeline) if pipeline is not None else picklable_factory(factory)
    report = IngestReport()
    writer = _BatchWriter(store, report)
    files = list(iter_input_files(paths))
    bar = IngestProgress(files, enabled=progress)

    def new_articles() -> Iterator[Article]:
        # With more than one worker, a process of its own reads (and parses imports) while this one stores.
        for item in (
            read_ahead(files, fields, min(workers, READERS))
            if workers > 1
            else _read_in_process(files, fields)
        ):
            if isinstance(item, str):  # END_OF_FILE
                bar.file()
                continue
            if isinstance(item, IngestError):
                report.problem(item)
            elif isinstance(item, (Extraction, Rows)):  # an imported record, to store as it is
                writer.add(item, replace=False)
            elif store.has_article(item.id):
                report.count(False, item.id)
            else:
                yield item
                continue
            bar.article(len(report.errors))

    if workers > 1:
        results = extract_parallel(new_articles(), factory, workers)
    else:
        results = _extract_in_process(new_articles(), pipeline, factory)
    defer = defers_indexes(files, store) if defer_indexes is None else defer_indexes
    try:
        with store.writing(), store.deferring_indexes() if defer else nullcontext():
            for result in results:
                if isinstance(result, IngestError):
                    report.errors.append(result)
                else:
                    writer.add(result)
                bar.article(len(report.errors))
            writer.flush()
            if defer:
                bar.note("building the store's indexes")
    finally:
        bar.close()
    return report


def defers_indexes(files: Iterable[Path], store: Store) -> bool:
    """Whether an ingest of `files` should build the store's secondary indexes after its writes rather than
    during them (`Store.deferring_indexes`): when its tables (GDELT exports, CSV) hold at least
    DEFER_INDEXES_ROWS rows and as many as the store holds events, so that building the indexes anew costs
    less than keeping them up to date."""
    return worth_deferring(sum(table_bytes(path) for path in files) // IMPORT_ROW_BYTES, store)


def worth_deferring(rows: int, store: Store) -> bool:
    """The rule `defers_indexes` (and `cluster.defers_indexes`) apply to the rows they count."""
    return rows >= max(DEFER_INDEXES_ROWS, store.approximate_event_count())


def table_bytes(path: Path) -> int:
    """The bytes of rows a record-per-row file holds (a zipped GDELT export's once unzipped); 0 for other
    files, and for what cannot be read (its reader reports that)."""
    name = path.name.lower()
    try:
        if name.endswith(".export.csv.zip"):
            with zipfile.ZipFile(path) as archive:
                return sum(member.file_size for member in archive.infolist())
        return path.stat().st_size if name.endswith((".csv", ".tsv")) and path.is_file() else 0
    except (OSError, zipfile.BadZipFile):
        return 0


def _read_in_process(
    files: list[Path], fields: Fields | None
) -> Iterator[Article | Extraction | IngestError | str]:
    for path in files:
        yield from read_file(path, fields)
        yield END_OF_FILE


def _extract_in_process(
    articles: Iterable[Article], pipeline: Pipeline | None, factory: PipelineFactory
) -> Iterator[Extraction | IngestError]:
    for chunk in chunks(articles, CHUNK_SIZE):
        pipeline = pipeline or factory()  # built on the first article: imports need none
        yield from extract_chunk(pipeline, chunk)
