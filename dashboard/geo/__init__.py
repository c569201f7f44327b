"""Bundled geodata: loading the files in `geodata/` once, place lookup by id and name, point-in-polygon."""

from dashboard.geo.gazetteer import Gazetteer, load_gazetteer
from dashboard.geo.locate import locate

__all__ = ["Gazetteer", "load_gazetteer", "locate"]
