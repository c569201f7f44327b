"""Event-coding benchmark: main-event type accuracy, actor countries and sentences/s on the dev gold sets.

Run from the project root:

    python benchmarks/events.py                  # both sets
    python benchmarks/events.py --repeat 3       # steadier sentences/s

Gold sets: ../shared/data/events-dev/{plv_hu2024,plover_gsr}.jsonl; scorer: ../shared/tools/score_events.py
(imported, not copied). Each gold item is one sentence whose first predicted event is its main event.
"load s" is the time to build the pipeline (gazetteer, parser model, lexicon) and one warm-up call.
"""

from __future__ import annotations

import argparse
import sys
import time

from common import SHARED, load_scorer

from dashboard.ingest.fields import make_article
from dashboard.nlp.events import event_record
from dashboard.pipeline import Pipeline

DATA = SHARED / "data" / "events-dev"
SCORER = SHARED / "tools" / "score_events.py"
SETS = ("plv_hu2024", "plover_gsr")


def predict(pipeline: Pipeline, item: dict) -> dict:
    extraction = pipeline(make_article(item["text"]))
    actors = {actor.id: actor for actor in extraction.actors}
    gazetteer = pipeline.geoparser.gazetteer
    return {"id": item["id"], "events": [event_record(e, actors, gazetteer) for e in extraction.events]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, action="append", help="which gold set (default: both)")
    parser.add_argument("--repeat", type=int, default=1, help="process each set N times for sentences/s")
    args = parser.parse_args(argv)
    if not DATA.is_dir() or not SCORER.exists():
        print(f"dev data or scorer not found under {DATA.parent.parent}; nothing to measure")
        return 0
    scorer = load_scorer("score_events")
    started = time.perf_counter()
    pipeline = Pipeline()
    pipeline(make_article("Warm-up: Kenya and Ethiopia signed an agreement in Nairobi."))
    print(f"load s: {time.perf_counter() - started:.2f}")
    print(
        "| set | items | type acc | macro-F1 | coverage | source | target | source country | target country"
        " | sent/s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.set or SETS:
        gold = scorer.read_jsonl(DATA / f"{name}.jsonl")
        started = time.perf_counter()
        for _ in range(args.repeat):
            predictions = [predict(pipeline, item) for item in gold]
        rate = len(gold) * args.repeat / (time.perf_counter() - started)
        result = scorer.score(gold, predictions)
        actors = result["actors"]
        cells = [
            name,
            result["items"],
            result["type"]["accuracy"],
            result["type"]["macro_f1"],
            result["coverage"],
            *(actors[k]["accuracy"] for k in ("source", "target", "source_country", "target_country")),
            f"{rate:.0f}",
        ]
        print("| " + " | ".join(str(c) for c in cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
