"""What the app reads from the store and the map it draws, computed once per (store state, selection).

Every function here is a pure read of the store for a Selection; the results are kept in Streamlit's
resource cache, shared by all sessions, under the store's path and `Store.data_version()` (which changes
on any commit, from this process or another) and the selection's value. A rerun that changes nothing the
result depends on, such as a click on the map (which only moves `Selection.place`), reads them back
instead of querying and drawing again. Cached values are shared: callers must not mutate them.

The map is kept as the arguments of streamlit-folium's component (its HTML, script and links), rendered
once: rendering a folium map costs about as much as building it, and the same arguments give the same
component message, which Streamlit's ForwardMsg cache does not send again and the browser does not redraw.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import streamlit as st
import streamlit_folium
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx
from streamlit_folium import st_folium

from dashboard import layers, queries
from dashboard.geo import Gazetteer, files, load_gazetteer
from dashboard.layers.events import MAX_LISTED, MAX_MARKERS
from dashboard.layers.places import MAX_POINTS
from dashboard.layers.relations import MAX_PAIRS
from dashboard.selection import DEFAULT_SELECTION, Selection
from dashboard.store import Store

MAX_ENTRIES = 32  # per function: selections recently in view, across sessions
MAX_MAPS = 8  # about 1 MB each at 10,000 events
MAP_HEIGHT = 700  # most of a 1000 px window's height, the timeline just below
# The click, and where the map looks once it is panned or zoomed (for the URL): these rerun the map's
# fragment, never the script.
RETURNED_OBJECTS = ["last_active_drawing", "center", "zoom"]

_capture_lock = threading.Lock()
# Reads that run beside the script's own: SQLite lets go of Python's lock while it reads, so the map's
# mention counts and country pairs are read beside its markers, and the page's timeline, count and panel
# beside the map. One thread each: on two cores more would only queue, and each thread's connection
# (`Store._connect`) finds a text query's matches again.
_map_reads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsmap-map-read")
_page_reads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsmap-page-read")


def _key(store: Store, selection: Selection | None = None) -> tuple:
    """What a cached read depends on: the store's state and the selection, without the selected place and
    the drawing choices no read depends on (the map adds them to its own key)."""
    records = selection.replace(place=None, shade=DEFAULT_SELECTION.shade, view=None) if selection else ""
    return str(store.path), store.data_version(), repr(records)


# Arguments starting with "_" are not hashed by Streamlit: `key` stands for them.
@st.cache_resource(max_entries=4, show_spinner=False)
def _event_dates(_store: Store, key: tuple):
    return queries.event_dates(_store)


@st.cache_resource(max_entries=4, show_spinner=False)
def _article_count(_store: Store, key: tuple) -> int:
    return _store.article_count()  # a count of every row: 0.07 s at 460,000 articles


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _timeline(_store: Store, _selection: Selection, window: tuple, key: tuple) -> queries.Timeline:
    return queries.timeline(_store, load_gazetteer(), _selection, window=window)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _event_count(_store: Store, _selection: Selection, key: tuple) -> int:
    return queries.event_count(_store, load_gazetteer(), _selection)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _place_report(_store: Store, _selection: Selection, place_id: str, key: tuple):
    return queries.place_report(_store, load_gazetteer(), place_id, _selection)


@st.cache_resource(max_entries=MAX_ENTRIES, show_spinner=False)
def _latest_events(_store: Store, _selection: Selection, key: tuple):
    return queries.latest_events(_store, load_gazetteer(), _selection)


def prefetch(store: Store, selection: Selection, place_id: str | None) -> None:
    """Start reading what the page shows besides the map (the timeline, the count, the place's panel or
    the feed) in the background while the script builds the map: the calls that show them find them in the
    cache, or wait for them (Streamlit computes a cached value once). A read that fails here fails again,
    and is reported, where it is shown."""
    context = get_script_run_ctx()

    def in_background(read: Callable[[], object]) -> None:
        def run() -> None:
            add_script_run_ctx(threading.current_thread(), context)  # the cache's own warnings need it
            read()

        _page_reads.submit(run)

    in_background(lambda: timeline(store, selection, (selection.since, selection.until)))
    if selection.since is not None or selection.until is not None:
        in_background(lambda: event_count(store, selection))  # else the timeline counts them
    if place_id:
        in_background(lambda: place_report(store, selection, place_id))
    else:
        in_background(lambda: latest_events(store, selection))


def event_dates(store: Store):
    return _event_dates(store, _key(store))


def article_count(store: Store) -> int:
    return _article_count(store, _key(store))


def timeline(store: Store, selection: Selection, window: tuple = (None, None)) -> queries.Timeline:
    """The timeline of the selection's other filters (all dates, and the events with none, which it
    counts whether or not the view shows them), spanning at least `window`."""
    whole = selection.replace(since=None, until=None, undated=True)
    return _timeline(store, whole, window, _key(store, whole))


def event_count(store: Store, selection: Selection) -> int:
    if selection.since is None and selection.until is None:
        # No date window: the timeline the page draws has counted them (one read, and one number)
        return timeline(store, selection).total(selection.undated)
    return _event_count(store, selection, _key(store, selection))


def place_report(store: Store, selection: Selection, place_id: str):
    return _place_report(store, selection, place_id, _key(store, selection))


def latest_events(store: Store, selection: Selection):
    """The selection's newest events, for the feed shown while no place is selected."""
    return _latest_events(store, selection, _key(store, selection))


