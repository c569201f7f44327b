"""One PLOVER -> tone table (dashboard.plover), shared by the map's layers and the timeline's queries."""

import subprocess
import sys

from dashboard import plover, queries, tones
from dashboard.layers import events, relations


def test_layers_and_queries_share_one_tone_table():
    assert queries.TONE is tones.TONE is plover.TONE
    assert queries.TONES == events.TONES == relations.TONES == plover.TONES
    assert relations.tone("ASSAULT") == "material conflict" and relations.tone("XYZ") == plover.OTHER


def test_queries_do_not_pull_in_folium():
    code = "import sys, dashboard.queries; print('folium' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )
