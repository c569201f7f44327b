"""End to end in a real browser: `streamlit run` the app on the demo corpus and drive it in Chromium.

Layers toggled from the sidebar and from the map's own layer control, clicks on a disputed territory and
a city, the time window moved, a permalink opened, hostile article text shown inert, an upload: and after
every test, no request went anywhere but this machine (the `browsing` fixture checks it).
"""

from __future__ import annotations

import re
import time
from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from browser_app import (
    CHROMIUM,
    MAP_FRAME,
    click_on_map,
    demo_store,
    launch,
    map_frame,
    map_view,
    outside,
    running_app,
    settled,
    show_on_map,
    wait_for_map,
)

from dashboard.model import Actor, Article, Event, Mention
from dashboard.store import Store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed"),
]
TIMEOUT = 60_000  # ms: CI has two cores, and the first run of the app loads spaCy and the geodata
RABAT, REYKJAVIK = "2538475", "3413829"  # GeoNames ids
LAYER_NAMES = ("Countries", "Disputed territories", "Heat", "Places", "Relations", "Events")

# What each layer leaves in the map's DOM while it is on: its legend box, or its own features.
LAYERS_IN_DOM = """() => {
    const boxes = Array.from(document.querySelectorAll(".nm-box")).map(b => b.innerText.trim());
    const box = title => boxes.some(text => text.startsWith(title));
    return {
        "Countries": box("Countries:"),
        "Disputed territories": document.querySelectorAll('path[stroke-dasharray="5 4"]').length > 0,
        "Heat": box("Heat:"),
        "Places": document.querySelectorAll('path[fill="#1f5f8b"]').length > 0,
        "Relations": box("Relations"),
        "Events": document.querySelectorAll(".leaflet-marker-pane .nm-ev, .leaflet-marker-pane .nm-cluster")
            .length > 0,
    };
}"""

# Hostile article text: either payload, were it ever parsed as HTML, sets window.__pwned and opens a dialog.
SCRIPT_PAYLOAD = "<script>window.__pwned = 'script'; alert('script')</script>"
IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned = 'img'; alert('img')\">"
PAYLOAD = f"{SCRIPT_PAYLOAD} {IMG_PAYLOAD}"


def _add_hostile_article(db) -> None:
    """An article at Reykjavik whose title, text and actor carry the payloads, with an event there."""
    text = f"Officials met in Reykjavik on Monday. Minister {PAYLOAD} said the talks would go on."
    title, source = f"Envoys meet in Reykjavik {PAYLOAD}", f"Wire {IMG_PAYLOAD}"
    article = Article.create(text, title=title, source=source, published=date(2021, 6, 7))
    at = text.index("Reykjavik")
    actor = Actor(id="hostile", name=f"Minister {PAYLOAD}", kind="government", country="ISL")
    event = Event(
        id="hostile-event", article_id=article.id, type="CONSULT", source_actor="hostile",
        target_actor="hostile", evidence_start=0, evidence_end=len(text), source_country="ISL",
        target_country="ISL", place_id=REYKJAVIK, date=date(2021, 6, 7), confidence=0.9,
    )  # fmt: skip
    mention = Mention(article.id, at, at + len("Reykjavik"), "Reykjavik", REYKJAVIK)
    Store(db).add(article, [mention], [actor], [event])


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    db = demo_store(tmp_path_factory.mktemp("browser") / "demo.db")
    _add_hostile_article(db)
    with running_app(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


class Browsing:
    """A fresh page that records every request (also from the map's frame) and every dialog."""

    def __init__(self, browser, app_url: str):
        self.app_url = app_url
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.set_default_timeout(TIMEOUT)
        self.requested: list[str] = []
        self.dialogs: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requested.append(request.url))
        self.page.on("websocket", lambda socket_: self.requested.append(socket_.url))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def open(self, query: str = ""):
        """Open the app (at `?query`) and wait for the map to draw; return the page."""
        self.page.goto(f"{self.app_url}/{'?' + query if query else ''}")
        wait_for_map(self.page, TIMEOUT)
        return self.page


@pytest.fixture
def browsing(browser, app_url):
    """The page a test drives; afterwards, every request it made must have stayed on 127.0.0.1."""
    session = Browsing(browser, app_url)
    yield session
    session.context.close()
    assert session.requested, "the page made no request at all"
    assert not outside(session.requested), outside(session.requested)


