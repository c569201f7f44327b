"""One PLOVER -> tone table (dashboard.plover), shared by the map's layers and the timeline's queries."""

import subprocess
import sys
from datetime import date

from dashboard import plover, queries
from dashboard.layers import events, relations


def test_layers_and_queries_share_one_tone_table():
    assert queries.tone is plover.tone
    assert events.TONES == relations.TONES == plover.TONES
    assert relations.tone("ASSAULT") == "material conflict" and relations.tone("XYZ") == plover.OTHER


def test_queries_do_not_pull_in_folium():
    code = "import sys, dashboard.queries; print('folium' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )


def test_the_timeline_draws_each_tone_in_the_map_s_colour():
    from dashboard.layers import palette
    from dashboard.views import timeline

    assert {t: palette.TONE_COLOR[t] for t in plover.TONES} == timeline.TONE_COLOR
    line = queries.Timeline(
        "day", "tone", [queries.TimelineBar(date(2021, 11, 24), t, 1) for t in plover.TONES], 0
    )
    svg = timeline.timeline_svg(line, (None, None))
    assert all(palette.TONE_COLOR[t] in svg for t in plover.TONES)


def test_a_type_outside_plover_is_charted_as_other_not_as_cooperation(store, gazetteer):
    from dashboard.model import Article, Event
    from dashboard.selection import Selection

    article = Article.create("Imported row.", published=date(2021, 11, 24))
    day = date(2021, 11, 24)
    event = Event(
        "x", article.id, "CAMEO-190", None, None, 0, 13, date=day, date_precision="day", confidence=1
    )
    store.add(article, [], [], [event])
    line = queries.timeline(store, gazetteer, Selection(min_confidence=0), by="tone")
    assert [(bar.key, bar.events) for bar in line.bars] == [(plover.OTHER, 1)]
