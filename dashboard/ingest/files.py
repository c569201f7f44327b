"""Reading an input file's bytes and text, with the checks every reader shares: size, binary, encoding.

Encodings: text formats (.txt, .md, .json, .jsonl, .csv, .tsv) must be UTF-8 (a BOM is fine, and a UTF-16
file with its BOM is read as UTF-16); anything else is reported with the line of the first bad byte rather
than guessed, because a wrong guess on a short text silently stores mojibake and a clear error is fixed with
one `iconv`. HTML and feeds are read as bytes: their parsers honour the declared charset (<meta charset>,
the XML declaration) and guess only when none is declared, as browsers do.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from dashboard.ingest.errors import IngestError

MAX_FILE_BYTES = 20 * 1024 * 1024  # for a file that is one article or one document
MAX_LINE_BYTES = 4 * 1024 * 1024  # for record-per-line files, which may be any size
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; IngestError if it is over MAX_FILE_BYTES or binary (a NUL byte near its start)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise IngestError(path, f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith(_UTF16_BOMS):
        raise IngestError(path, _not_text(data[:4096]))
    return data


def _not_text(head: bytes) -> str:
    """Why a file with NUL bytes in its opening is not read: binary, or UTF-16 without its mark (Latin text in
    UTF-16 has a NUL in every other byte: the second of each pair, or the first when big-endian)."""
    for order, half in (("le", head[1::2]), ("be", head[0::2])):
        if len(half) >= 8 and half.count(0) >= 0.9 * len(half):
            convert = f"iconv -f utf-16{order} -t utf-8"
            return f"UTF-16 text without a byte-order mark (convert it first, e.g. {convert})"
    return "binary file, not text"


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (BOM optional) or BOM-marked UTF-16; IngestError naming the line otherwise."""
    data = read_bytes(path)
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(path, "not valid UTF-16 text (it opens with a UTF-16 mark)") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise IngestError(
            path, "not valid UTF-8 text (convert it first, e.g. iconv -f latin1 -t utf-8)", line=line
        ) from None


def read_lines(path: Path) -> Iterator[tuple[int, str | IngestError]]:
    """(line number, text) for each line of a record-per-line file (JSON Lines, CSV), streamed.

    Such files are collections, so they may be any size: the limit is per line (MAX_LINE_BYTES), and a
    line that is too long or not UTF-8 is an IngestError in its place while the other lines are read.
    A UTF-16 file (rare: spreadsheet exports) is read whole, within MAX_FILE_BYTES.
    """
    with path.open("rb") as handle:
        head = handle.read(4096)
        if head.startswith(_UTF16_BOMS):
            yield from enumerate(read_text(path).splitlines(keepends=True), start=1)
            return
        if b"\x00" in head:
            raise IngestError(path, _not_text(head))
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if len(raw) > MAX_LINE_BYTES:
                problem = f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MB"
                yield number, IngestError(path, problem, line=number)
                continue
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError:
                problem = "not valid UTF-8 text (convert it first, e.g. iconv -f latin1 -t utf-8)"
                yield number, IngestError(path, problem, line=number)


BLOCK_BYTES = 4 * 1024 * 1024  # what `line_blocks` reads at a time


def line_blocks(
    path: Path, handle: BinaryIO, size: int | None = None, max_line: int | None = None
) -> Iterator[tuple[bytes, int] | IngestError]:
    """(bytes, number of its first line) for each run of whole lines of about `size` bytes in `handle`, read
    a block at a time: for record-per-line files read in bulk (GDELT exports). A line over `max_line` bytes is
    an IngestError in its place, and is read past without being held: memory stays within about
    `size` + `max_line` bytes, however large the file."""
    size, max_line = size or BLOCK_BYTES, max_line or MAX_LINE_BYTES
    number, carry, skipping = 1, b"", False
    while chunk := handle.read(size):
        if skipping:  # the rest of a line too long to keep
            end = chunk.find(b"\n")
            if end < 0:
                continue
            chunk, skipping, number = chunk[end + 1 :], False, number + 1
        data = carry + chunk if carry else chunk
        end = data.rfind(b"\n") + 1
        if not end:
            if len(data) > max_line:
                yield IngestError(path, _too_long(max_line), line=number)
                carry, skipping = b"", True
            else:
                carry = data
            continue
        carry = data[end:]
        yield from _bounded(path, data[:end], number, max_line)
        number += data.count(b"\n", 0, end)
        if len(carry) > max_line:
            yield IngestError(path, _too_long(max_line), line=number)
            carry, skipping = b"", True
    if carry and not skipping:
        yield from _bounded(path, carry, number, max_line)


def _bounded(
    path: Path, block: bytes, number: int, max_line: int
) -> Iterator[tuple[bytes, int] | IngestError]:
    """The block, or the runs of lines around its lines over `max_line` bytes and an error for each."""
    if len(block) <= max_line:
        yield block, number
        return
    ends = np.flatnonzero(np.frombuffer(block, np.uint8) == ord("\n")) + 1
    if not len(ends) or ends[-1] != len(block):
        ends = np.append(ends, len(block))
    starts = np.concatenate(([0], ends[:-1]))
    start = 0  # of the run of lines not yet yielded
    for line in np.flatnonzero(ends - starts > max_line).tolist():
        if starts[line] > start:
            yield block[start : starts[line]], number + int(np.searchsorted(ends, start, side="right"))
        yield IngestError(path, _too_long(max_line), line=number + line)
        start = int(ends[line])
    if start < len(block):
        yield block[start:], number + int(np.searchsorted(ends, start, side="right"))


def _too_long(max_line: int) -> str:
    megabytes, rest = divmod(max_line, 1024 * 1024)
    return f"line longer than {megabytes} MB" if not rest else f"line longer than {max_line:,} bytes"
