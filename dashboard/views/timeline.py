"""The timeline under the map: the selection's events per day, week, month or year, by tone or type.

It spans the dates of the selection's other filters (their bulk, when a few far-off events would stretch
it; see `dashboard.queries.timeline`) and shades the date window the sidebar chose, so
playback shows where the window is. Drawn with Altair (a Streamlit dependency): no network.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.queries import TONES, Timeline

TONE_COLORS = ("#1a9850", "#fdae61", "#d73027")  # cooperation, verbal and material conflict, as on the map
_TIME_UNITS = {"day": "yearmonthdate", "week": "yearweek", "month": "yearmonth", "year": "year"}
WINDOW_COLOR = "#1f5f8b"


def timeline_chart(
    timeline: Timeline, window: tuple[date | None, date | None] | None = None, height: int = 200
) -> alt.Chart:
    """Stacked bars of events per period; `window` (since, until; None for open), when given, is shaded
    behind them."""
    frame = pd.DataFrame(
        {
            "start": [pd.Timestamp(b.start) for b in timeline.bars],
            timeline.by: [b.key for b in timeline.bars],
            "events": [b.events for b in timeline.bars],
        }
    )
    unit = _TIME_UNITS[timeline.period]
    colour = (
        alt.Color(f"{timeline.by}:N", scale=alt.Scale(domain=list(TONES), range=list(TONE_COLORS)))
        if timeline.by == "tone"
        else alt.Color(f"{timeline.by}:N")
    )
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{unit}(start):T", title=None),
            y=alt.Y(
                "sum(events):Q",
                title=f"events / {timeline.period}",
                axis=alt.Axis(tickMinStep=1, tickCount=4, titleFontWeight="normal"),
            ),
            color=colour.legend(orient="right", title=None),
            tooltip=[
                alt.Tooltip(f"{unit}(start):T", title=timeline.period),
                alt.Tooltip(f"{timeline.by}:N"),
                alt.Tooltip("sum(events):Q", title="events"),
            ],
        )
    )
    chart = bars
    if window is not None and any(window):
        since, until = window
        since = since or min(b.start for b in timeline.bars)
        until = until or max(b.start for b in timeline.bars)
        span = pd.DataFrame({"from": [pd.Timestamp(since)], "to": [pd.Timestamp(until)]})
        shade = alt.Chart(span).mark_rect(opacity=0.15, color=WINDOW_COLOR).encode(x="from:T", x2="to:T")
        chart = shade + bars
    return chart.properties(height=height)


def render_timeline(timeline: Timeline, window: tuple[date | None, date | None] | None = None) -> None:
    if not timeline.bars:
        st.caption("No dated event in this selection.")
        return
    st.altair_chart(timeline_chart(timeline, window), width="stretch")
    off = []
    if timeline.before:
        off.append(f"{timeline.before} earlier (from {timeline.first.isoformat()})")
    if timeline.after:
        off.append(f"{timeline.after} later (to {timeline.last.isoformat()})")
    if off:
        st.caption(
            f"The chart spans the bulk of the events; {' and '.join(off)} events lie outside it. They are "
            "on the map: choose their dates to chart them."
        )
    if timeline.undated:
        st.caption(f"{timeline.undated} undated events are not drawn.")
