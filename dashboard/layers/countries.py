"""The Countries layer: every country polygon, shaded by how often the selection mentions it."""

from __future__ import annotations

import folium
import geopandas as gpd

from dashboard.layers.style import BORDER_COLOR, escape, feature_layer, shade


def countries_layer(
    shapes: gpd.GeoDataFrame, counts: dict[str, int], show: bool = True
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
        mentions = feature["properties"]["mentions"]
        return {"fillColor": shade(mentions, most), "fillOpacity": 0.85, "color": BORDER_COLOR, "weight": 0.6}

    return feature_layer(
        "Countries",
        data,
        style,
        ["name", "mentions"],
        ["", "mentions"],
        show,
        highlight_function=lambda _: {"weight": 2, "color": "#1f5f8b"},
        smooth_factor=1.0,
    )
