"""Reads that do not grow with the events: time the map's, timeline's and count's queries on a big store.

    PYTHONPATH=. python benchmarks/read_engines.py make data/big.db --events 1000000
    PYTHONPATH=. python benchmarks/read_engines.py time data/big.db

`make` writes generated records straight into a store (no NLP, no importer): about 10 events per article,
on a few thousand real gazetteer places, dated over a year, all 16 PLOVER types, the confidence mix of a
GDELT-heavy store (GDELT's 0.6, ACLED's 1.0, the coder's own scores), secondary events and countries on
both sides. `time` runs each query the app makes for its first view and for a filter change, in a fresh
process per query for the cold time (the OS page cache stays warm: "cold" is this process's first read),
then again for the warm time, with CPU time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from dashboard.geo import load_gazetteer
from dashboard.model import Actor, Article, Event, Extraction, Mention
from dashboard.plover import TYPES
from dashboard.selection import Selection
from dashboard.store import Store

CODERS = (("GDELT", 0.6, 0.7), ("ACLED", 1.0, 0.1), ("newsmap-coder", None, 0.2))  # name, confidence, share
SCORES = tuple(round(0.3 + 0.05 * i, 2) for i in range(14))  # the coder's scores: 0.30 ... 0.95


def make(path: Path, events: int, per_article: int = 10, seed: int = 1) -> None:
    rng = random.Random(seed)
    gazetteer = load_gazetteer()
    cities = [p for p in gazetteer.places("admin1") if p.country]  # the gazetteer lists states, not cities
    places = rng.sample(cities, min(3000, len(cities))) + gazetteer.places("country")[:200]
    countries = sorted({p.country for p in places if p.country})
    weights = [1 / (i + 1) for i in range(len(places))]  # a few busy places, a long tail
    first = date(2025, 1, 1)
    store = Store(path)
    batch: list[Extraction] = []
    started = time.perf_counter()
    for n in range(events // per_article):
        published = first + timedelta(days=rng.randrange(365))
        article = Article(f"a{n:08d}", f"Story {n}", "A story.", source="Wire", published=published)
        actors = [Actor(f"a{n:08d}-x{i}", f"Actor {rng.randrange(5000)}", "government",
                        rng.choice(countries)) for i in range(3)]  # fmt: skip
        extracted = []
        for i in range(per_article):
            place = rng.choices(places, weights)[0]
            coder, confidence, _ = rng.choices(CODERS, [c[2] for c in CODERS])[0]
            source, target = rng.choice(actors), rng.choice([*actors, None])
            day = None if rng.random() < 0.05 else published - timedelta(days=rng.randrange(3))
            precision = "" if day is None else rng.choice(("day",) * 8 + ("article", "month"))
            if precision == "month":
                day = day.replace(day=1)
            extracted.append(
                Event(f"a{n:08d}-e{i}", article.id, rng.choice(TYPES), source.id, target and target.id,
                      0, 9, source_country=rng.choice((source.country, place.country)),
                      target_country=target.country if target else None, place_id=place.id, date=day,
                      date_precision=precision, confidence=confidence or rng.choice(SCORES),
                      rank=0 if rng.random() < 0.8 else 1, coder=coder)
            )  # fmt: skip
        mentions = [Mention(article.id, i, i + 1, "A", rng.choices(places, weights)[0].id, "literal",
                            round(rng.random(), 2), i, i + 1) for i in range(3)]  # fmt: skip
        batch.append(Extraction(article, mentions, actors, extracted))
        if len(batch) == 2000:
            store.add_many(batch)
            batch = []
    if batch:
        store.add_many(batch)
    print(f"{events} events in {time.perf_counter() - started:.0f} s", file=sys.stderr)


# The first view, and a filter change (types, a date window, every confidence).
SELECTIONS = {
    "first view": Selection(),
    "filter change": Selection(
        types=("ASSAULT", "PROTEST", "COERCE"),
        since=date(2025, 3, 1),
        until=date(2025, 5, 31),
        min_confidence=0,
    ),
    "country filter": Selection(countries=("UKR", "RUS")),
}


def _query(name: str):
    from dashboard import queries

    return {
        "event_map": queries.event_map,  # every event: what the map read before schema 7
        "map_events": queries.map_events,
        "event_count": queries.event_count,
        "timeline": queries.timeline,
        "mention_counts": queries.mention_counts,
    }[name]


def one(path: str, query: str, selection: str, repeat: int) -> dict:
    gazetteer = load_gazetteer()
    store = Store(path)
    function, times = _query(query), []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        function(store, gazetteer, SELECTIONS[selection])
        times.append((time.perf_counter() - wall, time.process_time() - cpu))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"times": times, "peak_mb": peak}


def time_all(path: str, queries: list[str], repeat: int) -> None:
    print("| query | selection | cold s (cpu) | warm s (cpu) | peak MB |\n|---|---|---|---|---|")
    for query in queries:
        for selection in SELECTIONS:
            out = subprocess.run(
                [sys.executable, __file__, "one", path, query, selection, str(repeat)],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            found = json.loads(out.stdout)
            (cold, cold_cpu), *rest = found["times"]
            warm, warm_cpu = min(rest) if rest else (cold, cold_cpu)
            print(f"| {query} | {selection} | {cold:.2f} ({cold_cpu:.2f}) | {warm:.2f} ({warm_cpu:.2f})"
                  f" | {found['peak_mb']:.0f} |", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    made = sub.add_parser("make")
    made.add_argument("path", type=Path)
    made.add_argument("--events", type=int, default=1_000_000)
    timed = sub.add_parser("time")
    timed.add_argument("path")
    timed.add_argument("--queries", default="map_events,event_count,timeline,mention_counts")
    timed.add_argument("--repeat", type=int, default=3)
    single = sub.add_parser("one")
    single.add_argument("path")
    single.add_argument("query")
    single.add_argument("selection")
    single.add_argument("repeat", type=int)
    args = parser.parse_args()
    if args.command == "make":
        make(args.path, args.events)
    elif args.command == "time":
        time_all(args.path, args.queries.split(","), args.repeat)
    else:
        print(json.dumps(one(args.path, args.query, args.selection, args.repeat)))


if __name__ == "__main__":
    main()
