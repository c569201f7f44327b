"""GDELT 2.0 export lines parsed a block at a time, as columns: the rows `gdelt.parse_row` makes, faster.

pyarrow's CSV reader splits a block of lines into the columns the product reads. The values that repeat
from row to row (dates, event codes, actors, places, URLs) are each read once per block, by the same
functions `parse_row` calls (dictionary-encoded columns: one Python call per distinct value, not per row).
A row whose values are not plainly well-formed (GLOBALEVENTID not 1-20 ASCII digits, a date or code that
does not parse), a line with the wrong number of fields and a blank line go through `gdelt.read_line`, the
row-by-row parser, which says what is wrong with them; so does a whole block that is not UTF-8 or holds a
carriage return (which pyarrow would take as a line break, and `read_line` keeps as part of the line).
Either way each line gives the Row, IngestError or nothing `read_line` gives it, in line order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv

from dashboard.ingest.errors import IngestError
from dashboard.ingest.gdelt import (
    CODE,
    COLUMNS,
    Row,
    _day,
    action_place,
    cameo,
    coded_actor,
    read_line,
    source_url,
)

EVENT_ID, SQLDATE, CODE_COLUMN, DATEADDED, URL = 0, 1, 26, 59, 60
SOURCE = (5, 6, 7, 12)  # Actor1 Code, Name, CountryCode, Type1Code
TARGET = (15, 16, 17, 22)  # the same of Actor2
PLACE = (51, 52, 53, 54, 56, 57)  # ActionGeo_ Type, FullName, CountryCode, ADM1Code, Lat, Long
USED = sorted({EVENT_ID, SQLDATE, CODE_COLUMN, DATEADDED, URL, *SOURCE, *TARGET, *PLACE})
PLAIN_EVENT_ID = r"^[0-9]{1,20}$"  # what parse_row takes, without the cases that need its checks


def block_rows(path: Path, block: bytes, first_line: int) -> list[Row | IngestError]:
    """The Row or IngestError of each line of `block` (whole lines; the first is line `first_line`), in order;
    blank lines give nothing."""
    count = block.count(b"\n") + (not block.endswith(b"\n"))
    table, skipped = _columns(block)
    if table is None:
        return _by_line(path, block, first_line, range(count))
    parsed = _without(count, skipped)  # the line (0-based) of each row of the table
    if len(parsed) != table.num_rows:
        return _by_line(path, block, first_line, range(count))
    column = {number: table.column(str(number)).combine_chunks() for number in USED}
    days, day_ok = _each_distinct(column[SQLDATE], lambda v: _day(v.strip(), 8, "SQLDATE"))
    added, added_ok = _each_distinct(column[DATEADDED], lambda v: _day(v.strip(), 14, "DATEADDED"))
    codes, code_ok = _each_distinct(column[CODE_COLUMN], _event_code)
    plain = pc.match_substring_regex(column[EVENT_ID], PLAIN_EVENT_ID).to_numpy(zero_copy_only=False)
    fine = plain & day_ok & added_ok & code_ok
    sources, _ = _each_distinct(_joined(column, SOURCE), _actor)
    targets, _ = _each_distinct(_joined(column, TARGET), _actor)
    places, _ = _each_distinct(_joined(column, PLACE), _place)
    urls, _ = _each_distinct(column[URL], source_url)
    rows: list[Row | IngestError | None] = [
        Row(first_line + line, event_id, day, when, source, target, code, place[0], place[1], url) if ok
        else None
        for line, ok, event_id, day, when, source, target, code, place, url in zip(
            parsed, fine.tolist(), column[EVENT_ID].to_pylist(), days, added, sources, targets, codes, places,
            urls, strict=True,
        )
    ]  # fmt: skip
    again = [parsed[i] for i in np.flatnonzero(~fine).tolist()]
    if not again and not skipped:
        return rows
    by_line: list[Row | IngestError | None] = [None] * count
    for line, row in zip(parsed, rows, strict=True):
        by_line[line] = row
    slow = [*again, *skipped]
    for line, row in zip(slow, _by_line(path, block, first_line, slow, keep_blank=True), strict=True):
        by_line[line] = row
    return [row for row in by_line if row is not None]


def _by_line(
    path: Path, block: bytes, first_line: int, lines: Sequence[int], keep_blank: bool = False
) -> list[Row | IngestError | None]:
    """`gdelt.read_line` of the given lines (0-based) of the block; blank ones dropped unless `keep_blank`."""
    raw = block.split(b"\n")
    rows = [read_line(path, raw[line], first_line + line) for line in lines]
    return rows if keep_blank else [row for row in rows if row is not None]


def _without(count: int, skipped: list[int]) -> list[int]:
    if not skipped:
        return list(range(count))
    left_out = set(skipped)
    return [line for line in range(count) if line not in left_out]


def _each_distinct(values: pa.Array, read: Callable[[str], object]) -> tuple[list, np.ndarray]:
    """`read` of each row's value, called once per distinct value, and whether it read (no ValueError)."""
    encoded = pc.dictionary_encode(values)
    results = np.empty(len(encoded.dictionary), dtype=object)
    ok = np.ones(len(encoded.dictionary), dtype=bool)
    for i, value in enumerate(encoded.dictionary.to_pylist()):
        try:
            results[i] = read(value)
        except ValueError:
            ok[i] = False
    indices = encoded.indices.to_numpy()
    return results[indices].tolist(), ok[indices]


def _joined(column: dict[int, pa.Array], numbers: tuple[int, ...]) -> pa.Array:
    """The fields as one text per row, tab-separated (no field holds a tab)."""
    return pc.binary_join_element_wise(*(column[number] for number in numbers), "\t")


def _event_code(value: str) -> str:
    code = value.strip()
    if not CODE.fullmatch(code) or cameo(code) is None:
        raise ValueError(code)
    return code


def _actor(fields: str):
    return coded_actor(*fields.split("\t"))


def _place(fields: str):
    return action_place(*fields.split("\t"))


def _columns(block: bytes) -> tuple[pa.Table | None, list[int]]:
    """The block's used columns, and the lines (1-based within the block) pyarrow skipped for having the
    wrong number of fields; (None, []) when the block must be read line by line."""
    if b"\r" in block:
        return None, []
    try:
        block.decode("utf-8")
    except UnicodeDecodeError:
        return None, []
    skipped: list[int | None] = []

    def skip(row: csv.InvalidRow) -> str:
        skipped.append(row.number)
        return "skip"

    names = [str(number) for number in range(len(COLUMNS))]
    try:
        table = csv.read_csv(
            pa.py_buffer(block),
            read_options=csv.ReadOptions(column_names=names, use_threads=False, block_size=len(block) + 1),
            parse_options=csv.ParseOptions(
                delimiter="\t", quote_char=False, escape_char=False, ignore_empty_lines=False,
                invalid_row_handler=skip,
            ),
            convert_options=csv.ConvertOptions(
                include_columns=[str(n) for n in USED], column_types={str(n): pa.string() for n in USED}
            ),
        )  # fmt: skip
    except pa.ArrowInvalid:
        return None, []
    if None in skipped:
        return None, []
    return table, [number - 1 for number in skipped]
