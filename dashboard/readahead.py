"""Reading input files in a process of their own, while the ingesting process stores what was read.

An import (GDELT, ACLED) is parsing and building records on one side and writing them to the store on the
other, each about half of the time: with two cores, a reader process does the first while the ingesting
process does the second. Items come back in the order `read_file` gives them, a chunk at a time, with
END_OF_FILE after each file's; only a few chunks are in flight, so memory stays flat however large the
input. The reader sends what it read, pickled, and an imported Extraction as the store's rows
(`store.Rows`), as a plain tuple: plain tuples unpickle in a third of the time the records take, and in
half of the time the named tuple takes. A value the reader shares between rows (an ACLED actor's row, a
date, a place id) is pickled once per chunk.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterable, Iterator
from pathlib import Path

from dashboard.ingest import IngestError, read_file
from dashboard.ingest.fields import Fields
from dashboard.model import Article, Extraction
from dashboard.store import Rows

END_OF_FILE = "end of file"  # between one file's items and the next file's (an item is never a string)
CHUNK_ITEMS = 500  # items per message: large enough to amortise the pipe, small enough to start soon
# Chunks read ahead at most: more than a write batch of imports (`pipeline._BatchWriter`), so that the reader
# goes on while a batch is written.
IN_FLIGHT = 64


def read_ahead(
    files: Iterable[Path], fields: Fields | None = None
) -> Iterator[Article | Rows | IngestError | str]:
    """What `read_file` gives for each file (Extractions as their Rows), read in another process, then
    END_OF_FILE, file after file."""
    context = multiprocessing.get_context()
    chunks = context.Queue(maxsize=IN_FLIGHT)
    reader = context.Process(target=_read, args=(list(files), fields, chunks), daemon=True)
    reader.start()
    try:
        while (chunk := _next_chunk(chunks, reader)) is not None:
            yield from (Rows._make(item) if type(item) is tuple else item for item in chunk)
    finally:
        if reader.is_alive():  # the consumer stopped early (an error, an interrupt)
            reader.terminate()
        reader.join()
        chunks.close()


def _next_chunk(chunks: multiprocessing.Queue, reader) -> list | None:
    while True:
        try:
            chunk = chunks.get(timeout=1.0)
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
                    chunks.put(chunk)
                    chunk = []
            chunk.append(END_OF_FILE)
            chunks.put(chunk)
        chunks.put(None)
    except BaseException as error:  # noqa: BLE001 - a bug while reading: raised in the ingesting process
        chunks.put(RuntimeError(f"reading the input failed: {type(error).__name__}: {error}"))
