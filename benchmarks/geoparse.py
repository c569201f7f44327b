"""Geoparsing benchmark: our gazetteer geoparser vs. the geotext baseline, on the dev gold sets.

Run from the project root:

    python benchmarks/geoparse.py                       # both corpora, both systems
    python benchmarks/geoparse.py --corpus trnews --repeat 5

Gold sets: ../shared/data/geoparse-dev/{geowebnews,trnews}.jsonl; scorer: ../shared/tools/score_geoparse.py
(imported, not copied). "load s" is the time to build each system (gazetteer, geotext index, warm-up);
docs/s times only the text processing, over the corpus replicated --repeat times. Metrics are scored once.
geotext gives no coordinates, so its Acc@161km and median km are shown as "-".
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
import time
from collections import Counter
from functools import partial

from common import SHARED, load_scorer

from dashboard.nlp.geoparse import GazetteerGeoparser as OurGeoparser
from dashboard.nlp.geoparse import toponym_record
from dashboard.nlp.sentences import sentence_spans
from dashboard.selection import Selection

DATA = SHARED / "data" / "geoparse-dev"
SCORER = SHARED / "tools" / "score_geoparse.py"
CORPORA = ("geowebnews", "trnews")


def ours(min_confidence: float = 0.0, mapped: bool = False):
    """Our geoparser as a text -> toponym dicts function (built, and warmed up, inside the load timer),
    keeping the mentions at least `min_confidence` sure, as the map does at its place-confidence minimum;
    `mapped`: only those the pipeline stores (not the places that open an organisation's name)."""
    gp = OurGeoparser()
    gp("Warm-up in Paris.")  # the sentencizer is built lazily on first use

    def kept(mention) -> bool:
        return mention.confidence >= min_confidence and not (mapped and mention.role == "associative")

    return lambda text: [toponym_record(m, gp.gazetteer) for m in gp(text) if kept(m)]


def geotext():
    """geotext 0.4: cities, countries and nationality words; ISO2 countries, no coordinates."""
    GeoText = importlib.import_module("geotext").GeoText  # importing builds the index: count it as load
    index = GeoText.index

    def parse(text: str) -> list[dict]:
        found = GeoText(text)
        pairs = [(n, index.countries[n.lower()]) for n in found.countries]
        pairs += [(n, index.cities[n.lower()]) for n in found.cities]
        pairs += [(n, index.nationalities[n.lower()]) for n in found.nationalities]
        return locate(text, Counter(pairs))

    return parse


def locate(text: str, names: Counter) -> list[dict]:
    """Offsets for (name, ISO2) pairs found n times: their first n word-bounded occurrences, longest
    names first, never inside a span already taken ("York" is not placed inside "New York")."""
    taken: list[tuple[int, int]] = []
    out = []
    for name, country in sorted(names, key=lambda nc: len(nc[0]), reverse=True):
        left = names[name, country]
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            if left == 0:
                break
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append(m.span())
            left -= 1
            out.append({"start": m.start(), "end": m.end(), "name": name, "country": country or None})
    return sorted(out, key=lambda t: t["start"])


SYSTEMS = {"ours": ours, "geotext": geotext}
HEADER = "corpus|system|P|R|F1|exact F1|country acc|Acc@161km|median km|docs/s|load s".split("|")


def run(parse, docs: list[dict], repeat: int) -> tuple[dict, float]:
    """Predictions {id: {"id", "toponyms"}} from the first pass, and docs/s over all passes."""
    preds = {}
    t0 = time.perf_counter()
    for i in range(repeat):
        sentence_spans.cache_clear()  # a repeated text must not find its sentences already split
        for d in docs:
            toponyms = parse(d["text"])
            if i == 0:
                preds[d["id"]] = {"id": d["id"], "toponyms": toponyms}
    return preds, len(docs) * repeat / (time.perf_counter() - t0)


def row(corpus: str, system: str, load_s: float, docs_s: float, res: dict) -> list[str]:
    overlap, exact = res["recognition"]["overlap"], res["recognition"]["exact"]
    coords = res["resolution"]["coords"]
    acc_km = coords["acc_at_161km"] if coords["pairs_with_both_coords"] else None  # no coordinates given
    values = [overlap["precision"], overlap["recall"], overlap["f1"], exact["f1"]]
    values += [res["resolution"]["country"]["accuracy"], acc_km]
    cells = ["-" if v is None else f"{v:.2f}" for v in values]
    return [corpus, system, *cells, f"{coords.get('median_km', '-')}", f"{docs_s:.0f}", f"{load_s:.2f}"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", choices=CORPORA, help="one corpus only (default: both)")
    ap.add_argument("--repeat", type=int, default=1, help="replicate each corpus N times for docs/s")
    ap.add_argument(
        "--min-confidence",
        type=float,
        nargs="*",
        default=[],
        help="also score our mentions at these confidence cut-offs (the map's default is always scored, "
        "as mapped)",
    )
    args = ap.parse_args()
    if not DATA.is_dir() or not SCORER.is_file():
        print(f"Gold data or scorer not found ({DATA}, {SCORER}): nothing to benchmark.")
        return 0
    scorer = load_scorer("score_geoparse")
    parsers, loads = {}, {}
    systems = dict(SYSTEMS)
    default = Selection().min_place_confidence  # what the map shows of places at first
    # what the map shows: no name that only opens an organisation's, and the default cut-off
    systems[f"ours, as mapped (>= {default:g})"] = partial(ours, default, mapped=True)
    for cut_off in sorted(set(args.min_confidence)):
        systems[f"ours >= {cut_off:g}"] = partial(ours, cut_off)
    for name, build in systems.items():
        t0 = time.perf_counter()
        parsers[name] = build()
        loads[name] = time.perf_counter() - t0
    rows = []
    for corpus in [args.corpus] if args.corpus else CORPORA:
        gold = scorer.load(DATA / f"{corpus}.jsonl")  # texts stay in memory; nothing is written
        for name, parse in parsers.items():
            preds, docs_s = run(parse, list(gold.values()), max(1, args.repeat))
            rows.append(row(corpus, name, loads[name], docs_s, scorer.score(gold, preds)))
    print("P/R/F1: overlap match; exact F1: same span; country acc. and km on overlap-matched pairs.")
    print("| " + " | ".join(HEADER) + " |\n|" + "---|" * len(HEADER))
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