# -- helpers -----------------------------------------------------------------------------------------------
def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def _layer_switch(page, name: str):
    """A layer's switch in the sidebar: the one place a layer is turned on or off."""
    return _sidebar(page).get_by_role("switch", name=name, exact=True)


def _flip_layer(page, name: str) -> None:
    _layer_switch(page, name).locator("xpath=ancestor::label[1]").click()  # its input is visually hidden


LAYER_POLL_MS = 2_000


def _wait_layers(page, expected: dict[str, bool]) -> None:
    """Wait until each layer in `expected` is in the map's DOM (True) or gone from it (False). A layer
    switched in the sidebar comes with a new map, whose frame replaces the one being watched."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + TIMEOUT / 1000
    while True:
        try:
            frame = map_frame(page)
            if frame is None:  # between the old frame and the new one
                raise Error("detached: no map frame yet")
            # in short slices, each on the frame in the page now: the one first found may be replaced,
            # detached or not, by the time its map is drawn
            frame.wait_for_function(
                f"expected => {{ const now = ({LAYERS_IN_DOM})(); "
                "return Object.keys(expected).every(name => now[name] === expected[name]); }",
                arg=expected,
                timeout=LAYER_POLL_MS,
            )
            return
        except Error:  # timed out on this frame, or it was replaced while waited on: look again
            if time.monotonic() > deadline:
                raise
            page.wait_for_timeout(100)


def _opened(page, name: str) -> None:
    """Wait for the panel of the place `name`, and for the run that drew it to end."""
    from playwright.sync_api import expect

    expect(_heading(page, name)).to_be_visible(timeout=TIMEOUT)
    settled(page, TIMEOUT)


def _heading(page, name: str):
    return page.get_by_role("heading", name=name, exact=True)


def _events_tab(page):
    return page.get_by_role("tab", name=re.compile(r"^Events \(\d+\)$"))


def _events_count(page) -> int:
    return int(re.search(r"\((\d+)\)", _events_tab(page).inner_text()).group(1))


# -- tests -------------------------------------------------------------------------------------------------
def test_browser_layers_toggle_from_the_sidebar_the_one_switch_each(browsing):
    """Each layer leaves the map and comes back from its sidebar switch, the URL saying which are on; the
    map has no layer control of its own to disagree with them, and covers most of the page's width."""
    from playwright.sync_api import expect

    page = browsing.open()
    shown = {name: name != "Heat" for name in LAYER_NAMES}  # Heat is off until asked for
    _wait_layers(page, shown)
    assert map_view(page).locator(".leaflet-control-layers").count() == 0
    for name in LAYER_NAMES:
        for on in (not shown[name], shown[name]):  # each layer leaves and comes back (Heat: the reverse)
            _flip_layer(page, name)
            expect(_layer_switch(page, name)).to_be_checked(checked=on, timeout=TIMEOUT)
            _wait_layers(page, {**shown, name: on})
            in_url = on != shown[name]  # only layers other than the default ones are written to the URL
            page.wait_for_url(lambda url, in_url=in_url: ("layers=" in url) == in_url, timeout=TIMEOUT)
            settled(page, TIMEOUT)


