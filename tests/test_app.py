"""The Streamlit app, headless (AppTest): what goes to the browser, and how a click changes the panel."""

import base64
import json
import re

import in_store
import pytest
from conftest import WASHINGTON
from streamlit.testing.v1 import AppTest
from test_layers import hidden_at_start

from dashboard.cli import APP, DEMO_CORPUS
from dashboard.pipeline import ingest
from dashboard.selection import DEFAULT_EVENT_CONFIDENCE, DEFAULT_LAYERS, DEFAULT_PLACE_CONFIDENCE, Selection
from dashboard.store import Store
from dashboard.views.text import LINE_BREAK, markdown_text


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("app") / "demo.db"
    report = ingest([DEMO_CORPUS], Store(path))
    assert report.added >= 10 and not report.errors
    return path


@pytest.fixture
def app(demo_db, monkeypatch):
    monkeypatch.setenv("NEWSMAP_DB", str(demo_db))
    return AppTest.from_file(str(APP), default_timeout=120).run()


def _map(app):
    (component,) = [c for c in app.get("component_instance") if "st_folium" in c.proto.component_name]
    return component


def _map_args(app):
    return json.loads(_map(app).proto.json_args)


def _click(app, properties):
    """What st_folium returns after a click on a GeoJSON feature; its widget key is a hash of the map."""
    app.session_state[_map(app).key] = {"last_active_drawing": {"type": "Feature", "properties": properties}}
    return app.run()


def test_app_sends_only_local_assets_and_all_layers(app):
    assert not app.exception
    args = _map_args(app)
    for link in args["js_links"] + args["css_links"]:
        assert link.startswith(("/component/", "data:")), link
    # The five layers on by default, each a feature group on the map, and no layer control of the map's
    # own: the sidebar's toggles (in the URL) are the one switch for each layer.
    assert len(_layer_groups(args["script"])) == len(DEFAULT_LAYERS)
    assert "disputed:western-sahara" in args["script"] and "nm-ev" in args["script"]
    assert "control.layers" not in args["script"]
    assert "tile.openstreetmap" not in args["script"]


def test_app_click_on_disputed_territory_opens_its_panel(app):
    _click(app, {"place_id": "disputed:western-sahara"})
    assert not app.exception
    assert [h.value for h in app.main.subheader] == ["Western Sahara"]
    markdown = "\n".join(m.value for m in app.markdown)
    assert "Administered by:** Morocco" in markdown
    assert ":orange-background[Western Sahara]" in markdown
    assert app.query_params["place"] == "disputed:western-sahara"


def test_app_click_on_city_lists_articles_and_sentences(app):
    _click(app, {"place_id": "2538475"})  # Rabat, by its GeoNames id
    assert [h.value for h in app.main.subheader] == ["Rabat"]
    markdown = "\n".join(m.value for m in app.markdown)
    assert ":orange-background[Rabat]" in markdown
    assert "machine\\-coded here \\(plover\\-lexicon\\.v1\\)" in markdown  # each event says who coded it
    assert "memorandum" in markdown


def _toggle(app, label):
    (toggle,) = [t for t in app.sidebar.toggle if t.label == label]
    return toggle


def _layer_groups(script: str) -> set[str]:
    """The feature groups (one per layer) the map's script adds to the map."""
    return set(re.findall(r"(feature_group_\w+)\.addTo\(", script))


def test_app_layer_toggle_takes_the_layer_off_the_map_and_into_the_url(app):
    script = _map_args(app)["script"]
    assert "newsmap-hatch" in script and len(_layer_groups(script)) == len(DEFAULT_LAYERS)
    _toggle(app, "Disputed territories").set_value(False).run()
    script = _map_args(app)["script"]
    assert "newsmap-hatch" not in script and len(_layer_groups(script)) == len(DEFAULT_LAYERS) - 1
    assert app.query_params["layers"] == "countries,places,events,relations"
    assert hidden_at_start(script) == []  # an off layer is simply not drawn: only a new map shows it


