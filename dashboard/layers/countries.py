"""The Countries layer: every country polygon, shaded by how often what is shown mentions it, or by how many
of the shown events happened there; a legend gives the count range of each shade."""

from __future__ import annotations

import folium
import geopandas as gpd

from dashboard.layers.controls import MapBox, legend, swatch
from dashboard.layers.style import (
    BORDER_COLOR,
    NO_DATA_COLOR,
    Shapes,
    bin_colors,
    count_range,
    escape,
    feature_layer,
    shade,
    shade_bins,
)

SHADE_BY = {"mentions": "mentions", "events": "events located there"}


def countries_layer(
    shapes: gpd.GeoDataFrame,
    counts: dict[str, int],
    show: bool = True,
    events: dict[str, int] | None = None,
    shade_by: str = "mentions",
    most: int | None = None,
) -> folium.FeatureGroup:
    """`counts`: mentions by place id; `events`: located events by place id. `shade_by` picks which one
    colours the polygons, on a scale whose darkest class ends at `most` (default: the busiest country)."""
    events = events or {}
    measure = events if shade_by == "events" else counts
    iso3 = list(shapes["iso3"])
    most = max((measure.get(code, 0) for code in iso3), default=0) if most is None else most
    data = Shapes(
        shapes,
        {
            "place_id": iso3,
            "name": [escape(name) for name in shapes["name"]],
            "mentions": [counts.get(code, 0) for code in iso3],
            "events": [events.get(code, 0) for code in iso3],
            "fill": [shade(measure.get(code, 0), most) for code in iso3],
        },
    )

    def style(feature):
        return {
            "fillColor": feature["properties"]["fill"],
            "fillOpacity": 0.85,
            "color": BORDER_COLOR,
            "weight": 0.6,
        }

    group = feature_layer(
        "Countries",
        data,
        style,
        ["name", "mentions", "events"],
        ["", "mentions", "events here"],
        show,
        highlight_function=lambda _: {"weight": 2, "color": "#1f5f8b"},
        smooth_factor=1.0,
    )
    MapBox(countries_legend(most, shade_by), position="bottomleft").add_to(group)
    return group


def countries_legend(most: int, shade_by: str = "mentions") -> str:
    bins = shade_bins(most)
    rows = [
        swatch(color, count_range(low, high))
        for (low, high), color in zip(bins, bin_colors(bins), strict=True)
    ]
    rows.insert(0, swatch(NO_DATA_COLOR, "none"))
    return legend(f"Countries: {SHADE_BY.get(shade_by, shade_by)}", rows)
