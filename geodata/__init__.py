"""The boundary and gazetteer files the product ships (format: docs/geodata.md; sources and licences:
SOURCES.md). A package only so that a wheel carries them: `dashboard.geo.files` finds them next to this
file, in a checkout and in an installed product alike. `build.py` rebuilds them (needs the `build` extra).
"""

from pathlib import Path

DIR = Path(__file__).resolve().parent
