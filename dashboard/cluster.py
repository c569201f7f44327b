"""The same ingest on a Dask cluster, for corpora too large for one machine.

The input files are split into partitions of similar size. Each partition is one Dask task: a worker
reads its files, runs the pipeline it was given (the default one unless a picklable factory says
otherwise; built once per worker process) and writes what it found as Parquet, one file per table and
partition:

    PARQUET/articles/part-00003.parquet   PARQUET/mentions/part-00003.parquet
    PARQUET/actors/part-00003.parquet     PARQUET/events/part-00003.parquet

so `dask.dataframe.read_parquet("PARQUET/events")` (or Spark, DuckDB, pandas) reads each table whole.
The driver then loads the partitions into the SQLite store the app reads, unless told not to. Ids are
content hashes, so a partition that is run twice, or an article found in two partitions, is stored
once. Dask is an optional dependency: `pip install -e ".[cluster]"`.
"""

from __future__ import annotations

import logging
import pickle
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, nullcontext
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import pipeline
from dashboard.ingest import IngestError, IngestWarning, iter_input_files, read_file
from dashboard.ingest.fields import Fields
from dashboard.model import Actor, Article, Event, Extraction, Mention
from dashboard.parallel import CHUNK_SIZE, build_frozen, chunks, extract_chunk, pickled
from dashboard.pipeline import PipelineFactory, default_pipeline
from dashboard.store import Rows, Store

TABLES: dict[str, type] = {"articles": Article, "mentions": Mention, "actors": Actor, "events": Event}
DATE_COLUMNS = {"published", "date"}
ROWS_PER_FILE = 2_000  # articles per Parquet file: bounds a worker's memory on a big partition

# This worker process's pipeline, built on its first task, and the pickled factory it was built from.
_worker_pipeline: tuple[bytes, object] = (b"", None)


@dataclass
class ClusterReport:
    added: int = 0
    duplicates: int = 0
    extracted: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.extracted} articles extracted on the cluster; {self.added} ingested, "
            f"{self.duplicates} duplicates skipped, {len(self.errors)} failed, "
            f"{len(self.warnings)} warning{'' if len(self.warnings) == 1 else 's'}"
        )


def partition(files: list[Path], count: int) -> list[list[Path]]:
    """`count` groups of files with similar total size (largest first into the lightest group)."""
    groups: list[list[Path]] = [[] for _ in range(max(1, count))]
    sizes = [0] * len(groups)
    for path in sorted(files, key=lambda p: p.stat().st_size if p.exists() else 0, reverse=True):
        lightest = sizes.index(min(sizes))
        groups[lightest].append(path)
        sizes[lightest] += path.stat().st_size if path.exists() else 0
    return [group for group in groups if group]


def _table_rows(table: str, extractions: list[Extraction | Rows]) -> list[tuple]:
    """One table's rows (the store's, `row_values`) of the extractions, or of their Rows."""
    found = [item if isinstance(item, Rows) else Rows.of(item) for item in extractions]
    if table == "articles":
        return [rows.article for rows in found]
    return [row for rows in found for row in getattr(rows, table)]


def _write(extractions: list[Extraction | Rows], folder: Path, name: str) -> None:
    for table, record_type in TABLES.items():
        names = [f.name for f in fields(record_type)]
        rows = _table_rows(table, extractions)
        columns = {column: [row[i] for row in rows] for i, column in enumerate(names)}
        (folder / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(columns, schema=_schema(record_type)), folder / table / f"{name}.parquet")


def _schema(record_type: type) -> pa.Schema:
    kinds = {"int": pa.int64(), "float": pa.float64()}  # an optional int is an int64 column with nulls
    return pa.schema(
        (f.name, kinds.get(f.type.removesuffix(" | None"), pa.string())) for f in fields(record_type)
    )


def _pipeline(factory: bytes):
    """The pipeline `factory` (pickled) builds: built once per worker process, and again only when a
    task brings another factory (a long-lived cluster serves one ingest after another)."""
    global _worker_pipeline
    if _worker_pipeline[0] != factory:
        _worker_pipeline = (b"", None)  # the previous pipeline goes before the next is built
        # The driver's own pickle of its factory, never input (Dask unpickles whatever the driver sends).
        _worker_pipeline = (factory, build_frozen(lambda: pickle.loads(factory)()))  # noqa: S301
    return _worker_pipeline[1]


