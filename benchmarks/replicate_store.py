"""A store of a GDELT month's size in minutes: COPIES times the records of a store `scale.py` imported.

    PYTHONPATH=. python benchmarks/scale.py --events 1000000 --only import --keep /tmp/gdelt-1m.db
    PYTHONPATH=. python benchmarks/replicate_store.py /tmp/gdelt-1m.db /tmp/gdelt-6.5m.db 7.17
    PYTHONPATH=. python benchmarks/scale.py --skip-import /tmp/gdelt-6.5m.db --only app

Importing 6,500,000 rows takes half an hour or more on two cores (the store's content-hash indexes take
each row at a random place); copying 1,000,000 imported events 7.17 times takes three minutes: the records
are copied in key order into tables without indexes, then the full-text index and the indexes are built
whole. Each copy's article, event and mention ids get the copy's number as a suffix (the first copy keeps
its own), so every copy is new to the store; a fractional last copy takes that share of the articles.

What differs from a real month: the copies repeat the source's places, actors, texts and days, so the
store is 7 times as dense (a month of GDELT at 220,000 events a day is that dense over the 30 days
`scale.py` spreads its files over) but has no more distinct places or actors than the source. The reads
that follow the events (counts, timeline, panels, search) are measured fairly; those that follow the
places (markers, their popups) are as at the source's size. Prints the time of each step; checks nothing.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from common import ROOT  # noqa: F401 - puts the project on the path

from dashboard.store import Store

# Each table's id columns (suffixed in every copy but the first) and the order it is copied in (its
# primary key's: the key's index then grows at its end, not at random places).
COPIED = {
    "articles": ({"id"}, "id"),
    "mentions": ({"article_id"}, 'article_id, start, "end"'),
    "events": ({"id", "article_id"}, "id"),
}


def replicate(source: Path, target: Path, copies: float) -> None:
    started = time.perf_counter()

    def done(step: str) -> None:
        print(f"{step}: {time.perf_counter() - started:.0f} s", flush=True)

    Store(target)  # the current schema, empty
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")  # a scratch store: rebuilt from scratch if this fails
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql NOT NULL"
    ).fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    db.execute("ATTACH ? AS source", (str(source),))
    whole, share = int(copies), copies - int(copies)
    for table, (ids, key) in COPIED.items():
        columns = [row[1] for row in db.execute(f"PRAGMA source.table_info({table})")]
        article = "id" if table == "articles" else "article_id"
        for copy in range(whole + (1 if share else 0)):
            values = ", ".join(f"\"{c}\" || '{copy}'" if c in ids and copy else f'"{c}"' for c in columns)
            # The last, partial copy: the articles whose id (a hash) starts below the share of all ids.
            part = f"WHERE substr({article}, 1, 2) < '{int(256 * share):02x}'" if copy == whole else ""
            names = ", ".join(f'"{c}"' for c in columns)
            db.execute("BEGIN")
            db.execute(
                f"INSERT INTO main.{table} ({names})"
                f" SELECT {values} FROM source.{table} {part} ORDER BY {key}"
            )
            db.execute("COMMIT")
        done(f"{table} copied")
    db.execute("INSERT INTO main.actors SELECT * FROM source.actors")
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    done("full-text index built")
    for name, sql in indexes:
        db.execute(sql)
        done(f"{name} built")
    db.execute("PRAGMA journal_mode=WAL")
    events, articles = (db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("events", "articles"))
    print(f"{events:,} events, {articles:,} articles, {target.stat().st_size / 1e9:.1f} GB: {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a store (scale.py --keep)")
    parser.add_argument("target", type=Path, help="the store to write (must not exist)")
    parser.add_argument("copies", type=float, help="how many times the source's records (1 or more)")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        raise SystemExit(f"no store at {args.source}")
    if args.target.exists():
        raise SystemExit(f"{args.target} exists: remove it or give another target")
    if args.copies < 1:
        raise SystemExit("copies must be 1 or more")
    Store(args.source)  # brought to the current schema, so that both tables have the same columns
    replicate(args.source, args.target, args.copies)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
