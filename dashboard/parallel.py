"""Extraction on several cores.

Articles go to worker processes in chunks and come back in input order. Only a few chunks per worker are
in flight at any time, so memory stays flat however large the corpus is. Each worker builds its own
pipeline once (gazetteer and parser model), from a picklable factory.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from dashboard.ingest import IngestError
from dashboard.model import Article, Extraction

CHUNK_SIZE = 8  # articles per task: large enough to amortise pickling, small enough to balance the cores
IN_FLIGHT_PER_WORKER = 4

_worker_pipeline: Callable[[Article], Extraction] | None = None


def extract_safely(pipeline: Callable[[Article], Extraction], article: Article) -> Extraction | IngestError:
    """One article's extraction; an unexpected failure on odd input is reported, not fatal to the batch."""
    try:
        return pipeline(article)
    except Exception as error:  # noqa: BLE001 - any bug on one article must not lose the others
        where = article.source or article.title or article.id
        return IngestError(
            where, f"extraction failed for article {article.id}: {type(error).__name__}: {error}"
        )


def _start_worker(factory: Callable[[], Callable[[Article], Extraction]]) -> None:
    global _worker_pipeline
    _worker_pipeline = factory()


def _extract_chunk(articles: list[Article]) -> list[Extraction | IngestError]:
    return [extract_safely(_worker_pipeline, article) for article in articles]


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(
    articles: Iterable[Article],
    factory: Callable[[], Callable[[Article], Extraction]],
    workers: int,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Extraction | IngestError]:
    """The extraction of each article, in input order, computed by `workers` processes."""
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(factory,)) as pool:
        pending = deque()
        for chunk in _chunks(articles, chunk_size):
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
