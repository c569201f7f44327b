"""Extraction on several cores.

Articles go to worker processes in chunks and come back in input order. Only a few chunks per worker are
in flight at any time, so memory stays flat however large the corpus is. Each worker builds the pipeline
it was given once, from a picklable factory: the default one loads its gazetteer and parser model in the
worker rather than receive them pickled.
"""

from __future__ import annotations

import gc
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from itertools import islice

from dashboard.ingest import IngestError
from dashboard.model import Article, Extraction

CHUNK_SIZE = 8  # articles per task: large enough to amortise pickling, small enough to balance the cores
IN_FLIGHT_PER_WORKER = 4

_worker_pipeline = None  # the pipeline of this worker process, built by _start_worker


def extract_chunk(pipeline, articles: list[Article]) -> list[Extraction | IngestError]:
    """The extractions of a few articles, batched (`pipeline.many`). If the batch fails, each article is
    retried alone, so a failure on odd input is reported for that article and the others are kept."""
    try:
        return pipeline.many(articles)
    except Exception:  # noqa: BLE001 - find the article at fault below
        return [extract_safely(pipeline, article) for article in articles]


def extract_safely(pipeline: Callable[[Article], Extraction], article: Article) -> Extraction | IngestError:
    """One article's extraction; an unexpected failure on odd input is reported, not fatal to the batch."""
    try:
        return pipeline(article)
    except Exception as error:  # noqa: BLE001 - any bug on one article must not lose the others
        where = article.source or article.title or article.id
        return IngestError(
            where, f"extraction failed for article {article.id}: {type(error).__name__}: {error}"
        )


def build_frozen(factory: Callable):
    """`factory()` (a pipeline) built with the garbage collector paused, then frozen.

    The build allocates some 700k long-lived objects (gazetteer, lexicons) and next to no garbage, and
    each full collection meanwhile traversed the whole growing heap (a third of the build's CPU). Frozen,
    they are skipped by the collections during extraction too (a full one: 0.2 -> 0.01 s). For processes
    that exist to extract: the freeze is process-wide.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return factory()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def picklable_factory(factory: Callable) -> Callable:
    """`factory`, once it is known to pickle. Forked workers would inherit even a lambda, but spawned
    ones (macOS, Windows, Dask) are sent it pickled: checked here, it fails alike everywhere, and early."""
    pickled(factory, "the pipeline factory")
    return factory


def sent_whole(pipeline) -> Callable:
    """A factory that gives each worker a copy of `pipeline`, pickled once here. A pipeline that does not
    pickle (a stage that is a lambda or a local function) is refused, never replaced by the default."""
    return partial(pickle.loads, pickled(pipeline, "the pipeline"))  # our own bytes, never input


def pickled(value, what: str) -> bytes:
    """`value` pickled, or a TypeError that names `what` and says what to pass instead."""
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001 - whatever stops pickling stops sending to workers
        raise TypeError(
            f"{what} cannot be sent to worker processes: it does not pickle ({type(error).__name__}: "
            f"{error}). Pass pipeline_factory=, a top-level function or class (or a functools.partial "
            "of one) that builds the pipeline in each worker, or use one worker."
        ) from error


def _start_worker(factory: Callable) -> None:
    global _worker_pipeline
    _worker_pipeline = build_frozen(factory)


def _extract_chunk(articles: list[Article]) -> list[Extraction | IngestError]:
    return extract_chunk(_worker_pipeline, articles)


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
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
        for chunk in chunks(articles, chunk_size):
            pending.append(pool.submit(_extract_chunk, chunk))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