def test_browser_the_map_takes_most_of_a_1600_px_screen(browser, app_url):
    """At 1600 x 1000 the map is three quarters of the area beside the sidebar and most of the height;
    with the sidebar closed, it widens to most of the page."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    try:
        page = context.new_page()
        page.goto(app_url)
        wait_for_map(page, TIMEOUT)
        sidebar = _sidebar(page).bounding_box()
        box = page.locator(MAP_FRAME).first.bounding_box()
        assert box["width"] >= 0.7 * (1600 - sidebar["width"]), (box, sidebar)
        assert box["height"] >= 0.65 * 1000 and box["y"] < 80, box
        _sidebar(page).hover()  # the sidebar's close button shows on hover
        page.get_by_role("button", name="Collapse sidebar").click()
        page.wait_for_function(
            f"() => document.querySelector('{MAP_FRAME}').getBoundingClientRect().width >= 0.65 * 1600",
            timeout=TIMEOUT,
        )
    finally:
        context.close()


LABEL_BOXES = """() => Array.from(document.querySelectorAll(".nm-label"))
    .filter(label => label.style.visibility !== "hidden")
    .map(label => {
        const r = label.firstChild.getBoundingClientRect();
        return [r.left, r.top, r.right, r.bottom, label.textContent];
    })"""


def test_browser_places_are_named_where_their_names_fit(browsing):
    """The busiest places' names are on the map, none over another; zoomed in, Simferopol and Sevastopol
    (70 km apart) are both named."""
    page = browsing.open()
    frame = map_frame(page)
    shown = frame.evaluate(LABEL_BOXES)
    assert len(shown) >= 10, shown
    for i, (left, top, right, bottom, name) in enumerate(shown):
        for other in shown[i + 1 :]:
            apart = right < other[0] or left > other[2] or bottom < other[1] or top > other[3]
            assert apart, (name, other[4])
    show_on_map(page, 44.8, 33.8, zoom=8)
    page.wait_for_timeout(300)
    names = {box[4] for box in frame.evaluate(LABEL_BOXES)}
    assert {"Simferopol", "Sevastopol"} <= names, names


TOOLTIP_BOX = """() => Array.from(document.querySelectorAll(".leaflet-tooltip")).map(tip => {
    const r = tip.getBoundingClientRect();
    return [r.top, r.bottom, window.innerHeight];
})"""


def test_browser_a_tooltip_at_the_map_s_edge_opens_inside_it(browsing):
    """A country hovered 15 px from the top or the bottom of the map: its tooltip is inside the map."""
    page = browsing.open()
    frame = map_frame(page)
    for edge in ("top", "bottom"):
        point = show_on_map(page, 61.5, 105.0, zoom=4)  # Russia
        height = frame.evaluate("window.map.getSize().y")
        inside = frame.evaluate("window.map.latLngToContainerPoint([61.5, 105.0])")["y"]
        target = 15 if edge == "top" else height - 15
        frame.evaluate(f"window.map.panBy([0, {inside - target}], {{animate: false}})")
        page.wait_for_timeout(300)
        page.mouse.move(point["x"], point["y"] - inside + target)
        map_view(page).locator(".leaflet-tooltip").first.wait_for(timeout=TIMEOUT)
        ((top, bottom, frame_height),) = frame.evaluate(TOOLTIP_BOX)
        assert top >= 0 and bottom <= frame_height, (edge, top, bottom, frame_height)
        page.mouse.move(0, 0)


HEAT_DOTS = """() => Object.values(window.map._layers)
    .filter(layer => layer instanceof L.CircleMarker && !(layer instanceof L.Circle)
        && layer.options.radius === 5 && layer.options.interactive === false).length"""


def test_browser_the_heat_grid_shows_at_world_zoom(browsing):
    """At world zoom a heat cell is a few pixels wide: each is also a dot there, gone when zoomed in."""
    page = browsing.open("layers=Countries,Heat&view=20.0,0.0,2")
    frame = map_frame(page)
    frame.wait_for_function(f"({HEAT_DOTS})() > 0", timeout=TIMEOUT)
    show_on_map(page, 33.0, -7.0, zoom=6)
    assert frame.evaluate(HEAT_DOTS) == 0


def test_browser_an_arc_takes_no_click_from_what_lies_under_it(browsing):
    """Relation arcs cross countries, territories and cities: a click on one reaches what is under it."""
    page = browsing.open()
    _wait_layers(page, {"Relations": True})
    hit = map_frame(page).evaluate(
        """() => Array.from(document.querySelectorAll('path[fill="none"]')).map(arc => {
            const length = arc.getTotalLength();
            const at = arc.getPointAtLength(length / 3).matrixTransform(arc.getScreenCTM());
            return {
                interactive: arc.classList.contains("leaflet-interactive"),
                onTop: document.elementFromPoint(at.x, at.y) === arc,
            };
        })"""
    )
    assert hit, "the demo's map has arcs"
    assert not any(arc["interactive"] or arc["onTop"] for arc in hit), hit


def test_browser_click_western_sahara_and_rabat_opens_their_panels(browsing):
    from playwright.sync_api import expect

    page = browsing.open()
    # Zoomed in, so the click lands on the territory itself, away from the city markers on top of it.
    click_on_map(page, 22.6, -13.8, zoom=6)
    _opened(page, "Western Sahara")
    expect(page.get_by_text("Disputed territory", exact=True)).to_be_visible()
    expect(page.get_by_text("Administered by:")).to_be_visible()
    expect(page.get_by_text(re.compile("Moroccan sovereignty over")).first).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["place"] == ["disputed:western-sahara"]

    # Rabat: its Places circle, once the event markers on top of it are off.
    _flip_layer(page, "Events")
    _wait_layers(page, {"Events": False, "Places": True})
    click_on_map(page, 34.0133, -6.8326, zoom=10)
    _opened(page, "Rabat")
    expect(page.get_by_text(re.compile(r"^City · Morocco · population"))).to_be_visible()
    assert parse_qs(urlparse(page.url).query)["place"] == [RABAT]
    assert _events_count(page) >= 1
    events = page.get_by_role("tabpanel")
    memorandum = (
        events.locator('[data-testid="stVerticalBlock"]')
        .filter(has_text="signed a memorandum of understanding on defence and security")
        .last  # the innermost block: the event's bordered box
    )
    expect(memorandum).to_be_visible()
    expect(memorandum).to_contain_text("SUPPORT · 2021-11-24")
    expect(memorandum).to_contain_text("Israel (Israel) → Morocco (Morocco) · at Rabat")
    expect(memorandum).not_to_contain_text("Western Sahara")  # one event's box, not the whole list


def test_browser_feed_lists_the_latest_events_and_opens_a_place(browsing):
    """With no place selected the panel lists the selection's newest events; an event's button opens its
    place's panel and puts the place in the URL, as a click on the map does."""
    from playwright.sync_api import expect

    page = browsing.open()
    expect(_heading(page, "Latest events")).to_be_visible(timeout=TIMEOUT)
    memorandum = (
        page.locator('[data-testid="stVerticalBlock"]')
        .filter(has_text="signed a memorandum of understanding on defence and security")
        .last
    )
    expect(memorandum).to_contain_text("SUPPORT · 2021-11-24")
    memorandum.get_by_role("button", name="Open Rabat", exact=True).click()
    _opened(page, "Rabat")
    assert parse_qs(urlparse(page.url).query)["place"] == [RABAT]
    assert _events_count(page) >= 1


