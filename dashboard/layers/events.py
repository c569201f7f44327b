"""The Events layer: clustered markers, one per place and PLOVER type, coloured and shaped by type.

Markers are built in the browser from compact rows (one per place: coordinates, name, id, then per type
its index, count and the latest events' dates, "source → target" and who coded them, as indexes into one
table of escaped strings), so 10,000 events cost a few hundred kilobytes, not a folium object each. A
cluster shows how many events it holds and, as a ring, their shares of cooperation, verbal and material
conflict. A marker's popup lists the type, the place, and the latest events with their provenance;
clicking a marker selects its place like any other feature.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

import folium
from folium.plugins import MarkerCluster
from folium.template import Template

from dashboard.layers.controls import MapBox, legend, note_row, swatch
from dashboard.layers.palette import ALL_TONES, TONE_CLASS, TONE_COLOR, type_color
from dashboard.layers.style import PrintedAsIs, escape, script_json
from dashboard.model import Event, Place, PlaceEvents, provenance
from dashboard.periods import date_label
from dashboard.plover import TONES, TYPES, tone, types_of

MAX_LISTED = 3  # latest events listed in a marker's popup
MAX_MARKERS = 5_000  # markers the map draws at most: the busiest places', whole (`queries.map_events`)
COORDINATE_DECIMALS = 3  # about 100 m


class EventClusters(MarkerCluster, PrintedAsIs):
    """A Leaflet.markercluster group whose markers are made in the browser from compact rows.

    Parameters
    ----------
    places : list
        One row per place: ``[lat, lon, escaped name, place id, group, group, ...]``, each group a marker:
        ``[type index, event count, date index, pair index, provenance index, ...]`` with the date,
        "source → target" and who coded them ("machine-coded", "via GDELT") of up to `MAX_LISTED` events,
        newest first.
    strings : list of str
        The escaped texts the groups point to.
    types : list
        ``[escaped name, colour, tone index, css class]`` per type index.
    tones : list
        ``[tone name, colour]`` per tone index.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function () {
            var types = {{ this.types|tojson }};
            var tones = {{ this.tones|tojson }};
            var text = {{ this.strings_json }};
            var places = {{ this.places_json }};
            var group = L.markerClusterGroup({{ this.options|tojavascript }});
            group.options.iconCreateFunction = function (cluster) {
                var markers = cluster.getAllChildMarkers(), total = 0;
                var byTone = tones.map(function () { return 0; });
                for (var i = 0; i < markers.length; i++) {
                    total += markers[i].options.n;
                    byTone[types[markers[i].options.t][2]] += markers[i].options.n;
                }
                var stops = [], at = 0;
                for (var k = 0; k < tones.length; k++) {
                    if (!byTone[k]) { continue; }
                    var next = at + 100 * byTone[k] / total;
                    stops.push(tones[k][1] + " " + at.toFixed(1) + "% " + next.toFixed(1) + "%");
                    at = next;
                }
                var size = total < 10 ? 30 : total < 100 ? 36 : total < 1000 ? 42 : 48;
                return L.divIcon({
                    html: '<div style="background:conic-gradient(' + stops.join(",") + ')"><span>' + total
                        + "</span></div>",
                    className: "nm-cluster",
                    iconSize: L.point(size, size)
                });
            };
            var icons = {};
            function icon(t, n) {
                var key = t + ":" + n;
                if (!icons[key]) {
                    var size = Math.round(Math.min(26, 15 + 3 * Math.log(n)));
                    icons[key] = L.divIcon({
                        className: "nm-ev " + types[t][3],
                        html: '<span style="background:' + types[t][1] + '"><b>' + (n > 1 ? n : "")
                            + "</b></span>",
                        iconSize: [size, size]
                    });
                }
                return icons[key];
            }
            function popup(place, kind) {
                return function () {
                    var html = "<b>" + types[kind[0]][0] + "</b> · " + kind[1]
                        + (kind[1] > 1 ? " events" : " event") + " at " + place[2];
                    for (var j = 2; j + 2 < kind.length; j += 3) {
                        html += "<br>" + text[kind[j]] + " · " + text[kind[j + 1]]
                            + " · <i>" + text[kind[j + 2]] + "</i>";
                    }
                    if (kind[1] > (kind.length - 2) / 3) { html += "<br>…"; }
                    return html;
                };
            }
            var markers = [];
            for (var i = 0; i < places.length; i++) {
                var place = places[i];
                for (var k = 4; k < place.length; k++) {
                    var kind = place[k];
                    var marker = L.marker(
                        [place[0], place[1]], {icon: icon(kind[0], kind[1]), n: kind[1], t: kind[0]}
                    );
                    marker.feature = {type: "Feature", properties: {place_id: place[3]}};
                    marker.bindPopup(popup(place, kind));
                    markers.push(marker);
                }
            }
            group.addLayers(markers);
            return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, places: list, strings: list[str], types: list, tones: list):
        super().__init__(
            control=False,
            options={"showCoverageOnHover": False, "maxClusterRadius": 50, "spiderfyDistanceMultiplier": 1.4},
        )
        self._name = "EventClusters"
        self.places_json, self.strings_json = script_json(places), script_json(strings)
        self.types, self.tones = types, tones


class _Table:
    """Each distinct value once; rows refer to values by index."""

    def __init__(self) -> None:
        self.values: list = []
        self._index: dict = {}

    def __call__(self, value) -> int:
        if value not in self._index:
            self._index[value] = len(self.values)
            self.values.append(value)
        return self._index[value]