def test_app_paste_maps_an_article_and_shows_it_alone(app):
    assert "fitBounds" not in _map_args(app)["script"]
    _widget(app.sidebar.text_input, "Title").input("Envoys tour the Horn of Africa")
    app.sidebar.text_area[0].input("Ministers met in Nairobi and later flew to Addis Ababa.")
    next(b for b in app.sidebar.button if b.label == "Map it").click().run()
    assert not app.exception
    (flash,) = [s.value.replace("\\", "") for s in app.success]  # without the Markdown escapes
    assert "Mapped 2 mentions of 2 places" in flash
    # Its events are uncertain (no named political actors): the message says why the map shows none.
    assert re.search(r", (\d+) events \(\1 under the minimum event confidence, 0\.6\)", flash), flash
    (article_id,) = app.query_params["art"].split(",")
    assert any("Only **Envoys tour the Horn of Africa**" in c.value for c in app.sidebar.caption)
    script = _map_args(app)["script"]
    assert "fitBounds" in script  # the map opens on the article's places
    mentioned = set(re.findall(r'"mentions": [1-9]\d*, "name": "([^"]+)"', script))
    assert mentioned == {"Nairobi", "Addis Ababa"}, mentioned  # nothing from the demo corpus is counted
    _widget(app.sidebar.button, "✕").click().run()
    assert "art" not in app.query_params and "fitBounds" not in _map_args(app)["script"]


def test_app_demonyms_can_be_hidden_from_counts_and_panels(app):
    _click(app, {"place_id": "MAR"})
    shown = "\n".join(m.value for m in app.main.markdown)
    assert ":orange-background[Moroccan]" in shown
    _toggle(app, "Count demonyms").set_value(False).run()
    hidden = "\n".join(m.value for m in app.main.markdown)
    assert ":orange-background[Moroccan]" not in hidden
    assert ":orange-background[Morocco]" in hidden


def test_app_place_panel_lists_events_and_actors(app):
    _click(app, {"place_id": "2538475"})  # Rabat
    assert not app.exception
    labels = [t.label for t in app.main.tabs]
    assert labels[0].startswith("Events (") and labels[0] != "Events (0)"
    assert labels[1].startswith("Actors (") and labels[1] != "Actors (0)"
    shown = "\n".join(m.value for m in app.main.markdown)
    assert "**SUPPORT** · 2021\\-11\\-24" in shown  # the signing in Rabat, dated from "on Wednesday"
    assert "Israel \\(Israel\\) → " in shown


def test_app_country_panel_counts_the_events_its_tooltip_counts(app):
    """The Countries layer's tooltip and the panel give one number of events here (the demo's Morocco: at
    Rabat, and at Morocco as a whole); those elsewhere that Moroccan actors take part in are apart."""
    tooltip = re.search(
        r'"properties": \{"events": (\d+), "fill": "[^"]*", "mentions": (\d+), "name": "Morocco"',
        _map_args(app)["script"],
    )
    _click(app, {"place_id": "MAR"})
    labels = [t.label for t in app.main.tabs]
    assert (labels[0], labels[-1]) == (f"Events ({tooltip[1]})", f"Mentions ({tooltip[2]})")
    assert re.fullmatch(r"Elsewhere, involving Morocco \([1-9]\d*\)", labels[1]), labels
    assert app.main.markdown[0].value.startswith(f"In this selection: **{tooltip[1]}** events here")


def test_app_city_panel_says_it_lies_in_a_disputed_territory(app):
    _click(app, {"place_id": "2462881"})  # Laayoune, GeoNames id
    assert not app.exception
    assert any("Western Sahara \\(disputed territory\\)" in c.value for c in app.main.caption)


def test_app_draws_tiles_only_when_configured(demo_db, monkeypatch):
    monkeypatch.setenv("NEWSMAP_DB", str(demo_db))
    plain = AppTest.from_file(str(APP), default_timeout=120).run()
    assert "L.tileLayer" not in _map_args(plain)["script"]
    monkeypatch.setenv("NEWSMAP_TILES", "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png")
    tiled = AppTest.from_file(str(APP), default_timeout=120).run()
    assert "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png" in _map_args(tiled)["script"]


# -- the selection: filters, URL, actor buttons, playback, downloads ---------------------------------------
def _opened(demo_db, monkeypatch, **params):
    """The app opened at a URL with these query parameters."""
    monkeypatch.setenv("NEWSMAP_DB", str(demo_db))
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params.update(params)
    return app.run()


def _widget(widgets, label):
    (found,) = [w for w in widgets if w.label == label]
    return found