def test_browser_layer_turned_on_from_the_sidebar_reports_clicks(browsing):
    """A layer off at start (here Places, from the URL) and turned on from the sidebar: clicking one of its
    features opens that place's panel, like a layer that was on from the start."""
    page = browsing.open("layers=countries,events")
    _wait_layers(page, {"Places": False, "Events": True})
    _flip_layer(page, "Places")
    _wait_layers(page, {"Places": True, "Events": True})
    settled(page, TIMEOUT)
    _flip_layer(page, "Events")  # the event markers sit on top of Rabat's circle
    _wait_layers(page, {"Places": True, "Events": False})
    settled(page, TIMEOUT)
    click_on_map(page, 34.0133, -6.8326, zoom=10)
    _opened(page, "Rabat")
    assert parse_qs(urlparse(page.url).query)["place"] == [RABAT]


def test_browser_time_window_moves_with_the_step_buttons_and_the_slider(browsing):
    from playwright.sync_api import expect

    # Every event (conf=0): Rabat has more in the whole range than in any half year. The windows end
    # before the demo's last event date (2021-11-25), where a step would stop short.
    page = browsing.open(f"place={RABAT}&conf=0&from=2020-12-24&to=2021-06-09")
    _opened(page, "Rabat")
    expect(_events_tab(page)).to_have_text("Events (0)")  # nothing happened in Rabat in that half year
    slider = _sidebar(page).get_by_role("group", name="Event dates")
    expect(slider.get_by_text("2020-12-24", exact=True)).to_be_visible()

    sidebar = _sidebar(page)
    sidebar.get_by_role("button", name="▶").click()  # the next half year: the memorandum, in November
    page.wait_for_url(re.compile(r"from=2021-06-10&to=2021-11-24"), timeout=TIMEOUT)
    settled(page, TIMEOUT)
    expect(_events_tab(page)).not_to_have_text("Events (0)", timeout=TIMEOUT)
    expect(page.get_by_text("SUPPORT · 2021-11-24")).to_be_visible()
    expect(slider.get_by_text("2021-06-10", exact=True)).to_be_visible()
    moved = _events_count(page)

    sidebar.get_by_role("button", name="◀").click()
    page.wait_for_url(re.compile(r"from=2020-12-24&to=2021-06-09"), timeout=TIMEOUT)
    settled(page, TIMEOUT)
    expect(_events_tab(page)).to_have_text("Events (0)", timeout=TIMEOUT)

    # The slider, from the keyboard: its start thumb to the first event date (the window now ends in June
    # 2021), then its end thumb to the last: the whole range, with more events than either half year.
    slider.get_by_role("slider", name=re.compile("start")).press("Home")
    page.wait_for_url(lambda url: "from=" not in url and "to=2021-06-09" in url, timeout=TIMEOUT)
    settled(page, TIMEOUT)  # the URL is written early in the run: a key pressed before it ends may be lost
    slider.get_by_role("slider", name=re.compile("end")).press("End")
    page.wait_for_url(lambda url: "from=" not in url and "to=" not in url, timeout=TIMEOUT)
    settled(page, TIMEOUT)
    expect(_events_tab(page)).not_to_have_text(f"Events ({moved})", timeout=TIMEOUT)
    assert _events_count(page) > moved
    expect(sidebar.get_by_role("button", name="▶")).to_be_disabled()  # the whole range has no next window


