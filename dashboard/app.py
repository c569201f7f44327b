"""The Streamlit app: `streamlit run dashboard/app.py` (or `python -m dashboard app`).

The map shows layers built in `dashboard.layers`; clicking a feature selects its place and the side panel
lists its events, actors and the articles and sentences that mention it. One `Selection` (the sidebar's
filters, the layers, the place, the borders' point of view) drives the map, the panel, the timeline and
the downloads, and lives in the URL query string, so a copied link reopens the same view.

Speed: the map and the side panel are one fragment, so a click on the map reruns only them (not the
sidebar, timeline and downloads), and what they show is cached per store state and selection
(`dashboard.views.cached`): the click reads the map back, unchanged, and queries only the place's panel.
"""

from __future__ import annotations

import os

import streamlit as st

from dashboard import layers
from dashboard.assets import use_local_assets
from dashboard.geo import files, load_gazetteer
from dashboard.selection import Selection, map_view
from dashboard.store import DEFAULT_DB, Store
from dashboard.views import cached
from dashboard.views.downloads import render_downloads
from dashboard.views.place_panel import render_latest_events, render_place_panel
from dashboard.views.sidebar import (
    filter_to_actor,
    focus_on_articles,
    keep_in_url,
    sidebar_filters,
    url_selection,
    write_url,
)
from dashboard.views.text import markdown_text
from dashboard.views.timeline import render_timeline

MAP_KEY = "map"
# The map wants the room: Streamlit's wide layout keeps 5-6 rem of empty space above and beside the page.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 2.5rem 1rem 2rem 1.5rem; }
</style>"""
MAX_PASTE_CHARS = 100_000
_MAP_VIEW = "_map_view"  # (what the map draws, the view it opens at): see `_opening_view`
_RERUN_APP = "_rerun_app"  # set by a panel button whose change the whole page must show
_FLASH = "_flash"  # a message for the next run: what was just added


@st.cache_resource
def _store(path: str) -> Store:
    return Store(path)


@st.cache_resource
def _parquet_store(path: str):
    from dashboard.parquet_store import ParquetStore  # DuckDB: only in this mode

    return ParquetStore(path)


def _open_store():
    """The store the CLI named: a cluster run's Parquet tables (NEWSMAP_PARQUET), else a SQLite store."""
    parquet = os.environ.get("NEWSMAP_PARQUET")
    return _parquet_store(parquet) if parquet else _store(os.environ.get("NEWSMAP_DB", str(DEFAULT_DB)))


@st.cache_resource
def _pipeline():
    from dashboard.pipeline import Pipeline  # the NLP models: only for pasted and uploaded articles

    return Pipeline()


