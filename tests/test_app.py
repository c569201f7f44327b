"""The Streamlit app, headless (AppTest): what goes to the browser, and how a click changes the panel."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import APP, DEMO_CORPUS
from dashboard.pipeline import ingest
from dashboard.store import Store


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
    for layer in ("Countries", "Disputed territories", "Places", "Events", "Relations"):
        assert layer in args["script"]
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
    assert "memorandum" in markdown


def _toggle(app, label):
    (toggle,) = [t for t in app.sidebar.toggle if t.label == label]
    return toggle


def _groups_shown_at_start(app) -> int:
    return len(re.findall(r"feature_group_\w+\.addTo\(map_\w+\)", _map_args(app)["script"]))


def test_app_layer_toggle_hides_a_layer_but_keeps_it_in_the_layer_control(app):
    assert _groups_shown_at_start(app) == 5
    _toggle(app, "Disputed territories").set_value(False).run()
    assert _groups_shown_at_start(app) == 4
    assert '"Disputed territories"' in _map_args(app)["script"]


def test_app_paste_maps_an_article(app):
    app.sidebar.text_area[0].input("Ministers met in Nairobi and later flew to Addis Ababa.")
    app.sidebar.button[0].click().run()
    assert not app.exception
    assert any("Mapped" in s.value for s in app.success)


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


def test_app_city_panel_says_it_lies_in_a_disputed_territory(app):
    _click(app, {"place_id": "2462881"})  # Laayoune, GeoNames id
    assert not app.exception
    assert any("Western Sahara (disputed territory)" in c.value for c in app.main.caption)


def test_app_draws_tiles_only_when_configured(demo_db, monkeypatch):
    monkeypatch.setenv("NEWSMAP_DB", str(demo_db))
    plain = AppTest.from_file(str(APP), default_timeout=120).run()
    assert "L.tileLayer" not in _map_args(plain)["script"]
    monkeypatch.setenv("NEWSMAP_TILES", "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png")
    tiled = AppTest.from_file(str(APP), default_timeout=120).run()
    assert "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png" in _map_args(tiled)["script"]
