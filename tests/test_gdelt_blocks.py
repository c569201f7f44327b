"""GDELT exports read a block at a time (ingest/gdelt_blocks.py) give exactly what reading them line by line
gave: the same Extractions, the same errors at the same lines, and exports of any size are read.

`by_row` below is the reader as it was before blocks: each line parsed on its own (`gdelt.read_line`, the
per-line parser both keep), the file grouped whole by URL, and each mention's sentence found by splitting
the whole article text (`locations.place_mention`). The rows are written here (no third-party rows are
copied); the real sample in ../shared is read where it exists.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import in_store
import pytest
from test_importers import GDELT_LINES, GDELT_SAMPLE, NAIROBI_GEO, actor, gdelt_line

from dashboard.ingest import IngestError, gdelt, read_file
from dashboard.ingest import files as ingest_files
from dashboard.ingest.locations import place_mention
from dashboard.model import Article, Event, Extraction, content_id
from dashboard.pipeline import ingest
from dashboard.store import Store

URL = "https://news.example/edge"
ST_LOUIS = ("4", "St. Louis, Missouri, United States", "US", "USMO", "38.627", "-90.198")
RIYADH = ("4", "Riyadh, Ar Riya?, Saudi Arabia", "SA", "SA10", "24.6408", "46.7728")
EDGE_LINES = [
    *GDELT_LINES,  # a visit, an attack, a public statement (CAMEO 010), a cut line, a bad SQLDATE...
    gdelt_line("2001", "0211", URL, ST_LOUIS, **actor(1, "USAGOV", "U.S. PRESIDENT", "USA", "GOV")),
    gdelt_line("2002", "190", URL, RIYADH, **actor(1, "SAU", "WHY? NOT!", "SAU")),  # sentences end in lines
    gdelt_line("2003", "999", URL, NAIROBI_GEO),  # no such CAMEO code
    gdelt_line("2004", "04A", URL, NAIROBI_GEO),  # not a code at all
    gdelt_line("2005", "042", URL, NAIROBI_GEO, DATEADDED="20240231120000"),  # no 31 February
    gdelt_line("2006", "010", URL, NAIROBI_GEO),  # CAMEO 01: a line of the text, no event
    gdelt_line(" 2007 ", "042", URL, NAIROBI_GEO),  # spaces around the id: read as before
    gdelt_line("２００８", "042", URL, NAIROBI_GEO),  # full-width digits: a GLOBALEVENTID, as before
    gdelt_line("2009", " 042", URL, NAIROBI_GEO, SQLDATE=" 20240301"),  # spaces around code and date
    "",  # a blank line
    "\t" * 60,  # a line of 61 empty fields: blank, skipped
    "\t".join(gdelt_line("2010", "042", URL).split("\t")[:58]),  # GDELT 1.0's 58 columns
    gdelt_line("2011", "042", URL, NAIROBI_GEO) + "\t",  # 62 columns
    gdelt_line("2012", "042", "https://news.example/other", NAIROBI_GEO),
    gdelt_line("2013", "042", URL, ("3", "Springfield, Illinois, United States", "US", "USIL", "40", "-90")),
    gdelt_line("2014", "042", "  https://news.example/other\x07  ", ("1", "Kenya", "KE", "KE", "1", "38")),
]  # fmt: skip


def export(tmp_path: Path, lines: list[str], name: str = "20240302120000.export.CSV") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def zipped(path: Path) -> Path:
    archive = path.with_name(path.name + ".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.write(path, path.name)
    return archive


def by_row(path: Path) -> list[Extraction | IngestError]:
    """The export as the line-by-line reader read it (see the module's docstring)."""
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            data = archive.read(archive.namelist()[0])
    else:
        data = path.read_bytes()
    errors, by_url = [], {}
    for number, raw in enumerate(io.BytesIO(data), start=1):  # lines end at "\n" only, as a file's do
        row = gdelt.read_line(path, raw, number)
        if isinstance(row, IngestError):
            errors.append(row)
        elif row is not None:
            by_url.setdefault(row.url, []).append(row)
    importer = gdelt.Importer(gdelt.load_gazetteer())
    return errors + [
        _extraction(importer, rows[start : start + gdelt.MAX_EVENTS_PER_ARTICLE])
        for rows in by_url.values()
        for start in range(0, len(rows), gdelt.MAX_EVENTS_PER_ARTICLE)
    ]


def _extraction(importer: gdelt.Importer, rows: list[gdelt.Row]) -> Extraction:
    """Importer.extraction as it was before blocks."""
    lines = [importer.line(row) for row in rows]
    url = rows[0].url
    is_web = url.lower().startswith(("http://", "https://"))
    host = (urlsplit(url).hostname or "") if is_web else ""
    article = Article.create(
        text="\n".join(lines),
        title=f"GDELT events from {host or gdelt.clean(url) or 'an unnamed source'}",
        url=url if is_web else "",
        source=gdelt.SOURCE,
        published=rows[0].added,
    )
    actors, events, mentions, offset = {}, [], [], 0
    for row, text in zip(rows, lines, strict=True):
        start, offset = offset, offset + len(text) + 1
        place_id = importer.resolve(row.location) if row.location.level else None
        named_at = start + len(row.day.isoformat()) + 2
        mention = place_mention(article, named_at, row.place_name, place_id, gdelt.IMPORTED_CONFIDENCE)
        mentions += [mention] if mention else []
        what = gdelt.cameo(row.code)
        if what is None or not what.plover:
            continue
        source, target = importer.actor(row.source), importer.actor(row.target)
        actors.update({a.id: a for a in (source, target) if a is not None})
        events.append(
            Event(
                content_id("gdelt", row.event_id), article.id, what.plover, source.id if source else None,
                target.id if target else None, start, start + len(text), what.mode,
                source.country if source else None, target.country if target else None, place_id, row.day,
                "day", gdelt.IMPORTED_CONFIDENCE, coder=gdelt.CODER, input_id=row.event_id,
            )
        )  # fmt: skip
    return Extraction(article, mentions, list(actors.values()), events)


def comparable(items) -> list:
    return [str(item) if isinstance(item, IngestError) else item for item in items]


def test_edge_rows_read_as_line_by_line(tmp_path):
    path = export(tmp_path, EDGE_LINES)
    expected = comparable(by_row(path))
    assert comparable(read_file(path)) == expected
    errors = [item for item in expected if isinstance(item, str)]
    assert [error.split(": ", 1)[0].rsplit(":", 1)[1] for error in errors] == [
        "4", "5", "12", "13", "14", "21", "22",
    ]  # fmt: skip
    # "WHY? NOT!" ends sentences inside its line: that mention's sentence is found by splitting the line.
    article = next(x for x in expected if isinstance(x, Extraction) and "WHY? NOT!" in x.article.text)
    (mention,) = [
        m for m in article.mentions if "GDELT event 2002" in article.article.text[m.start : m.start + 200]
    ]
    sentence = article.article.text[mention.sentence_start : mention.sentence_end]
    assert sentence.startswith("2024-03-01, Riyadh") and sentence.endswith("WHY?")


def test_edge_rows_zipped_read_as_line_by_line(tmp_path):
    archive = zipped(export(tmp_path, EDGE_LINES))
    assert comparable(read_file(archive)) == comparable(by_row(archive))


@pytest.mark.parametrize(
    "odd",
    [
        b"\r\n",  # Windows line ends: the "\r" is stripped, as before
        b"\x85",  # a byte that is not UTF-8: that line is an error, the others are read
        b"\r",  # a carriage return alone: part of its line's last field, as before
    ],
)
def test_odd_bytes_read_as_line_by_line(tmp_path, odd):
    lines = [line.encode() for line in EDGE_LINES[:12]]
    lines[1] += odd
    lines[6] = lines[6].replace(b"Nairobi", b"Nai" + odd + b"robi") if odd != b"\r\n" else lines[6]
    path = tmp_path / "20240302120000.export.CSV"
    path.write_bytes(b"\n".join(lines) + b"\n")
    assert comparable(read_file(path)) == comparable(by_row(path))


def test_blocks_may_end_anywhere(tmp_path, monkeypatch):
    """However the file is cut into blocks (a block ends after a whole line), it reads the same."""
    path = export(tmp_path, EDGE_LINES * 3)
    expected = comparable(by_row(path))
    for size in (1, 97, 500, 4096):
        monkeypatch.setattr(ingest_files, "BLOCK_BYTES", size)
        assert comparable(read_file(path)) == expected


def test_real_sample_reads_as_line_by_line():
    if not GDELT_SAMPLE.is_file():
        pytest.skip("GDELT sample not available (../shared/data/gdelt-sample)")
    assert comparable(read_file(GDELT_SAMPLE)) == comparable(by_row(GDELT_SAMPLE))


def test_a_line_over_the_line_limit_is_one_error_and_the_next_lines_are_read(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_files, "BLOCK_BYTES", 64)
    monkeypatch.setattr(ingest_files, "MAX_LINE_BYTES", 1000)
    long_line = gdelt_line("3001", "042", "https://news.example/" + "y" * 2000, NAIROBI_GEO)
    path = export(tmp_path, [GDELT_LINES[0], long_line, GDELT_LINES[2]])
    items = list(read_file(path))
    (error,) = [item for item in items if isinstance(item, IngestError)]
    assert (error.line, error.reason) == (2, "line longer than 1,000 bytes")
    assert sorted(e.input_id for item in items if isinstance(item, Extraction) for e in item.events) == [
        "1001"
    ]
    assert len([item for item in items if isinstance(item, Extraction)]) == 2  # rows 1 and 3


def test_rows_are_grouped_per_window_of_rows(tmp_path, monkeypatch):
    """Past WINDOW_ROWS rows an export is grouped a window at a time (so memory stays bounded): an article
    never holds rows of two windows, and importing the file again adds nothing."""
    monkeypatch.setattr(gdelt, "WINDOW_ROWS", 2)
    lines = [gdelt_line(str(4000 + n), "042", URL, NAIROBI_GEO) for n in range(5)]
    path = export(tmp_path, lines)
    extractions = [item for item in read_file(path) if isinstance(item, Extraction)]
    assert [[e.input_id for e in x.events] for x in extractions] == [
        ["4000", "4001"],
        ["4002", "4003"],
        ["4004"],
    ]


def test_an_export_larger_than_64_mb_is_read(tmp_path):
    """A GDELT export is a collection of records: one over the former 64 MB limit is streamed (zipped here, so
    the test writes 1 MB to disk)."""
    line = gdelt_line("5000000000", "010", URL) + "\n"  # a public statement without a place: cheap to read
    count = 64 * 1024 * 1024 // len(line) + 1000
    archive = tmp_path / "20240302120000.export.CSV.zip"
    with (
        zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z,
        z.open("20240302120000.export.CSV", "w") as out,
    ):
        for start in range(0, count, 10_000):
            out.write(line.encode() * min(10_000, count - start))
    items = list(read_file(archive))
    assert not [item for item in items if isinstance(item, IngestError)]
    assert sum(item.article.text.count("\n") + 1 for item in items) == count


def test_reimport_in_a_reader_process_adds_nothing(tmp_path, store):
    """`ingest` with workers reads in a process of its own and sends the store rows, not records: the same
    store, and importing again adds nothing."""
    path = export(tmp_path, EDGE_LINES)
    other = Store(tmp_path / "other.db")
    single, parallel = ingest([path], store, workers=1), ingest([path], other, workers=2)
    assert (parallel.added, parallel.first_ids) == (single.added, single.first_ids)
    assert [str(e) for e in parallel.errors] == [str(e) for e in single.errors]
    for table in (in_store.articles, in_store.mentions, in_store.events):
        assert table(other) == table(store)
    again = ingest([path], other, workers=2)
    assert (again.added, again.duplicates, len(in_store.events(other))) == (
        0,
        single.added,
        len(in_store.events(store)),
    )
