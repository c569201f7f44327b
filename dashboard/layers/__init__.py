"""Map layers: one module per layer, each a pure function from data to a folium FeatureGroup.

Every string placed in a tooltip or popup is HTML-escaped here: folium inserts those as raw HTML.
"""

from dashboard.layers.countries import countries_layer
from dashboard.layers.disputed import disputed_layer
from dashboard.layers.events import events_layer
from dashboard.layers.places import places_layer
from dashboard.layers.relations import relations_layer

__all__ = ["countries_layer", "disputed_layer", "events_layer", "places_layer", "relations_layer"]