def _events_tab(app) -> str:
    return next(t.label for t in app.main.tabs if t.label.startswith("Events ("))


def _panel_event_types(app) -> set[str]:
    """The PLOVER types of the events the panel lists (each shown as **TYPE** · date)."""
    return {m.group(1) for m in (re.match(r"\*\*([A-Z]+)\*\*", x.value) for x in app.main.markdown) if m}


def test_app_filters_change_what_the_panel_lists(app, demo_db):
    _click(app, {"place_id": "MAR"})
    everything = [tab.label for tab in app.main.tabs]  # events there, elsewhere involving it, actors...
    assert _events_tab(app) != "Events (0)" and {"SUPPORT", "AGREE"} <= _panel_event_types(app)

    _widget(app.sidebar.multiselect, "Event types").set_value(["SUPPORT"]).run()
    assert not app.exception
    assert _panel_event_types(app) == {"SUPPORT"} and [tab.label for tab in app.main.tabs] != everything
    supported = len([m for m in app.main.markdown if m.value.startswith("**SUPPORT**")])
    assert app.query_params["type"] == "SUPPORT" and app.query_params["place"] == "MAR"

    _widget(app.sidebar.text_input, "Search the articles").input("memorandum").run()
    assert app.query_params["q"] == "memorandum"
    store = Store(demo_db)
    matching = {markdown_text(store.article(found).title) for found in store.search("memorandum")}
    assert 0 < len(matching) < len(in_store.articles(store))
    cards = [m.value for m in app.main.markdown if m.value.startswith("**SUPPORT**")]
    assert 0 < len(cards) < supported  # each event card names its article: only articles with the word
    assert all(any(title in card for title in matching) for card in cards)
    _widget(app.sidebar.text_input, "Search the articles").input("nosuchwordanywhere").run()
    assert _events_tab(app) == "Events (0)"
    assert any("No event in this selection" in i.value for i in app.main.info)


def test_app_search_box_takes_any_text(app):
    """A NUL, stray quotes or FTS5 syntax typed into the search box never show an exception; punctuation
    alone, with no word to search for, says so."""
    search = _widget(app.sidebar.text_input, "Search the articles")
    for query in ("memo\x00randum", '"NEAR( title:x AND *^ (', "\x00"):
        search.input(query).run()
        assert not app.exception, query
    search.input("memorandum\x00").run()
    assert not app.exception and app.query_params["q"] == "memorandum"  # the URL holds the cleaned text
    assert _map_args(app)  # the map is drawn
    search.input("?!...").run()
    assert not app.exception
    assert any("No word to search for" in info.value for info in app.sidebar.info)


def test_app_url_reproduces_a_view(demo_db, monkeypatch):
    params = {
        "place": "MAR",
        "type": "SUPPORT,AGREE",
        "country": "ISR",
        "conf": "0.5",
        "pconf": "0.4",
        "main": "0",
        "dem": "0",
        "layers": "countries,events",
        "from": "2020-01-01",
        "to": "2021-11-20",
        "pov": "de-facto",
    }
    app = _opened(demo_db, monkeypatch, **params)
    assert not app.exception
    assert {k: app.query_params[k] for k in params} == params  # the URL is kept as it came
    sidebar = app.sidebar
    assert _widget(sidebar.multiselect, "Event types").value == ["SUPPORT", "AGREE"]
    assert _widget(sidebar.multiselect, "Countries").value == ["ISR"]
    assert _widget(sidebar.slider, "Minimum event confidence").value == 0.5
    assert _widget(sidebar.slider, "Minimum place confidence").value == 0.4
    assert [str(d) for d in _widget(sidebar.slider, "Event dates").value] == ["2020-01-01", "2021-11-20"]
    assert (
        not _toggle(app, "Count demonyms").value
        and not _toggle(app, "Main event of each sentence only").value
    )
    assert [t.label for t in sidebar.toggle if t.value and t.label in ("Countries", "Places", "Events")] == [
        "Countries",
        "Events",
    ]
    assert [h.value for h in app.main.subheader] == ["Morocco"]
    assert _panel_event_types(app) <= {"SUPPORT", "AGREE"} and _events_tab(app) != "Events (0)"
    assert not any(":orange-background[Moroccan]" in m.value for m in app.main.markdown)  # demonyms off

    # The same view, reached through the widgets, writes the same URL.
    clicked = AppTest.from_file(str(APP), default_timeout=120).run()
    _widget(clicked.sidebar.multiselect, "Event types").set_value(["SUPPORT", "AGREE"]).run()
    _toggle(clicked, "Count demonyms").set_value(False).run()
    assert (clicked.query_params["type"], clicked.query_params["dem"]) == ("SUPPORT,AGREE", "0")


def _mentions_tab(app) -> str:
    return next(t.label for t in app.main.tabs if t.label.startswith("Mentions ("))


def test_app_event_and_place_confidence_sliders(calibrated_db, monkeypatch):
    """Uncertain events are hidden until the event slider is lowered; place mentions count from 0.3 until
    the place slider is moved. Each writes its own URL key."""
    app = _opened(calibrated_db, monkeypatch, place=WASHINGTON)  # an event at 0.5, a mention at 0.3
    events = _widget(app.sidebar.slider, "Minimum event confidence")
    places = _widget(app.sidebar.slider, "Minimum place confidence")
    assert (events.value, places.value) == (DEFAULT_EVENT_CONFIDENCE, DEFAULT_PLACE_CONFIDENCE)
    assert "From 0.6 up, the events a reader can trust" in events.help and "Lower it" in events.help
    assert "Below 0.3 a name is about as likely somewhere else" in places.help
    assert "conf" not in app.query_params and "pconf" not in app.query_params
    assert (_events_tab(app), _mentions_tab(app)) == ("Events (0)", "Mentions (1)")

    events.set_value(0.0).run()
    assert app.query_params["conf"] == "0"
    assert (_events_tab(app), _mentions_tab(app)) == ("Events (1)", "Mentions (1)")
    _widget(app.sidebar.slider, "Minimum place confidence").set_value(0.5).run()
    assert (app.query_params["conf"], app.query_params["pconf"]) == ("0", "0.5")
    assert (_events_tab(app), _mentions_tab(app)) == ("Events (1)", "Mentions (0)")
    # Back to the default, as a slider's steps add up to it (0.6000000000000001): no `conf` in the URL.
    _widget(app.sidebar.slider, "Minimum event confidence").set_value(0.05 * 12).run()
    assert "conf" not in app.query_params and _events_tab(app) == "Events (0)"


def test_app_survives_a_malformed_url(demo_db, monkeypatch):
    app = _opened(
        demo_db,
        monkeypatch,
        place="<script>",
        type="BOMB",
        country="XXX,mar",
        conf="nan",
        pconf="-1",
        to="1999",
        layers="x",
    )
    assert not app.exception
    assert [h.value for h in app.main.subheader] == ["Latest events"]  # no place: the feed
    assert _widget(app.sidebar.multiselect, "Countries").value == ["MAR"]
    assert not {"type", "conf", "pconf"} & set(app.query_params)


def _who_did_what(app) -> list[str]:
    """The "source → target" line of each event card in the panel."""
    return [line for m in app.main.markdown for line in m.value.split(LINE_BREAK) if " → " in line]


def test_app_actor_button_filters_the_whole_view(demo_db, monkeypatch):
    app = _opened(demo_db, monkeypatch, place="2538475", conf="0")  # Rabat, all its events
    before = [tab.label for tab in app.main.tabs]
    (israel,) = [b for b in app.main.button if b.label == "Israel \\(Israel\\)"]  # one button per actor
    israel.click().run()
    assert not app.exception
    assert app.query_params["aid"] == israel.key.removeprefix("actor_")
    assert any("Only the events of **Israel**" in c.value for c in app.sidebar.caption)
    assert [tab.label for tab in app.main.tabs] != before
    lines = _who_did_what(app)
    assert lines and all(
        line.startswith("Israel \\(Israel\\) → ") or " → Israel \\(Israel\\)" in line for line in lines
    )
    # The map and the other places' panels follow: Morocco's events are now those with Israel.
    _click(app, {"place_id": "MAR"})
    assert app.query_params["aid"] and _who_did_what(app)
    assert all("Israel \\(Israel\\)" in line for line in _who_did_what(app))
    _widget(app.sidebar.button, "✕").click().run()
    assert "aid" not in app.query_params


