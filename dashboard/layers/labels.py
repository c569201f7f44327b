"""Place names on the map: the busiest places' names, each drawn only where it overlaps no busier one.

A reader should tell Rabat from Casablanca without hovering. The names go with the Places layer (they
toggle with it), in a pane of their own that takes no click. After each zoom or move the browser lays
them out again, most mentioned first (a capital before another place of as many mentions); a name that
would overlap one already drawn is hidden, so more names appear as the map zooms in. The names are set as
text, never as HTML.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from dashboard.layers.style import script_json
from dashboard.model import Place

MAX_LABELS = 400  # names laid out at most: the most mentioned places


def label_rows(places: list[Place], counts: dict[str, int]) -> list[list]:
    """[latitude, longitude, name] of the places to name, the first to be drawn first."""

    def rank(place: Place) -> tuple:
        return (-counts.get(place.id, 0), place.feature_code != "PPLC", place.name)

    located = [p for p in places if p.lat is not None and p.lon is not None]
    return [[round(p.lat, 3), round(p.lon, 3), p.name] for p in sorted(located, key=rank)[:MAX_LABELS]]


class PlaceLabels(MacroElement):
    """The names of `rows` (`label_rows`) on the map, added to a layer (the Places feature group)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, group, rows) {
            if (!map.getPane("nm-labels")) {
                var pane = map.createPane("nm-labels");
                pane.style.zIndex = 450;
                pane.style.pointerEvents = "none";
            }
            var markers = rows.map(function (row) {
                var marker = L.marker([row[0], row[1]], {
                    pane: "nm-labels", interactive: false, keyboard: false,
                    icon: L.divIcon({className: "nm-label", html: "<span></span>", iconSize: null})
                });
                marker.on("add", function () { marker.getElement().firstChild.textContent = row[2]; });
                return marker.addTo(group);
            });
            function layOut() {
                var taken = [];
                markers.forEach(function (marker) {
                    var element = marker.getElement();
                    if (!element) { return; }
                    element.style.visibility = "";
                    var box = element.firstChild.getBoundingClientRect();
                    var free = taken.every(function (other) {
                        return box.right < other.left || box.left > other.right
                            || box.bottom < other.top || box.top > other.bottom;
                    });
                    if (free) { taken.push(box); } else { element.style.visibility = "hidden"; }
                });
            }
            map.on("zoomend moveend resize", layOut);
            group.on("add", function () { setTimeout(layOut, 0); });
            map.whenReady(function () { setTimeout(layOut, 0); });
        })({{ this._parent._parent.get_name() }}, {{ this._parent.get_name() }}, {{ this.rows_json }});
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "PlaceLabels"
        self.rows_json = script_json(rows)  # safe in a <script>, and read by no Jinja pass as code
