"""The app in a real browser: a store of the demo corpus, `streamlit run` on it, and Debian's Chromium.

Shared by the browser tests (tests/test_browser.py) and the README's screenshots (docs/screenshots.py), so
both start the app the same way. Nothing here fetches anything from the network: the app serves every
asset itself, and `outside` names any request that went elsewhere.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from dashboard.cli import APP, DEMO_CORPUS, PROJECT_ROOT
from dashboard.pipeline import ingest
from dashboard.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
START_SECONDS = 90


class AppDidNotStart(RuntimeError):
    pass


def demo_store(path: Path) -> Path:
    """A store at `path` holding the demo corpus (add more with `Store(path).add` before serving it)."""
    report = ingest([DEMO_CORPUS], Store(path))
    if report.errors or not report.added:
        raise RuntimeError(f"the demo corpus did not ingest: {report.summary()}")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(db: Path | None, env: dict[str, str] | None = None, script: Path = APP) -> Iterator[str]:
    """Serve the app (or another `script`) on the store `db` as `python -m dashboard app` does (`streamlit
    run` with dashboard.serve's fix), on 127.0.0.1 only; yields its URL once it is healthy."""
    port = _free_port()
    command = [
        sys.executable, "-m", "dashboard.serve", str(script), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    env = {**os.environ, **(env or {}), **({"NEWSMAP_DB": str(db)} if db else {})}
    server = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_healthy(url: str, server: subprocess.Popen) -> None:
    """Wait until the Streamlit server at `url` answers its health check; AppDidNotStart if it ends or
    START_SECONDS pass first."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise AppDidNotStart(f"streamlit did not start on {url}") from None
            time.sleep(0.3)


def launch(playwright):
    """Debian's Chromium, headless (never a browser downloaded by `playwright install`)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def outside(requested: list[str]) -> list[str]:
    """The requested URLs that went anywhere but this machine (data: URLs stay in the page)."""
    return sorted(
        {u for u in requested if urlparse(u).scheme != "data" and urlparse(u).hostname not in LOCAL_HOSTS}
    )


def wait_for_map(page, timeout: float = 60_000, features: int = 200):
    """Wait until the map has drawn `features` vector features (about the countries, with the Countries layer
    on) and the run that drew it has ended; return the map's frame (its `window.map` is Leaflet's)."""
    from playwright.sync_api import expect

    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    expect(map_view(page).locator(".leaflet-container")).to_be_visible(timeout=timeout)
    if features:
        paths = map_view(page).locator("path.leaflet-interactive")
        expect(paths.nth(features - 1)).to_be_attached(timeout=timeout)
    settled(page, timeout)
    frame = map_frame(page)
    frame.wait_for_function("() => window.map && window.map._loaded", timeout=timeout)
    return frame


def settled(page, timeout: float = 60_000) -> None:
    """Wait until the app's script is not running: until then the elements of the last run (a panel of
    the place selected before) may still be on the page next to the new ones."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


def map_view(page):
    """The map's frame, as a locator. While the app reruns, a second, empty map frame may exist for a
    moment (width -1), after the map that is shown: the first is the map."""
    return page.frame_locator(MAP_FRAME).first


def map_frame(page):
    """The map's frame, to evaluate scripts in (`window.map` is the Leaflet map)."""
    return page.locator(MAP_FRAME).first.element_handle().content_frame()


def show_on_map(page, lat: float, lon: float, zoom: int) -> dict:
    """Centre the map on (lat, lon) at `zoom`, without animation; return that point's page coordinates."""
    frame = map_frame(page)
    frame.evaluate(f"window.map.setView([{lat}, {lon}], {zoom}, {{animate: false}})")
    page.wait_for_timeout(300)  # Leaflet redraws the vector layers on the next frames
    point = frame.evaluate(f"window.map.latLngToContainerPoint([{lat}, {lon}])")
    box = map_view(page).locator(".leaflet-container").bounding_box()
    return {"x": box["x"] + point["x"], "y": box["y"] + point["y"]}


def click_on_map(page, lat: float, lon: float, zoom: int) -> None:
    """Click the map at (lat, lon), seen at `zoom`: selects whatever feature lies on top there."""
    point = show_on_map(page, lat, lon, zoom)
    page.mouse.click(point["x"], point["y"])
