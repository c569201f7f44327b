"""The PLOVER vocabulary: one table of the 16 types in display order, each with its tone and map colour,
pinned; and no type anywhere (lexicons, importers, the coder, the URL, the sidebar, the legend) that the
table does not know."""

import csv
import re

import pytest

from dashboard import plover, selection
from dashboard.ingest import acled
from dashboard.layers import palette
from dashboard.layers.events import event_rows, events_legend
from dashboard.nlp import events, relevance
from dashboard.nlp.lexicon import build_cameo, build_verbs
from dashboard.nlp.verbs import LEXICON
from dashboard.views import sidebar

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
NAMES = tuple(name for name, _, _ in PINNED)
# Every committed table with a PLOVER type column, and those columns.
TYPE_COLUMNS = {
    LEXICON.name: ("plover", "negated_plover"),
    LEXICON.with_name("supplement.tsv").name: ("plover", "negated_plover"),
    build_cameo.OUT.name: ("plover",),
}


def test_types_tones_and_colours_are_pinned():
    assert [(kind.name, kind.tone, kind.color) for kind in plover.EVENT_TYPES] == list(PINNED)
    assert plover.TYPES == NAMES
    assert [(name, plover.tone(name), palette.type_color(name)) for name in NAMES] == list(PINNED)
    assert plover.TONES == ("cooperation", "verbal conflict", "material conflict")
    assert [plover.types_of(tone) for tone in plover.TONES] == [NAMES[:7], NAMES[7:12], NAMES[12:]]
    assert plover.tone("XYZ") == plover.OTHER == "other"
    assert palette.type_color("XYZ") == palette.OTHER_COLOR == "#888888"
    assert all(kind.description for kind in plover.EVENT_TYPES)


def test_each_type_has_a_colour_of_its_own():
    assert len(set(plover.COLOR.values())) == len(plover.TYPES) == 16


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


# -- no type the table does not know ----------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(TYPE_COLUMNS))
def test_the_lexicon_tables_name_only_known_types(name):
    with open(LEXICON.with_name(name), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows
    named = {row[column] for row in rows for column in TYPE_COLUMNS[name]} - {""}
    assert named <= set(plover.TYPES), named - set(plover.TYPES)


def test_every_lexicon_table_with_types_is_checked():
    """A new table with a PLOVER column must join TYPE_COLUMNS above."""
    with_types = {
        path.name
        for path in LEXICON.parent.glob("*.tsv")
        if "plover" in path.read_text(encoding="utf-8").partition("\n")[0].split("\t")
    }
    assert with_types == set(TYPE_COLUMNS)


def test_the_url_and_the_sidebar_offer_the_table_s_types():
    assert selection.PLOVER_TYPES == sidebar.PLOVER_TYPES == plover.TYPES
    chosen = selection.Selection.from_query_params({"type": ",".join(name.lower() for name in plover.TYPES)})
    assert chosen.types == plover.TYPES
    assert selection.Selection.from_query_params({"type": "FIGHT"}).types == ()
    with pytest.raises(ValueError, match="unknown PLOVER type 'FIGHT'"):
        selection.plover_type("FIGHT")


def _legend_sections(legend: str) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(heading, [(css class, colour, type)]) per section of the events legend."""
    swatch = re.compile(r'<i class="nm-sw ([^"]*)" style="background:([^"]*)"></i>([^<]*)</div>')
    return [
        (chunk.partition("</div>")[0], swatch.findall(chunk))
        for chunk in legend.split('<div class="nm-tone">')[1:]
    ]


def test_the_legend_shows_each_type_under_its_tone_and_nothing_as_other():
    sections = _legend_sections(events_legend(set(plover.TYPES)))
    assert [heading.lower() for heading, _ in sections] == list(plover.TONES)  # no "Other"
    for (_, swatches), tone in zip(sections, plover.TONES, strict=True):
        assert swatches == [
            (palette.TONE_CLASS[tone], plover.COLOR[name], name) for name in plover.types_of(tone)
        ]
    assert event_rows({})[2] == list(plover.TYPES)  # the markers' type indexes, in the legend's order
    assert _legend_sections(events_legend({"FIGHT"})) == [("Other", [("", "#888888", "FIGHT")])]


def test_importers_and_the_coder_name_only_known_types():
    acled_types = {
        coded[0] for table in (acled.SUB_EVENTS, acled.EVENT_TYPES) for coded in table.values() if coded
    }
    coder_types = (
        events.COOPERATIVE | events.HOSTILE | events.REFUSED_WHEN_NEGATED | events.REFUSED_WHEN_DECLINED
    )
    allowed = set().union(*relevance.ALLOWED_IN_TOPIC.values())
    assert acled_types | coder_types | allowed <= set(plover.TYPES)
    assert (
        build_verbs.PLOVER_TYPES is build_cameo.PLOVER_TYPES is plover.TYPES
    )  # what the builders check against
