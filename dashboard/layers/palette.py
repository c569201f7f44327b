"""Colours of the 16 PLOVER event types, grouped by tone.

Cooperation is drawn in greens and blues (round markers), verbal conflict in oranges (rounded squares),
material conflict in reds and purples (diamonds): tone reads from the shape as well as the colour.
"""

from __future__ import annotations

from dashboard.tones import OTHER, TONE, TONES, tone

__all__ = [
    "ALL_TONES", "OTHER", "OTHER_COLOR", "TONE", "TONES", "TONE_CLASS", "TONE_COLOR", "TYPE_COLOR",
    "tone", "type_color",
]  # fmt: skip

OTHER_COLOR = "#888888"
ALL_TONES = (*TONES, OTHER)
TONE_CLASS = {
    "cooperation": "nm-cooperation",
    "verbal conflict": "nm-verbal",
    "material conflict": "nm-material",
    OTHER: "nm-cooperation",
}
TONE_COLOR = {
    "cooperation": "#1a9850",
    "verbal conflict": "#f08c1e",
    "material conflict": "#c51b2a",
    OTHER: OTHER_COLOR,
}

TYPE_COLOR = {
    # cooperation: greens and blues
    "AGREE": "#1b7837",
    "CONSULT": "#5aae61",
    "SUPPORT": "#35978f",
    "CONCEDE": "#80b1d3",
    "COOPERATE": "#2166ac",
    "AID": "#4393c3",
    "RETREAT": "#01665e",
    # verbal conflict: oranges
    "REQUEST": "#fdb863",
    "ACCUSE": "#f08c1e",
    "REJECT": "#e66101",
    "THREATEN": "#b35806",
    "PROTEST": "#d9a400",
    # material conflict: reds and purples
    "SANCTION": "#8073ac",
    "MOBILIZE": "#542788",
    "COERCE": "#d6604d",
    "ASSAULT": "#b2182b",
}


def type_color(event_type: str) -> str:
    return TYPE_COLOR.get(event_type, OTHER_COLOR)
