"""Map layers: one module per layer, each a pure function from data to a folium FeatureGroup.

Every string placed in a tooltip or popup is HTML-escaped here: folium inserts those as raw HTML.
"""

from dashboard.layers.countries import countries_layer
from dashboard.layers.disputed import disputed_layer
from dashboard.layers.places import places_layer

__all__ = ["countries_layer", "disputed_layer", "places_layer"]
