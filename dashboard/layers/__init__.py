"""Map layers: one module per layer, each a pure function from data to a folium FeatureGroup, and
`news_map`, which draws them all on one map.

Every string placed in a tooltip, popup or legend is HTML-escaped here: folium inserts those as raw HTML.
"""

from dashboard.layers.countries import countries_layer
from dashboard.layers.disputed import borders_box, disputed_layer
from dashboard.layers.events import events_layer
from dashboard.layers.heat import heat_layer
from dashboard.layers.newsmap import LAYERS, START_VIEW, MapData, news_map
from dashboard.layers.places import places_layer
from dashboard.layers.pov import POINTS_OF_VIEW, normalize_pov, territory_view
from dashboard.layers.relations import relations_layer

__all__ = [
    "LAYERS",
    "POINTS_OF_VIEW",
    "START_VIEW",
    "MapData",
    "borders_box",
    "countries_layer",
    "disputed_layer",
    "events_layer",
    "heat_layer",
    "news_map",
    "normalize_pov",
    "places_layer",
    "relations_layer",
    "territory_view",
]
