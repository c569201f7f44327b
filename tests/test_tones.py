"""One PLOVER -> tone table, shared by the map's palette and the timeline's queries."""

import subprocess
import sys

from dashboard import queries, tones
from dashboard.layers import palette


def test_palette_and_queries_share_one_tone_table():
    assert palette.TONE is tones.TONE and queries.TONE is tones.TONE
    assert palette.TONES == queries.TONES == tones.TONES
    assert palette.tone("ASSAULT") == "material conflict" and palette.tone("XYZ") == tones.OTHER


def test_queries_do_not_pull_in_folium():
    code = "import sys, dashboard.queries; print('folium' in sys.modules)"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )
