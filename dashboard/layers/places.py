"""The Places layer: cities and regions the selection mentions, as circles sized by mention count, and
the names of the busiest where they fit (`dashboard.layers.labels`)."""

from __future__ import annotations

import math

import folium

from dashboard.layers.controls import MapBox, capped_note, legend, note_row
from dashboard.layers.labels import PlaceLabels, label_rows
from dashboard.layers.style import escape, feature_layer
from dashboard.model import Place, Shown

PLACE_COLOR = "#1f5f8b"
MAX_POINTS = 2_000  # points the map draws at most: the most mentioned places
COORDINATE_DECIMALS = 3  # about 100 m


def places_layer(
    places: list[Place], counts: dict[str, int], show: bool = True, shown: Shown | None = None
) -> folium.FeatureGroup:
    """`places`: the points drawn; `counts`: mentions by place id; `shown`: how many of all the mentioned
    points they are, when capped (`queries.point_places`): a legend then says so."""
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(place.lon, COORDINATE_DECIMALS), round(place.lat, COORDINATE_DECIMALS)],
            },
            "properties": {
                "place_id": place.id,
                "name": escape(place.name),
                "kind": place.kind,
                "mentions": counts.get(place.id, 0),
            },
        }
        for place in places
    ]

    def style(feature):
        return {
            "radius": radius(feature["properties"]["mentions"]),
            "color": "#ffffff",
            "weight": 1.5,
            "fillColor": PLACE_COLOR,
            "fillOpacity": 0.9,
        }

    group = feature_layer(
        "Places",
        {"type": "FeatureCollection", "features": features},
        style,
        ["name", "mentions"],
        ["", "mentions"],
        show,
        marker=folium.CircleMarker(fill=True),
    )
    if places:
        PlaceLabels(label_rows(places, counts)).add_to(group)
    if shown is not None and shown.capped:
        note = note_row(capped_note(shown, "places", "mentions", busiest="most mentioned"))
        MapBox(legend("Places", [note]), position="bottomright").add_to(group)
    return group


def radius(mentions: int) -> float:
    """A point's radius in pixels, to the half pixel: folium writes one style per distinct radius."""
    return round(2 * (5 + 4 * math.log1p(mentions))) / 2
