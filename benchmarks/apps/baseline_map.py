"""The baseline for benchmarks/browser.py: a plain folium map of the same countries in st_folium.

Same polygons, same offline Leaflet files and no tiles, so the difference to the app is what the app
adds (its layers, panels and queries), not Streamlit or Leaflet.
"""

import folium
from streamlit_folium import st_folium

from dashboard.assets import use_local_assets
from dashboard.geo import files

use_local_assets()
m = folium.Map(location=[25, 10], zoom_start=2, tiles=None)
folium.GeoJson(files.country_shapes(), name="Countries").add_to(m)
st_folium(m, height=620, use_container_width=True, returned_objects=[])