def test_app_step_button_moves_the_date_window(demo_db, monkeypatch):
    app = _opened(demo_db, monkeypatch, **{"from": "2020-07-01", "to": "2020-12-31"})
    _widget(app.sidebar.button, "▶").click().run()
    assert not app.exception
    assert (app.query_params["from"], app.query_params["to"]) == ("2021-01-01", "2021-07-03")
    assert [str(d) for d in _widget(app.sidebar.slider, "Event dates").value] == ["2021-01-01", "2021-07-03"]
    _widget(app.sidebar.button, "◀").click().run()
    assert (app.query_params["from"], app.query_params["to"]) == ("2020-07-01", "2020-12-31")


def test_app_downloads_the_selection_as_geojson_and_csv(demo_db, monkeypatch):
    import io

    import geopandas
    import pandas as pd
    from streamlit.runtime.media_file_manager import MediaFileManager

    made = {}

    def add_deferred(self, data, mimetype, coordinates, file_name=None, **_):
        made[file_name] = (data, mimetype)
        return f"deferred-{len(made)}"

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    app = _opened(demo_db, monkeypatch, type="SUPPORT,AGREE", country="MAR")
    assert not app.exception and [b.label for b in app.main.get("download_button")] == ["GeoJSON", "CSV"]
    (caption,) = [c.value for c in app.main.caption if c.value.startswith("Download the ")]
    selected = int(re.search(r"the (\d+) selected", caption).group(1))
    assert selected > 0

    geojson, mime = made["newsmap-selection.geojson"]
    assert mime == "application/geo+json"
    frame = geopandas.read_file(io.BytesIO(geojson()))
    events = frame[frame["feature"] == "event"]
    assert len(events) and set(events["type"]) <= {"SUPPORT", "AGREE"}
    assert frame.crs.to_epsg() == 4326

    table, mime = made["newsmap-selection.csv"]
    rows = pd.read_csv(io.BytesIO(table()), dtype=str, keep_default_na=False)
    assert len(rows) == selected and set(rows["event_type"]) <= {"SUPPORT", "AGREE"}
    # Some selected events have no place: the caption says the GeoJSON leaves them out, the CSV keeps them.
    unplaced = sum(not r.latitude for r in rows.itertuples())
    assert (
        unplaced and len(events) == selected - unplaced and "the GeoJSON holds those with a place" in caption
    )
    assert set(events["id"]) <= set(rows["event_id"])
    assert all(
        "MAR" in (r.actor1_country, r.actor2_country, r.iso3) or r.iso3 == "ESH" for r in rows.itertuples()
    )


def _timeline_svg(app) -> str:
    """The timeline, an SVG drawn as an image (a data: URL, so nothing in it can run)."""
    (chart,) = [element for element in app.main if getattr(element, "type", "") == "image"]
    url = chart.proto.imgs[0].url
    assert url.startswith("data:image/svg+xml;base64,")
    return base64.b64decode(url.split(",", 1)[1]).decode("utf-8")


def test_app_timeline_charts_the_selection(app):
    svg = _timeline_svg(app)
    assert "events / " in svg and "cooperation" in svg
    assert len(re.findall(r"<rect [^>]*><title>", svg)) >= 5  # bars, each with its count as a tooltip


def test_app_escapes_article_text_in_the_panel_buttons_and_sidebar(tmp_path, monkeypatch):
    """Actor names, titles and sentences are untrusted: no link, image or HTML of theirs reaches the page."""
    from dashboard.model import Actor, Article, Event, Mention

    payload = "![x](http://evil.test/i.png) <script>alert(1)</script> [click](javascript:alert(1))"
    text = f"{payload} Officials met in Rabat on Monday."
    article = Article.create(text, title=f"**{payload}**", url="javascript:alert(1)", source=payload)
    rabat = text.index("Rabat")
    actor = Actor(id="evil", name=payload, kind="government", country="MAR")
    event = Event(
        id="e1", article_id=article.id, type="CONSULT", source_actor="evil", target_actor="evil",
        evidence_start=0, evidence_end=len(text), place_id="2538475", confidence=0.9,
    )  # fmt: skip
    store = Store(tmp_path / "evil.db")
    store.add(article, [Mention(article.id, rabat, rabat + 5, "Rabat", "2538475")], [actor], [event])
    app = _opened(tmp_path / "evil.db", monkeypatch, place="2538475", aid="evil")
    assert not app.exception
    (button,) = [b for b in app.main.button if b.key == "actor_evil"]
    shown = [button.label, *(m.value for m in app.main.markdown), *(c.value for c in app.main.caption)]
    shown += [c.value for c in app.sidebar.caption]
    assert any("Only the events of" in c.value for c in app.sidebar.caption)
    assert sum("alert" in value for value in shown) >= 4  # title, actor, sentence, source: shown, inert
    for value in shown:
        assert "<script>" not in value and "](http" not in value and "](javascript" not in value, value
        assert "![" not in value.replace("\\!\\[", ""), value


