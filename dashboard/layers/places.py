"""The Places layer: cities and regions the selection mentions, as circles sized by mention count."""

from __future__ import annotations

import math

import folium

from dashboard.layers.style import SELECTED_COLOR, escape
from dashboard.model import Place

PLACE_COLOR = "#1f5f8b"


def places_layer(
    places: list[Place], counts: dict[str, int], selected: str | None = None, show: bool = True
) -> folium.FeatureGroup:
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
        props = feature["properties"]
        chosen = props["place_id"] == selected
        return {
            "radius": 5 + 4 * math.log1p(props["mentions"]),
            "color": SELECTED_COLOR if chosen else "#ffffff",
            "weight": 3 if chosen else 1.5,
            "fillColor": PLACE_COLOR,
            "fillOpacity": 0.9,
        }

    group = folium.FeatureGroup(name="Places", show=show)
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name="Places",
            marker=folium.CircleMarker(fill=True),
            style_function=style,
            tooltip=folium.GeoJsonTooltip(fields=["name", "mentions"], aliases=["", "mentions"]),
        ).add_to(group)
    return group
