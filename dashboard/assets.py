"""Serve Leaflet, jQuery and MarkerCluster from PyPI wheels instead of CDNs, so the map works offline.

streamlit-folium loads every `default_js`/`default_css` URL of the map's elements, one after another, and
gives up at the first that fails; with no network a default map draws nothing. Streamlit's component file
route serves a package folder at `/component/<module>.<name>/...`, with the right MIME types, and that is
where the map's iframe fetches the files from. URLs are root-relative because the scripts run inside the
iframe at `/component/streamlit_folium.st_folium/index.html`.
"""

from __future__ import annotations

import folium
import folium.plugins
import streamlit.components.v1 as components
import xstatic.pkg.jquery as xs_jquery
import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_markercluster


def _served(name: str, folder: str, base_url_path: str) -> str:
    components.declare_component(name, path=folder)  # registers the file route; nothing is rendered
    return f"{base_url_path.rstrip('/')}/component/{__name__}.{name}"


def use_local_assets(base_url_path: str = "") -> None:
    """Point folium's JS/CSS links at the locally served copies (idempotent)."""
    leaflet = _served("leaflet", xs_leaflet.BASE_DIR, base_url_path)
    jquery = _served("jquery", xs_jquery.BASE_DIR, base_url_path)
    cluster = _served("markercluster", xs_markercluster.BASE_DIR, base_url_path)
    folium.Map.default_js = [
        ("leaflet", f"{leaflet}/leaflet.js"),
        ("jquery", f"{jquery}/jquery.min.js"),  # folium's Popup template calls $(...)
        # st_folium adds CSS after the scripts, which breaks Leaflet's icon-path detection.
        ("leaflet_icon_path", f"data:text/javascript,L.Icon.Default.imagePath='{leaflet}/images/';"),
    ]
    folium.Map.default_css = [("leaflet_css", f"{leaflet}/leaflet.css")]
    for cls in (folium.plugins.MarkerCluster, folium.plugins.FastMarkerCluster):
        cls.default_js = [("markerclusterjs", f"{cluster}/leaflet.markercluster.js")]
        cls.default_css = [
            ("markerclustercss", f"{cluster}/MarkerCluster.css"),
            ("markerclusterdefaultcss", f"{cluster}/MarkerCluster.Default.css"),
        ]
