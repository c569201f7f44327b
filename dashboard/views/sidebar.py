"""The sidebar's filters and layer toggles, kept in step with the URL.

The URL query string is the source of truth: each run reads the Selection from it, the widgets show that
Selection, and what the user changes in a widget is written back to the URL, so a copied link reopens
the same view. Widgets get their values through `st.session_state` (never `value=`), set from the URL
whenever the URL says something other than what the widgets last wrote there: on the first run of a
session, and after a button (an actor in the place panel, a playback step) changed the URL directly.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import streamlit as st

from dashboard.geo import Gazetteer
from dashboard.plover import TYPES as PLOVER_TYPES
from dashboard.queries import DateRange
from dashboard.selection import (
    DEFAULT_EVENT_CONFIDENCE,
    DEFAULT_PLACE_CONFIDENCE,
    LAYERS,
    MAX_ARTICLES,
    MAX_TEXT_CHARS,
    SHADES,
    Selection,
    clean_text,
)
from dashboard.store import Store
from dashboard.views.text import bounded, markdown_text

PLAY_SECONDS = 2.0  # how long playback shows each window
_WRITTEN = "_selection_written"  # the widget-driven URL values last written by this session
_WIDGET_PARAMS = (
    "from", "to", "undated", "type", "country", "actor", "q", "conf", "main", "pconf", "dem", "layers",
    "shade",
)  # fmt: skip
_DATES, _TYPES, _COUNTRIES, _ACTOR, _QUERY, _EVENT_CONFIDENCE = (
    "f_dates", "f_types", "f_countries", "f_actor", "f_query", "f_event_confidence",
)  # fmt: skip
_MAIN, _DEMONYMS, _PLAY, _PLAYED_AT = "f_main", "f_demonyms", "f_play", "_played_at"
_UNDATED, _PLACE_CONFIDENCE, _SHADE = "f_undated", "f_place_confidence", "f_shade"
_RANGE = "_event_dates"  # the store's event dates the slider was last set for


def url_selection() -> Selection:
    """The Selection the page's URL describes (malformed values ignored)."""
    return Selection.from_query_params(st.query_params.to_dict())


def write_url(selection: Selection) -> None:
    """Make the URL describe `selection` (in one update, and only when it says something else)."""
    wanted = selection.to_query_params()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def _widget_params(selection: Selection) -> dict[str, str]:
    params = selection.to_query_params()
    return {k: v for k, v in params.items() if k in _WIDGET_PARAMS}


# -- actions that change the URL directly (button callbacks) --------------------------------------------
def filter_to_actor(actor_id: str) -> None:
    """Show only the events of one actor (the place panel's actor buttons)."""
    write_url(url_selection().replace(actor_id=actor_id, actor=""))


def clear_actor() -> None:
    write_url(url_selection().replace(actor_id=""))


def focus_on_articles(article_ids: list[str]) -> bool:
    """Narrow the view to these articles (just pasted or uploaded); False, changing nothing, when there
    are none or more than a URL holds."""
    if not 0 < len(article_ids) <= MAX_ARTICLES:
        return False
    write_url(url_selection().replace(articles=tuple(article_ids), place=None))
    return True


def clear_articles() -> None:
    write_url(url_selection().replace(articles=()))


def _step(dates: DateRange, forward: bool = True) -> None:
    """Move the date window by its own length; past either end it starts again from the other."""
    first, last = dates.start, dates.end
    selection = url_selection()
    start, end = selection.since or first, selection.until or last
    width = end - start
    if forward:
        start = end + timedelta(days=1) if end < last else first
    else:
        start = start - width - timedelta(days=1) if start > first else last - width
    start = min(max(start, first), last - width)
    end = start + width
    write_url(selection.replace(since=None if start == first else start, until=None if end == last else end))


def _window(selection: Selection, dates: DateRange) -> tuple[date, date]:
    """The selection's date range within the slider's."""
    first, last = dates.start, dates.end
    start = min(max(selection.since or first, first), last)
    return start, max(min(selection.until or last, last), start)


