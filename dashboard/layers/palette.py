"""How the PLOVER types' tones are drawn: each tone's colour and marker shape.

The types' and the tones' colours are `dashboard.plover`'s. Cooperation is drawn with round markers, verbal
conflict with rounded squares, material conflict with diamonds (the CSS classes in `controls.py`): tone
reads from the shape as well as the colour.
"""

from __future__ import annotations

from dashboard import plover
from dashboard.plover import COOPERATION, MATERIAL, OTHER, OTHER_COLOR, TONES, VERBAL

ALL_TONES = (*TONES, OTHER)
TONE_CLASS = {
    COOPERATION: "nm-cooperation",
    VERBAL: "nm-verbal",
    MATERIAL: "nm-material",
    OTHER: "nm-cooperation",
}
TONE_COLOR = {**plover.TONE_COLOR, OTHER: OTHER_COLOR}
type_color = plover.color
