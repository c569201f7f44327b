"""The Heat layer: how many events happened in each cell of a fixed grid of latitude/longitude squares.

Leaflet.heat ships in no package this product installs from, so density is drawn as plain vector
squares: each cell of `CELL_DEGREES` holding events is filled with a colour and opacity by its count (log
scale), the same size at every zoom. Cells travel as compact rows and are drawn on a canvas in the browser;
they let clicks through to the countries underneath.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sized

import folium
from folium.template import Template

from dashboard.layers.controls import MapBox, legend, swatch
from dashboard.layers.style import PrintedAsIs, count_range, script_json
from dashboard.model import Place

CELL_DEGREES = 2.0
# ColorBrewer YlOrRd, 5 classes.
HEAT = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
# At this zoom and below a 2-degree cell is under 12 px wide: each cell is also a dot of fixed size,
# outlined, so that the grid shows over the countries' shading at world zoom.
DOT_ZOOM, DOT_RADIUS = 3, 5


class HeatGrid(PrintedAsIs):
    """Grid cells drawn as filled squares on a canvas, added to the parent layer.

    Parameters
    ----------
    cells : list
        ``[row, column, events, colour class]`` per cell; the cell spans latitudes row*size to
        (row+1)*size and longitudes column*size to (column+1)*size.
    size : float
        The cell size in degrees.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (layer) {
            var size = {{ this.size|tojson }}, colors = {{ this.colors|tojson }};
            var cells = {{ this.cells_json }};
            var renderer = L.canvas({padding: 0.5}), dots = L.layerGroup();
            for (var i = 0; i < cells.length; i++) {
                var c = cells[i];
                L.rectangle([[c[0] * size, c[1] * size], [(c[0] + 1) * size, (c[1] + 1) * size]], {
                    renderer: renderer, stroke: false, interactive: false,
                    fillColor: colors[c[3]], fillOpacity: 0.35 + 0.12 * c[3]
                }).addTo(layer);
                // a cell is a few pixels wide at world zoom: a dot of fixed size marks it there
                L.circleMarker([(c[0] + 0.5) * size, (c[1] + 0.5) * size], {
                    renderer: renderer, interactive: false, radius: {{ this.dot_radius }}, weight: 1,
                    color: {{ this.outline|tojson }}, fillColor: colors[c[3]], fillOpacity: 0.9
                }).addTo(dots);
            }
            function dotsAtWorldZoom() {
                var map = layer._map;
                if (!map) { return; }
                var small = map.getZoom() <= {{ this.dot_zoom }};
                if (small && !layer.hasLayer(dots)) { layer.addLayer(dots); }
                if (!small && layer.hasLayer(dots)) { layer.removeLayer(dots); }
            }
            function follow() {
                layer._map.off("zoomend", dotsAtWorldZoom).on("zoomend", dotsAtWorldZoom);
                dotsAtWorldZoom();
            }
            layer.on("add", follow);  // (once off the map, the handler finds no map and does nothing)
            if (layer._map) { follow(); }
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    dot_radius, dot_zoom, outline = DOT_RADIUS, DOT_ZOOM, HEAT[-1]

    def __init__(self, cells: list, size: float, colors: list[str]):
        super().__init__()
        self._name = "HeatGrid"
        self.cells_json, self.size, self.colors = script_json(cells), size, colors


def heat_cells(
    events_by_place: Mapping[Place, Sized], size: float = CELL_DEGREES
) -> Counter[tuple[int, int]]:
    """Events per grid cell, keyed by (row, column): the cell spans latitudes row*size to (row+1)*size,
    and longitudes likewise by column."""
    cells: Counter[tuple[int, int]] = Counter()
    for place, events in events_by_place.items():
        if events:
            cells[math.floor(place.lat / size), math.floor(place.lon / size)] += len(events)
    return cells


def heat_class(count: int, most: int) -> int:
    """The colour class (0-4) of a cell with `count` events when the busiest has `most`."""
    if most <= 1:
        return len(HEAT) - 1
    return min(len(HEAT) - 1, int(len(HEAT) * math.log(count) / math.log(most)))


def heat_layer(
    events_by_place: Mapping[Place, Sized], show: bool = False, size: float = CELL_DEGREES
) -> folium.FeatureGroup:
    cells = heat_cells(events_by_place, size)
    most = max(cells.values(), default=0)
    rows = [[row, column, count, heat_class(count, most)] for (row, column), count in sorted(cells.items())]
    group = folium.FeatureGroup(name="Heat", show=show)
    if rows:
        HeatGrid(rows, size, HEAT).add_to(group)
    MapBox(heat_legend(most, size), position="bottomright").add_to(group)
    return group


def heat_bins(most: int) -> list[tuple[int, int, int]]:
    """(colour class, lowest count, highest count) for each class in use when the busiest cell has `most`."""
    if most <= 0:
        return []
    if most == 1:
        return [(len(HEAT) - 1, 1, 1)]
    lows = {}
    for level in range(len(HEAT)):
        low = max(1, math.ceil(most ** (level / len(HEAT)) - 1e-9))
        while low > 1 and heat_class(low - 1, most) >= level:  # float rounding at the boundary
            low -= 1
        while low <= most and heat_class(low, most) < level:
            low += 1
        if low <= most:
            lows[level] = low
    levels = sorted(lows)
    return [
        (level, lows[level], lows[levels[i + 1]] - 1 if i + 1 < len(levels) else most)
        for i, level in enumerate(levels)
        if i + 1 == len(levels) or lows[levels[i + 1]] > lows[level]
    ]


def heat_legend(most: int, size: float = CELL_DEGREES) -> str:
    """Each colour with the range of event counts it stands for, for a grid whose busiest cell has `most`."""
    rows = [swatch(HEAT[level], count_range(low, high)) for level, low, high in heat_bins(most)]
    if not rows:
        rows.append(swatch(HEAT[0], "no located events"))
    return legend(f"Heat: events per {size:g}° cell", rows)