# -- the sidebar -------------------------------------------------------------------------------------------
def _seed(selection: Selection, dates: DateRange | None, countries: list[str]) -> None:
    """Set the widgets from the URL's selection when the URL changed behind their back."""
    params = _widget_params(selection)
    if st.session_state.get(_WRITTEN) == params:
        if dates is not None and st.session_state.get(_RANGE) != dates:  # new articles widened the range
            st.session_state[_DATES] = _window(selection, dates)
            st.session_state[_RANGE] = dates
        return
    st.session_state[_RANGE] = dates
    if dates is not None:
        st.session_state[_DATES] = _window(selection, dates)
    st.session_state[_UNDATED] = selection.undated
    st.session_state[_TYPES] = list(selection.types)
    st.session_state[_COUNTRIES] = [c for c in selection.countries if c in countries]
    st.session_state[_ACTOR] = selection.actor
    st.session_state[_QUERY] = selection.query
    st.session_state[_EVENT_CONFIDENCE] = selection.min_confidence
    st.session_state[_MAIN] = selection.main_only
    st.session_state[_PLACE_CONFIDENCE] = selection.min_place_confidence
    st.session_state[_DEMONYMS] = selection.demonyms
    for key in LAYERS:
        st.session_state[f"f_layer_{key}"] = key in selection.layers
    st.session_state[_SHADE] = selection.shade


def sidebar_filters(store: Store, gazetteer: Gazetteer, dates: DateRange | None) -> Selection:
    """Draw the filters and toggles in the sidebar (the layer toggles last, under "Layers"); return the
    Selection they make, for `keep_in_url`. `dates`: the first and last event dates in the store (None when
    no event has a date)."""
    selection = url_selection()
    names = {p.id: p.name for p in gazetteer.places("country")}
    countries = sorted(names, key=lambda code: names[code])
    _seed(selection, dates if dates and dates[0] < dates[1] else None, countries)

    sidebar = st.sidebar
    sidebar.subheader("Filters")
    since, until = None, None
    if dates and dates.start < dates.end:
        first, last = dates.start, dates.end
        start, end = sidebar.slider(
            "Event dates", min_value=first, max_value=last, key=_DATES, format="YYYY-MM-DD"
        )
        if dates.before or dates.after:
            sidebar.caption(_outside_the_slider(dates))
        since, until = (None if start == first else start), (None if end == last else end)
        back, forward, play = sidebar.columns([1, 1, 2], vertical_alignment="center")
        whole = since is None and until is None
        back.button(
            "◀",
            key="f_step_back",
            help="Previous window",
            disabled=whole,
            on_click=_step,
            args=(dates, False),
        )
        forward.button(
            "▶",
            key="f_step",
            help="Next window: moves the dates by their own length",
            disabled=whole,
            on_click=_step,
            args=(dates,),
        )
        playing = play.toggle(
            "Play", key=_PLAY, disabled=whole, help=f"Step forward every {PLAY_SECONDS:g} s"
        )
        if playing and not whole:
            _playback(dates)
        else:
            st.session_state.pop(_PLAYED_AT, None)
    elif dates:
        sidebar.caption("Every dated event has the same date: there is no window to choose.")
    undated = sidebar.checkbox(
        "Include events with no date",
        key=_UNDATED,
        help="Events whose text gives no date fall in no window of dates: ticked, they stay in view "
        "whatever the window; unticked, only dated events are shown. A date known only to the month, year "
        "or decade is in a window that holds all of it.",
    )
    types = sidebar.multiselect(
        "Event types", PLOVER_TYPES, key=_TYPES, format_func=str.title, placeholder="All types"
    )
    chosen = sidebar.multiselect(
        "Countries",
        countries,
        key=_COUNTRIES,
        format_func=names.get,
        placeholder="All countries",
        help="Events whose source, target or place is in the country (a disputed territory is in each "
        "country that holds or claims it); the map counts that country's places only.",
    )
    actor = sidebar.text_input(
        "Actor", key=_ACTOR, max_chars=MAX_TEXT_CHARS, placeholder="Part of a name, e.g. Gantz"
    )
    if selection.actor_id:
        found = store.actors([selection.actor_id]).get(selection.actor_id)
        label = found.name if found else selection.actor_id
        _chip(
            f"the events of **{markdown_text(bounded(label, 80))}**",
            "f_actor_clear",
            "Show every actor's events",
            clear_actor,
        )
    if selection.articles:
        first = store.article(selection.articles[0])
        title = markdown_text(bounded(first.title or "Untitled", 80)) if first else "an article"
        count = len(selection.articles)
        what = f"**{title}**" if count == 1 else f"the {count} articles just added"
        _chip(what, "f_articles_clear", "Show every article", clear_articles)
    query = sidebar.text_input(
        "Search the articles",
        key=_QUERY,
        max_chars=MAX_TEXT_CHARS,
        placeholder="Words, e.g. security agreement",
        help="Every word must occur in the article; end a word with * to match its beginning.",
    )
    if query.strip() and not any(c.isalnum() for c in query):  # Store.search finds nothing in it
        sidebar.info("No word to search for: type letters or digits. No article matches punctuation alone.")
    # The event filters, then the place mention filters.
    event_confidence = sidebar.slider(
        "Minimum event confidence",
        0.0,
        1.0,
        step=0.05,
        key=_EVENT_CONFIDENCE,
        help=f"From {DEFAULT_EVENT_CONFIDENCE:g} up, the events a reader can trust: a political act told "
        "in a main clause between two named political actors, or a protest; most events below it are "
        "wrong. Lower it to see the uncertain ones too.",
    )
    main_only = sidebar.toggle(
        "Main event of each sentence only",
        key=_MAIN,
        help="Hide the secondary events a sentence also describes.",
    )
    place_confidence = sidebar.slider(
        "Minimum place confidence",
        0.0,
        1.0,
        step=0.05,
        key=_PLACE_CONFIDENCE,
        help=f"Place mentions at least this confident: how sure the place finder is that the name means "
        f"this place and not a namesake far away. Below {DEFAULT_PLACE_CONFIDENCE:g} a name is about as "
        "likely somewhere else; set 0 to count every mention.",
    )
    demonyms = sidebar.toggle("Count demonyms", key=_DEMONYMS, help='"Israeli minister" counts for Israel.')

    sidebar.subheader("Layers")
    layers = tuple(key for key, name in LAYERS.items() if sidebar.toggle(name, key=f"f_layer_{key}"))
    shade = sidebar.radio("Shade countries by", SHADES, key=_SHADE, horizontal=True)

    return selection.replace(
        since=since,
        until=until,
        undated=undated,
        types=tuple(types),
        countries=tuple(chosen),
        actor=clean_text(actor),  # typed text, as untrusted as the URL's
        query=clean_text(query),
        # A slider's float steps carry noise (0.05 * 12 is 0.6000000000000001): rounded, 0.6 is the default.
        min_confidence=round(event_confidence, 6),
        min_place_confidence=round(place_confidence, 6),
        main_only=main_only,
        demonyms=demonyms,
        layers=layers,
        shade=shade,
    )