@st.cache_resource(max_entries=1, show_spinner=False)
def country_names() -> dict[str, str]:
    """Country code -> name, for the sidebar's country filter."""
    return {p.id: p.name for p in load_gazetteer().places("country")}


# -- the map ---------------------------------------------------------------------------------------------
def build_map(store: Store, gazetteer: Gazetteer, selection: Selection):
    """The folium map of the selection (its layers, point of view, shading and view), whose size is
    bounded whatever the store holds: markers, arcs and points only for the busiest places and country
    pairs."""
    # The three reads side by side (`map_events` in two reads): the markers' is the longest.
    counting = partial(queries.mention_counts, store, gazetteer, selection)
    pairing = partial(queries.country_pairs, store, gazetteer, selection, MAX_PAIRS)
    counted, paired = _map_reads.submit(counting), _map_reads.submit(pairing)
    by_place, actor_names = queries.marker_events(store, gazetteer, selection, MAX_LISTED, MAX_MARKERS)
    # A read the thread has not begun is read here instead: the pairs, queued behind the mention counts, as
    # soon as the markers are read (at 6.5 million events the counts take 1.5 s, the pairs 0.6 s, the
    # markers 0.9 s: waiting for the counts first put the pairs after all of them), or both when the
    # thread is busy with another session's map.
    pairs, relations = pairing() if paired.cancel() else paired.result()
    counts = counting() if counted.cancel() else counted.result()
    shaped = set(files.country_shapes()["iso3"])
    points, points_shown = queries.point_places(counts, gazetteer, shaped, MAX_POINTS)
    data = layers.MapData(
        counts,
        points,
        by_place,
        pairs,
        actor_names,
        points_shown=points_shown,
        relations_shown=relations,
    )
    # Tiles only when configured: by default nothing leaves the machine.
    tiles = os.environ.get("NEWSMAP_TILES")
    attribution = os.environ.get("NEWSMAP_TILES_ATTRIBUTION", "Tiles")
    return layers.news_map(
        data, selection.show, selection.pov, selection.shade, gazetteer.country_name, tiles, attribution,
        fit=bool(selection.articles),  # articles just added: open on their places
        view=selection.view,
        layer_control=False,  # the sidebar's toggles, kept in the URL, are the one switch for each layer
    )  # fmt: skip


def component_args(folium_map, **options) -> dict:
    """The arguments `st_folium(folium_map, **options)` gives its component, without drawing it."""
    captured: dict = {}

    def capture(**kwargs):
        captured.update(kwargs)

    with _capture_lock:  # only this module swaps the function, and only while it holds the lock
        original = streamlit_folium._component_func
        streamlit_folium._component_func = capture
        try:
            # `render=False`: st_folium renders the whole page first and throws it away, then renders the
            # map again for its arguments, which come out the same without the first (half its time).
            st_folium(folium_map, render=False, **options)
        finally:
            streamlit_folium._component_func = original
    captured.pop("on_change", None)  # a closure over the session; `show_map` makes its own
    return captured


@st.cache_resource(max_entries=MAX_MAPS, show_spinner=False)
def _map_args(_store: Store, _selection: Selection, tiles: tuple, key: tuple) -> dict:
    folium_map = build_map(_store, load_gazetteer(), _selection)
    return component_args(
        folium_map, height=MAP_HEIGHT, use_container_width=True, returned_objects=RETURNED_OBJECTS
    )


def map_args(store: Store, selection: Selection) -> dict:
    """The map component's arguments for the selection (the selected place plays no part in them; its
    `view` is where the map opens)."""
    tiles = (os.environ.get("NEWSMAP_TILES"), os.environ.get("NEWSMAP_TILES_ATTRIBUTION"))
    return _map_args(store, selection, tiles, (*_key(store, selection), selection.shade, selection.view))


def show_map(args: dict, key: str, on_change: Callable[[], None] | None = None) -> dict | None:
    """Draw the map from `map_args`, as `st_folium(..., key=key)` would; returns the last click."""
    hash_key = args["key"]

    def changed() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    return streamlit_folium._component_func(**args, on_change=changed)
