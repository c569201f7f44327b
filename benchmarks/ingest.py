"""End-to-end ingest benchmark: read → extract (places, actors, events) → store, in articles/s.

Run from the project root:

    python benchmarks/ingest.py                    # 1,000 then 10,000 articles, all cores
    python benchmarks/ingest.py --sizes 200 --workers 1

The articles are generated: each is a dateline and ~25 sentences drawn at random (seeded) from the
bundled demo corpus, about 550 words, which is the length of a wire story. They are written to a JSON Lines
file first (not timed), then ingested into a fresh store with the default extractor, exactly as
`python -m dashboard ingest FILE --workers N` does. Peak memory is the largest resident set of this
process and of any worker; it should not grow with the number of articles.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from common import ROOT

from dashboard.cli import DEFAULT_WORKERS
from dashboard.nlp.sentences import sentence_spans
from dashboard.pipeline import ingest
from dashboard.store import Store

DEMO = ROOT / "dashboard" / "demo" / "corpus.jsonl"
DATELINES = ("RABAT", "NAIROBI", "KYIV", "BRUSSELS", "JERUSALEM", "ADDIS ABABA", "CARACAS", "MANILA")
MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")


def demo_sentences() -> list[str]:
    sentences = []
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        sentences += [text[start:end].strip() for start, end in sentence_spans(text)]
    return [s for s in sentences if len(s.split()) >= 6 and "—" not in s[:40]]  # skip datelines


def write_corpus(path: Path, count: int, sentences_per_article: int = 25, seed: int = 7) -> int:
    """`count` generated articles as JSON Lines; returns the total number of words."""
    pool, rng, words = demo_sentences(), random.Random(seed), 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            body = " ".join(rng.sample(pool, min(sentences_per_article, len(pool))))
            dateline = f"{rng.choice(DATELINES)}, {rng.choice(MONTHS)} {rng.randint(1, 28)} (Newsmap) — "
            text = dateline + body
            words += len(text.split())
            record = {"title": f"Generated story {number}", "published": "2024-05-01", "text": text}
            out.write(json.dumps(record) + "\n")
    return words


def peak_rss_mb() -> tuple[float, float]:
    """Largest resident set so far of this process and of its (finished) worker processes, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="articles per run")
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS, help="extraction processes")
    args = parser.parse_args(argv)
    print(f"workers: {args.workers}")
    print("| articles | words/article | seconds | articles/s | peak MB (main / worker) |")
    print("|---|---|---|---|---|")
    gc.freeze()  # as `python -m dashboard ingest` does before it starts
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus.jsonl"
            words = write_corpus(corpus, size)
            store = Store(Path(folder) / "bench.db")
            started = time.perf_counter()
            report = ingest([corpus], store, workers=args.workers)
            seconds = time.perf_counter() - started
            assert report.added == size and not report.errors, report.summary()
            own, worker = peak_rss_mb()
            print(
                f"| {size:,} | {words / size:.0f} | {seconds:.1f} | {size / seconds:.1f} "
                f"| {own:.0f} / {worker:.0f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
