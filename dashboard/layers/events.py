"""The Events layer: one circle per place where events happened, coloured by what kind of events."""

from __future__ import annotations

import math
from collections import Counter

import folium

from dashboard.layers.style import escape, feature_layer
from dashboard.model import Event, Place

# PLOVER types by tone: cooperation, verbal conflict, material conflict.
TONE = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"), "cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"), "verbal conflict"),
    **dict.fromkeys(("SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}
TONE_COLOR = {"cooperation": "#1a9850", "verbal conflict": "#fdae61", "material conflict": "#d73027"}
MAX_LISTED = 5


def events_layer(events_by_place: dict[Place, list[Event]], show: bool = True) -> folium.FeatureGroup:
    """`events_by_place`: the events at each place, newest first."""
    features = []
    for place, events in events_by_place.items():
        tones = Counter(TONE.get(e.type, "cooperation") for e in events)
        listed = [f"{e.type} {e.date.isoformat() if e.date else ''}".strip() for e in events[:MAX_LISTED]]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "place_id": place.id,
                    "name": escape(place.name),
                    "events": len(events),
                    "tone": tones.most_common(1)[0][0],
                    "latest": escape("; ".join(listed)),
                },
            }
        )

    def style(feature):
        props = feature["properties"]
        return {
            "radius": 6 + 4 * math.log1p(props["events"]),
            "color": "#ffffff",
            "weight": 1.5,
            "fillColor": TONE_COLOR[props["tone"]],
            "fillOpacity": 0.85,
        }

    return feature_layer(
        "Events",
        {"type": "FeatureCollection", "features": features},
        style,
        ["name", "events", "tone", "latest"],
        ["", "events", "mostly", "latest"],
        show,
        marker=folium.CircleMarker(fill=True),
    )
