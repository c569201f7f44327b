"""The `--parquet` app mode at scale: a SQLite store's records as the Dask path's Parquet tables, and the
app's queries timed on them (`dashboard.parquet_store.ParquetStore`) beside the same store in SQLite.

    PYTHONPATH=. python benchmarks/parquet_app.py make /work/stores/gdelt-1m.db /tmp/gdelt-1m.parquet
    PYTHONPATH=. python benchmarks/parquet_app.py time /tmp/gdelt-1m.parquet --in-place --db gdelt-1m.db

`make` writes the store's articles, mentions, actors and events as `cluster.py` lays them out
(`DIR/{articles,mentions,actors,events}/part-NNNNN-0000.parquet`, 2,000 articles a part, its schema); with
`--duplicates 0.05` a twentieth of the articles are written again in a later part with their records, as
when one article was in two partitions' files. `time` opens the tables (copied into memory, as the store
does below its `LOAD_UNDER_MB`; with --in-place also read from the files) and runs what the app reads, in
a fresh process (cold: that process's first read; the OS page cache is warm), then twice more (warm: the
best), wall and CPU:
the first view (event dates, map, timeline, count), a filter change (one type, a week), a place click
(the busiest city's panel), a text search and an actor filter (map, timeline and count with a query,
with part of the busiest actor's name).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import time
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.cluster import ROWS_PER_FILE, TABLES, _schema


def _columns(record_type) -> str:
    return ", ".join(f'"{f.name}"' for f in fields(record_type))


def _write_part(db: sqlite3.Connection, out: Path, name: str, ids: list[str]) -> None:
    """One part: the articles `ids` and their mentions, events and the actors those events name."""
    db.execute("DELETE FROM part")
    db.executemany("INSERT INTO part VALUES (?)", [(i,) for i in ids])
    where = {
        "articles": "id IN (SELECT id FROM part)",
        "mentions": "article_id IN (SELECT id FROM part)",
        "events": "article_id IN (SELECT id FROM part)",
        "actors": "id IN (SELECT source_actor FROM events WHERE article_id IN (SELECT id FROM part))"
        " OR id IN (SELECT target_actor FROM events WHERE article_id IN (SELECT id FROM part))",
    }
    for table, record_type in TABLES.items():
        rows = db.execute(f"SELECT {_columns(record_type)} FROM {table} WHERE {where[table]}")
        names = [f.name for f in fields(record_type)]
        columns = list(zip(*rows.fetchall(), strict=True)) or [() for _ in names]
        data = {column: list(values) for column, values in zip(names, columns, strict=True)}
        (out / table).mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(data, schema=_schema(record_type)), out / table / f"{name}.parquet")


def make(db_path: Path, out: Path, duplicates: float, seed: int = 23) -> None:
    if out.exists():
        raise SystemExit(f"{out} exists: remove it or name another folder")
    started = time.perf_counter()
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    db.execute("CREATE TEMP TABLE part (id TEXT)")
    ids = [row[0] for row in db.execute("SELECT id FROM articles ORDER BY rowid")]
    parts = [ids[i : i + ROWS_PER_FILE] for i in range(0, len(ids), ROWS_PER_FILE)]
    rng = random.Random(seed)
    again = rng.sample(range(len(ids)), int(len(ids) * duplicates))
    twice = 0
    for number, part in enumerate(parts):
        # An article again in a later part (its part, plus one to three), with all its records.
        extra = [ids[i] for i in again if (i // ROWS_PER_FILE) + 1 + i % 3 == number]
        _write_part(db, out, f"part-{number:05d}-0000", part + extra)
        twice += len(extra)
    size = sum(p.stat().st_size for p in out.rglob("*.parquet")) / 1e6
    print(
        f"{len(ids):,} articles ({twice:,} twice) in {len(parts)} parts, {size:.0f} MB, in "
        f"{time.perf_counter() - started:.0f} s: {out}"
    )


# -- timing ------------------------------------------------------------------------------------------------
IN_PLACE = "#in-place"  # after a Parquet folder's name: read the tables from the files, not in memory


def _open(path: str):
    if path.endswith(".db"):
        from dashboard.store import Store

        return Store(path)
    from dashboard.parquet_store import ParquetStore

    if path.endswith(IN_PLACE):
        return ParquetStore(path.removesuffix(IN_PLACE), load_under_mb=0)
    return ParquetStore(path)


def _busiest(store, gazetteer) -> tuple[str, tuple[date, date], str, str]:
    """The city (else state) with most events, a week in the middle of the events' dates, the commonest
    type, and the start of the name of the actor most events name."""
    with store.read() as db:
        places = db.execute(
            "SELECT place_id FROM events WHERE place_id IS NOT NULL GROUP BY place_id ORDER BY count(*) DESC"
            " LIMIT 200"
        ).fetchall()
        kind = db.execute("SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 1").fetchone()
        actor = db.execute(
            "SELECT name FROM actors WHERE id = (SELECT source_actor FROM events"
            " WHERE source_actor IS NOT NULL"
            " GROUP BY source_actor ORDER BY count(*) DESC LIMIT 1)"
        ).fetchone()
    kinds = {p: place.kind for (p,) in places if (place := gazetteer.place(p)) is not None}
    city = next((p for p, kind in kinds.items() if kind == "city"), None)  # the generated store has none
    city = city or next(p for p, kind in kinds.items() if kind != "country")
    first, last = _dates(store)
    middle = first + (last - first) / 2
    return city, (middle - timedelta(days=3), middle + timedelta(days=3)), kind[0], actor[0][:5]


def _dates(store):
    from dashboard import queries

    return queries.event_dates(store)


SEARCH = "police"
STEPS = ("first view", "filter change", "place click", "search", "actor filter")


def steps(store, gazetteer) -> dict:
    """What the app reads for each user action (`views/cached.py`), as one call each."""
    from dashboard import queries
    from dashboard.geo import files
    from dashboard.selection import Selection
    from dashboard.views.cached import _actor_names

    city, (since, until), kind, actor = _busiest(store, gazetteer)
    plain = Selection()
    shaped = set(files.country_shapes()["iso3"])

    def view(selection):
        counts = queries.mentioned_points(store, gazetteer, shaped, selection)
        at, pairs = queries.map_events(store, gazetteer, selection, 3)
        _actor_names(store, at)
        whole = selection.replace(since=None, until=None, undated=True)
        queries.timeline(store, gazetteer, whole, window=(selection.since, selection.until))
        return counts, queries.event_count(store, gazetteer, selection)

    def first_view():
        queries.event_dates(store)
        return view(plain)

    return {
        "first view": first_view,
        "filter change": lambda: view(plain.replace(types=(kind,), since=since, until=until)),
        "place click": lambda: queries.place_report(store, gazetteer, city, plain),
        "search": lambda: view(plain.replace(query=SEARCH)),
        "actor filter": lambda: view(plain.replace(actor=actor)),
    }


def one(path: str, step: str, repeat: int) -> dict:
    from dashboard.geo import load_gazetteer

    gazetteer = load_gazetteer()
    wall, cpu = time.perf_counter(), time.process_time()
    store = _open(path)
    opened = (time.perf_counter() - wall, time.process_time() - cpu)
    call = steps(store, gazetteer)[step]
    times = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"opened": opened, "times": times, "peak_mb": peak}


def time_all(paths: list[str], repeat: int) -> None:
    print("| store | action | open s (cpu) | cold s (cpu) | warm s (cpu) | peak MB |")
    print("|---|---|---|---|---|---|")
    for path in paths:
        for step in STEPS:
            out = subprocess.run(
                [sys.executable, __file__, "one", path, step, str(repeat)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            found = json.loads(out.stdout.splitlines()[-1])
            (cold, cold_cpu), *rest = found["times"]
            warm, warm_cpu = min(rest) if rest else (cold, cold_cpu)
            opened, opened_cpu = found["opened"]
            kind = "Parquet, in place" if IN_PLACE in path else "Parquet, in memory"
            kind = "SQLite" if path.endswith(".db") else kind
            print(
                f"| {kind} | {step} | {opened:.2f} ({opened_cpu:.2f}) | {cold:.2f} ({cold_cpu:.2f}) "
                f"| {warm:.2f} ({warm_cpu:.2f}) | {found['peak_mb']:.0f} |",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    made = sub.add_parser("make", help="a SQLite store's records as the Dask path's Parquet tables")
    made.add_argument("db", type=Path)
    made.add_argument("out", type=Path)
    made.add_argument("--duplicates", type=float, default=0.05, help="share of articles written twice")
    timed = sub.add_parser("time", help="the app's reads on the Parquet tables (and a SQLite store)")
    timed.add_argument("parquet")
    timed.add_argument("--db", help="the same records as a SQLite store, timed too")
    timed.add_argument("--repeat", type=int, default=3)
    timed.add_argument("--in-place", action="store_true", help="also read the tables from the files")
    single = sub.add_parser("one")
    single.add_argument("path")
    single.add_argument("step")
    single.add_argument("repeat", type=int)
    args = parser.parse_args()
    if args.command == "make":
        make(args.db, args.out, args.duplicates)
    elif args.command == "time":
        paths = [args.parquet] + ([args.parquet + IN_PLACE] if args.in_place else [])
        time_all(paths + ([args.db] if args.db else []), args.repeat)
    else:
        print(json.dumps(one(args.path, args.step, args.repeat)))


if __name__ == "__main__":
    main()
