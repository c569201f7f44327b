"""Command line: `python -m dashboard COMMAND --help`.

A thin router over plain functions in `dashboard.pipeline`, `dashboard.store` and the app.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import signal
import subprocess
import sys
from pathlib import Path

from dashboard.store import DEFAULT_DB

LOCAL_HOST = "127.0.0.1"  # the map listens on this machine only unless `--host` says otherwise

PROJECT_ROOT = Path(__file__).resolve().parents[1]
APP = Path(__file__).resolve().parent / "app.py"
DEMO_CORPUS = Path(__file__).resolve().parent / "demo" / "corpus.jsonl"
DEFAULT_WORKERS = max(
    1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
)


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=DEFAULT_DB,
        help=f"SQLite store to write and read (default: {DEFAULT_DB}; or set NEWSMAP_DB)",
    )


def _ingest(paths: list[Path], db: Path, quiet: bool = False, workers: int = 1, fields=None) -> int:
    from dashboard.pipeline import ingest
    from dashboard.store import Store

    # What is loaded by now (modules and their tables) lasts as long as the process: frozen, it is skipped
    # by the garbage collector's full passes, which took 0.1 s each, three per 1,000 articles.
    gc.freeze()
    report = ingest(
        paths, Store(db), progress=not quiet and sys.stderr.isatty(), workers=workers, fields=fields
    )
    _print_problems(report)
    if not quiet:
        print(f"{report.summary()} -> {db}")
    return 1 if report.errors else 0  # the good items are stored either way; warnings do not fail a run


def _print_problems(report) -> None:
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _ingest_on_dask(args: argparse.Namespace, fields) -> int:
    from dashboard.cluster import ingest_on_dask
    from dashboard.store import Store

    parquet = args.parquet or args.db.with_name(args.db.name + ".parquet")
    try:
        report = ingest_on_dask(
            args.paths,
            None if args.parquet_only else Store(args.db),
            parquet,
            workers=args.workers,
            scheduler=args.scheduler,
            fields_=fields,
            progress=sys.stderr.isatty(),
        )
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    _print_problems(report)
    print(f"{report.summary()} -> {parquet}" + ("" if args.parquet_only else f" and {args.db}"))
    return 1 if report.errors else 0


def _run_app(db: Path, port: int, parquet: Path | None = None, host: str = LOCAL_HOST) -> int:
    """Start the app on the SQLite store `db`, or, with `parquet`, on a cluster run's Parquet tables,
    listening on `host` only."""
    env = {**os.environ, "NEWSMAP_DB": str(db.resolve())}
    env.pop("NEWSMAP_PARQUET", None)
    if parquet is not None:
        from dashboard.parquet_store import NoTables, table_files

        try:
            table_files(parquet)
        except NoTables as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        if importlib.util.find_spec("duckdb") is None:
            print('error: reading Parquet tables needs the cluster extra: pip install -e ".[cluster]"',
                  file=sys.stderr)  # fmt: skip
            return 2
        env["NEWSMAP_PARQUET"] = str(parquet.resolve())
    command = [
        sys.executable, "-m", "dashboard.serve", str(APP),  # `streamlit run`, without a 40 ms stall
        "--server.address", host, "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    opened = f"Parquet tables: {parquet}, read-only" if parquet is not None else f"store: {db}"
    shown = "localhost" if host == LOCAL_HOST else host
    print(f"News map on http://{shown}:{port} ({opened}); Ctrl+C stops it.")
    if host != LOCAL_HOST:
        print(
            f"warning: listening on {host}: whoever reaches this address can read the store", file=sys.stderr
        )
    return _serve(command, env)


def _serve(command: list[str], env: dict[str, str]) -> int:
    """Run the server as a child until it ends, or until this process is told to stop (Ctrl+C, SIGTERM
    from a service manager or `kill`): the child is then stopped too, so the port is free again."""
    server = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT)

    def stop(signum, frame) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()  # Ctrl+C reached it too, from the terminal; SIGTERM did not
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


def command_ingest(args: argparse.Namespace) -> int:
    from dashboard.ingest.fields import Fields

    parts = ("text", "title", "date", "url", "source", "id")
    names = {part: getattr(args, f"{part}_field") for part in parts}
    fields = Fields(**{part: name for part, name in names.items() if name})
    if args.engine == "dask":
        return _ingest_on_dask(args, fields)
    return _ingest(args.paths, args.db, workers=args.workers, fields=fields)


def command_app(args: argparse.Namespace) -> int:
    return _run_app(args.db, args.port, args.parquet, args.host)


def command_demo(args: argparse.Namespace) -> int:
    status = _ingest([DEMO_CORPUS], args.db)
    if status or args.no_app:
        return status
    return _run_app(args.db, args.port, host=args.host)


def command_geoparse(args: argparse.Namespace) -> int:
    from dashboard.nlp.geoparse import GazetteerGeoparser, toponym_record
    from dashboard.streams import map_jsonl

    geoparser = GazetteerGeoparser()

    def process(record: dict) -> dict:
        mentions = geoparser(record["text"], str(record["id"]))
        return {"id": record["id"], "toponyms": [toponym_record(m, geoparser.gazetteer) for m in mentions]}

    report = map_jsonl(str(args.input), str(args.output), process)
    print(report.summary(), file=sys.stderr)
    return 1 if report.failed else 0


def command_code_events(args: argparse.Namespace) -> int:
    from dashboard.ingest.fields import make_article
    from dashboard.nlp.events import event_record
    from dashboard.pipeline import Pipeline
    from dashboard.streams import map_jsonl

    pipeline = Pipeline()
    gazetteer = pipeline.geoparser.gazetteer

    def process(record: dict) -> dict:
        article = make_article(record["text"], published=record.get("published"))
        extraction = pipeline(article)
        actors = {actor.id: actor for actor in extraction.actors}
        return {
            "id": record["id"],
            "events": [event_record(e, actors, gazetteer) for e in extraction.events],
            "actors": [
                {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
                 "title": a.title}
                for a in extraction.actors
            ],
        }  # fmt: skip

    report = map_jsonl(str(args.input), str(args.output), process)
    print(report.summary(), file=sys.stderr)
    return 1 if report.failed else 0


def _stream_command(commands, name: str, handler, summary: str, description: str) -> None:
    """A JSON Lines in / JSON Lines out command: same arguments, streams and bad-line behaviour."""
    command = commands.add_parser(
        name,
        help=summary,
        description=description + " Use - for stdin/stdout. A bad line is reported as FILE:LINE and skipped; "
        "progress shows on a terminal.",
    )
    command.add_argument("input", type=Path, metavar="INPUT.jsonl", help="documents to read (- for stdin)")
    command.add_argument(
        "-o", "--output", type=Path, default=Path("-"), help="where to write (default: stdout)"
    )
    command.set_defaults(handler=handler)


def command_export(args: argparse.Namespace) -> int:
    from dashboard.exports import ExportFilter, export_to
    from dashboard.store import Store

    if not args.db.is_file():
        print(f"error: no store at {args.db} (ingest first, or pass --db)", file=sys.stderr)
        return 2
    try:
        filters = ExportFilter(
            since=args.since, until=args.until, undated=args.undated, countries=tuple(args.country),
            types=tuple(args.type), actor=args.actor, query=args.query, main_only=args.main_only,
            min_confidence=args.min_confidence, min_place_confidence=args.min_place_confidence,
        )  # fmt: skip
        report = export_to(Store(args.db), args.format, args.output, filters)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report.summary("stdout" if args.output == "-" else args.output), file=sys.stderr)
    return 0


def _export_command(commands) -> None:
    from dashboard import exports

    def checked(parse, **options):
        def convert(value: str):
            try:
                return parse(value, **options)
            except ValueError as error:
                raise argparse.ArgumentTypeError(str(error)) from None

        return convert

    export = commands.add_parser(
        "export",
        help="write the stored events and places as GeoJSON, CSV or JSON Lines",
        usage="python -m dashboard export --format {geojson,csv,jsonl} [--db FILE] [filters] [-o FILE]",
        description="Write the store's events for other tools. geojson: an RFC 7946 FeatureCollection "
        "(QGIS, kepler.gl, geopandas) with a Point per event at its place and a Point per mentioned place "
        '("feature" says which); events without a place are left out of it, and kept in csv and jsonl. '
        "csv: one row per event, ACLED-like columns; a text cell starting with = + - @ gets a leading ' "
        "so spreadsheets do not run it as a formula. jsonl: one article per line with its mentions, actors "
        "and events. Filters combine with AND; an article is exported when one of its events matches (or, "
        "with only --query, --since and --until, when the article itself matches). A one-line summary "
        "goes to stderr.",
    )
    export.add_argument("--format", required=True, choices=exports.FORMATS, help="output format")
    _db_argument(export)
    export.add_argument(
        "-o", "--output", default="-", metavar="FILE", help="where to write (default/-: stdout)"
    )
    found = export.add_argument_group("filters")
    found.add_argument(
        "--since", type=checked(exports.date_bound), metavar="DATE",
        help="events on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY); articles by published date. An event "
        'dated only to a month, year or decade is selected when all of it is in the window ("2000": with '
        "--since 2000 --until 2000, not --since 2000-03)",
    )  # fmt: skip
    found.add_argument(
        "--until", type=checked(exports.date_bound, end=True), metavar="DATE",
        help="events on or before DATE (a month or year counts to its end)",
    )  # fmt: skip
    found.add_argument(
        "--no-undated", dest="undated", action="store_false",
        help="leave out events with no date (and, where articles count by their own date, articles without "
        "one); they are kept by default, with or without --since and --until",
    )  # fmt: skip
    found.add_argument(
        "--country", action="append", default=[], type=checked(exports.country_code), metavar="ISO3",
        help="events whose source or target country, or whose place's country, is ISO3 (repeatable)",
    )  # fmt: skip
    found.add_argument(
        "--type", action="append", default=[], type=checked(exports.plover_type), metavar="PLOVER",
        help=f"events of this PLOVER type, any case (repeatable): {', '.join(exports.PLOVER_TYPES)}",
    )  # fmt: skip
    found.add_argument(
        "--actor", default="", metavar="TEXT", help="source or target actor name contains TEXT"
    )
    found.add_argument(
        "--query", default="", metavar="TEXT", help="events of the articles matching TEXT (full text)"
    )
    found.add_argument("--main-only", action="store_true", help="only the main event of each sentence")
    found.add_argument(
        "--min-confidence", type=checked(exports.confidence_level), default=exports.DEFAULT_EVENT_CONFIDENCE,
        metavar="N",
        help=f"events at least N confident, 0 to 1 (default: {exports.DEFAULT_EVENT_CONFIDENCE:g}, as the "
        "map: the events a reader can trust; most below it are wrong; 0 exports every event)",
    )  # fmt: skip
    found.add_argument(
        "--min-place-confidence", type=checked(exports.confidence_level),
        default=exports.DEFAULT_PLACE_CONFIDENCE, metavar="N",
        help=f"place mentions at least N confident, 0 to 1 (default: {exports.DEFAULT_PLACE_CONFIDENCE:g}, "
        "as the map; 0 exports every mention)",
    )  # fmt: skip
    export.set_defaults(handler=command_export)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Geopolitical news map: read news, find the places it names, and map them. Offline.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest",
        help="read articles from files or folders, extract places, store them",
        description="Read articles, find the places they mention and store everything. Formats, by suffix: "
        ".txt/.md: one article per file, first line is the title; .jsonl/.ndjson: one object per line; "
        '.json: an array of objects (or an object holding one under "articles", "items", "data"...); '
        ".csv/.tsv: a header row, one article per row (the .csv delimiter is sniffed); .html/.htm: one page, "
        "boilerplate stripped, title/date/address from its metadata; .rss/.atom/.rdf/.xml: one article per "
        "feed entry; *.export.CSV[.zip]: GDELT 2.0 event exports, and .csv files with ACLED's columns: "
        "imported as events as they are (CAMEO and ACLED types mapped to PLOVER). "
        "JSON and table fields are found by name (the --*-field options; a dotted NAME such as "
        "meta.title reaches into nested JSON objects). An article without "
        'a publication date takes its dateline\'s ("RABAT, Nov 25, 2021 (Reuters) -"). Text files must be '
        "UTF-8; HTML and feeds use their declared charset. Folders are read recursively. Re-ingesting the "
        "same article adds nothing. Bad files, lines or items are reported as FILE, FILE:LINE or "
        "FILE:item N, and the rest goes in.",
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders to read")
    _db_argument(ingest)
    ingest.add_argument(
        "--workers",
        type=int,
        default=DEFAULT_WORKERS,
        metavar="N",
        help=f"processes extracting in parallel (default: the {DEFAULT_WORKERS} cores of this machine)",
    )
    for part, default in (
        ("text", '"text", then "body", "content", "article"...'),
        ("title", '"title", then "headline"'),
        ("date", '"published", then "date", "pubDate", "published_at"...'),
        ("url", '"url", then "link"'),
        ("source", '"source", then "publisher"..., else the file name'),
        ("id", '"id", then "article_id", "doc_id", "guid"...; kept as the input_id exports write'),
    ):
        ingest.add_argument(
            f"--{part}-field",
            metavar="NAME",
            help=f"JSON field or CSV column holding the article {part} (default: {default})",
        )
    cluster = ingest.add_argument_group(
        "cluster",
        "The same extraction on Dask, for corpora too big for one machine: input files are split into "
        "partitions, each worker writes Parquet tables (articles, mentions, actors, events), then the "
        'store loads them. Needs the cluster extra: pip install -e ".[cluster]".',
    )
    cluster.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: worker processes on this machine (default); dask: Dask tasks writing Parquet",
    )
    cluster.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="a running Dask scheduler (tcp://host:8786); default: a local cluster of --workers processes",
    )
    cluster.add_argument(
        "--parquet",
        type=Path,
        metavar="DIR",
        help="where the Parquet tables go (default: the store's path + .parquet)",
    )
    cluster.add_argument(
        "--parquet-only", action="store_true", help="write Parquet only, do not load it into the store"
    )
    ingest.set_defaults(handler=command_ingest)

    _stream_command(
        commands,
        "geoparse",
        command_geoparse,
        "find and resolve the places in JSON Lines documents",
        'Read {"id", "text"} objects, one per line (other keys are ignored), and write {"id", "toponyms": '
        '[{"start", "end", "name", "lat", "lon", "geonameid", "country", "place_id", "kind", "role", '
        '"confidence"}]} per document. Offsets are Python character offsets; country is ISO3.',
    )
    _stream_command(
        commands,
        "code-events",
        command_code_events,
        "find the events (PLOVER) and actors in JSON Lines documents",
        'Read {"id", "text"[, "published"]} objects, one per line, and write {"id", "events": [{"type", '
        '"mode", "source_actor", "target_actor", "source_country", "target_country", "location", "date", '
        '"date_precision", "confidence", "evidence": {"start", "end"}}], "actors": [...]} per document, '
        "the main event of each sentence first.",
    )

    _export_command(commands)

    for name, handler, text in (
        ("app", command_app, "start the map (Streamlit) on a store"),
        ("demo", command_demo, "load the bundled demo corpus into the store, then start the map"),
    ):
        sub = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        _db_argument(sub)
        sub.add_argument("--port", type=int, default=8501, help="port to serve on (default: 8501)")
        sub.add_argument(
            "--host",
            default=LOCAL_HOST,
            help=f"address to listen on (default: {LOCAL_HOST}, this machine only; 0.0.0.0 for every "
            "interface: anyone who reaches it can read the store, so serve a team behind a reverse proxy)",
        )
        if name == "demo":
            sub.add_argument(
                "--no-app", action="store_true", help="only load the corpus, do not start the map"
            )
        else:
            sub.add_argument(
                "--parquet",
                type=Path,
                metavar="DIR",
                help="open the Parquet tables an `ingest --engine dask --parquet-only` run wrote in DIR "
                "instead of a store, read-only, without loading them (needs the cluster extra)",
            )
        sub.set_defaults(handler=handler)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)
