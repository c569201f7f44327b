"""The event coder on real news: how much it codes, how often an actor is a pronoun or a bare noun, and a
random sample of main events to read and judge.

Run from the project root:

    python benchmarks/realnews.py                 # numbers, the judged shares, and the sample
    python benchmarks/realnews.py --unjudged      # only the sample events with no judgement yet
    python benchmarks/realnews.py --judge         # record judgements for those, typed at a prompt

The articles are the 64 real news texts of ../shared/data/geoparse-dev/ (GeoWebNews and TR-News: local,
national and international news, sport, crime, business). They are toponym gold, not event gold, so
nothing here scores against a key: a person reads the sample and judges each event right, partly or
wrong. The judgements are kept in benchmarks/realnews-judged.csv by article id, sentence offsets, event id
and a hash of what the map shows of the event (type, actors, countries, place, date), never by text,
so a judgement counts again only while the event shows the same thing.

Numbers:
- events and main events per 1,000 words (words: whitespace-separated);
- pronoun actors ("he", "they", "it") and generic ones (no capital letter and no country: "the man",
  "officials"), counted by actor slot;
- events with no country on either side;
- dated events whose year is not written in their sentence: these articles carry no publication date, so
  every date must come from the sentence itself;
- a random sample (fixed seed) of main events with their sentences, and the share of the judged sample
  that was right, partly right and wrong.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from dataclasses import replace

from common import HERE, SHARED

from dashboard.ingest.fields import make_article
from dashboard.model import content_id
from dashboard.pipeline import Pipeline
from dashboard.selection import Selection

DATA = SHARED / "data" / "geoparse-dev"
JUDGED = HERE / "realnews-judged.csv"
JUDGED_FIELDS = ("article_id", "evidence_start", "evidence_end", "event_id", "shown", "judgement")
JUDGEMENTS = {"r": "right", "p": "partly", "w": "wrong"}
PRONOUNS = frozenset(
    "i me my we us our you your he him his she her it its they them their themselves himself herself"
    " itself ourselves this that these those who whom which what one someone somebody everyone".split()
)
SAMPLE = 100
SEED = 20


def load_articles() -> list[tuple[str, str]]:
    import json

    rows = []
    for name in ("geowebnews", "trnews"):
        with (DATA / f"{name}.jsonl").open(encoding="utf-8") as lines:
            rows += [(item["id"], item["text"]) for item in map(json.loads, lines)]
    return rows


def shown(event, actors, gazetteer) -> str:
    """A hash of what the map and panel show of an event: a judgement holds while this is unchanged."""
    source, target = actors.get(event.source_actor), actors.get(event.target_actor)
    place = gazetteer.place(event.place_id) if event.place_id else None
    parts = (
        event.type,
        event.mode,
        source.name if source else "",
        event.source_country or "",
        target.name if target else "",
        event.target_country or "",
        place.id if place else "",
        event.date.isoformat() if event.date else "",
        event.date_precision,
    )
    return content_id(*parts)


def is_pronoun(name: str) -> bool:
    name = name.strip()
    return name.lower() in PRONOUNS and not (len(name) > 1 and name.isupper())  # "US" is no "us"


def is_generic(actor) -> bool:
    return not any(c.isupper() for c in actor.name) and not actor.country and not is_pronoun(actor.name)


def read_judged() -> dict[str, str]:
    if not JUDGED.exists():
        return {}
    with JUDGED.open(encoding="utf-8", newline="") as rows:
        return {row["shown"]: row["judgement"] for row in csv.DictReader(rows)}


def write_judged(rows: list[dict]) -> None:
    known = {}
    if JUDGED.exists():
        with JUDGED.open(encoding="utf-8", newline="") as existing:
            known = {row["shown"]: row for row in csv.DictReader(existing)}
    known.update((row["shown"], row) for row in rows)
    with JUDGED.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, JUDGED_FIELDS)
        writer.writeheader()
        writer.writerows(sorted(known.values(), key=lambda r: (r["article_id"], int(r["evidence_start"]))))


def describe(event, actors, gazetteer, text: str) -> str:
    source, target = actors.get(event.source_actor), actors.get(event.target_actor)
    place = gazetteer.place(event.place_id) if event.place_id else None

    def side(actor, country):
        return f"{actor.name if actor else '-'} [{country or ''}]"

    sentence = " ".join(text[event.evidence_start : event.evidence_end].split())
    date = f"{event.date} ({event.date_precision})" if event.date else "undated"
    return (
        f"{event.type}{'/' + event.mode if event.mode else ''}  {side(source, event.source_country)} -> "
        f"{side(target, event.target_country)}  at {place.name if place else '-'}  {date}  "
        f"conf {event.confidence}\n    {sentence}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unjudged", action="store_true", help="print only sample events not yet judged")
    parser.add_argument("--judge", action="store_true", help="judge the unjudged sample events at a prompt")
    parser.add_argument("--all", action="store_true", help="print every main event, not a sample")
    parser.add_argument("--sample", type=int, default=SAMPLE, help=f"sample size (default {SAMPLE})")
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=Selection().min_confidence,
        help="sample the main events at least this confident (default: what the map shows at first)",
    )
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA} not found; nothing to measure")
        return 0
    # The gold set's ids ("gwn-10"), not content hashes, so that judgements name the article.
    articles = [replace(make_article(text), id=article_id) for article_id, text in load_articles()]
    texts = {article.id: article.text for article in articles}
    pipeline = Pipeline()
    gazetteer = pipeline.geoparser.gazetteer
    extractions = pipeline.many(articles)
    words = sum(len(a.text.split()) for a in articles)
    events = [(x, e) for x in extractions for e in x.events]
    actors = {a.id: a for x in extractions for a in x.actors}
    main_events = [(x, e) for x, e in events if e.rank == 0]
    shown_events = [(x, e) for x, e in main_events if e.confidence >= args.min_confidence]
    slots = [actors[i] for _, e in events for i in (e.source_actor, e.target_actor) if i]
    dated = [(x, e) for x, e in events if e.date and e.date_precision != "article"]
    undated_year = [
        e
        for x, e in dated
        if not re.search(rf"\b{e.date.year}(?:s\b|\b)", x.article.text[e.evidence_start : e.evidence_end])
    ]
    print(f"articles {len(articles)}, words {words:,}")
    print(f"events {len(events)} ({1000 * len(events) / words:.1f} per 1,000 words)")
    print(f"main events {len(main_events)} ({1000 * len(main_events) / words:.1f} per 1,000 words)")
    first_view = " (the map's first view)" if args.min_confidence == Selection().min_confidence else ""
    print(
        f"main events at confidence >= {args.min_confidence}{first_view} {len(shown_events)}"
        f" ({1000 * len(shown_events) / words:.1f} per 1,000 words)"
    )
    pronouns, generic = sum(is_pronoun(a.name) for a in slots), sum(map(is_generic, slots))
    print(f"pronoun actors {pronouns}, generic actors {generic}")
    no_country = sum(1 for _, e in events if not e.source_country and not e.target_country)
    print(f"events with no country on either side {no_country}")
    print(f"dated events {len(dated)}, of which the year is not in the sentence {len(undated_year)}")
    print("types " + ", ".join(f"{t} {n}" for t, n in Counter(e.type for _, e in events).most_common()))

    chosen = (
        list(shown_events)
        if args.all
        else random.Random(SEED).sample(shown_events, min(args.sample, len(shown_events)))
    )
    chosen.sort(key=lambda xe: (xe[0].article.id, xe[1].evidence_start))
    judged = read_judged()
    keyed = [(x, e, shown(e, actors, gazetteer)) for x, e in chosen]
    verdicts = Counter(judged[key] for _, _, key in keyed if key in judged)
    total = sum(verdicts.values())
    print(
        f"sample {len(keyed)}, judged {total}: "
        + ", ".join(f"{v} {verdicts[v]} ({verdicts[v] / total:.0%})" for v in JUDGEMENTS.values() if total)
    )
    new_rows = []
    for number, (x, e, key) in enumerate(keyed, 1):
        verdict = judged.get(key)
        if (args.unjudged or args.judge) and verdict:
            continue
        print(f"\n#{number} {x.article.id} {e.evidence_start}-{e.evidence_end} [{verdict or 'unjudged'}]")
        print("  " + describe(e, actors, gazetteer, texts[x.article.id]))
        if args.judge:
            answer = ""
            while answer not in JUDGEMENTS and answer != "s":
                answer = input("  right / partly / wrong / skip [r/p/w/s]: ").strip().lower()[:1]
            if answer in JUDGEMENTS:
                new_rows.append(
                    dict(
                        zip(
                            JUDGED_FIELDS,
                            (x.article.id, e.evidence_start, e.evidence_end, e.id, key, JUDGEMENTS[answer]),
                            strict=True,
                        )
                    )
                )
    if new_rows:
        write_judged(new_rows)
        print(f"\n{len(new_rows)} judgements written to {JUDGED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
