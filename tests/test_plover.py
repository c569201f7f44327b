"""The PLOVER vocabulary: the 16 types in display order, each with its tone and map colour, pinned."""

from dashboard import tones
from dashboard.layers import palette
from dashboard.nlp import events
from dashboard.nlp.lexicon import build_verbs

# (type, tone, colour) in the order the legend, the marker rows and the sidebar show them.
PINNED = (
    ("AGREE", "cooperation", "#1b7837"),
    ("CONSULT", "cooperation", "#5aae61"),
    ("SUPPORT", "cooperation", "#35978f"),
    ("CONCEDE", "cooperation", "#80b1d3"),
    ("COOPERATE", "cooperation", "#2166ac"),
    ("AID", "cooperation", "#4393c3"),
    ("RETREAT", "cooperation", "#01665e"),
    ("REQUEST", "verbal conflict", "#fdb863"),
    ("ACCUSE", "verbal conflict", "#f08c1e"),
    ("REJECT", "verbal conflict", "#e66101"),
    ("THREATEN", "verbal conflict", "#b35806"),
    ("PROTEST", "verbal conflict", "#d9a400"),
    ("SANCTION", "material conflict", "#8073ac"),
    ("MOBILIZE", "material conflict", "#542788"),
    ("COERCE", "material conflict", "#d6604d"),
    ("ASSAULT", "material conflict", "#b2182b"),
)


def test_types_tones_and_colours_are_pinned():
    assert tuple(build_verbs.PLOVER_TYPES) == tuple(name for name, _, _ in PINNED)
    assert list(tones.TONE.items()) == [(name, tone) for name, tone, _ in PINNED]
    assert list(palette.TYPE_COLOR.items()) == [(name, color) for name, _, color in PINNED]
    assert tones.TONES == ("cooperation", "verbal conflict", "material conflict")
    assert tones.tone("XYZ") == tones.OTHER == "other"
    assert palette.type_color("XYZ") == palette.OTHER_COLOR == "#888888"


def test_tone_colours_and_shapes_are_pinned():
    assert palette.ALL_TONES == ("cooperation", "verbal conflict", "material conflict", "other")
    assert palette.TONE_COLOR == {
        "cooperation": "#1a9850",
        "verbal conflict": "#f08c1e",
        "material conflict": "#c51b2a",
        "other": "#888888",
    }
    assert palette.TONE_CLASS == {
        "cooperation": "nm-cooperation",
        "verbal conflict": "nm-verbal",
        "material conflict": "nm-material",
        "other": "nm-cooperation",
    }


def test_the_coders_intentions_by_tone_are_pinned():
    # a cooperative act to come is a promise (AGREE), a hostile one a threat (THREATEN)
    assert events.COOPERATIVE == {"SUPPORT", "COOPERATE", "AID", "CONSULT", "CONCEDE", "RETREAT"}
    assert events.HOSTILE == {"ASSAULT", "COERCE", "SANCTION"}
