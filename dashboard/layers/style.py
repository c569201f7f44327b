"""Shared colours and the escaping helper for layer properties."""

from __future__ import annotations

import html
import math

import folium

BORDER_COLOR = "#7a8591"
# Mention counts map onto a sequential blue ramp (ColorBrewer Blues, 6 classes).
BLUES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]


def escape(value) -> str:
    return html.escape(str(value), quote=True)


def shade(count: int, most: int) -> str:
    """The fill colour for a place mentioned `count` times when the busiest place has `most` mentions."""
    if count <= 0 or most <= 0:
        return "#f7f7f5"
    step = math.log1p(count) / math.log1p(most)
    return BLUES[min(len(BLUES) - 1, 1 + int(step * (len(BLUES) - 2)))]


def feature_layer(
    name: str, data, style, fields: list[str], aliases: list[str], show: bool, **options
) -> folium.FeatureGroup:
    """A toggleable layer of GeoJSON features (a GeoDataFrame or a FeatureCollection) with a tooltip.

    Every layer's click returns the clicked feature's properties, whose `place_id` selects the place.
    """
    group = folium.FeatureGroup(name=name, show=show)
    if len(data["features"] if isinstance(data, dict) else data):
        folium.GeoJson(
            data,
            name=name,
            style_function=style,
            tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases),
            **options,
        ).add_to(group)
    return group
