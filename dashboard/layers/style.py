"""Shared colours, the mention-count colour scale, the escaping helper and the GeoJSON layer helper."""

from __future__ import annotations

import html
import json
import math
import re
import weakref

import folium
import geopandas as gpd
import shapely
from branca.element import Element, MacroElement

BORDER_COLOR = "#7a8591"
NO_DATA_COLOR = "#f7f7f5"
# Counts map onto a sequential blue ramp (ColorBrewer Blues, 6 classes; the first is kept for "few").
BLUES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
SHADE_CLASSES = len(BLUES) - 1


def escape(value) -> str:
    """`value` as HTML text, with its braces as character references too: branca compiles each element's
    rendered script as a Jinja template again (`MacroElement.render`), where "{{ ... }}" from an article
    would run on the server."""
    return html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")


# A brace opening a Jinja tag ({{, {%, {#) in JSON can only be inside a string, where \u007b reads the same.
_JINJA_OPENING = re.compile(r"\{(?=[{%#])")


def script_json(value) -> str:
    """`value` as compact JSON that is safe inside a <script> (as folium's `tojson`, without the spaces),
    and that no Jinja template reads as code."""
    text = json.dumps(value, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
        text = text.replace(char, code)
    return _JINJA_OPENING.sub(r"\\u007b", text)


def shade_bins(most: int) -> list[tuple[int, int]]:
    """Up to five count classes (low, high), inclusive, on a log scale from 1 to `most`: 1-2, 3-7, ..."""
    if most <= 0:
        return []
    scale = math.log1p(most)
    uppers = sorted(
        {max(1, round(math.expm1(scale * k / SHADE_CLASSES))) for k in range(1, SHADE_CLASSES + 1)}
    )
    bins, low = [], 1
    for high in uppers:
        if high >= low:
            bins.append((low, high))
            low = high + 1
    return bins


def bin_colors(bins: list[tuple[int, int]]) -> list[str]:
    """The colour of each class: spread over the ramp, darkest for the busiest class."""
    if len(bins) == 1:
        return [BLUES[-1]]
    last = len(bins) - 1
    return [BLUES[1 + round(i * (SHADE_CLASSES - 1) / last)] for i in range(len(bins))]


def shade(count: int, most: int) -> str:
    """The fill colour for a place counted `count` times when the busiest place has `most`."""
    bins = shade_bins(most)
    if count <= 0 or not bins:
        return NO_DATA_COLOR
    for (_, high), color in zip(bins, bin_colors(bins), strict=True):
        if count <= high:
            return color
    return BLUES[-1]


def count_range(low: int, high: int) -> str:
    return f"{low:,}" if low == high else f"{low:,}–{high:,}"


def feature_layer(
    name: str, data, style, fields: list[str], aliases: list[str], show: bool, **options
) -> folium.FeatureGroup:
    """A toggleable layer of GeoJSON features (a GeoDataFrame, a FeatureCollection, or `Shapes`) with a
    tooltip.

    Every layer's click returns the clicked feature's properties, whose `place_id` selects the place.
    Tooltip values are inserted as HTML by folium: callers escape every property that holds text.
    """
    group = folium.FeatureGroup(name=name, show=show)
    if len(data["features"] if isinstance(data, dict) else data):
        tooltip = folium.GeoJsonTooltip(fields=fields, aliases=aliases) if fields else None
        make = _ShapesGeoJson if isinstance(data, Shapes) else GeoJson
        make(data, name=name, style_function=style, tooltip=tooltip, **options).add_to(group)
    return group


class Shapes(dict):
    """Fixed polygons (the countries', the disputed territories') as a FeatureCollection with new
    properties: each geometry is converted to GeoJSON once per shapes frame, not on every map (a third of
    the time of the Countries layer), and the bounds are the frame's."""

    def __init__(self, shapes: gpd.GeoDataFrame, properties: dict[str, list]) -> None:
        geometries, self.bounds = _geojson_of(shapes)
        names, columns = list(properties), zip(*properties.values(), strict=True)
        features = [
            {"type": "Feature", "properties": dict(zip(names, row, strict=True)), "geometry": geometry}
            for row, geometry in zip(columns, geometries, strict=True)
        ]
        super().__init__(type="FeatureCollection", features=features)


class PrintedAsIs(MacroElement):
    """An element whose rendered header, HTML and script go into the page as they are. branca's
    `MacroElement.render` wraps each in a new Element, whose constructor compiles the text as a Jinja
    template again only to print it unchanged: 0.1 s of every map for the countries' 650 KB of polygons.
    (Text from articles has its Jinja braces escaped all the same, `escape` and `script_json`.)

    As the second base of a folium class (`class X(folium.GeoJson, PrintedAsIs)`), so that the class's own
    `render` does its work first."""

    def render(self, **kwargs):
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if (macro := macros.get(part)) is not None:
                getattr(figure, part).add_child(_Rendered(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _Rendered(Element):
    """Text already rendered, printed as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text.removesuffix("\n")  # as a Jinja template would print it

    def render(self, **kwargs) -> str:
        return self.text


class GeoJson(folium.GeoJson, PrintedAsIs):
    """folium's GeoJson layer, printed as rendered."""


class _ShapesGeoJson(GeoJson):
    """A GeoJson layer of `Shapes`, whose bounds are known: folium would walk every coordinate for them."""

    def _get_self_bounds(self):
        return self.data.bounds


_GEOJSON: dict[int, tuple[weakref.ref, list[dict], list[list[float]]]] = {}


def _geojson_of(shapes: gpd.GeoDataFrame) -> tuple[list[dict], list[list[float]]]:
    """The frame's geometries as GeoJSON (shared, not to be changed) and its [[south, west], [north, east]],
    kept while the frame lives (the files' shapes are loaded once)."""
    key = id(shapes)
    kept = _GEOJSON.get(key)
    if kept is None or kept[0]() is not shapes:
        lonlat = shapes.geometry.to_crs("EPSG:4326")
        geometries = [json.loads(text) for text in shapely.to_geojson(lonlat.values)]
        west, south, east, north = lonlat.total_bounds
        bounds = [[float(south), float(west)], [float(north), float(east)]]
        kept = _GEOJSON[key] = (weakref.ref(shapes, lambda _: _GEOJSON.pop(key, None)), geometries, bounds)
    return kept[1], kept[2]
