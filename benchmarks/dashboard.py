"""Issue 24's timings in a real browser, on the store it names: the 64 real articles of
`../shared/data/geoparse-dev/` plus 10,000 events imported from GDELT rows.

Run from the project root (needs the `dev` extra, `apt-get install chromium` and the shared data):

    python benchmarks/dashboard.py              # median of 5 for each measurement
    python benchmarks/dashboard.py --runs 3 --gdelt-events 10000 --keep /tmp/dashboard.db

The store is built here, as a user would build it: the articles' texts (read from the dev set at run time,
never copied) go through `dashboard.pipeline.ingest`, and 10,000 GDELT 2.0 export rows, drawn from the real
sample by `scale.py`'s generator (half the city-level rows moved to other large cities), are imported the
same way. The app then runs on it (127.0.0.1, Playwright and Debian's /usr/bin/chromium) and
`browser.py`'s measurements are taken: the first full map, click → panel on the busiest countries, a
filter change (a sidebar switch until the new map is drawn) and a permalink opened (a place, three types
and a view, until its map is drawn and its panel shown). Issue 24's targets: click → panel <= 0.6 s,
filter <= 1 s, permalink <= 2 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from common import SHARED  # first: it puts the package before this file, which has its name

from browser import CHROMIUM, click_to_panel, filter_change, load, permalink_open  # isort: skip
from browser_app import CHROMIUM_ARGS, running_app  # isort: skip
from scale import write_exports  # isort: skip

from dashboard.cli import APP
from dashboard.geo import load_gazetteer
from dashboard.pipeline import ingest
from dashboard.selection import Selection
from dashboard.store import Store

ARTICLES = SHARED / "data" / "geoparse-dev"
# Countries to click, each at a point inside it that no city's marker covers at zoom 5.
CLICKS = {"Canada": (58.0, -100.0), "Russia": (62.0, 95.0), "Australia": (-25.0, 128.0)}
PERMALINK_TYPES = "ASSAULT,COERCE,ACCUSE"


def build_store(db: Path, gdelt_events: int, seed: int = 7) -> str:
    """The real articles and `gdelt_events` GDELT rows in `db`; returns what went in."""
    store = Store(db)
    articles = ingest(sorted(ARTICLES.glob("*.jsonl")), store, workers=2)
    with tempfile.TemporaryDirectory() as folder:
        write_exports(Path(folder), gdelt_events, 2300, 30, False, seed, 20_000, 0.5)
        imported = ingest([folder], store)
    return f"articles: {articles.summary()}; GDELT: {imported.summary()}"


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per measurement (median)")
    parser.add_argument(
        "--gdelt-events", type=int, default=10_000, help="GDELT rows imported beside the articles"
    )
    parser.add_argument("--keep", type=Path, help="build the store at this path and keep it")
    args = parser.parse_args(argv)
    if not ARTICLES.is_dir():
        print(f"{ARTICLES} not found; nothing to measure")
        return 0
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found (apt-get install chromium); nothing to measure")
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        db = args.keep or Path(folder) / "dashboard.db"
        print(build_store(db, args.gdelt_events))
        with Store(db).read() as connection:
            (events,) = connection.execute("SELECT count(*) FROM events").fetchone()
        print(f"store: {events:,} events; the first view shows {_shown(db):,}")
        place, (lat, lon) = next(iter(CLICKS.items()))
        link = f"place=CAN&type={PERMALINK_TYPES}&view={lat},{lon},4"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            with running_app(db, script=APP) as url:
                load(browser, url)  # warm-up: the server's first run imports everything
                loads = [load(browser, url)[0] for _ in range(args.runs)]
                targets = list(CLICKS.items())
                clicks = [click_to_panel(browser, url, *targets[n % len(targets)]) for n in range(args.runs)]
                filters = [filter_change(browser, url) for _ in range(args.runs)]
                links = [permalink_open(browser, url, link, place) for _ in range(args.runs)]
            browser.close()
    print(f"median of {args.runs}; chromium headless; 127.0.0.1")
    print("| first full map s | click → panel s | filter change s | permalink s |")
    print("|---|---|---|---|")
    print(f"| {median(loads):.2f} | {median(clicks):.2f} | {median(filters):.2f} | {median(links):.2f} |")
    for name, values in (("loads", loads), ("clicks", clicks), ("filters", filters), ("links", links)):
        print(f"{name}: {json.dumps([round(v, 2) for v in values])}")
    return 0


def _shown(db: Path) -> int:
    from dashboard.queries import event_count

    return event_count(Store(db), load_gazetteer(), Selection())


if __name__ == "__main__":
    raise SystemExit(main())