def _party(actor_id: str | None, country: str | None, actor_names: dict[str, str], country_name) -> str:
    if actor_id and actor_id in actor_names:
        return actor_names[actor_id]
    if country:
        return country_name(country)
    return "?"


def event_rows(
    events_by_place: Mapping[Place, list[Event] | PlaceEvents],
    actor_names: dict[str, str] | None = None,
    country_name: Callable[[str], str] = lambda code: code,
) -> tuple[list, list[str], list[str]]:
    """The compact place rows of `EventClusters`, the strings they point to, and the type names (escaped).

    `events_by_place`: a place's events, newest first, or their `PlaceEvents` (counts and newest few of
    each type, what `queries.map_events` reads at any store size)."""
    actor_names = actor_names or {}
    country_name = functools.cache(country_name)  # the same few countries over and over
    # Dates, sides and coders repeat across thousands of markers: each distinct one is escaped once.
    escaped = functools.cache(escape)
    dated = functools.cache(lambda day, precision: escaped(date_label(day, precision)))
    coded_by = functools.cache(lambda coder: escaped(provenance(coder, short=True)))
    strings, type_index = _Table(), _Table()
    for event_type in TYPES:  # PLOVER types keep their order in the legend and the rows
        type_index(event_type)
    rows = []
    for place in sorted(events_by_place, key=lambda p: p.id):
        here = events_by_place[place]
        here = here if isinstance(here, PlaceEvents) else PlaceEvents.of(here, MAX_LISTED)
        if not here.drawn:
            continue
        row: list = [
            round(place.lat, COORDINATE_DECIMALS),
            round(place.lon, COORDINATE_DECIMALS),
            escape(place.name),
            place.id,
        ]
        for event_type in sorted(t for t, n in here.counts.items() if n):
            kind = [type_index(event_type), here.counts[event_type]]
            for event in here.latest.get(event_type, [])[:MAX_LISTED]:  # newest first
                source = _party(event.source_actor, event.source_country, actor_names, country_name)
                target = _party(event.target_actor, event.target_country, actor_names, country_name)
                kind += [
                    strings(dated(event.date, event.date_precision)),
                    strings(escaped(f"{source} → {target}")),
                    strings(coded_by(event.coder)),
                ]
            row.append(kind)
        if len(row) > 4:
            rows.append(row)
    return rows, strings.values, type_index.values


def events_layer(
    events_by_place: Mapping[Place, list[Event] | PlaceEvents],
    show: bool = True,
    actor_names: dict[str, str] | None = None,
    country_name: Callable[[str], str] = lambda code: code,
) -> folium.FeatureGroup:
    """`events_by_place`: the events at each place, newest first; `actor_names`: actor id -> name."""
    rows, strings, type_names = event_rows(events_by_place, actor_names, country_name)
    group = folium.FeatureGroup(name="Events", show=show)
    types = [
        [escape(name), type_color(name), ALL_TONES.index(tone(name)), TONE_CLASS[tone(name)]]
        for name in type_names
    ]
    tones = [[name, TONE_COLOR[name]] for name in ALL_TONES]
    if rows:
        EventClusters(rows, strings, types, tones).add_to(group)
    present = {type_names[kind[0]] for row in rows for kind in row[4:]}
    MapBox(events_legend(present, markers_note(events_by_place)), position="bottomright").add_to(group)
    return group


def markers_note(events_by_place: Mapping[Place, list[Event] | PlaceEvents]) -> str:
    """What the layer leaves out when it draws only the busiest places' markers (`PlaceEvents.drawn`):
    "Showing the 309 busiest of 19,467 places: 2,995 of 83,977 markers, 701,234 of 890,391 events"; ""
    when it draws every place."""
    every, drawn = [0, 0, 0], [0, 0, 0]  # places, markers, events
    for here in events_by_place.values():
        here = here if isinstance(here, PlaceEvents) else PlaceEvents.of(here, 0)
        counted = (1, sum(1 for n in here.counts.values() if n), len(here))
        every = [a + b for a, b in zip(every, counted, strict=True)]
        if here.drawn:
            drawn = [a + b for a, b in zip(drawn, counted, strict=True)]
    if drawn[0] == every[0]:
        return ""
    (places, markers, events), (shown_places, shown_markers, shown_events) = every, drawn
    return (
        f"Showing the {shown_places:,} busiest of {places:,} places: {shown_markers:,} of {markers:,}"
        f" markers, {shown_events:,} of {events:,} events"
    )


def events_legend(present: set[str], note: str = "") -> str:
    """The PLOVER types by tone, each with its colour and marker shape; types not shown are left out. `note`:
    what the layer leaves out, if anything (`markers_note`)."""
    parts = []
    for tone_name in TONES:
        names = [name for name in types_of(tone_name) if name in present]
        if names:
            parts.append(f'<div class="nm-tone">{escape(tone_name.capitalize())}</div><div class="nm-types">')
            parts += [swatch(type_color(name), name, TONE_CLASS[tone_name]) for name in names]
            parts.append("</div>")
    others = sorted(name for name in present if name not in TYPES)
    if others:
        parts.append('<div class="nm-tone">Other</div>')
        parts += [swatch(type_color(name), name) for name in others]
    if not parts:
        parts.append('<div class="nm-row">No located events</div>')
    parts.append('<div class="nm-row">Clusters: ring = share of each tone</div>')
    if note:
        parts.append(note_row(note))
    return legend("Events", parts)