def _outside_the_slider(dates: DateRange) -> str:
    """What the slider's open ends hold beyond the dates it shows."""
    said = ["The slider spans the bulk of the event dates."]
    if dates.before:
        said.append(f"At its left end it also holds the {dates.before:,} events dated before {dates.start}.")
    if dates.after:
        said.append(f"At its right end it also holds the {dates.after:,} events dated after {dates.end}.")
    return " ".join(said)


def _chip(what: str, key: str, help_: str, on_clear) -> None:
    """A narrowed view named in the sidebar ("Only <what>", Markdown), with ✕ to widen it again."""
    chip, clear = st.sidebar.columns([4, 1], vertical_alignment="center")
    chip.caption(f"Only {what}")
    clear.button("✕", key=key, help=help_, on_click=on_clear)


def keep_in_url(selection: Selection) -> None:
    """Write the selection to the URL and remember what the widgets wrote (call once per run, after
    every widget that makes the selection)."""
    write_url(selection)
    st.session_state[_WRITTEN] = _widget_params(selection)


def _playback(dates: DateRange) -> None:
    """While Play is on, a fragment reruns every PLAY_SECONDS and steps the window, then reruns the app."""

    def tick() -> None:
        now = time.monotonic()
        last = st.session_state.get(_PLAYED_AT)
        if last is None or now - last < PLAY_SECONDS * 0.8:
            if last is None:
                st.session_state[_PLAYED_AT] = now
            return  # the run that drew the page: wait for the timer
        st.session_state[_PLAYED_AT] = now
        _step(dates)
        st.rerun()

    st.fragment(tick, run_every=PLAY_SECONDS)()
