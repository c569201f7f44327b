"""Plain text / Markdown and JSON Lines readers, and the registry that picks one by file suffix."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from dashboard.ingest.errors import IngestError
from dashboard.ingest.fields import make_article
from dashboard.model import Article

MAX_FILE_BYTES = 20 * 1024 * 1024


def _read_text(path: Path) -> str:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise IngestError(path, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise IngestError(path, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise IngestError(path, "not valid UTF-8 text", line=line) from None


def read_plain_text(path: Path) -> Iterator[Article]:
    """One article per file; its first non-empty line is the title."""
    text = _read_text(path)
    if not text.strip():
        raise IngestError(path, "empty file")
    title = next(line for line in text.splitlines() if line.strip()).lstrip("# ").strip()
    yield make_article(text, title=title, source=path.name)


def read_json_lines(path: Path) -> Iterator[Article | IngestError]:
    """One article per line: {"text", "title"?, "published"?, "url"?, "source"?}.

    A bad line is yielded as an IngestError naming its line number, and the next lines are still read.
    """
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield IngestError(path, f"invalid JSON ({error.msg})", line=number)
            continue
        if (
            not isinstance(record, dict)
            or not isinstance(record.get("text"), str)
            or not record["text"].strip()
        ):
            yield IngestError(path, 'expected an object with a non-empty "text" string', line=number)
            continue
        yield make_article(
            record["text"],
            title=str(record.get("title") or ""),
            url=str(record.get("url") or ""),
            source=str(record.get("source") or path.name),
            published=record.get("published") or record.get("date"),
        )


READERS: dict[str, Callable[[Path], Iterable[Article | IngestError]]] = {
    ".txt": read_plain_text,
    ".md": read_plain_text,
    ".jsonl": read_json_lines,
}


def read_file(path: Path) -> Iterator[Article | IngestError]:
    """Articles from one file, with bad items as IngestErrors in their place; never raises for bad input."""
    reader = READERS.get(path.suffix.lower())
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


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The given files, and the readable files inside the given folders (recursively, sorted)."""
    for given in map(Path, paths):
        if given.is_dir():
            yield from sorted(p for p in given.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
        else:
            yield given