def _pan(app, lat: float, lng: float, zoom: int):
    """What st_folium returns once the map is panned to (lat, lng) at `zoom` (a click seen before kept)."""
    key = _map(app).key
    state = (app.session_state[key] if key in app.session_state else None) or {}
    app.session_state[_map(app).key] = {**state, "center": {"lat": lat, "lng": lng}, "zoom": zoom}
    return app.run()


def test_app_a_pan_goes_to_the_url_and_the_link_opens_the_same_picture(app, demo_db, monkeypatch):
    """Panning and zooming write where the map looks to the URL without drawing the map again; the map's
    own start leaves the URL plain; a link with the view (and the shading) opens the map there."""
    assert _map_args(app)["returned_objects"] == ["last_active_drawing", "center", "zoom"]
    before = _map(app).proto.json_args
    _pan(app, 25.0, 10.0, 2)  # the map's start, reported back: nothing to say
    assert "view" not in app.query_params
    _pan(app, 31.52, -7.12, 5)
    assert app.query_params["view"] == "31.52,-7.12,5"
    assert _map(app).proto.json_args == before  # not drawn again
    _toggle(app, "Heat").set_value(True).run()  # a new map: it opens where the user was
    assert "[31.52, -7.12]" in _map_args(app)["script"] and '"zoom": 5' in _map_args(app)["script"]

    monkeypatch.setenv("NEWSMAP_DB", str(demo_db))
    link = AppTest.from_file(str(APP), default_timeout=120)
    link.query_params.update({"view": "48.85,2.35,6", "shade": "events"})
    link.run()
    script = _map_args(link)["script"]
    assert "[48.85, 2.35]" in script and '"zoom": 6' in script
    (radio,) = [r for r in link.sidebar.radio if r.label == "Shade countries by"]
    assert radio.value == "events" and link.query_params["shade"] == "events"


# -- speed: what a rerun reuses ------------------------------------------------------------------------------
def test_app_click_does_not_change_the_map(app):
    """A click only selects a place: the map's component arguments (so its key, HTML and message) stay the
    same, and the browser neither receives nor redraws it."""
    before = _map(app).proto.json_args
    for place in ("MAR", "disputed:western-sahara", "2538475"):
        _click(app, {"place_id": place})
        assert not app.exception and _map(app).proto.json_args == before
    assert app.query_params["place"] == "2538475"
    _toggle(app, "Places").set_value(False).run()
    assert _map(app).proto.json_args != before  # a filter does change it


def test_app_map_matches_what_st_folium_sends(demo_db):
    """The cached arguments are those st_folium itself gives the component."""
    from streamlit_folium import st_folium

    from dashboard.assets import use_local_assets
    from dashboard.geo import load_gazetteer
    from dashboard.views import cached

    use_local_assets()
    store = Store(demo_db)
    sent = {}
    folium_map = cached.build_map(store, load_gazetteer(), Selection())
    args = cached.component_args(folium_map, height=620, returned_objects=["last_active_drawing"])
    import streamlit_folium

    original = streamlit_folium._component_func
    streamlit_folium._component_func = lambda **kwargs: sent.update(kwargs)
    try:
        st_folium(folium_map, height=620, returned_objects=["last_active_drawing"])
    finally:
        streamlit_folium._component_func = original
    assert set(sent) - {"on_change"} == set(args)
    assert args["returned_objects"] == ["last_active_drawing"] and args["js_links"] == sent["js_links"]
    # Drawn without st_folium's first, thrown-away render of the whole page: the same message as st_folium
    # gives for the same map built again (its elements' random ids aside).
    again = {}
    streamlit_folium._component_func = lambda **kwargs: again.update(kwargs)
    try:
        st_folium(cached.build_map(store, load_gazetteer(), Selection()), height=620)
    finally:
        streamlit_folium._component_func = original
    for name in ("script", "header", "html", "css_links"):
        assert re.sub("[0-9a-f]{32}", "", str(args[name])) == re.sub("[0-9a-f]{32}", "", str(again[name]))
    assert streamlit_folium._component_func is original


