"""The Streamlit app: `streamlit run dashboard/app.py` (or `python -m dashboard app`).

The map shows layers built in `dashboard.layers`; clicking a feature selects its place and the side panel
lists its events, actors and the articles and sentences that mention it. One `Selection` (the sidebar's
filters, the layers, the place, the borders' point of view) drives the map, the panel, the timeline and
the downloads, and lives in the URL query string, so a copied link reopens the same view.
"""

from __future__ import annotations

import os

import folium
import streamlit as st
from streamlit_folium import st_folium

from dashboard import layers
from dashboard.assets import use_local_assets
from dashboard.geo import files, load_gazetteer
from dashboard.ingest.fields import make_article
from dashboard.pipeline import Pipeline
from dashboard.queries import event_count, event_dates, event_map, mentioned_points, place_report, timeline
from dashboard.selection import Selection
from dashboard.store import DEFAULT_DB, Store
from dashboard.uploads import UPLOAD_TYPES, ingest_uploads
from dashboard.views.downloads import render_downloads
from dashboard.views.filters import filter_to_actor, keep_in_url, sidebar_filters
from dashboard.views.place_panel import render_place_panel
from dashboard.views.text import markdown_text
from dashboard.views.timeline import render_timeline

MAP_KEY = "map"
MAX_PASTE_CHARS = 100_000


@st.cache_resource
def _store(path: str) -> Store:
    return Store(path)


@st.cache_resource
def _pipeline() -> Pipeline:
    return Pipeline()


def _actor_names(store: Store, events_by_place: dict) -> dict[str, str]:
    """Names of the actors in the events, for the Events layer's popups."""
    ids = sorted(
        {i for events in events_by_place.values() for e in events for i in (e.source_actor, e.target_actor)}
        - {None}
    )
    names: dict[str, str] = {}
    for start in range(0, len(ids), 500):  # bound the SQL parameters per query
        names.update({i: actor.name for i, actor in store.actors(ids[start : start + 500]).items()})
    return names


def build_map(
    store: Store,
    show: dict[str, bool],
    selection: Selection,
    pov: str = "un",
    shade_by: str = "mentions",
) -> folium.Map:
    gazetteer = load_gazetteer()
    counts, points = mentioned_points(store, gazetteer, set(files.country_shapes()["iso3"]), selection)
    events_by_place, pairs = event_map(store, gazetteer, selection)
    data = layers.MapData(counts, points, events_by_place, pairs, _actor_names(store, events_by_place))
    # Tiles only when configured: by default nothing leaves the machine.
    tiles = os.environ.get("NEWSMAP_TILES")
    attribution = os.environ.get("NEWSMAP_TILES_ATTRIBUTION", "Tiles")
    return layers.news_map(data, show, pov, shade_by, gazetteer.country_name, tiles, attribution)


def _clicked_place(state: dict | None) -> str | None:
    drawing = (state or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("place_id")


def _select_clicked(state: dict | None) -> None:
    """A new click on the map selects its place; the same click seen again on a rerun changes nothing."""
    place_id = _clicked_place(state)
    if place_id and place_id != st.session_state.get("last_click"):
        st.session_state["last_click"] = place_id
        st.query_params["place"] = place_id


def _upload_box(store: Store) -> None:
    with st.form("upload", clear_on_submit=True):
        uploads = st.file_uploader(
            "Or upload files",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            help="Text, Markdown, HTML, JSON/JSONL, CSV/TSV, RSS/Atom, GDELT exports, ACLED CSV.",
        )
        submitted = st.form_submit_button("Ingest files")
    if submitted and uploads:
        with st.spinner(f"Reading {len(uploads)} files..."):
            report = ingest_uploads([(u.name, u.getvalue()) for u in uploads], store, _pipeline())
        (st.warning if report.errors else st.success)(markdown_text(report.summary()))
        for error in report.errors[:20]:
            st.caption(markdown_text(str(error)))


def _add_articles(store: Store) -> None:
    with st.sidebar.expander("Add articles", expanded=store.article_count() == 0):
        with st.form("paste", clear_on_submit=True):
            title = st.text_input("Title", max_chars=300)
            text = st.text_area("Article text", height=180, max_chars=MAX_PASTE_CHARS)
            submitted = st.form_submit_button("Map it")
        if submitted and text.strip():
            extraction = _pipeline()(make_article(text, title=title, source="pasted"))
            new = store.add(extraction.article, extraction.mentions, extraction.actors, extraction.events)
            found = sorted({m.place_id for m in extraction.mentions})
            names = [load_gazetteer().country_name(p) for p in found]
            verb = "Mapped" if new else "Already stored;"
            st.success(f"{verb} {len(extraction.mentions)} mentions of {len(found)} places.")
            if names:
                st.caption(markdown_text(", ".join(names)))
        _upload_box(store)


def main() -> None:
    st.set_page_config(page_title="News map", page_icon="🗺️", layout="wide")
    use_local_assets()
    store = _store(os.environ.get("NEWSMAP_DB", str(DEFAULT_DB)))

    st.sidebar.title("News map")
    st.sidebar.caption(f"{store.article_count()} articles in {markdown_text(store.path.name)}")
    gazetteer = load_gazetteer()
    selection = sidebar_filters(store, gazetteer, event_dates(store))  # ends with the layer toggles
    show = selection.show
    shade_by = st.sidebar.radio("Shade countries by", ("mentions", "events"), horizontal=True)
    if "pov" not in st.session_state:
        st.session_state["pov"] = layers.normalize_pov(st.query_params.get("pov"))
    pov = st.sidebar.selectbox(
        "Borders", list(layers.POINTS_OF_VIEW), key="pov", format_func=layers.POINTS_OF_VIEW.get,
        help="Whose view of disputed borders the map takes; the UN-style view draws every disputed "
        "territory as disputed.",
    )  # fmt: skip
    selection = selection.replace(pov=pov)
    keep_in_url(selection)
    _add_articles(store)
    st.sidebar.caption(markdown_text(files.attribution()))

    map_column, panel_column = st.columns([3, 2], gap="medium")
    with map_column:
        state = st_folium(
            build_map(store, show, selection, pov, shade_by),
            key=MAP_KEY,
            height=620,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
        )
        _select_clicked(state)
        window = (selection.since, selection.until)
        render_timeline(timeline(store, gazetteer, selection.replace(since=None, until=None)), window)
        render_downloads(store, gazetteer, selection, event_count(store, gazetteer, selection))
    with panel_column:
        selected = st.query_params.get("place")
        report = place_report(store, gazetteer, selected, selection) if selected else None
        if report is None:
            st.subheader("Select a place")
            st.write(
                "Click a country, a disputed territory or a city on the map to see the news that names it."
            )
        else:
            render_place_panel(report, gazetteer.country_name, filter_to_actor, selection.actor_id)


main()