def extract_partition(
    number: int, files: list[str], folder: str, factory: bytes, fields_: Fields | None = None
) -> dict:
    """One Dask task: read, extract and write one partition as Parquet, with the pipeline that `factory`
    (a pickled pipeline factory) builds. Returns counts, errors and warnings."""
    pipeline = _pipeline(factory)
    errors: list[str] = []
    warnings: list[str] = []
    seen: set[str] = set()
    done: list[Extraction | Rows] = []
    written = extracted = 0

    def articles() -> Iterator[Article]:
        for path in files:
            for item in read_file(Path(path), fields_):
                if isinstance(item, IngestError):
                    (warnings if isinstance(item, IngestWarning) else errors).append(str(item))
                elif isinstance(item, (Extraction, Rows)):  # an imported record (ACLED gives its rows)
                    done.append(item)
                elif item.id not in seen:
                    seen.add(item.id)
                    yield item

    for chunk in chunks(articles(), CHUNK_SIZE):
        for result in extract_chunk(pipeline, chunk):
            if isinstance(result, IngestError):
                errors.append(str(result))
            else:
                done.append(result)
                extracted += 1
        if len(done) >= ROWS_PER_FILE:
            _write(done, Path(folder), f"part-{number:05d}-{written:04d}")
            done, written = [], written + 1
    if done or not written:
        _write(done, Path(folder), f"part-{number:05d}-{written:04d}")
    return {"extracted": extracted, "errors": errors, "warnings": warnings}


def _rows(path: Path, record_type: type) -> list:
    """The records of one Parquet file. A column the record no longer has (tables written by an earlier
    version: a mention's sentence index) is left out; one it has gained takes its default."""
    names = {f.name for f in fields(record_type)}
    records = []
    for row in pq.read_table(path).to_pylist():
        for column in DATE_COLUMNS & row.keys():
            row[column] = date.fromisoformat(row[column]) if row[column] else None
        records.append(record_type(**{name: value for name, value in row.items() if name in names}))
    return records


def load_parquet(
    folder: str | Path, store: Store, report: ClusterReport | None = None, defer_indexes: bool | None = None
) -> ClusterReport:
    """Store every partition written under `folder`, one part file at a time (memory stays flat). Tables
    at least as large as the store build its indexes at the end, as a large import does (`defer_indexes`;
    by default when `defers_indexes` says so)."""
    report = report or ClusterReport()
    folder = Path(folder)
    defer = defers_indexes(folder, store) if defer_indexes is None else defer_indexes
    deferring = store.deferring_indexes() if defer else nullcontext()
    with store.writing(), deferring:  # one connection and page cache for all the parts
        for part in sorted((folder / "articles").glob("*.parquet")):
            by_article: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
            for table in ("mentions", "events"):
                for record in _rows(folder / table / part.name, TABLES[table]):
                    by_article[record.article_id][table].append(record)
            actors = {actor.id: actor for actor in _rows(folder / "actors" / part.name, Actor)}
            extractions = []
            for article in _rows(part, Article):
                found = by_article.get(article.id, {})
                events = found.get("events", [])
                # Actors are shared across articles: an article takes those its events name.
                named = {event.source_actor for event in events} | {event.target_actor for event in events}
                extractions.append(
                    Extraction(
                        article,
                        found.get("mentions", []),
                        [actors[actor_id] for actor_id in sorted(named - {None}) if actor_id in actors],
                        events,
                    )
                )
            for new in store.add_many(extractions, replace=False):
                report.added += new
                report.duplicates += not new
    return report


def defers_indexes(folder: Path, store: Store) -> bool:
    """`pipeline.defers_indexes` for the Parquet tables under `folder`: their events (Parquet's metadata
    counts them) are at least DEFER_INDEXES_ROWS and at least the store's."""
    events = sum(pq.ParquetFile(path).metadata.num_rows for path in (folder / "events").glob("*.parquet"))
    return pipeline.worth_deferring(events, store)


def ingest_on_dask(
    paths: list[str | Path],
    store: Store | None,
    parquet: str | Path,
    workers: int = 2,
    scheduler: str | None = None,
    fields_: Fields | None = None,
    events: bool = True,
    progress: bool = False,
    pipeline_factory: PipelineFactory | None = None,
) -> ClusterReport:
    """Extract on Dask (a local cluster of `workers` processes, or the scheduler at `scheduler`), write
    Parquet under `parquet`, then load it into `store` (skipped when `store` is None).

    Each worker builds its pipeline with `pipeline_factory`, which must pickle (a top-level function or
    class, or a `functools.partial` of one); by default `default_pipeline(events)`."""
    factory = pickled(pipeline_factory or default_pipeline(events), "the pipeline factory")
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise RuntimeError('the Dask engine needs the cluster extra: pip install -e ".[cluster]"') from error
    from tqdm import tqdm

    files = list(iter_input_files(paths))
    groups = partition(files, count=max(1, workers) * 4)
    parquet = Path(parquet).resolve()
    report = ClusterReport()
    with ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))  # closed before the cluster: exits run in reverse
        tasks = [
            client.submit(extract_partition, number, [str(p) for p in group], str(parquet), factory, fields_)
            for number, group in enumerate(groups)
        ]
        for task in tqdm(as_completed(tasks), total=len(tasks), unit="partition", disable=not progress):
            result = task.result()
            report.extracted += result["extracted"]
            report.errors += result["errors"]
            report.warnings += result["warnings"]
        tasks = task = None  # release the results before the cluster shuts down
    if store is not None:
        load_parquet(parquet, store, report)
    return report
