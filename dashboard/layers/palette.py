"""How the PLOVER types' tones are drawn: each tone's colour and marker shape.

The types' own colours are in `dashboard.plover`'s table. Cooperation is drawn with round markers, verbal
conflict with rounded squares, material conflict with diamonds (the CSS classes in `controls.py`): tone
reads from the shape as well as the colour.
"""

from __future__ import annotations

from dashboard.plover import COLOR, COOPERATION, MATERIAL, OTHER, TONES, VERBAL

OTHER_COLOR = "#888888"
ALL_TONES = (*TONES, OTHER)
TONE_CLASS = {
    COOPERATION: "nm-cooperation",
    VERBAL: "nm-verbal",
    MATERIAL: "nm-material",
    OTHER: "nm-cooperation",
}
TONE_COLOR = {
    COOPERATION: "#1a9850",
    VERBAL: "#f08c1e",
    MATERIAL: "#c51b2a",
    OTHER: OTHER_COLOR,
}


def type_color(event_type: str) -> str:
    """A PLOVER type's colour; grey for a type outside PLOVER (an imported record's own code)."""
    return COLOR.get(event_type, OTHER_COLOR)
