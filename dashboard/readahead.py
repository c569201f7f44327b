"""Reading input files in processes of their own, while the ingesting process stores what was read.

An import (GDELT, ACLED) is parsing and building records on one side and writing them to the store on the
other: reader processes do the first while the ingesting process does the second. Once a large import
builds its indexes at its end (`Store.deferring_indexes`), parsing takes longer than writing, so a folder's
files are shared among several readers (one file is read by one). Items come back in the order
`read_file` gives them, file after file, a chunk at a time, with END_OF_FILE after each file's; only a few
chunks are in flight, so memory stays flat however large the input. A reader sends what it read,
pickled, and an imported Extraction as the store's rows (`store.Rows`), as a plain tuple: plain tuples
unpickle in a third of the time the records take, and in half of the time the named tuple takes. A value
the reader shares between rows (an ACLED actor's row, a date, a place id) is pickled once per chunk.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
from collections.abc import Iterable, Iterator
from pathlib import Path

from dashboard.ingest import IngestError, read_file
from dashboard.ingest.fields import Fields
from dashboard.model import Article, Extraction
from dashboard.store import Rows

END_OF_FILE = "end of file"  # between one file's items and the next file's (an item is never a string)
# Items per message. A reader pickles each chunk itself and sends bytes: left to the queue's feeder thread,
# pickling contended for the reader's GIL with the reading, and a million ACLED rows spent 17-24 s of the
# reader blocked and 26-35 s of the ingesting process waiting (72 s in all, 51 s so, with 4,000 a chunk;
# 65 s with 500). Small inputs still start at once: a file's last chunk goes when the file ends.
CHUNK_ITEMS = 4_000
# Chunks read ahead at most, all readers together: more than a write batch of imports (100,000 records,
# `pipeline._BatchWriter`: 20,000-35,000 items), so that reading goes on while a batch is written.
IN_FLIGHT = 20


def read_ahead(
    files: Iterable[Path], fields: Fields | None = None, readers: int = 1
) -> Iterator[Article | Rows | IngestError | str]:
    """What `read_file` gives for each file (Extractions as their Rows), read in other processes, then
    END_OF_FILE, file after file, in the files' order.

    With `readers` > 1, that many processes each read every `readers`-th file: a folder of GDELT exports
    is parsed on as many cores (one file is always read by one process)."""
    files = list(files)
    readers = max(1, min(readers, len(files)))
    context = multiprocessing.get_context()
    queues = [context.Queue(maxsize=max(2, IN_FLIGHT // readers)) for _ in range(readers)]
    processes = [
        context.Process(target=_read, args=(files[n::readers], fields, queues[n]), daemon=True)
        for n in range(readers)
    ]
    for process in processes:
        process.start()
    try:
        for n in range(len(files)):  # file n comes from reader n % readers, its chunks up to END_OF_FILE
            chunk = []
            while not chunk or chunk[-1] != END_OF_FILE:
                chunk = _next_chunk(queues[n % readers], processes[n % readers])
                yield from (Rows._make(item) if type(item) is tuple else item for item in chunk)
        for chunks, process in zip(queues, processes, strict=True):  # each reader's end
            _next_chunk(chunks, process)
    finally:
        for process in processes:
            if process.is_alive():  # the consumer stopped early (an error, an interrupt)
                process.terminate()
            process.join()
        for chunks in queues:
            chunks.close()


def _next_chunk(chunks: multiprocessing.Queue, reader) -> list | None:
    while True:
        try:
            chunk = chunks.get(timeout=1.0)
            if type(chunk) is bytes:  # what a reader read (None ends, an exception reports a failure)
                chunk = pickle.loads(chunk)  # noqa: S301 - pickled by our reader, as the queue does itself
        except queue.Empty:
            if not reader.is_alive():
                raise RuntimeError(f"the reader process stopped (exit code {reader.exitcode})") from None
            continue
        if isinstance(chunk, BaseException):
            raise chunk
        return chunk


def _sent(item: Article | Extraction | Rows | IngestError | str):
    """An item as it goes through the pipe: an imported record as the store's rows, and those as a plain
    tuple (a named tuple is rebuilt by calling its class, which takes longer than the rows' values)."""
    if isinstance(item, Extraction):
        item = Rows.of(item)
    return tuple(item) if isinstance(item, Rows) else item


def _read(files: list[Path], fields: Fields | None, chunks: multiprocessing.Queue) -> None:
    try:
        for path in files:
            chunk: list = []
            for item in read_file(path, fields):
                chunk.append(_sent(item))
                if len(chunk) >= CHUNK_ITEMS:
                    chunks.put(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
                    chunk = []
            chunk.append(END_OF_FILE)
            chunks.put(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
        chunks.put(None)
    except BaseException as error:  # noqa: BLE001 - a bug while reading: raised in the ingesting process
        chunks.put(RuntimeError(f"reading the input failed: {type(error).__name__}: {error}"))