def test_app_reruns_read_the_cache_until_the_store_changes(app):
    from dashboard.views import cached

    calls = []
    real = cached.build_map

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    cached.build_map = counted
    try:
        app.run()
        _click(app, {"place_id": "ISR"})
        assert calls == []  # the map was built by an earlier run: reruns and clicks reuse it
        app.sidebar.text_area[0].input("Ministers met in Nairobi and later flew to Addis Ababa.")
        next(b for b in app.sidebar.button if b.label == "Map it").click().run()
        app.run()  # the store changed: the map is drawn again, with the new article
        assert calls
    finally:
        cached.build_map = real


def test_app_actor_button_in_the_fragment_still_filters_the_page_and_url(demo_db, monkeypatch):
    app = _opened(demo_db, monkeypatch, place="2538475")
    (israel,) = [b for b in app.main.button if b.label == "Israel \\(Israel\\)"]
    israel.click().run()
    assert not app.exception and app.query_params["place"] == "2538475"
    assert app.query_params["aid"] == israel.key.removeprefix("actor_")
    assert any("Only the events of **Israel**" in c.value for c in app.sidebar.caption)


def test_app_timeline_spans_the_bulk_of_the_demo_and_counts_the_rest(demo_db, monkeypatch):
    app = _opened(demo_db, monkeypatch, conf="0")  # every event: the demo's oldest is of 1975
    starts = re.findall(r"<title>(\d{4})", _timeline_svg(app))  # each bar's tooltip opens with its period
    assert starts and min(starts) >= "2019"
    captions = [c.value for c in app.main.caption]
    assert any("from 1975)" in c and "on the map" in c for c in captions), captions  # a year, not 1 January


def test_timeline_spans_the_bulk_but_keeps_every_event_and_a_chosen_window(demo_db):
    from datetime import date

    from dashboard.geo import load_gazetteer
    from dashboard.queries import event_count, timeline

    store, gazetteer = Store(demo_db), load_gazetteer()
    every = Selection(min_confidence=0)  # the demo's oldest event, of 1975, is an uncertain one
    line = timeline(store, gazetteer, every)
    assert line.first == date(1975, 1, 1) and line.before > 0 and line.period == "month"
    assert min(b.start for b in line.bars) >= date(2019, 1, 1)
    total = (
        sum(b.events for b in line.bars) + sum(line.coarse.values()) + line.before + line.after + line.undated
    )
    assert total == line.total() == event_count(store, gazetteer, every)  # nothing is lost, only left off
    dated = every.replace(undated=False)
    assert line.total(undated=False) == event_count(store, gazetteer, dated) == total - line.undated
    wide = timeline(store, gazetteer, every, window=(date(1990, 1, 1), None))
    assert min(b.start for b in wide.bars) <= date(2000, 1, 1) and wide.before < line.before
    # (Coarse dates in a widened span: tests/test_coarse_and_undated.py, on a store made for it.)
    assert wide.period == "year"


@pytest.fixture(scope="module")
def demo_parquet(tmp_path_factory):
    """The demo corpus as an `ingest --engine dask --parquet-only` run writes it: each partition's
    extractions as Parquet tables (`cluster._write`), two parts, an article in both."""
    from dashboard.cluster import _write
    from dashboard.ingest import read_file
    from dashboard.pipeline import Pipeline

    pipeline = Pipeline()
    extractions = [pipeline(article) for article in read_file(DEMO_CORPUS)]
    folder = tmp_path_factory.mktemp("app") / "demo.parquet"
    half = len(extractions) // 2
    _write(extractions[:half], folder, "part-00000-0000")
    _write(extractions[half:] + extractions[:1], folder, "part-00001-0000")
    return folder, len({e.article.id for e in extractions})


