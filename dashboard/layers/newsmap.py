"""The whole map: every layer, from the data the app has selected, in one folium.Map.

`news_map` is what the app's `build_map` draws once it has queried the store; it takes plain data, so
tests render it without Streamlit. Nothing here requests anything from the network: folium's links are
pointed at local copies by `dashboard.assets.use_local_assets`, and tiles are drawn only when configured.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sized
from dataclasses import dataclass, field

import folium

from dashboard.geo import files
from dashboard.layers.controls import HiddenAtStart, PromptClicks, TooltipsInside, add_map_styles
from dashboard.layers.countries import countries_layer
from dashboard.layers.disputed import borders_box, disputed_layer
from dashboard.layers.events import events_layer
from dashboard.layers.heat import heat_layer
from dashboard.layers.places import places_layer
from dashboard.layers.pov import normalize_pov
from dashboard.layers.relations import relations_layer
from dashboard.model import Event, Place, PlaceEvents, Shown
from dashboard.selection import MAX_ZOOM, MIN_ZOOM

# The layers in drawing order, and whether each is on when nothing says otherwise.
LAYERS = {
    "Countries": True,
    "Disputed territories": True,
    "Heat": False,
    "Places": True,
    "Relations": True,
    "Events": True,
}


START_VIEW = (25, 10, 2)  # the world
FIT_MAX_ZOOM = 6  # a map fitted to one city shows its country around it
REGIONAL = (40.0, 60.0)  # degrees of latitude and longitude: most places within this box open on it
MIN_REGIONAL_PLACES = 5  # fewer places say nothing of where the news is


@dataclass(frozen=True, slots=True)
class MapData:
    """What the map draws: mention counts by place id, the places drawn as points, the events at each
    place (newest first; or their `PlaceEvents`: counts and the newest few, and whether its markers are
    drawn), event types by (source country, target country), and actor names by id. `points_shown` and
    `relations_shown`: how many of all the points and country pairs are drawn, when they are capped
    (`queries.point_places`, `queries.map_events`); the Events layer counts its own from `PlaceEvents`."""

    mention_counts: dict[str, int] = field(default_factory=dict)
    points: list[Place] = field(default_factory=list)
    events_by_place: Mapping[Place, list[Event] | PlaceEvents] = field(default_factory=dict)
    pairs: dict[tuple[Place, Place], Counter] = field(default_factory=dict)
    actor_names: dict[str, str] = field(default_factory=dict)
    points_shown: Shown | None = None
    relations_shown: Shown | None = None


def located_event_counts(events_by_place: Mapping[Place, Sized], territory_of: dict[str, str]) -> Counter:
    """Events by the country or territory they happened in: a city counts for its country, and for the
    disputed territory whose code it carries (Laayoune, ESH, counts for Western Sahara)."""
    counts: Counter = Counter()
    for place, events in events_by_place.items():
        where = {place.id} if place.kind in ("country", "disputed") else set()
        if place.country:
            where.add(place.country)
            if place.country in territory_of:
                where.add(territory_of[place.country])
        for key in where:
            counts[key] += len(events)
    return counts


def news_map(
    data: MapData,
    show: dict[str, bool] | None = None,
    pov: str = "un",
    shade_by: str = "mentions",
    country_name: Callable[[str], str] = lambda code: code,
    tiles: str | None = None,
    tiles_attribution: str = "Tiles",
    fit: bool = False,
    layer_control: bool = True,
    view: tuple[float, float, int] | None = None,
) -> folium.Map:
    """The map with every layer; `show` says which are on at first (all in `LAYERS` are in the control).
    `fit`: open on the places and events drawn (the app's view of articles just added), not the world;
    else `view` (latitude, longitude, zoom), if given.
    `layer_control`: Leaflet's own control to turn layers on and off in the page. The app draws none (its
    sidebar and URL say which layers are on, so the three never disagree) and leaves out the layers that
    are off, which only a new map would show."""
    show = {**LAYERS, **(show or {})}
    pov = normalize_pov(pov)
    countries, disputed = files.country_shapes(), files.disputed_shapes()
    territory_of = {code: tid for code, tid in zip(disputed["iso3"], disputed["id"], strict=True) if code}
    events = located_event_counts(data.events_by_place, territory_of)
    measure = events if shade_by == "events" else data.mention_counts
    areas = [*countries["iso3"], *disputed["id"]]
    most = max((measure.get(key, 0) for key in areas), default=0)

    lat, lon, zoom = view or START_VIEW
    m = folium.Map(
        location=[lat, lon],
        zoom_start=zoom,
        tiles=None,
        maxZoom=MAX_ZOOM,
        minZoom=MIN_ZOOM,
        world_copy_jump=True,
    )
    if tiles:
        folium.TileLayer(tiles, attr=tiles_attribution, name="Tiles").add_to(m)
    add_map_styles(m)
    layers = {
        "Countries": lambda on: countries_layer(countries, data.mention_counts, on, events, shade_by, most),
        "Disputed territories": lambda on: disputed_layer(
            disputed, measure, country_name, on, pov, most, frozenset(countries["iso3"]), shade_by
        ),
        "Heat": lambda on: heat_layer(data.events_by_place, on),
        "Places": lambda on: places_layer(data.points, data.mention_counts, on, data.points_shown),
        "Relations": lambda on: relations_layer(data.pairs, on, data.relations_shown),
        "Events": lambda on: events_layer(data.events_by_place, on, data.actor_names, country_name),
    }
    hidden = []
    for name, make in layers.items():
        if not (layer_control or show.get(name)):
            continue
        layer = make(True).add_to(m)  # on the map at start, for streamlit-folium's click handlers
        if not show.get(name):
            hidden.append(layer)
    borders_box(pov).add_to(m)
    if layer_control:
        folium.LayerControl(collapsed=False).add_to(m)
    if hidden:
        HiddenAtStart(hidden).add_to(m)  # after the control, which then unticks them
    PromptClicks().add_to(m)
    TooltipsInside().add_to(m)
    drawn = [*data.points, *data.events_by_place]
    if fit and (bounds := _bounds(drawn)):
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=FIT_MAX_ZOOM)
    elif view is None and (bounds := _regional_bounds(drawn)):
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=FIT_MAX_ZOOM)  # local news: its region, not the world
    return m


def _regional_bounds(places: list[Place]) -> list[list[float]] | None:
    """The box of most of the places (the 5th to the 95th percentile of their latitudes and longitudes),
    when it is a region (at most REGIONAL degrees): a store of Canadian news opens on Canada, whatever
    few far-off places it also names. None for news from around the world."""
    located = [(p.lat, p.lon) for p in places if p.lat is not None and p.lon is not None]
    if len(located) < MIN_REGIONAL_PLACES:
        return None
    lats, lons = (sorted(values) for values in zip(*located, strict=True))
    low, high = math.ceil(0.05 * (len(located) - 1)), math.floor(0.95 * (len(located) - 1))
    box = [[lats[low], lons[low]], [lats[high], lons[high]]]
    tall, wide = REGIONAL
    return box if box[1][0] - box[0][0] <= tall and box[1][1] - box[0][1] <= wide else None


def _bounds(places: list[Place]) -> list[list[float]] | None:
    located = [(p.lat, p.lon) for p in places if p.lat is not None and p.lon is not None]
    if not located:
        return None
    lats, lons = zip(*located, strict=True)
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
