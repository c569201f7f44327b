"""The README's screenshots, taken in Debian's Chromium from the app running on the demo corpus.

    .venv/bin/python docs/screenshots.py          # writes docs/screenshot*.png

Starts the app the way the browser tests do (tests/browser_app.py), on a fresh store of the demo corpus,
opens each view by its URL (the URL is the view) or by clicking, and saves it as a palette PNG.
Needs /usr/bin/chromium and the dev extras (`pip install -e ".[dev]"`); nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent / "tests"))

from browser_app import (  # noqa: E402 (the shared start-up lives with the tests)
    click_on_map,
    demo_store,
    launch,
    map_view,
    outside,
    running_app,
    settled,
    show_on_map,
    wait_for_map,
)

TIMEOUT = 90_000
VIEWPORT = {"width": 1600, "height": 960}
MAX_BYTES = 300_000


def _save(page, path: Path, **options) -> None:
    """Screenshot, then store it with a 256-colour palette (the map's flat fills lose nothing visible)."""
    from PIL import Image

    page.mouse.move(1, 1)  # no tooltip from where the pointer last was
    page.wait_for_timeout(800)  # the marker clusters' and the chart's transitions
    page.screenshot(path=str(path), **options)
    image = Image.open(path).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=0)
    image.save(path, optimize=True)
    size = path.stat().st_size
    print(f"{path.relative_to(DOCS.parent)}: {image.width}x{image.height}, {size // 1000} KB")
    if size > MAX_BYTES:
        print(f"  warning: over {MAX_BYTES // 1000} KB", file=sys.stderr)


def _open(page, url: str, query: str = "", features: int = 200) -> None:
    page.goto(f"{url}/{'?' + query if query else ''}")
    wait_for_map(page, TIMEOUT, features)


def western_sahara(page, url: str, out: Path) -> None:
    """The map with Western Sahara selected by a click, its panel beside it."""
    _open(page, url)
    click_on_map(page, 22.6, -13.8, zoom=6)
    page.get_by_role("heading", name="Western Sahara", exact=True).wait_for(timeout=TIMEOUT)
    settled(page, TIMEOUT)
    show_on_map(page, 26, -8, zoom=5)
    _save(page, out)


def rabat(page, url: str, out: Path) -> None:
    """Rabat's panel and its events, the map centred on Morocco."""
    _open(page, url, "place=2538475")
    page.get_by_role("heading", name="Rabat", exact=True).wait_for(timeout=TIMEOUT)
    show_on_map(page, 31.5, -7, zoom=5)
    _save(page, out)


def relations_and_events(page, url: str, out: Path) -> None:
    """The Relations and Events layers over the countries, both legends open, Europe to South Asia."""
    _open(page, url, "layers=countries,relations,events")
    show_on_map(page, 32, 22, zoom=3)
    relations = map_view(page).locator(".nm-box details").filter(has_text="Relations")
    relations.first.evaluate("details => { details.open = true; }")
    _save(page, out)


def moroccos_view(page, url: str, out: Path) -> None:
    """Borders in Morocco's view: Western Sahara drawn as part of Morocco, the view named on the map."""
    _open(page, url, "pov=mar&place=disputed:western-sahara&layers=countries,disputed,places")
    page.get_by_role("heading", name="Western Sahara", exact=True).wait_for(timeout=TIMEOUT)
    show_on_map(page, 27, -9, zoom=5)
    _save(page, out)


def filters_and_timeline(page, url: str, out: Path) -> None:
    """The sidebar's filters set (a date window, two event types) and the timeline under the map."""
    page.set_viewport_size({"width": VIEWPORT["width"], "height": 1300})
    _open(page, url, "from=2020-06-01&to=2021-12-31&type=SUPPORT,AGREE,CONSULT,ACCUSE")
    page.get_by_role("button", name="GeoJSON").wait_for(timeout=TIMEOUT)
    _save(page, out)
    page.set_viewport_size(VIEWPORT)


SHOTS = {
    "screenshot.png": western_sahara,
    "screenshot-rabat.png": rabat,
    "screenshot-layers.png": relations_and_events,
    "screenshot-borders.png": moroccos_view,
    "screenshot-filters.png": filters_and_timeline,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="folder for the PNGs (default: docs/)")
    parser.add_argument("only", nargs="*", help=f"take only these: {', '.join(SHOTS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = set(args.only) - set(SHOTS)
    if unknown:
        parser.error(f"no such screenshot: {', '.join(sorted(unknown))}")
    from playwright.sync_api import sync_playwright

    requested: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = demo_store(Path(tmp) / "demo.db")
        with running_app(db) as url, sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport=VIEWPORT)
            page.set_default_timeout(TIMEOUT)
            page.on("request", lambda request: requested.append(request.url))
            for name, shoot in SHOTS.items():
                if not args.only or name in args.only:
                    shoot(page, url, args.out / name)
            browser.close()
    if outside(requested):
        print(f"requests left this machine: {outside(requested)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
