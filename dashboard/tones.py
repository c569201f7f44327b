"""The 16 PLOVER event types by tone: cooperation, verbal conflict, material conflict.

One table for the map's colours and shapes (`dashboard.layers.palette`) and the timeline's bars
(`dashboard.queries`); it imports nothing, so the queries stay free of folium.
"""

from __future__ import annotations

TONES = ("cooperation", "verbal conflict", "material conflict")
OTHER = "other"  # a type outside PLOVER (an imported record's own code)
TONE = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"), "cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST"), "verbal conflict"),
    **dict.fromkeys(("SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}


def tone(event_type: str) -> str:
    """The tone of a PLOVER type; OTHER for a type outside PLOVER."""
    return TONE.get(event_type, OTHER)
