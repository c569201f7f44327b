"""The Relations layer: a line between the countries of each event's source and target actors."""

from __future__ import annotations

import math
from collections import Counter

import folium

from dashboard.layers.events import TONE, TONE_COLOR
from dashboard.layers.style import escape, feature_layer
from dashboard.model import Place


def relations_layer(pairs: dict[tuple[Place, Place], Counter], show: bool = True) -> folium.FeatureGroup:
    """`pairs`: (source country, target country) -> how many events of each PLOVER type."""
    features = []
    for (source, target), types in pairs.items():
        tones = Counter()
        for kind, count in types.items():
            tones[TONE.get(kind, "cooperation")] += count
        summary = ", ".join(f"{kind} {count}" for kind, count in types.most_common())
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [[source.lon, source.lat], [target.lon, target.lat]],
                },
                "properties": {
                    "place_id": source.id,
                    "pair": escape(f"{source.name} → {target.name}"),
                    "events": sum(types.values()),
                    "types": escape(summary),
                    "tone": tones.most_common(1)[0][0],
                },
            }
        )

    def style(feature):
        props = feature["properties"]
        return {
            "color": TONE_COLOR[props["tone"]],
            "weight": 1.5 + 2 * math.log1p(props["events"]),
            "opacity": 0.8,
        }

    return feature_layer(
        "Relations",
        {"type": "FeatureCollection", "features": features},
        style,
        ["pair", "events", "types"],
        ["", "events", ""],
        show,
    )