def test_app_on_parquet_tables_shows_the_map_and_a_place_s_panel(demo_parquet, monkeypatch):
    pytest.importorskip("duckdb")
    folder, articles = demo_parquet
    monkeypatch.setenv("NEWSMAP_PARQUET", str(folder))
    app = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not app.exception
    (caption, *_) = app.sidebar.caption
    assert caption.value == f"{articles} articles in demo\\.parquet (Parquet tables, read-only)"
    script = _map_args(app)["script"]
    assert len(_layer_groups(script)) == len(DEFAULT_LAYERS)
    assert '"name": "Rabat"' in script
    # Nothing can be added to the tables: no paste or upload box, and a note says why.
    assert not [b for b in app.sidebar.button if b.label == "Map it"] and not app.sidebar.text_area
    assert any("read-only" in c.value and "app --db" in c.value for c in app.sidebar.caption)
    _click(app, {"place_id": "2538475"})  # Rabat
    assert not app.exception
    assert [h.value for h in app.main.subheader] == ["Rabat"]
    markdown = "\n".join(m.value for m in app.markdown)
    assert ":orange-background[Rabat]" in markdown and "memorandum" in markdown
    assert _events_tab(app) != "Events (0)"


def test_app_with_no_place_selected_shows_the_latest_events_and_opens_their_places(app):
    """The feed: the selection's newest events (newest first), each with its sentence, and a button that
    opens its place's panel, as a click on the map does."""
    assert [h.value for h in app.main.subheader] == ["Latest events"]
    cards = [m.value for m in app.main.markdown if " → " in m.value]
    assert cards, "no event listed"
    opens = [b for b in app.main.button if b.label.startswith("Open ")]
    assert opens
    place = opens[0].label.removeprefix("Open ")
    app = opens[0].click().run()
    assert not app.exception
    assert app.main.subheader[0].value == place and app.query_params.get("place")


def test_app_date_slider_spans_the_bulk_and_says_what_its_ends_hold(app):
    """The demo's background events (1975, 2000, 2008...) would stretch the slider over 46 years: it spans
    the bulk of the dates, and says how many events its left end also holds."""
    (slider,) = [s for s in app.sidebar.slider if s.label == "Event dates"]
    assert slider.value[0].year >= 2017  # the whole range at first: its left end
    assert any("At its left end it also holds the" in c.value for c in app.sidebar.caption)
    assert app.sidebar.caption and not app.exception


@pytest.mark.parametrize(
    "query", [{}, {"type": "SUPPORT,AGREE"}, {"conf": "0"}, {"country": "MAR"}, {"conf": "0", "main": "0"}]
)
def test_app_one_number_everywhere(demo_db, monkeypatch, query):
    """For one selection, the download's label, the CSV it downloads, the timeline's accounting and the
    country tooltips and their panels count the same events (issue 24: a tooltip said 155, its panel 196;
    a label said 56, the GeoJSON held 37)."""
    import csv
    import io

    from dashboard import queries
    from dashboard.geo import load_gazetteer
    from dashboard.views.downloads import export_bytes

    monkeypatch.setenv("NEWSMAP_DB", str(demo_db))
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params.update({**query, "shade": "events"})  # a territory's tooltip then counts events
    app.run()
    assert not app.exception
    selection, gazetteer, store = Selection.from_query_params(query), load_gazetteer(), Store(demo_db)
    (label,) = [c.value for c in app.main.caption if c.value.startswith("Download the ")]
    selected = int(re.search(r"Download the ([\d,]+) selected events", label)[1].replace(",", ""))
    rows = list(csv.reader(io.StringIO(export_bytes(store, "csv", selection, gazetteer).decode())))
    assert len(rows) - 1 == selected == queries.event_count(store, gazetteer, selection)
    timeline = queries.timeline(store, gazetteer, selection)
    charted = sum(bar.events for bar in timeline.bars) + sum(timeline.coarse.values())
    assert charted + timeline.undated + timeline.before + timeline.after == selected

    script = _map_args(app)["script"]
    tooltips = {
        code: re.search(rf'"properties": \{{"events": (\d+), [^{{}}]*"place_id": "{code}"', script)[1]
        for code in ("MAR", "ISR")
    }
    territory = "disputed:western-sahara"
    tooltips[territory] = re.search(rf'"count": (\d+), "name": "[^"]*", "place_id": "{territory}"', script)[1]
    for place, tooltip in tooltips.items():
        _click(app, {"place_id": place})
        (events_tab,) = [t.label for t in app.main.tabs if t.label.startswith("Events (")]
        assert events_tab == f"Events ({tooltip})", (place, query)
