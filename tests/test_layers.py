"""Map layers render from plain records, never let a name from an article reach the page as HTML, and the
whole map asks nothing of the network."""

import json
import random
import re
from collections import Counter
from datetime import date, timedelta

import folium
import geopandas as gpd
import pytest
from branca.element import MacroElement
from shapely.geometry import box

from dashboard.assets import use_local_assets
from dashboard.geo import files
from dashboard.layers import (
    LAYERS,
    POINTS_OF_VIEW,
    MapData,
    countries_layer,
    disputed_layer,
    events_layer,
    heat_layer,
    news_map,
    normalize_pov,
    places_layer,
    relations_layer,
    territory_view,
)
from dashboard.layers.disputed import DISPUTED_COLOR
from dashboard.layers.events import event_rows
from dashboard.layers.heat import heat_bins, heat_cells, heat_class
from dashboard.layers.pov import DISPUTED, HELD_BY, PART_OF
from dashboard.layers.relations import ARC_POINTS, arc
from dashboard.layers.style import PrintedAsIs, shade
from dashboard.model import Event, Place
from dashboard.plover import COLOR, TYPES

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "\\u0026lt;script\\u0026gt;"  # HTML-escaped, then JSON-escaped by folium's tojson


def _render(*elements) -> str:
    m = folium.Map(tiles=None)
    for element in elements:
        element.add_to(m)
    return m.get_root().render()


def _place(place_id, name, lat=34.0, lon=-6.8, kind="city", country="MAR"):
    return Place(place_id, name, kind, lat, lon, country=country)


def _event(event_type, place_id="1", day=24, source_actor=None, target_actor=None, **fields):
    return Event(
        f"e{event_type}{day}", "a", event_type, source_actor, target_actor, 0, 10,
        place_id=place_id, date=date(2021, 11, day), **fields,
    )  # fmt: skip


def _boxes(html: str) -> list[str]:
    """The HTML of every legend and note box on a rendered map."""
    return [json.loads(text) for text in re.findall(r"box.innerHTML = (\".*?\");\n", html)]


def _geojson(html: str, layer_name: str) -> dict:
    """The FeatureCollection of the GeoJson layer called `layer_name` in a rendered map."""
    for match in re.finditer(r"geo_json_\w+_add\((\{.*?\})\);\n", html, re.S):
        data = json.loads(match.group(1))
        if data.get("features"):
            return data
    raise AssertionError(f"no GeoJSON data for {layer_name}")


ISRAEL = _place("ISR", "Israel", 31.5, 34.8, "country", "ISR")
MOROCCO = _place("MAR", "Morocco", 32.0, -6.0, "country", "MAR")
RABAT = _place("2538475", "Rabat", 34.01, -6.83)


