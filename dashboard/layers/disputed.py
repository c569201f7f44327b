"""The Disputed territories layer: dashed outlines drawn over the countries, with who holds and who claims."""

from __future__ import annotations

import folium
import geopandas as gpd

from dashboard.layers.style import SELECTED_COLOR, escape

DISPUTED_COLOR = "#b35806"


def _names(codes: str, country_name) -> str:
    return ", ".join(country_name(code) for code in codes.split("|") if code) or "unknown"


def disputed_layer(
    shapes: gpd.GeoDataFrame,
    counts: dict[str, int],
    country_name=lambda code: code,
    selected: str | None = None,
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
        chosen = feature["properties"]["place_id"] == selected
        return {
            "fillColor": DISPUTED_COLOR,
            "fillOpacity": 0.35 if feature["properties"]["mentions"] else 0.18,
            "color": SELECTED_COLOR if chosen else DISPUTED_COLOR,
            "weight": 3 if chosen else 1.5,
            "dashArray": "5 4",
        }

    group = folium.FeatureGroup(name="Disputed territories", show=show)
    folium.GeoJson(
        data,
        name="Disputed territories",
        style_function=style,
        highlight_function=lambda _: {"weight": 3, "fillOpacity": 0.5},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "administered_by", "claimed_by", "status", "mentions"],
            aliases=["", "administered by", "claimed by", "status", "mentions"],
        ),
    ).add_to(group)
    return group