def _clicked_place(state: dict | None) -> str | None:
    drawing = (state or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("place_id")


def _select_clicked(state: dict | None) -> None:
    """A new click on the map selects its place; the same click seen again on a rerun changes nothing."""
    place_id = _clicked_place(state)
    if place_id and place_id != st.session_state.get("last_click"):
        st.session_state["last_click"] = place_id
        st.query_params["place"] = place_id


def _opening_view(selection: Selection) -> Selection:
    """The selection the map is drawn for. It opens where the URL said when its records, layers or
    shading last changed (or the session began), so that panning, which writes the URL, never draws the
    map again, while a filter change keeps the place the user was looking at."""
    drawn = repr(selection.replace(place=None, view=None))
    kept = st.session_state.get(_MAP_VIEW)
    if kept is None or kept[0] != drawn:
        kept = st.session_state[_MAP_VIEW] = (drawn, selection.view)
    return selection.replace(view=kept[1])


def _keep_view(state: dict | None, drawn: Selection) -> None:
    """Once the map is panned or zoomed, write where it looks to the URL, so that a copied link opens the
    same picture; the map's own start leaves a plain URL plain."""
    center, zoom = (state or {}).get("center") or {}, (state or {}).get("zoom")
    if not isinstance(center, dict) or zoom is None:
        return
    view = map_view(f"{center.get('lat')},{center.get('lng')},{zoom}")
    if view is None or (drawn.view is None and _near(view, layers.START_VIEW)):
        return
    current = url_selection()
    if current.view is None or not _near(view, current.view):
        write_url(current.replace(view=view))


def _near(view: tuple, other: tuple) -> bool:
    """The same view, but for Leaflet's sub-pixel drift."""
    return view[2] == other[2] and abs(view[0] - other[0]) < 1e-3 and abs(view[1] - other[1]) < 1e-3


def _open_place(place_id: str) -> None:
    """An event's place button in the feed: its panel opens, as a click on the map would open it."""
    st.query_params["place"] = place_id


def _filter_to_actor_everywhere(actor_id: str) -> None:
    """An actor button, in the fragment: filter, then rerun the whole page (sidebar, timeline, map)."""
    filter_to_actor(actor_id)
    st.session_state[_RERUN_APP] = True


def _upload_box(store: Store) -> None:
    from dashboard.uploads import UPLOAD_TYPES, ingest_uploads

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
        focused = focus_on_articles(report.first_ids)  # False when more than a URL holds were added
        _flash(
            "warning" if report.errors or report.warnings else "success",
            report.summary() + (". The map shows them only." if focused else "."),
            [str(problem) for problem in [*report.errors, *report.warnings][:20]],
        )


def _flash(kind: str, message: str, details: list[str]) -> None:
    """A message for the next run (the one that shows the articles just added), then rerun."""
    st.session_state[_FLASH] = (kind, message, details)
    st.rerun()


def _show_flash() -> None:
    if flashed := st.session_state.pop(_FLASH, None):
        kind, message, details = flashed
        (st.warning if kind == "warning" else st.success)(markdown_text(message))
        for line in details:
            st.caption(markdown_text(line))


def _add_articles(store: Store, min_event_confidence: float) -> None:
    if store.read_only:
        st.sidebar.caption(
            "These are the Parquet tables of a cluster run, read-only: articles cannot be added to them "
            "here. To add some, ingest them into a store (`python -m dashboard ingest`) and open it with "
            "`python -m dashboard app --db`."
        )
        return
    with st.sidebar.expander(
        "Add articles", expanded=cached.article_count(store) == 0 or _FLASH in st.session_state
    ):
        _show_flash()
        with st.form("paste", clear_on_submit=True):
            title = st.text_input("Title", max_chars=300)
            text = st.text_area("Article text", height=180, max_chars=MAX_PASTE_CHARS)
            submitted = st.form_submit_button("Map it")
        if submitted and text.strip():
            from dashboard.ingest.fields import make_article

            extraction = _pipeline()(make_article(text, title=title, source="pasted"))
            new = store.add(extraction.article, extraction.mentions, extraction.actors, extraction.events)
            found = sorted({m.place_id for m in extraction.mentions})
            names = [load_gazetteer().country_name(p) for p in found]
            verb = "Mapped" if new else "Already stored;"
            # Say how many events the map leaves out, or the article's uncertain events seem lost.
            hidden = sum(event.confidence < min_event_confidence for event in extraction.events)
            events = f"{len(extraction.events)} events"
            if hidden:
                events += f" ({hidden} under the minimum event confidence, {min_event_confidence:g})"
            focus_on_articles([extraction.article.id])
            _flash(
                "success",
                f"{verb} {len(extraction.mentions)} mentions of {len(found)} places, {events}. "
                "The map shows this article only.",
                [", ".join(names)] if names else [],
            )
        _upload_box(store)


@st.fragment
def map_and_panel(store: Store, selection: Selection) -> None:
    """The map and the selected place's panel. A click, a pan or a zoom on the map reruns this fragment
    only: the map's component arguments are the same (cached), so it is neither sent nor drawn again."""
    if st.session_state.pop(_RERUN_APP, False):
        st.rerun(scope="app")
    map_column, panel_column = st.columns([3, 1], gap="small")  # the map: three quarters of the main area
    with map_column:
        drawn = _opening_view(selection)
        state = cached.show_map(cached.map_args(store, drawn), MAP_KEY)
        _select_clicked(state)
        _keep_view(state, drawn)
    with panel_column, st.container(height=cached.MAP_HEIGHT, border=False):
        selected = st.query_params.get("place")
        report = cached.place_report(store, selection, selected) if selected else None
        country_name = load_gazetteer().country_name
        if report is None:
            render_latest_events(cached.latest_events(store, selection), country_name, _open_place)
        else:
            render_place_panel(report, country_name, _filter_to_actor_everywhere, selection.actor_id)


def main() -> None:
    st.set_page_config(page_title="News map", page_icon="🗺️", layout="wide")
    st.html(PAGE_CSS)
    use_local_assets()
    store = _open_store()

    st.sidebar.title("News map")
    kind = " (Parquet tables, read-only)" if store.read_only else ""
    st.sidebar.caption(f"{cached.article_count(store)} articles in {markdown_text(store.path.name)}{kind}")
    gazetteer = load_gazetteer()
    selection = sidebar_filters(store, gazetteer, cached.event_dates(store))  # ends with the layer toggles
    if "pov" not in st.session_state:
        st.session_state["pov"] = layers.normalize_pov(st.query_params.get("pov"))
    pov = st.sidebar.selectbox(
        "Borders", list(layers.POINTS_OF_VIEW), key="pov", format_func=layers.POINTS_OF_VIEW.get,
        help="Whose view of disputed borders the map takes; the UN-style view draws every disputed "
        "territory as disputed.",
    )  # fmt: skip
    selection = selection.replace(pov=pov)
    keep_in_url(selection)
    _add_articles(store, selection.min_confidence)
    st.sidebar.caption(markdown_text(files.attribution()))

    cached.prefetch(store, selection, st.query_params.get("place"))  # read while the map is built
    map_and_panel(store, selection)
    window = (selection.since, selection.until)
    render_timeline(cached.timeline(store, selection, window), window, selection.undated)
    render_downloads(store, gazetteer, selection, cached.event_count(store, selection))


# Streamlit runs this file as __main__; a process spawned later (Dask workers, process pools) re-imports
# the main module as __mp_main__ and must not start the app in itself.
if __name__ == "__main__":
    main()