# -- escaping -------------------------------------------------------------------------------------------
def _hostile_shapes(columns: dict) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({k: [v] for k, v in columns.items()}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")


def test_layers_escape_names_from_articles():
    place = _place("1", HOSTILE)
    hostile_country = _place("ISR", HOSTILE, 31.5, 34.8, "country", "ISR")
    territory = _hostile_shapes(
        {
            "id": "disputed:x",
            "name": HOSTILE,
            "administered_by": HOSTILE,
            "claimed_by": "MAR",
            "status": HOSTILE,
        }
    )
    groups = (
        places_layer([place], {"1": 2}),
        events_layer({place: [_event("ASSAULT", source_actor="a1")]}, actor_names={"a1": HOSTILE}),
        events_layer({place: [_event(HOSTILE)]}),  # an imported record's own type code
        relations_layer({(place, hostile_country): Counter(SUPPORT=2)}),
        countries_layer(_hostile_shapes({"iso3": "ISR", "name": HOSTILE}), {"ISR": 1}),
        disputed_layer(territory, {}, lambda code: code),
        disputed_layer(territory, {}, lambda code: code, pov="de-facto"),
    )
    for group in groups:
        html = _render(group)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert ESCAPED in html


def test_layers_never_run_template_code_from_articles():
    """branca compiles each element's rendered script as a Jinja template again (MacroElement.render), so
    text in it that reads as Jinja would run on the server: names reach it with their braces escaped."""
    code = "{{ 12345679 * 9 }}{% for x in range(3) %}loop{% endfor %}{# hidden #}"
    place = _place("1", code)
    groups = (
        places_layer([place], {"1": 2}),
        events_layer({place: [_event("ASSAULT", source_actor="a1")]}, actor_names={"a1": code}),
        events_layer({place: [_event(code)]}),
        relations_layer({(place, _place("ISR", code, 31.5, 34.8, "country", "ISR")): Counter(SUPPORT=2)}),
        countries_layer(_hostile_shapes({"iso3": "ISR", "name": code}), {"ISR": 1}),
    )
    for group in groups:
        html = _render(group)
        assert "111111111" not in html and "looploop" not in html
        shown = "&#123;&#123; 12345679 * 9 &#125;&#125;"  # the text itself, as the reader sees it
        assert shown in html or shown.replace("&", "\\u0026") in html  # (as JSON in the Events layer)


def test_layers_print_what_branca_would_without_compiling_it_again(monkeypatch):
    """`PrintedAsIs` skips branca's second Jinja compile of each rendered script (a tenth of a second for
    the countries' polygons), and the page is the same, byte for byte but for the elements' random ids."""

    def page() -> str:
        html = _render_map(show={name: True for name in LAYERS}, pov="mar")
        return re.sub(r"[0-9a-f]{32}", "id", html)

    printed = page()
    monkeypatch.setattr(PrintedAsIs, "render", MacroElement.render)  # branca's own way
    assert printed == page()
    assert "Morocco" in printed and "event_clusters_id" in printed and "geo_json_id" in printed


# -- countries ------------------------------------------------------------------------------------------
def test_countries_layer_shades_by_mentions_or_events_with_a_legend():
    shapes = files.country_shapes()
    by_mentions = _render(countries_layer(shapes, {"MAR": 10, "ISR": 1}, events={"ISR": 5}))
    by_events = _render(countries_layer(shapes, {"MAR": 10, "ISR": 1}, events={"ISR": 5}, shade_by="events"))
    morocco = '"place_id": "MAR"'
    assert morocco in by_mentions and f'"fill": "{shade(10, 10)}"' in by_mentions
    assert "Countries: mentions" in by_mentions and "Countries: events located there" in by_events
    features = {
        f["properties"]["place_id"]: f["properties"] for f in _geojson(by_events, "Countries")["features"]
    }
    assert features["ISR"]["fill"] == shade(5, 5) and features["MAR"]["fill"] == shade(0, 5)
    assert features["MAR"]["mentions"] == 10 and features["ISR"]["events"] == 5


def test_polygon_layers_draw_the_shapes_geometry_and_bounds_as_geopandas_would():
    # The polygons' GeoJSON is converted once per shapes frame (`style.Shapes`), not through geopandas on
    # every map: the geometry and the bounds streamlit-folium reports must be the same as that way.
    shapes = files.disputed_shapes()
    for _ in range(2):  # the second map reads the kept conversion
        drawn = _geojson(_render(disputed_layer(shapes, {}, lambda code: code)), "Disputed territories")
        expected = json.loads(shapes.to_json())["features"]
        assert [f["geometry"] for f in drawn["features"]] == [f["geometry"] for f in expected]
    layer = countries_layer(files.country_shapes(), {})
    west, south, east, north = files.country_shapes().total_bounds
    assert layer.get_bounds() == [[south, west], [north, east]]
    small = gpd.GeoDataFrame({"iso3": ["AAA"], "name": ["<b>A</b>"]}, geometry=[box(1, 2, 3, 4)], crs=4326)
    assert countries_layer(small, {}).get_bounds() == [[2, 1], [4, 3]]
    assert "<b>A</b>" not in _render(countries_layer(small, {}))


def test_count_scale_classes_cover_every_count_once():
    from dashboard.layers.style import bin_colors, shade_bins

    for most in (1, 2, 3, 7, 38, 1000):
        bins = shade_bins(most)
        assert bins[0][0] == 1 and bins[-1][1] == most
        assert all(a[1] + 1 == b[0] for a, b in zip(bins, bins[1:], strict=False))
        assert len(set(bin_colors(bins))) == len(bins)
        assert shade(most, most) == bin_colors(bins)[-1]


# -- disputed territories and points of view ------------------------------------------------------------
def _western_sahara(html: str) -> dict:
    features = _geojson(html, "Disputed territories")["features"]
    return next(f["properties"] for f in features if f["properties"]["place_id"] == "disputed:western-sahara")


def test_points_of_view_are_un_de_facto_and_each_claimant():
    assert list(POINTS_OF_VIEW)[:2] == ["un", "de-facto"]
    assert POINTS_OF_VIEW["un"] == "UN-style view"
    assert POINTS_OF_VIEW["mar"] == "Morocco's view" and POINTS_OF_VIEW["sadr"] == "SADR's view"
    assert {"ukr", "ind", "pak", "chn", "srb", "geo"} <= set(POINTS_OF_VIEW)
    assert normalize_pov("MAR") == "mar" and normalize_pov("<script>") == "un" and normalize_pov(None) == "un"


def test_pov_changes_how_western_sahara_is_drawn_and_labelled():
    shapes = files.disputed_shapes()
    row = shapes[shapes["id"] == "disputed:western-sahara"].drop(columns="geometry").iloc[0].to_dict()
    assert territory_view("un", row).drawn_as == DISPUTED
    assert "non-self-governing" in territory_view("un", row).label
    assert territory_view("mar", row, {"MAR": "Morocco"}.get) == territory_view(
        "mar", row, {"MAR": "Morocco"}.get
    )
    moroccan = territory_view("mar", row, lambda c: {"MAR": "Morocco"}.get(c, c))
    assert (moroccan.drawn_as, moroccan.owner, moroccan.label) == (
        PART_OF,
        "MAR",
        "Part of Morocco in Morocco's view",
    )
    assert territory_view("sadr", row).owner == "SADR"
    split = territory_view("de-facto", row)
    assert split.drawn_as == HELD_BY and split.owner == "" and "MAR and SADR" in split.label
    crimea = shapes[shapes["id"] == "disputed:crimea"].drop(columns="geometry").iloc[0].to_dict()
    assert territory_view("de-facto", crimea).owner == "RUS"
    assert territory_view("mar", crimea).drawn_as == DISPUTED  # Morocco's view says nothing about Crimea

    counts = {"MAR": 9, "disputed:western-sahara": 3}
    countries = frozenset(files.country_shapes()["iso3"])
    un = _western_sahara(_render(disputed_layer(shapes, counts, pov="un", most=9, countries_drawn=countries)))
    mar = _western_sahara(
        _render(disputed_layer(shapes, counts, pov="mar", most=9, countries_drawn=countries))
    )
    assert un["style"]["fillColor"].startswith("url(#newsmap-hatch-") and un["style"]["dashArray"]
    assert un["style"]["color"] == DISPUTED_COLOR
    assert mar["style"]["fillColor"] == shade(9, 9) and "dashArray" not in mar["style"]  # Morocco's own fill
    assert "Part of MAR in MAR" in mar["view"] and "non-self-governing" in un["view"]


def test_map_names_its_point_of_view():
    assert "<b>Borders:</b> UN-style view" in _boxes(_render_map(pov="un"))[-1]
    assert "<b>Borders:</b> Morocco&#x27;s view" in _boxes(_render_map(pov="MAR"))[-1]


# -- places ---------------------------------------------------------------------------------------------
def test_places_layer_sizes_cities_by_mentions():
    html = _render(places_layer([RABAT], {"2538475": 7}))
    (feature,) = _geojson(html, "Places")["features"]
    assert feature["properties"] == {"place_id": "2538475", "name": "Rabat", "kind": "city", "mentions": 7}


def test_places_are_named_busiest_first_as_text_never_as_markup():
    from dashboard.layers.labels import MAX_LABELS, label_rows

    casablanca = _place("2553604", "Casablanca", 33.59, -7.62)
    hostile = _place("666", "</script><img src=x onerror=alert(1)>", 30.0, -5.0)
    counts = {"2538475": 7, "2553604": 9, "666": 1}
    assert [row[2] for row in label_rows([RABAT, casablanca, hostile], counts)][:2] == ["Casablanca", "Rabat"]
    html = _render(places_layer([RABAT, casablanca, hostile], counts))
    assert '"Casablanca"' in html and "</script><img" not in html
    assert "\\u003c/script\\u003e\\u003cimg" in html  # the name, as JSON escapes write it
    assert "textContent = row[2]" in html
    many = [_place(str(i), f"Town {i}", 30 + i / 100, -5.0) for i in range(MAX_LABELS + 50)]
    assert len(label_rows(many, {})) == MAX_LABELS


# -- events ---------------------------------------------------------------------------------------------
def test_event_rows_are_one_per_place_with_a_marker_per_type_and_the_latest_listed():
    gaza = _place("281133", "Gaza", 31.5, 34.47, country="PSE")
    events = {
        RABAT: [
            _event("SUPPORT", day=25, source_actor="a1", target_country="ISR"),
            _event("SUPPORT", day=24, coder="GDELT"),
        ],
        gaza: [_event("ASSAULT", place_id="281133", source_country="ISR", target_country="PSE")],
    }
    rows, strings, types = event_rows(events, {"a1": "Morocco's King"}, {"ISR": "Israel"}.get)
    rabat_row, gaza_row = rows
    assert rabat_row[:4] == [34.01, -6.83, "Rabat", "2538475"] and gaza_row[:4] == [
        31.5,
        34.47,
        "Gaza",
        "281133",
    ]
    (support,) = rabat_row[4:]
    assert types[support[0]] == "SUPPORT" and support[1] == 2
    assert [strings[i] for i in support[2:]] == [
        "2021-11-25",
        "Morocco&#x27;s King → Israel",
        "machine-coded",
        "2021-11-24",
        "? → ?",
        "via GDELT",  # provenance in the popup too
    ]
    (assault,) = gaza_row[4:]
    assert types[assault[0]] == "ASSAULT" and strings[assault[3]] == "Israel → None"


def test_event_popups_show_dates_as_precisely_as_they_are_known():
    def dated(event_id, event_type, day, precision):
        return Event(
            event_id, "a", event_type, None, None, 0, 10, place_id="1", date=day, date_precision=precision
        )

    events = {
        RABAT: [
            dated("d", "SUPPORT", date(2021, 11, 1), "day"),
            dated("y", "SUPPORT", date(2000, 1, 1), "year"),
            dated("x", "SUPPORT", date(1990, 1, 1), "decade"),
            dated("n", "CONSULT", None, ""),
            dated("a", "CONSULT", date(2021, 11, 25), "article"),
        ]
    }
    rows, strings, types = event_rows(events)
    (row,) = rows
    listed = {types[kind[0]]: [strings[i] for i in kind[2::3]] for kind in row[4:]}
    assert listed == {
        "SUPPORT": ["2021-11-01", "2000", "1990s"],
        "CONSULT": ["no date", "2021-11-25 (article date)"],
    }


def test_events_layer_clusters_markers_with_a_legend_by_tone():
    html = _render(events_layer({RABAT: [_event("ASSAULT"), _event("COERCE"), _event("SUPPORT")]}))
    assert "L.markerClusterGroup(" in html and "group.addLayers(markers)" in html
    assert "properties: {place_id: place[3]}" in html  # a click on a marker selects its place
    types = json.loads(re.search(r"var types = (\[.*?\]);\n", html).group(1))
    assert ["ASSAULT", COLOR["ASSAULT"], 2, "nm-material"] in types
    assert ["SUPPORT", COLOR["SUPPORT"], 0, "nm-cooperation"] in types
    (legend,) = _boxes(html)
    assert "Material conflict" in legend and "ASSAULT" in legend and "Cooperation" in legend
    assert "THREATEN" not in legend  # only the types on the map


# -- relations ------------------------------------------------------------------------------------------
def test_relations_layer_draws_one_arc_per_country_pair_with_counts_each_way():
    html = _render(
        relations_layer(
            {(ISRAEL, MOROCCO): Counter(SUPPORT=2, CONSULT=1), (MOROCCO, ISRAEL): Counter(AGREE=1)}
        )
    )
    (feature,) = _geojson(html, "Relations")["features"]
    props, line = feature["properties"], feature["geometry"]["coordinates"]
    assert props["pair"] == "Israel ↔ Morocco" and props["events"] == 4 and props["tone"] == "cooperation"
    assert props["types"] == "Israel → Morocco: SUPPORT 2, CONSULT 1<br>Morocco → Israel: AGREE 1"
    assert len(line) == ARC_POINTS and line[0] == [34.8, 31.5] and line[-1] == [-6.0, 32.0]
    middle = line[ARC_POINTS // 2]
    assert abs(middle[1] - 31.75) > 3  # bent away from the straight line between the two
    # The arc takes no click (a click on a country, a territory or a city under it reaches them) and
    # selects no place; its counts are on a handle at its middle, which selects nothing either.
    assert "place_id" not in props
    assert re.search(r'"interactive": false', html)
    handles = [
        json.loads(m.group(1))
        for m in re.finditer(r"geo_json_\w+_add\((\{.*?\})\);\n", html, re.S)
        if '"Point"' in m.group(1)
    ]
    (handle,) = handles[0]["features"]
    assert handle["geometry"]["coordinates"] == middle and handle["properties"] == props


def test_arcs_take_the_short_way_across_the_antimeridian():
    line = arc((170.0, -15.0), (-170.0, -15.0))  # Fiji to Samoa: 20 degrees, not 340
    assert line[-1][0] == 190.0
    assert all(169.9 <= lon <= 190.1 for lon, _ in line)
    back = arc((-170.0, -15.0), (170.0, -15.0))
    assert back[-1][0] == -190.0


# -- heat -----------------------------------------------------------------------------------------------
def test_heat_cells_count_events_per_grid_square():
    near = _place("10", "Sale", 34.05, -6.8)  # the same 2-degree cell as Rabat
    far = _place("20", "Tel Aviv", 32.08, 34.78)
    events = {RABAT: [_event("AID")] * 3, near: [_event("AID")], far: [_event("ASSAULT")] * 2}
    assert heat_cells(events) == Counter({(17, -4): 4, (16, 17): 2})  # (row, column) of 2-degree squares
    html = _render(heat_layer(events, show=True))
    cells = json.loads(re.search(r"var cells = (\[.*?\]);\n", html).group(1))
    assert cells == [[16, 17, 2, heat_class(2, 4)], [17, -4, 4, 4]]  # [row, column, events, colour class]
    assert "interactive: false" in html  # clicks go through to the countries underneath
    assert "Heat: events per 2° cell" in _boxes(html)[0]


def test_heat_legend_classes_cover_every_count():
    for most in (1, 2, 5, 100, 12345):
        bins = heat_bins(most)
        assert bins[0][1] == 1 and bins[-1][2] == most
        for level, low, high in bins:
            assert heat_class(low, most) == level == heat_class(high, most)


# -- the whole map --------------------------------------------------------------------------------------
def _demo_data(events_count: int = 40, seed: int = 3) -> MapData:
    rng = random.Random(seed)
    places = [_place(str(i), f"City {i}", rng.uniform(-50, 60), rng.uniform(-120, 150)) for i in range(200)]
    types = sorted(TYPES)
    by_place: dict = {}
    for n in range(events_count):
        place = rng.choice(places)
        event = Event(
            f"e{n}", f"a{n // 2}", rng.choice(types), f"actor{n % 50}", None, 0, 10,
            source_country="ISR", target_country="MAR", place_id=place.id,
            date=date(2021, 1, 1) + timedelta(days=rng.randrange(1000)),
        )  # fmt: skip
        by_place.setdefault(place, []).append(event)
    return MapData(
        mention_counts={"MAR": 12, "ISR": 4, "disputed:western-sahara": 2, "0": 3},
        points=places[:20],
        events_by_place=by_place,
        pairs={(ISRAEL, MOROCCO): Counter(SUPPORT=3)},
        actor_names={f"actor{i}": f"Actor {i}" for i in range(50)},
    )


def _render_map(data: MapData | None = None, **options) -> str:
    use_local_assets()
    return news_map(data or _demo_data(), **options).get_root().render()


@pytest.fixture(scope="module")
def map_html():
    return _render_map(show={name: True for name in LAYERS}, pov="mar")


def test_map_requests_nothing_from_the_network(map_html):
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", map_html)
    assert links and all(link.startswith(("/component/", "data:")) for link in links), links
    svg_namespace = "http://www.w3.org/2000/svg"  # a name in the hatch pattern's script, never fetched
    assert not re.search(r"https?://", map_html.replace(svg_namespace, ""))
    assert "leaflet.markercluster.js" in map_html  # the cluster plugin, from the local copy


def test_map_has_every_layer_in_its_control_and_a_legend_for_each_kind(map_html):
    for name in LAYERS:
        assert f'"{name}"' in map_html
    boxes = "\n".join(_boxes(map_html))
    for title in ("Countries: mentions", "Events", "Relations", "Heat: events per 2° cell", "Borders:"):
        assert title in boxes


def hidden_at_start(html: str) -> list[str]:
    """The names (in the layer control) of the layers the map takes off once streamlit-folium started."""
    names = {var: name for name, var in re.findall(r'"([^"]+)" : (feature_group_\w+)', html)}
    (hidden,) = re.findall(r"\}\)\(map_\w+, \[(.*?)\]\);", html) or [""]
    return [names[var] for var in re.findall(r"feature_group_\w+", hidden)]


def test_a_map_of_local_news_opens_on_its_region_and_world_news_on_the_world():
    canada = [
        _place(str(i), name, lat, lon, country="CAN")
        for i, (name, lat, lon) in enumerate(
            [("Toronto", 43.7, -79.4), ("Ottawa", 45.4, -75.7), ("Montreal", 45.5, -73.6),
             ("London", 42.98, -81.25), ("Hamilton", 43.26, -79.87), ("Kingston", 44.23, -76.49),
             ("Windsor", 42.3, -83.0), ("Quebec", 46.8, -71.2), ("Sudbury", 46.5, -81.0)]
        )
    ] + [_place("99", "Canberra", -35.3, 149.1, country="AUS")]  # fmt: skip
    local = _render_map(MapData(points=canada))
    (box,) = re.findall(r"fitBounds\(\s*(\[\[.*?\]\])", local, re.S)
    (south, west), (north, east) = json.loads(box)
    assert 42 <= south and north <= 47 and -84 <= west and east <= -71  # Ontario and Quebec, not Canberra
    world = [_place(str(i), f"Town {i}", lat, lon) for i, (lat, lon) in enumerate(
        [(40, -100), (50, 10), (35, 139), (-33, 151), (-23, -46), (30, 31), (55, 37), (1, 103)]
    )]  # fmt: skip
    assert "fitBounds" not in _render_map(MapData(points=world))
    assert "fitBounds" not in _render_map(MapData(points=canada), view=(48.85, 2.35, 6))  # a link's view


def test_heat_is_off_until_asked_and_every_layer_starts_on_the_map(map_html):
    shown = _render_map()
    for html in (shown, map_html):  # all on the map first, so that streamlit-folium wires their clicks
        assert len(re.findall(r"feature_group_\w+\.addTo\(map_\w+\)", html)) == len(LAYERS)
    assert hidden_at_start(shown) == ["Heat"]
    assert hidden_at_start(map_html) == []
    assert hidden_at_start(_render_map(show={"Events": False, "Heat": False})) == ["Heat", "Events"]


def test_ten_thousand_events_stay_a_small_payload():
    data = _demo_data(events_count=10_000)
    empty = len(_render_map(MapData()).encode())
    full = len(_render_map(data).encode())
    assert (full - empty) / 10_000 < 80  # bytes per event: markers are compact rows, not folium objects
