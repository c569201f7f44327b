"""The plain text / Markdown reader, and the registry that picks a reader by file suffix."""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dashboard.ingest.acled import is_acled_header, read_acled
from dashboard.ingest.errors import IngestError
from dashboard.ingest.feeds import looks_like_feed, read_feed
from dashboard.ingest.fields import Fields, article_items, use_fields
from dashboard.ingest.files import MAX_FILE_BYTES
from dashboard.ingest.files import read_text as _read_text
from dashboard.ingest.gdelt import read_gdelt_export, read_gdelt_unsupported
from dashboard.ingest.html import read_html
from dashboard.ingest.jsonfiles import read_json, read_json_lines
from dashboard.ingest.tabular import HEADER_READERS, read_table
from dashboard.model import Article, Extraction

__all__ = ["MAX_FILE_BYTES", "READERS", "iter_input_files", "read_file", "read_json_lines", "read_plain_text"]


def read_plain_text(path: Path) -> Iterator[Article | IngestError]:
    """One article per file; its first non-empty line is the title."""
    text = _read_text(path)
    if not text.strip():
        raise IngestError(path, "empty file")
    title = next(line for line in text.splitlines() if line.strip()).lstrip("# ").strip()
    yield from article_items(path, text, title=title, source=path.name)


READERS: dict[str, Callable[[Path], Iterable[Article | Extraction | IngestError]]] = {
    ".txt": read_plain_text,
    ".md": read_plain_text,
    ".jsonl": read_json_lines,
    ".ndjson": read_json_lines,
    ".json": read_json,
    ".csv": read_table,  # tables with a known header (ACLED) are routed in tabular.HEADER_READERS
    ".tsv": read_table,
    ".html": read_html,
    ".htm": read_html,
    ".rss": read_feed,
    ".atom": read_feed,
    ".rdf": read_feed,
    ".xml": read_feed,  # an .xml that is not a feed is reported as such
}
# Files recognised by how their name ends, before their suffix: GDELT's event exports are tab-separated
# `*.export.CSV` with no header, or the same zipped; its mentions and GKG files are refused by name.
NAMED_READERS: dict[str, Callable[[Path], Iterable[Article | Extraction | IngestError]]] = {
    ".export.csv": read_gdelt_export,
    ".export.csv.zip": read_gdelt_export,
    **dict.fromkeys(
        (".mentions.csv", ".mentions.csv.zip", ".gkg.csv", ".gkg.csv.zip"), read_gdelt_unsupported
    ),
}
# A .csv recognised by its header goes to its own reader: ACLED's exports.
if (is_acled_header, read_acled) not in HEADER_READERS:
    HEADER_READERS.append((is_acled_header, read_acled))


def reader_for(path: Path) -> Callable[[Path], Iterable[Article | Extraction | IngestError]] | None:
    name = path.name.lower()
    named = next((reader for ending, reader in NAMED_READERS.items() if name.endswith(ending)), None)
    return named or READERS.get(path.suffix.lower())


def read_file(path: Path, fields: Fields | None = None) -> Iterator[Article | Extraction | IngestError]:
    """Articles from one file, with bad items as IngestErrors in their place; never raises for bad input.

    `fields` names the text/title/date/url/source fields of JSON and table records (default: those
    in force, see `use_fields`).
    """
    if fields is not None:
        with use_fields(fields):
            yield from read_file(path)
        return
    if special := _special_file(path):
        yield IngestError(path, f"not a regular file ({special}), not read")
        return
    reader = reader_for(path)
    if reader is None:
        yield IngestError(
            path, f"unsupported file type {path.suffix or '(none)'}; known: {', '.join(READERS)}"
        )
        return
    try:
        yield from reader(path)
    except IngestError as error:
        yield error
    except OSError as error:
        yield IngestError(path, error.strerror or str(error))
    except Exception as error:  # noqa: BLE001 - a parser's bug on one odd file must not stop the batch
        yield IngestError(path, f"could not be read ({type(error).__name__}: {error})")


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The given files, and the readable files inside the given folders (recursively, sorted).

    In folders, an .xml file is taken only if it opens like a feed (sitemaps and configs are passed
    over, as files of unknown types are); a file named on the command line is always tried. A named pipe,
    device or socket with a readable name is listed too, to be reported (read_file never opens one).
    """
    for given in map(Path, paths):
        if given.is_dir():
            yield from sorted(p for p in given.rglob("*") if _readable(p))
        else:
            yield given


def _readable(path: Path) -> bool:
    if path.is_dir() or reader_for(path) is None:
        return False
    if _special_file(path):
        return True  # reported, not read
    return path.suffix.lower() != ".xml" or looks_like_feed(path)


_SPECIAL_FILES = {
    stat.S_ISFIFO: "a named pipe", stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device",
    stat.S_ISSOCK: "a socket", stat.S_ISDIR: "a folder",
}  # fmt: skip


def _special_file(path: Path) -> str | None:
    """What `path` is when it is not a regular file: opening a named pipe waits for a writer, and reading
    /dev/zero never ends. None for a regular file, or one that cannot be looked at (its reader says why)."""
    try:
        mode = path.stat().st_mode  # through symbolic links: "news.txt" -> /dev/zero is a device
    except OSError:
        return None
    return next((kind for test, kind in _SPECIAL_FILES.items() if test(mode)), None)