def test_browser_permalink_reopens_the_same_view(browsing):
    from playwright.sync_api import expect

    page = browsing.open("place=disputed:western-sahara&pov=mar&type=SUPPORT,AGREE")
    _opened(page, "Western Sahara")
    expect(page.get_by_text("Administered by:")).to_be_visible()
    borders = map_view(page).locator(".nm-box").filter(has_text="Borders:")
    expect(borders).to_contain_text("Borders: Morocco's view")
    sidebar = _sidebar(page)
    expect(sidebar.get_by_role("combobox", name="Borders")).to_have_value("Morocco's view")
    types = sidebar.locator('[data-testid="stMultiSelect"]').filter(has_text="Event types")
    expect(types.get_by_text("Support", exact=True)).to_be_visible()
    expect(types.get_by_text("Agree", exact=True)).to_be_visible()
    # The panel lists only those types' events.
    expect(_events_tab(page)).not_to_have_text("Events (0)")
    listed = page.get_by_role("tabpanel").locator("strong").filter(has_text=re.compile(r"^[A-Z]+$"))
    assert set(listed.all_inner_texts()) <= {"SUPPORT", "AGREE"}
    query = parse_qs(urlparse(page.url).query)
    assert query["place"] == ["disputed:western-sahara"]
    assert (query["pov"], query["type"]) == (["mar"], ["SUPPORT,AGREE"])


def test_browser_a_copied_link_reopens_the_map_where_it_was_panned_and_zoomed(browsing):
    """Panned and zoomed, with the shading changed, the page's URL says so; opened in a fresh page, the link
    draws the map at the same centre and zoom, shaded the same way."""
    from playwright.sync_api import expect

    page = browsing.open()
    assert "view=" not in page.url  # the map's own start leaves the URL plain
    frame = map_frame(page)
    frame.evaluate("window.map.setView([31.52, -7.12], 5, {animate: false})")
    page.wait_for_url(re.compile(r"view=31\.52(%2C|,)-7\.12(%2C|,)5"), timeout=TIMEOUT)
    settled(page, TIMEOUT)
    _sidebar(page).get_by_text("events", exact=True).click()  # "Shade countries by": events
    page.wait_for_url(re.compile(r"shade=events"), timeout=TIMEOUT)
    wait_for_map(page, TIMEOUT)
    link = page.url
    assert "view=31.52" in link.replace("%2C", ",")  # a new map (shading) kept the view

    fresh = browsing.context.new_page()
    fresh.goto(link)
    frame = wait_for_map(fresh, TIMEOUT)
    center = frame.evaluate("(() => { const c = window.map.getCenter(); return [c.lat, c.lng]; })()")
    assert abs(center[0] - 31.52) < 0.05 and abs(center[1] + 7.12) < 0.05  # within a pixel at zoom 5
    assert frame.evaluate("window.map.getZoom()") == 5
    legend = map_view(fresh).locator(".nm-box").filter(has_text="Countries:")
    expect(legend.first).to_contain_text("Countries: events")
    fresh.close()


