"""Small fixed boxes on the map (legends, the borders' point of view) and the page styles they use.

A box's HTML is built here from escaped parts and reaches the page through `tojson`, as a string that
Leaflet puts into the box: nothing from an article is ever inserted unescaped.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.template import Template

from dashboard.layers.style import NO_DATA_COLOR, escape
from dashboard.model import Shown

HATCH_ID = "newsmap-hatch"

# Inserted once into the map page's <head> (streamlit-folium keeps <style> elements of the header).
MAP_CSS = """<style>
.leaflet-interactive:focus{outline:none}
.leaflet-container{background:#dce6ee}
.nm-box{background:rgba(255,255,255,.92);padding:4px 7px;border-radius:4px;
  box-shadow:0 1px 4px rgba(0,0,0,.3);font:11px/1.3 system-ui,sans-serif;color:#222;max-width:240px}
.nm-box summary{font-weight:600;cursor:pointer}
.nm-box .nm-row{display:flex;align-items:center;gap:5px;white-space:nowrap}
.nm-box .nm-tone{margin-top:3px;font-weight:600;color:#555}
.nm-box .nm-types{display:grid;grid-template-columns:1fr 1fr;column-gap:8px}
.nm-box .nm-note{margin-top:3px;color:#555;white-space:normal}
.nm-sw{display:inline-block;width:10px;height:10px;border:1px solid #777;flex:none}
.nm-line{display:inline-block;width:18px;height:0;border-top-style:solid;flex:none}
.nm-ev span{display:flex;align-items:center;justify-content:center;width:100%;height:100%;
  border:1.5px solid #fff;box-shadow:0 0 2px rgba(0,0,0,.6);color:#fff;font:600 10px system-ui,sans-serif}
.nm-cooperation span,.nm-sw.nm-cooperation{border-radius:50%}
.nm-verbal span,.nm-sw.nm-verbal{border-radius:3px}
.nm-material span,.nm-sw.nm-material{transform:rotate(45deg);border-radius:2px}
.nm-material span b{transform:rotate(-45deg)}
.nm-cluster div{width:100%;height:100%;border-radius:50%;display:flex;align-items:center;
  justify-content:center;box-shadow:0 0 3px rgba(0,0,0,.5)}
.nm-cluster span{background:#fff;border-radius:50%;min-width:60%;height:60%;display:flex;
  align-items:center;justify-content:center;font:600 11px system-ui,sans-serif;color:#222}
.nm-label span{position:absolute;transform:translate(-50%,-150%);white-space:nowrap;
  font:600 11px system-ui,sans-serif;color:#1c2430;
  text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff}
</style>"""


class MapBox(MacroElement):
    """A fixed HTML box in a corner of the map (a Leaflet control).

    Parameters
    ----------
    html : str
        The box's content, already escaped.
    position : str, default "bottomleft"
        The corner: topleft, topright, bottomleft or bottomright.
    layer : folium layer, optional
        When given, the box is shown only while that layer is on the map (it follows the layer control).
        Add the box to the layer, not to the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({{ this.options|tojavascript }});
        {{ this.get_name() }}.onAdd = function () {
            var box = L.DomUtil.create("div", "nm-box leaflet-control");
            box.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        {%- if this.follows_layer %}
        {{ this._parent.get_name() }}.on("add", function (e) {
            {{ this.get_name() }}.addTo(e.target._map);
        });
        {{ this._parent.get_name() }}.on("remove", function () {
            {{ this.get_name() }}.remove();
        });
        {%- else %}
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str = "bottomleft", follows_layer: bool = True):
        super().__init__()
        self._name = "MapBox"
        self.html = html
        self.follows_layer = follows_layer
        self.options = {"position": position}


class HiddenAtStart(MacroElement):
    """Take `layers` off the map once streamlit-folium has wired its click handlers, so that a layer the
    user turns on later from the layer control still reports clicks.

    streamlit-folium binds its click handler to the layers on the map when it starts (``initComponent``);
    a layer folium adds with ``show=False`` is not on the map then, and clicks on its features would never
    reach the app. So every layer is added, and the hidden ones are removed right after that start, in the
    same task (nothing is painted in between). Without streamlit-folium (a saved HTML map) they are removed
    at once.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, layers) {
            var start = window.initComponent;
            function hide() { layers.forEach(function (layer) { map.removeLayer(layer); }); }
            if (typeof start !== "function") { hide(); return; }
            window.initComponent = function () {
                window.initComponent = start;
                var result = start.apply(this, arguments);
                hide();
                return result;
            };
        })({{ this._parent.get_name() }}, [{{ this.names|join(", ") }}]);
        {% endmacro %}
        """
    )

    def __init__(self, layers: list[folium.map.Layer]):
        super().__init__()
        self._name = "HiddenAtStart"
        self.names = [layer.get_name() for layer in layers]


class _MapScript(MacroElement):
    """A script run once on the map it is added to (its template's ``this._parent``)."""

    def __init__(self):
        super().__init__()
        self._name = type(self).__name__


class PromptClicks(_MapScript):
    """Report a click on a place to the app at once, not 250 ms later.

    streamlit-folium sends what the map reports (here the clicked feature, the centre and the zoom) through
    a 250 ms debounce, so that a drag sends one value, not hundreds; a click waits as long. After a click,
    once its own handlers have run, this sends the same value the debounced call would (built the same
    way from ``window.__GLOBAL_DATA__``, in the same key order, through ``window.Streamlit``, which
    streamlit-folium exposes) and records it as sent, so the debounced
    call that follows finds nothing new and sends nothing. Moves and zooms keep the debounce. Without
    streamlit-folium (a saved HTML map) it does nothing.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var start = window.initComponent;
            if (typeof start !== "function") { return; }
            function send() {
                var data = window.__GLOBAL_DATA__;
                var streamlit = window.Streamlit;
                if (!data || !data.returned_objects || !streamlit || !streamlit.setComponentValue) { return; }
                var wrap = function (point) {
                    return point && data.wrap_longitude ? map.wrapLatLng(point) : point;
                };
                var bounds = map.getBounds();
                var all = {
                    last_clicked: wrap(data.lat_lng_clicked),
                    last_object_clicked: wrap(data.last_object_clicked),
                    last_object_clicked_count: data.last_object_clicked_count,
                    last_object_clicked_tooltip: data.last_object_clicked_tooltip,
                    last_object_clicked_popup: data.last_object_clicked_popup,
                    all_drawings: data.all_drawings,
                    last_active_drawing: data.last_active_drawing,
                    last_geocoder_result: data.last_geocoder_result,
                    bounds: bounds && data.wrap_longitude ? map.wrapLatLngBounds(bounds) : bounds,
                    zoom: map.getZoom(),
                    last_circle_radius: data.last_circle_radius,
                    last_circle_polygon: data.last_circle_polygon,
                    center: wrap(map.getCenter()),
                    selected_layers: Object.values(data.selected_layers || {}),
                    selected_tags: data.selected_tags
                };
                var value = {};
                Object.keys(all).forEach(function (key) {
                    if (data.returned_objects.indexOf(key) >= 0) { value[key] = all[key]; }
                });
                if (JSON.stringify(data.previous_data) === JSON.stringify(value)) { return; }
                data.previous_data = value;
                streamlit.setComponentValue(value);
            }
            window.initComponent = function () {
                window.initComponent = start;
                var result = start.apply(this, arguments);
                // after streamlit-folium's own click handlers, bound in `start`, which record what was
                // clicked (a marker's click does not reach the map, so each layer is listened to as well)
                var later = function () { setTimeout(send, 0); };
                map.on("click", later);
                map.eachLayer(function (layer) {
                    if (typeof layer.on === "function") { layer.on("click", later); }
                });
                return result;
            };
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class TooltipsInside(_MapScript):
    """Keep tooltips inside the map: one that would open past the top or bottom edge opens on the other
    side of the pointer. (Leaflet's "auto" direction only chooses between left and right, so a country's
    tooltip near the top of the map was cut off.)"""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map.on("tooltipopen", function (event) {
                var tooltip = event.tooltip, element = tooltip.getElement();
                if (!element) { return; }
                if (tooltip._newsmapDirection === undefined) {
                    tooltip._newsmapDirection = tooltip.options.direction;  // as the layer set it
                }
                tooltip.options.direction = tooltip._newsmapDirection;
                tooltip.update();
                var box = element.getBoundingClientRect(), frame = map.getContainer().getBoundingClientRect();
                var side = box.top < frame.top ? "bottom" : box.bottom > frame.bottom ? "top" : null;
                if (side) {
                    tooltip.options.direction = side;
                    tooltip.update();
                }
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )


class HatchPattern(MacroElement):
    """SVG hatch patterns for disputed territories: stripes over each background colour of the count scale.

    A path filled with ``url(#newsmap-hatch-<n>)`` shows `color` stripes over ``backgrounds[n]``. Add it to
    the layer whose paths use it. Leaflet draws vector layers into one <svg>, created with the first path;
    the patterns are added to it once the layer is on the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (layer) {
            var map = null;
            var backgrounds = {{ this.backgrounds|tojson }}, color = {{ this.color|tojson }};
            var ns = "http://www.w3.org/2000/svg";
            function make(tag, attributes) {
                var node = document.createElementNS(ns, tag);
                for (var name in attributes) { node.setAttribute(name, attributes[name]); }
                return node;
            }
            function addHatches() {
                var svg = map.getPanes().overlayPane.querySelector("svg");
                if (!svg || svg.querySelector("#{{ this.pattern_id }}-0")) { return; }
                var defs = make("defs", {});
                backgrounds.forEach(function (background, n) {
                    var pattern = make("pattern", {
                        id: "{{ this.pattern_id }}-" + n, patternUnits: "userSpaceOnUse",
                        width: 7, height: 7, patternTransform: "rotate(45)"
                    });
                    pattern.appendChild(make("rect", {width: 7, height: 7, fill: background}));
                    pattern.appendChild(
                        make("line", {x1: 0, y1: 0, x2: 0, y2: 7, stroke: color, "stroke-width": 2.5})
                    );
                    defs.appendChild(pattern);
                });
                svg.insertBefore(defs, svg.firstChild);
            }
            layer.on("add", function () {
                if (!map) {
                    map = layer._map;
                    map.on("layeradd", addHatches);
                }
                addHatches();
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, color: str, backgrounds: list[str]):
        super().__init__()
        self._name = "HatchPattern"
        self.pattern_id = HATCH_ID
        self.color = color
        self.backgrounds = list(backgrounds)


def hatch_fill(background: str, backgrounds: list[str]) -> str:
    """The SVG fill that hatches over `background` (one of the pattern's backgrounds)."""
    return f"url(#{HATCH_ID}-{backgrounds.index(background)})"


def hatch_css(color: str, background: str = NO_DATA_COLOR) -> str:
    """The same hatch as a CSS background, for legend swatches."""
    return f"repeating-linear-gradient(45deg,{color} 0 2px,{background} 2px 5px)"


def add_map_styles(m: folium.Map) -> None:
    m.get_root().header.add_child(folium.Element(MAP_CSS), name="newsmap_css")


def swatch(color: str, label: str, css_class: str = "") -> str:
    """One legend row: a coloured square (or a shape by `css_class`) and its label (escaped here)."""
    return (
        f'<div class="nm-row"><i class="nm-sw {escape(css_class)}" style="background:{escape(color)}"></i>'
        f"{escape(label)}</div>"
    )


def line_row(color: str, width: float, label: str) -> str:
    return (
        f'<div class="nm-row"><i class="nm-line" style="border-top-color:{escape(color)};'
        f'border-top-width:{width:.0f}px"></i>{escape(label)}</div>'
    )


def note_row(text: str) -> str:
    """A legend's line of explanation (escaped here), wrapped to the box's width."""
    return f'<div class="nm-note">{escape(text)}</div>'


def capped_note(shown: Shown, things: str, measure: str, busiest: str = "busiest") -> str:
    """What a capped layer leaves out: "Showing the 300 busiest of 29,610 country pairs (42,512 of
    455,767 events)"."""
    return (
        f"Showing the {shown.items:,} {busiest} of {shown.total_items:,} {things}"
        f" ({shown.count:,} of {shown.total:,} {measure})"
    )


def legend(title: str, rows: list[str], open_: bool = True) -> str:
    """A collapsible legend: `rows` are HTML built by `swatch`/`line_row` (already escaped)."""
    state = " open" if open_ else ""
    return f"<details{state}><summary>{escape(title)}</summary>{''.join(rows)}</details>"
