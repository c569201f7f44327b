"""The Disputed territories layer: dashed outlines drawn over the countries, with who holds and who claims."""

from __future__ import annotations

import folium
import geopandas as gpd

from dashboard.layers.style import escape, feature_layer

DISPUTED_COLOR = "#b35806"


def _names(codes: str, country_name) -> str:
    return ", ".join(country_name(code) for code in codes.split("|") if code) or "unknown"


def disputed_layer(
    shapes: gpd.GeoDataFrame,
    counts: dict[str, int],
    country_name=lambda code: code,
    show: bool = True,
) -> folium.FeatureGroup:
    """`country_name` turns an ISO3 code into a display name (named entities such as SADR pass through)."""
    data = gpd.GeoDataFrame(
        {
            "place_id": shapes["id"],
            "name": shapes["name"].map(escape),
            "administered_by": shapes["administered_by"].map(lambda c: escape(_names(c, country_name))),
            "claimed_by": shapes["claimed_by"].map(lambda c: escape(_names(c, country_name))),
            "status": shapes["status"].map(escape),
            "mentions": shapes["id"].map(lambda place_id: counts.get(place_id, 0)),
        },
        geometry=shapes.geometry,
        crs=shapes.crs,
    )

    def style(feature):
        mentioned = feature["properties"]["mentions"] > 0
        return {
            "fillColor": DISPUTED_COLOR,
            "fillOpacity": 0.35 if mentioned else 0.18,
            "color": DISPUTED_COLOR,
            "weight": 1.5,
            "dashArray": "5 4",
        }

    return feature_layer(
        "Disputed territories",
        data,
        style,
        ["name", "administered_by", "claimed_by", "status", "mentions"],
        ["", "administered by", "claimed by", "status", "mentions"],
        show,
        highlight_function=lambda _: {"weight": 3, "fillOpacity": 0.5},
    )
