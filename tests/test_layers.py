"""Map layers render from plain records, and never let a name from an article reach the page as HTML."""

from collections import Counter
from datetime import date

import folium

from dashboard.layers import events_layer, places_layer, relations_layer
from dashboard.model import Event, Place

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _render(group) -> str:
    m = folium.Map(tiles=None)
    group.add_to(m)
    return m.get_root().render()


def _place(place_id, name, lat=34.0, lon=-6.8, kind="city", country="MAR"):
    return Place(place_id, name, kind, lat, lon, country=country)


def _event(event_type, place_id="1"):
    return Event("e", "a", event_type, None, None, 0, 10, place_id=place_id, date=date(2021, 11, 24))


def test_layers_escape_names_from_articles():
    place = _place("1", HOSTILE)
    for group in (
        places_layer([place], {"1": 2}),
        events_layer({place: [_event("ASSAULT")]}),
        relations_layer({(place, _place("ISR", HOSTILE, 31.5, 34.8, "country", "ISR")): Counter(SUPPORT=2)}),
    ):
        html = _render(group)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "\\u0026lt;script\\u0026gt;" in html  # HTML-escaped, then JSON-escaped by folium


def test_events_layer_colours_a_place_by_its_most_common_kind_of_event():
    rabat = _place("1", "Rabat")
    html = _render(events_layer({rabat: [_event("ASSAULT"), _event("COERCE"), _event("SUPPORT")]}))
    assert '"tone": "material conflict"' in html and '"events": 3' in html


def test_relations_layer_draws_one_line_per_country_pair():
    israel = _place("ISR", "Israel", 31.5, 34.8, "country", "ISR")
    morocco = _place("MAR", "Morocco", 32.0, -6.0, "country", "MAR")
    html = _render(relations_layer({(israel, morocco): Counter(SUPPORT=2, CONSULT=1)}))
    assert html.count('"type": "LineString"') == 1
    assert "SUPPORT 2, CONSULT 1" in html
