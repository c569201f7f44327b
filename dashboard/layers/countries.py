"""The Countries layer: every country polygon, shaded by how often the selection mentions it."""

from __future__ import annotations

import folium
import geopandas as gpd

from dashboard.layers.style import BORDER_COLOR, SELECTED_COLOR, escape, shade


def countries_layer(
    shapes: gpd.GeoDataFrame, counts: dict[str, int], selected: str | None = None, show: bool = True
) -> folium.FeatureGroup:
    most = max(counts.values(), default=0)
    data = gpd.GeoDataFrame(
        {
            "place_id": shapes["iso3"],
            "name": shapes["name"].map(escape),
            "mentions": shapes["iso3"].map(lambda code: counts.get(code, 0)),
        },
        geometry=shapes.geometry,
        crs=shapes.crs,
    )

    def style(feature):
        props = feature["properties"]
        chosen = props["place_id"] == selected
        return {
            "fillColor": shade(props["mentions"], most),
            "fillOpacity": 0.85,
            "color": SELECTED_COLOR if chosen else BORDER_COLOR,
            "weight": 2.5 if chosen else 0.6,
        }

    group = folium.FeatureGroup(name="Countries", show=show)
    folium.GeoJson(
        data,
        name="Countries",
        style_function=style,
        highlight_function=lambda _: {"weight": 2, "color": "#1f5f8b"},
        tooltip=folium.GeoJsonTooltip(fields=["name", "mentions"], aliases=["", "mentions"]),
        smooth_factor=1.0,
    ).add_to(group)
    return group
