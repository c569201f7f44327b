"""The Relations layer: a curved arc between two countries whose actors met in events, either way round.

One arc per pair of countries (Israel ↔ Morocco), as wide as the pair has events, coloured by the tone
most of them have. Arcs are quadratic Bézier curves sampled in Python, bent to one side of the chord, and
take the short way across the antimeridian (longitudes beyond ±180 are drawn by Leaflet on the
neighbouring world copy).

An arc crosses countries, territories and cities that a reader means to click: it takes no click itself.
Its counts by type for each direction are in the tooltip of a small handle at its middle, which selects
nothing either.
"""

from __future__ import annotations

import math
from collections import Counter

import folium

from dashboard.layers.controls import MapBox, capped_note, legend, line_row, note_row
from dashboard.layers.palette import TONE_COLOR
from dashboard.layers.style import GeoJson, escape, feature_layer
from dashboard.model import Place, Shown
from dashboard.plover import TONES, tone

MAX_PAIRS = 300  # arcs the map draws at most: the busiest country pairs
HANDLE_RADIUS = 4  # the dot at an arc's middle that shows its counts
ARC_POINTS = 32
BEND = 0.2  # the control point's distance from the chord's middle, as a share of the chord's length


def unwrap_lon(lon_from: float, lon_to: float) -> float:
    """`lon_to`, shifted by 360° if that puts it nearer to `lon_from` (the short way round the globe)."""
    while lon_to - lon_from > 180:
        lon_to -= 360
    while lon_to - lon_from < -180:
        lon_to += 360
    return lon_to


def arc(start: tuple[float, float], end: tuple[float, float], points: int = ARC_POINTS, bend: float = BEND):
    """`points` [lon, lat] positions on a quadratic Bézier curve from `start` to `end` ((lon, lat) each).

    The curve bends to the left of the direction of travel, so the order of the ends decides the side.
    """
    (x0, y0), (x2, y2) = start, (unwrap_lon(start[0], end[0]), end[1])
    dx, dy = x2 - x0, y2 - y0
    x1, y1 = (x0 + x2) / 2 - bend * dy, (y0 + y2) / 2 + bend * dx
    y1 = max(-85.0, min(85.0, y1))
    curve = []
    for i in range(points):
        t = i / (points - 1)
        a, b, c = (1 - t) ** 2, 2 * (1 - t) * t, t**2
        curve.append([round(a * x0 + b * x1 + c * x2, 3), round(a * y0 + b * y1 + c * y2, 3)])
    return curve


def _counts(types: Counter) -> str:
    return ", ".join(
        f"{kind} {count}" for kind, count in sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))
    )


def country_pairs(pairs: dict[tuple[Place, Place], Counter]) -> dict[tuple[Place, Place], dict[str, Counter]]:
    """Directed pairs folded into unordered ones, (first, second) by place id, each with the types of its
    events each way: {"forward": first → second, "back": second → first}."""
    folded: dict[tuple[Place, Place], dict[str, Counter]] = {}
    for (source, target), types in pairs.items():
        first, second = sorted((source, target), key=lambda p: p.id)
        ways = folded.setdefault((first, second), {"forward": Counter(), "back": Counter()})
        ways["forward" if source is first else "back"].update(types)
    return folded


def relations_layer(
    pairs: dict[tuple[Place, Place], Counter], show: bool = True, shown: Shown | None = None
) -> folium.FeatureGroup:
    """`pairs`: (source country, target country) -> how many events of each PLOVER type; `shown`: how many
    of all the pairs they are, when capped (the legend then says so, and opens)."""
    features, handles = [], []
    for (first, second), ways in sorted(
        country_pairs(pairs).items(), key=lambda kv: (kv[0][0].id, kv[0][1].id)
    ):
        total = ways["forward"] + ways["back"]
        tones = Counter()
        for kind, count in total.items():
            tones[tone(kind)] += count
        lines = [
            f"{escape(a.name)} → {escape(b.name)}: {escape(_counts(types))}"
            for a, b, types in ((first, second, ways["forward"]), (second, first, ways["back"]))
            if types
        ]
        curve = arc((first.lon, first.lat), (second.lon, second.lat))
        properties = {
            "pair": escape(f"{first.name} ↔ {second.name}"),
            "events": sum(total.values()),
            "types": "<br>".join(lines),
            "tone": tones.most_common(1)[0][0],
        }
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": curve},
                "properties": properties,
            }
        )
        middle = {"type": "Point", "coordinates": curve[len(curve) // 2]}
        handles.append({"type": "Feature", "geometry": middle, "properties": properties})

    def style(feature):
        props = feature["properties"]
        return {"color": TONE_COLOR[props["tone"]], "weight": width(props["events"]), "opacity": 0.75}

    def handle_style(feature):
        color = TONE_COLOR[feature["properties"]["tone"]]
        return {
            "radius": HANDLE_RADIUS,
            "color": "#ffffff",
            "weight": 1,
            "fillColor": color,
            "fillOpacity": 1,
        }

    group = feature_layer(
        "Relations",
        {"type": "FeatureCollection", "features": features},
        style,
        [],
        [],
        show,
        interactive=False,
    )
    if handles:
        GeoJson(
            {"type": "FeatureCollection", "features": handles},
            style_function=handle_style,
            tooltip=folium.GeoJsonTooltip(fields=["pair", "events", "types"], aliases=["", "events", ""]),
            marker=folium.CircleMarker(fill=True),
        ).add_to(group)
    rows = [line_row(TONE_COLOR[name], 3, f"mostly {name}") for name in TONES]
    rows += [line_row("#555", width(n), f"{n} event{'s' if n > 1 else ''}") for n in (1, 10, 100)]
    capped = shown is not None and shown.capped
    if capped:
        rows.append(note_row(capped_note(shown, "country pairs", "events")))
    MapBox(legend("Relations", rows, open_=capped), position="bottomright").add_to(group)
    return group


def width(events: int) -> float:
    """An arc's width in pixels, to the half pixel: folium writes one style per distinct width."""
    return round(2 * (1.5 + 2 * math.log1p(events))) / 2
