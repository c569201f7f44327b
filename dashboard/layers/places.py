"""The Places layer: cities and regions the selection mentions, as circles sized by mention count."""

from __future__ import annotations

import math

import folium

from dashboard.layers.style import escape, feature_layer
from dashboard.model import Place

PLACE_COLOR = "#1f5f8b"


def places_layer(places: list[Place], counts: dict[str, int], show: bool = True) -> folium.FeatureGroup:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
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
            "radius": 5 + 4 * math.log1p(feature["properties"]["mentions"]),
            "color": "#ffffff",
            "weight": 1.5,
            "fillColor": PLACE_COLOR,
            "fillOpacity": 0.9,
        }

    return feature_layer(
        "Places",
        {"type": "FeatureCollection", "features": features},
        style,
        ["name", "mentions"],
        ["", "mentions"],
        show,
        marker=folium.CircleMarker(fill=True),
    )
