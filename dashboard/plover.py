"""The PLOVER event types: the one table of their names, order, tones, map colours and meanings.

Everything that names the types as a whole reads them from here: the lexicon builders (which check the
CAMEO->PLOVER table against it), the selection's URL and CLI values, the sidebar, the map's palette and
legend, the timeline's tones and the event coder's cooperative and hostile acts. It imports nothing, so
the queries, the selection and the builders can use it without folium or spaCy.

The order is the display order: cooperation, then verbal conflict, then material conflict, each from the
mildest act. Cooperation is drawn in greens and blues, verbal conflict in oranges, material conflict in
reds and purples (`dashboard.layers.palette` adds the tones' colours and marker shapes). A description
says what the type covers, read off the CAMEO codes the 2021 CAMEO->PLOVER table maps to it.
"""

from __future__ import annotations

from typing import NamedTuple

TONES = ("cooperation", "verbal conflict", "material conflict")
COOPERATION, VERBAL, MATERIAL = TONES
OTHER = "other"  # the tone of a type outside PLOVER (an imported record's own code)


class EventType(NamedTuple):
    name: str
    tone: str  # one of TONES
    color: str  # the map's marker and legend colour
    description: str


EVENT_TYPES = (
    EventType("AGREE", COOPERATION, "#1b7837", "promise or offer to cooperate, meet, settle or yield"),
    EventType("CONSULT", COOPERATION, "#5aae61", "meet, visit, phone, mediate or negotiate"),
    EventType("SUPPORT", COOPERATION, "#35978f", "praise, endorse, recognise, apologise, sign an agreement"),
    EventType("CONCEDE", COOPERATION, "#80b1d3", "ease restrictions or repression, accede to reform"),
    EventType("COOPERATE", COOPERATION, "#2166ac", "cooperate in trade, arms or law; share intelligence"),
    EventType("AID", COOPERATION, "#4393c3", "economic, military or humanitarian aid, protection, asylum"),
    EventType("RETREAT", COOPERATION, "#01665e", "release, ease sanctions, let others in, de-escalate"),
    EventType("REQUEST", VERBAL, "#fdb863", "ask, appeal or demand: cooperation, aid, reform, a meeting"),
    EventType("ACCUSE", VERBAL, "#f08c1e", "investigate, criticise, accuse, complain or sue"),
    EventType("REJECT", VERBAL, "#e66101", "reject or refuse a request, proposal or plan; defy; veto"),
    EventType("THREATEN", VERBAL, "#b35806", "threaten sanctions, protest, repression, force; ultimatums"),
    EventType("PROTEST", VERBAL, "#d9a400", "demonstrate, strike, boycott, block or riot"),
    EventType("SANCTION", MATERIAL, "#8073ac", "cut relations or aid, halt negotiations, withdraw"),
    EventType("MOBILIZE", MATERIAL, "#542788", "show force, raise alert, mobilise police or forces"),
    EventType("COERCE", MATERIAL, "#d6604d", "arrest, seize, expel, blockade, occupy or impose sanctions"),
    EventType("ASSAULT", MATERIAL, "#b2182b", "attack, abduct, bomb, assassinate or fight"),
)  # fmt: skip

# Each tone's colour (the timeline's bars, marker clusters' rings, the legend's headings): every type of a
# tone has a hue near its tone's.
TONE_COLOR = {COOPERATION: "#1a9850", VERBAL: "#f08c1e", MATERIAL: "#c51b2a"}
OTHER_COLOR = "#888888"

TYPES = tuple(event_type.name for event_type in EVENT_TYPES)  # in display order
TONE = {event_type.name: event_type.tone for event_type in EVENT_TYPES}
COLOR = {event_type.name: event_type.color for event_type in EVENT_TYPES}


def color(name: str) -> str:
    """A PLOVER type's colour; grey for a type outside PLOVER."""
    return COLOR.get(name, OTHER_COLOR)


def tone(name: str) -> str:
    """The tone of a PLOVER type; OTHER for a type outside PLOVER."""
    return TONE.get(name, OTHER)


def types_of(tone_name: str) -> tuple[str, ...]:
    """The types of one tone, in display order."""
    return tuple(event_type.name for event_type in EVENT_TYPES if event_type.tone == tone_name)