def _payload_never_ran(page, browsing) -> None:
    for frame in page.frames:
        assert frame.evaluate("typeof window.__pwned") == "undefined", frame.url
    assert browsing.dialogs == []


def test_browser_hostile_article_text_stays_inert_in_panel_and_map(browsing, browser):
    from playwright.sync_api import expect

    page = browsing.open()
    # The Events marker at Reykjavik: its popup lists the hostile actor; a click also selects the place.
    frame = map_frame(page)
    point = show_on_map(page, 64.1355, -21.8954, zoom=8)
    marker = map_view(page).locator(".leaflet-marker-pane .nm-ev")
    expect(marker.first).to_be_visible(timeout=TIMEOUT)
    box = marker.first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    popup = map_view(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("CONSULT")
    expect(popup).to_contain_text("onerror")  # shown as text
    expect(popup).to_contain_text("machine-coded")  # who coded it, as in the panel
    assert frame.evaluate("document.querySelectorAll('.leaflet-popup-content :is(img, script)').length") == 0
    _opened(page, "Reykjavík")

    # The Places tooltip there, hovered (the event marker hidden first).
    _flip_layer(page, "Events")
    _wait_layers(page, {"Events": False})
    settled(page, TIMEOUT)
    point = show_on_map(page, 64.1355, -21.8954, zoom=8)  # a new map: back to Reykjavik
    page.mouse.move(point["x"], point["y"])
    expect(map_view(page).locator(".leaflet-tooltip")).to_contain_text("mentions")

    # Every tab of the panel, and the actor's button, which names the actor in the sidebar too.
    panel = page.locator('[data-testid="stMainBlockContainer"]')
    expect(panel.get_by_text(re.compile("onerror")).first).to_be_visible()
    page.get_by_role("tab", name=re.compile(r"^Mentions")).click()
    expect(page.get_by_role("tabpanel").get_by_text(re.compile(r"Envoys meet in Reykjavik"))).to_be_visible()
    page.get_by_role("tab", name=re.compile(r"^Actors")).click()
    page.get_by_role("tabpanel").get_by_role("button", name=re.compile("Minister")).click()
    chip = _sidebar(page).get_by_text(re.compile("Only the events of"))
    expect(chip).to_contain_text("Minister <script>window.__pwned", timeout=TIMEOUT)  # as text
    wait_for_map(page, TIMEOUT)
    page.wait_for_timeout(500)  # let any image error handler fire, were there one
    assert page.locator("img[src=x], script:has-text('__pwned')").count() == 0
    _payload_never_ran(page, browsing)

    # The payloads are live: parsed as HTML in a blank page, they do run (so the check above can fail).
    control = browser.new_page()
    control.on("dialog", lambda dialog: dialog.dismiss())
    control.set_content(f"<body>{IMG_PAYLOAD}</body>")
    control.wait_for_function("window.__pwned === 'img'", timeout=10_000)
    control.close()


def test_browser_upload_ingests_a_page_and_runs_none_of_its_scripts(browsing, tmp_path):
    from playwright.sync_api import expect

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
    page = browsing.open()
    sidebar = _sidebar(page)
    if not sidebar.locator('[data-testid="stFileUploader"]').is_visible():
        sidebar.get_by_text("Add articles").click()
    sidebar.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(page_file))
    expect(sidebar.get_by_text("story.html")).to_be_visible(timeout=30_000)
    sidebar.get_by_role("button", name="Ingest files").click()
    expect(sidebar.get_by_text(re.compile(r"1 ingested, 0 duplicates skipped, 0 failed"))).to_be_visible(
        timeout=TIMEOUT
    )
    # The view narrows to the new article, and the map opens on its places (Nairobi, Addis Ababa).
    page.wait_for_url(re.compile(r"[?&]art=\w+"), timeout=TIMEOUT)
    expect(sidebar.get_by_text("Only Envoys meet in Nairobi")).to_be_visible(timeout=TIMEOUT)
    frame = wait_for_map(page, TIMEOUT)
    frame.wait_for_function("() => window.map.getZoom() > 2", timeout=TIMEOUT)
    center = frame.evaluate("window.map.getCenter()")
    assert -2 < center["lat"] < 10 and 34 < center["lng"] < 40, center
    _payload_never_ran(page, browsing)
