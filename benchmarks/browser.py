"""Dashboard speed in a real browser (Playwright + Debian's /usr/bin/chromium), against a plain folium map.

Run from the project root (needs the `dev` extra and `apt-get install chromium`):

    python benchmarks/browser.py            # median of 3 for each measurement
    python benchmarks/browser.py --runs 5 --events 10000

It starts three Streamlit servers on 127.0.0.1, each warmed up by one page load first:

* baseline: `apps/baseline_map.py`, a plain folium map of the same country polygons in st_folium, with the
  same offline Leaflet files and no tiles: what any Streamlit + folium map costs;
* demo: the app on a store of the bundled demo corpus;
* events: the app on a store holding `--events` generated events at random cities (dates, types and
  places drawn at random, seeded; two events per article), to see the map hold a large selection.

For each load it times `page.goto` to the map drawn: the moment the count of Leaflet shapes and markers in
the map's frame last changed, once it has held still for 0.5 s. Click → panel is a click on a country in
the demo app until its name heads the side panel. Filter change: a sidebar switch ("Main event of each
sentence only") until the new map is drawn. Permalink: a link with a place, three types and a view, until
its map is drawn and its panel shown. Payload is what the page received over its websocket
during the load (the map HTML and data travel that way), and `json_args`, the map component's own
arguments as AppTest sees them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from common import HERE, ROOT

sys.path.insert(0, str(ROOT / "tests"))
from browser_app import CHROMIUM_ARGS, MAP_FRAME, running_app  # noqa: E402 (start-up shared with the tests)

from dashboard.cli import APP, DEMO_CORPUS
from dashboard.geo import load_gazetteer
from dashboard.model import Article, Event
from dashboard.pipeline import ingest
from dashboard.plover import TYPES
from dashboard.store import Store

CHROMIUM = "/usr/bin/chromium"
BASELINE_APP = HERE / "apps" / "baseline_map.py"  # not beside this file, whose name shadows the package
SHAPES = ".leaflet-interactive, .leaflet-marker-icon"
# Notes the instant a heading reading `name` enters the app's page.
WATCH_FOR_HEADING = """name => {
    const found = () => [...document.querySelectorAll("h1, h2, h3")]
        .some(heading => heading.textContent.trim() === name);
    new MutationObserver((_, observer) => {
        if (!found()) return;
        window.__shown = performance.timeOrigin + performance.now();
        observer.disconnect();
    }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""
CLICKS = {"Morocco": (31.8, -7.1), "Israel": (31.0, 34.9), "Algeria": (28.0, 2.6)}


def events_store(folder: Path, count: int, seed: int = 11) -> Path:
    """A store of `count` generated events at random cities, two per article (for a load test only)."""
    rng = random.Random(seed)
    gazetteer = load_gazetteer()
    cities = [p for p in (gazetteer.place(str(i)) for i in _city_ids(rng, 2000)) if p is not None]
    store = Store(folder / "events.db")
    start = date(2021, 1, 1)
    batch = []
    for number in range(count // 2):
        text = f"Generated record {number}: two events for the dashboard benchmark."
        article = Article.create(text, title=f"Benchmark article {number}", source="benchmark")
        events = []
        for k in range(2):
            place = rng.choice(cities)
            source, target = rng.sample(("ISR", "MAR", "USA", "KEN", "UKR", "RUS", "FRA"), 2)
            events.append(
                Event(
                    id=f"{article.id}-{k}",
                    article_id=article.id,
                    type=rng.choice(TYPES),
                    source_actor=None,
                    target_actor=None,
                    evidence_start=0,
                    evidence_end=len(text),
                    source_country=source,
                    target_country=target,
                    place_id=place.id,
                    date=start + timedelta(days=rng.randrange(1400)),
                    date_precision="day",
                    confidence=0.8,
                )  # fmt: skip
            )
        batch.append((article, events))
        if len(batch) == 500:
            _flush(store, batch)
    _flush(store, batch)
    return store.path


def _city_ids(rng: random.Random, count: int) -> list[str]:
    from dashboard.geo import files

    table = files.places_table()
    big = table[table["population"] >= 100_000]["geonameid"].tolist()
    return rng.sample(big, min(count, len(big)))


def _flush(store: Store, batch: list) -> None:
    from dashboard.model import Extraction

    store.add_many([Extraction(article, [], [], events) for article, events in batch])
    batch.clear()


def json_args_kb(db: Path | None) -> float:
    from streamlit.testing.v1 import AppTest

    os.environ["NEWSMAP_DB"] = str(db)
    app = AppTest.from_file(str(APP), default_timeout=300).run()
    (component,) = [c for c in app.get("component_instance") if "st_folium" in c.proto.component_name]
    return len(component.proto.json_args.encode("utf-8")) / 1024


def load(browser, url: str) -> tuple[float, float]:
    """(seconds from goto to the map drawn and still, KB received over the websocket)."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    received = [0]
    page.on(
        "websocket",
        lambda ws: ws.on("framereceived", lambda frame: received.__setitem__(0, received[0] + len(frame))),
    )
    started = time.perf_counter()
    page.goto(url)
    seconds = _drawn(page, started)
    page.close()
    return seconds, received[0] / 1024


def click_to_panel(browser, url: str, name: str, lat_lon: tuple[float, float]) -> float:
    """Seconds from the mouse press on the map to the panel's heading naming the place being in the page.

    Both instants are taken in the page (a capture listener in the map's frame, a MutationObserver in the
    app's), on the clock the frames share: Playwright's own waiting polls with growing pauses and would
    add up to half a second to some clicks."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(url)
    frame_locator = page.frame_locator(MAP_FRAME)
    frame_locator.locator("path.leaflet-interactive").nth(100).wait_for(state="attached", timeout=120_000)
    page.wait_for_timeout(1000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.evaluate(f"window.map.setView([{lat_lon[0]}, {lat_lon[1]}], 5, {{animate: false}})")
    page.wait_for_timeout(500)
    point = frame.evaluate(f"window.map.latLngToContainerPoint([{lat_lon[0]}, {lat_lon[1]}])")
    box = frame_locator.locator(".leaflet-container").bounding_box()
    frame.evaluate(
        "() => document.addEventListener('mousedown', () => {"
        " window.__pressed = performance.timeOrigin + performance.now(); }, {capture: true, once: true})"
    )
    page.evaluate(WATCH_FOR_HEADING, name)
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.get_by_role("heading", name=name, exact=True).wait_for(timeout=30_000)
    seconds = (page.evaluate("window.__shown") - frame.evaluate("window.__pressed")) / 1000
    page.close()
    return seconds


def _drawn(page, started: float) -> float:
    """Seconds from `started` until the map's shapes stopped changing (held still for 0.5 s)."""
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator(".leaflet-container").wait_for(timeout=120_000)
    last_count, last_change = -1, time.perf_counter()
    while time.perf_counter() - last_change < 0.5 or last_count <= 0:
        count = frame.locator(SHAPES).count()
        if count != last_count:
            last_count, last_change = count, time.perf_counter()
        page.wait_for_timeout(25)
        if time.perf_counter() - started > 120:
            raise RuntimeError("the map did not finish drawing")
    return last_change - started


def filter_change(browser, url: str) -> float:
    """Seconds from a filter's click (the sidebar's "Main event of each sentence only") to the new map
    drawn: the script's run, the new map's message and its drawing."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(url)
    _drawn(page, time.perf_counter())
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
    switch = page.locator('[data-testid="stSidebar"]').get_by_role(
        "switch", name="Main event of each sentence only"
    )
    started = time.perf_counter()
    switch.locator("xpath=ancestor::label[1]").click()
    page.wait_for_url(lambda address: "main=0" in address, timeout=120_000)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=120_000)
    seconds = _drawn(page, started)
    page.close()
    return seconds


def permalink_open(browser, url: str, query: str, heading: str) -> float:
    """Seconds from opening a link (a place, filters and a view) to its map drawn and its panel shown."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    started = time.perf_counter()
    page.goto(f"{url}/?{query}")
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=120_000)
    seconds = max(_drawn(page, started), time.perf_counter() - started)
    page.close()
    return seconds


PERMALINK = ("place=MAR&type=SUPPORT,AGREE,CONSULT&view=31.5,-7,5", "Morocco")


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions per measurement (median)")
    parser.add_argument("--events", type=int, default=10_000, help="events in the load-test store")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found (apt-get install chromium); nothing to measure")
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.db"
        ingest([DEMO_CORPUS], Store(demo))
        many = events_store(Path(folder), args.events)
        payload = {"demo": json_args_kb(demo), "events": json_args_kb(many)}
        rows, clicks, filters, links = {}, [], {}, {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, script, db in (
                ("baseline", BASELINE_APP, None),
                ("demo", APP, demo),
                (f"{args.events:,} events", APP, many),
            ):
                with running_app(db, script=script) as url:
                    load(browser, url)  # warm-up: the server's first run imports everything
                    runs = [load(browser, url) for _ in range(args.runs)]
                    rows[name] = (median([r[0] for r in runs]), median([r[1] for r in runs]))
                    if script == APP:
                        filters[name] = median([filter_change(browser, url) for _ in range(args.runs)])
                        links[name] = median(
                            [permalink_open(browser, url, *PERMALINK) for _ in range(args.runs)]
                        )
                    if name == "demo":
                        targets = list(CLICKS.items())
                        for index in range(args.runs):
                            place, lat_lon = targets[index % len(targets)]
                            clicks.append(click_to_panel(browser, url, place, lat_lon))
            browser.close()
    base = rows["baseline"][0]
    print(f"median of {args.runs}; chromium headless; 127.0.0.1")
    print("| map | first full map s | vs baseline | websocket KB | json_args KB |")
    print("|---|---|---|---|---|")
    for name, (seconds, kilobytes) in rows.items():
        args_kb = payload.get("demo" if name == "demo" else "events", 0) if name != "baseline" else 0
        shown = f"{args_kb:.0f}" if name != "baseline" else "-"
        print(f"| {name} | {seconds:.2f} | {seconds / base:.2f}x | {kilobytes:.0f} | {shown} |")
    print(f"click → panel s (median of {len(clicks)}): {median(clicks):.2f}  (each: {json.dumps(clicks)})")
    for name in filters:
        print(f"{name}: filter change → map drawn s {filters[name]:.2f}; permalink s {links[name]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
