"""End to end in a real browser: `streamlit run` the app, click Western Sahara on the map, read the panel,
and check that no request went anywhere but this machine."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.cli import APP, DEMO_CORPUS, PROJECT_ROOT
from dashboard.pipeline import ingest
from dashboard.store import Store

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed"),
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    ingest([DEMO_CORPUS], Store(db))
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
        "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env={**os.environ, "NEWSMAP_DB": str(db)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("streamlit did not start")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_browser_click_western_sahara_opens_panel_offline(app_url):
    from playwright.sync_api import expect, sync_playwright

    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("request", lambda request: requested.append(request.url))
        page.on("websocket", lambda socket_: requested.append(socket_.url))
        page.goto(app_url)
        page.wait_for_selector('[data-testid="stApp"]')
        frame_locator = page.frame_locator(MAP_FRAME)
        expect(frame_locator.locator(".leaflet-container")).to_be_visible(timeout=60_000)
        expect(frame_locator.locator("path.leaflet-interactive").nth(200)).to_be_attached(timeout=60_000)

        frame = page.frame(url=re.compile(r"/component/streamlit_folium\.st_folium/"))
        # Zoom in so the click lands on the territory itself, away from the city markers on top of it.
        frame.evaluate("window.map.setView([23.5, -13.5], 6, {animate: false})")
        page.wait_for_timeout(500)
        point = frame.evaluate("window.map.latLngToContainerPoint([22.6, -13.8])")
        box = frame_locator.locator(".leaflet-container").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

        heading = page.get_by_role("heading", name="Western Sahara")
        expect(heading).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Administered by:")).to_be_visible()
        expect(page.get_by_text(re.compile("Moroccan sovereignty over")).first).to_be_visible()
        if os.environ.get("NEWSMAP_SCREENSHOT"):
            page.wait_for_timeout(1500)
            page.screenshot(path=os.environ["NEWSMAP_SCREENSHOT"])
        browser.close()

    outside = sorted(
        {u for u in requested if urlparse(u).scheme != "data" and urlparse(u).hostname not in LOCAL_HOSTS}
    )
    assert requested and not outside, outside


def test_browser_upload_ingests_a_page_and_runs_none_of_its_scripts(app_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    page_file = tmp_path / "story.html"
    page_file.write_text(
        "<html><head><title>Envoys meet in Nairobi <img src=x onerror=alert(1)></title>"
        "<script>alert('page script')</script></head><body><article><h1>Envoys meet in Nairobi</h1>"
        "<p>NAIROBI, March 3 — Envoys from Kenya and Ethiopia met in Nairobi on Tuesday to discuss the "
        "border, officials said. <script>alert('inline')</script></p><p>Kenya and Ethiopia agreed to "
        "hold further talks in Addis Ababa next month, the foreign ministry said.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(app_url)
        page.wait_for_selector('[data-testid="stApp"]')
        sidebar = page.locator('[data-testid="stSidebar"]')
        expander = sidebar.get_by_text("Add articles")
        if not sidebar.locator('[data-testid="stFileUploader"]').is_visible():
            expander.click()
        sidebar.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(page_file))
        expect(sidebar.get_by_text("story.html")).to_be_visible(timeout=30_000)
        sidebar.get_by_role("button", name="Ingest files").click()
        expect(sidebar.get_by_text(re.compile(r"1 ingested, 0 duplicates skipped, 0 failed"))).to_be_visible(
            timeout=60_000
        )
        page.wait_for_timeout(1000)
        browser.close()
    assert dialogs == []
