"""The timeline under the map: the selection's events per day, week, month or year, by tone or type.

It spans the dates of the selection's other filters (their bulk, when a few far-off events would stretch
it; see `dashboard.queries.timeline`) and shades the date window the sidebar chose, so playback shows
where the window is. What it cannot draw is counted in captions under it: events with no date ("no
date"), events dated more coarsely than its bars (a bar by month would put a year on 1 January), and
events far outside the bulk of the dates.

It is drawn as a small inline SVG, not a Vega chart: loading the Vega library on the page cost about 0.6 s
of the first map's drawing time, and a stacked bar chart needs none of it. Every label is a number, a date
or a fixed tone/type name, and all are escaped anyway.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from html import escape

import streamlit as st

from dashboard import periods
from dashboard.plover import OTHER, OTHER_COLOR, TONE_COLOR, TONES
from dashboard.queries import Timeline

WINDOW_COLOR = "#1f5f8b"
WIDTH, HEIGHT = 1000, 170
LEFT, RIGHT, TOP, BOTTOM = 34, 140, 8, 22  # room for the count axis, the legend and the date labels


def _period_end(start: date, period: str) -> date:
    """The day after the bar's period: where the bar ends."""
    return periods.period(start, period)[1] + timedelta(days=1)


def _label(day: date, period: str) -> str:
    return {"year": f"{day.year}", "month": day.strftime("%Y-%m")}.get(period, day.isoformat())


def timeline_svg(timeline: Timeline, window: tuple[date | None, date | None] | None = None) -> str:
    """Stacked bars of events per period, the window (since, until; None for open) shaded behind them."""
    keys = sorted({bar.key for bar in timeline.bars})
    if timeline.by == "tone":  # the tones in their order; "other" (imported records' own codes) if any
        keys = [*TONES, *([OTHER] if OTHER in keys else [])]
    colors = TONE_COLOR if timeline.by == "tone" else {}
    stacks: dict[date, dict[str, int]] = defaultdict(dict)
    for bar in timeline.bars:
        stacks[bar.start][bar.key] = stacks[bar.start].get(bar.key, 0) + bar.events
    first = min(stacks)
    last = _period_end(max(stacks), timeline.period)
    days = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    most = max(sum(stack.values()) for stack in stacks.values())

    def x(day: date) -> float:
        return LEFT + plot_w * min(max((day - first).days, 0), days) / days

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-label="events per {escape(timeline.period)}" '
        'style="font: 11px sans-serif; fill: #555">'
    ]
    if window is not None and any(window):
        since, until = window[0] or first, window[1] or last
        parts.append(
            f'<rect x="{x(since):.1f}" y="{TOP}" width="{max(x(until) - x(since), 1):.1f}" height="{plot_h}" '
            f'fill="{WINDOW_COLOR}" fill-opacity="0.12"/>'
        )
    for start, stack in sorted(stacks.items()):
        left, right = x(start), x(_period_end(start, timeline.period))
        width, base = max(right - left - 0.5, 0.8), TOP + plot_h
        for key in sorted(stack, key=lambda k: keys.index(k) if k in keys else len(keys)):
            height = plot_h * stack[key] / most
            base -= height
            tip = f"{_label(start, timeline.period)} · {key}: {stack[key]}"
            parts.append(
                f'<rect x="{left:.1f}" y="{base:.1f}" width="{width:.1f}" height="{height:.1f}" '
                f'fill="{colors.get(key, OTHER_COLOR)}"><title>{escape(tip)}</title></rect>'
            )
    for value in sorted({0, most // 2, most}):  # the count axis
        y = TOP + plot_h - plot_h * value / most
        parts.append(f'<text x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e6ea"/>')
    for step in range(6):  # dates along the bottom
        day = first + timedelta(days=round(days * step / 5))
        anchor = "start" if step == 0 else "end" if step == 5 else "middle"
        parts.append(
            f'<text x="{x(day):.1f}" y="{HEIGHT - 6}" text-anchor="{anchor}">'
            f"{escape(_label(day, timeline.period))}</text>"
        )
    for row, key in enumerate(k for k in keys if any(k in stack for stack in stacks.values())):
        y, color = TOP + 6 + row * 16, colors.get(key, OTHER_COLOR)
        parts.append(
            f'<rect x="{WIDTH - RIGHT + 12}" y="{y}" width="10" height="10" fill="{color}"/>'
            f'<text x="{WIDTH - RIGHT + 27}" y="{y + 9}">{escape(key)}</text>'
        )
    parts.append(
        f'<text x="{WIDTH - RIGHT + 12}" y="{HEIGHT - 6}">events / {escape(timeline.period)}</text></svg>'
    )
    return "".join(parts)


def timeline_notes(timeline: Timeline, undated_in_view: bool = True) -> list[str]:
    """What the chart leaves out, and why, one sentence each: the events outside its span, those dated
    too coarsely for its bars, and those with no date (`undated_in_view`: whether the sidebar's "no date"
    choice keeps them on the map and in the panel)."""
    notes, off = [], []
    if timeline.before:
        first = periods.date_text(timeline.first, timeline.first_precision)
        off.append(f"{timeline.before} earlier (from {first})")
    if timeline.after:
        last = periods.date_text(timeline.last, timeline.last_precision)
        off.append(f"{timeline.after} later (to {last})")
    if off:
        notes.append(
            f"The chart spans the bulk of the events; {' and '.join(off)} events lie outside it. They are "
            "on the map: choose their dates to chart them."
        )
    if timeline.coarse:
        ranked = sorted(timeline.coarse, key=periods.coarseness)
        counts = [f"{timeline.coarse[p]} only to the {p}" for p in ranked]
        notes.append(
            f"Dated too coarsely to chart by {timeline.period}, so not drawn (a bar would put them on the "
            f"first day of their period): {', '.join(counts)}."
        )
    if timeline.undated:
        where = (
            "on the map and in the panel, not on the chart"
            if undated_in_view
            else 'left out of the view ("Include events with no date" is off)'
        )
        notes.append(f"No date: {timeline.undated} event{'s' if timeline.undated != 1 else ''}, {where}.")
    return notes


def render_timeline(
    timeline: Timeline, window: tuple[date | None, date | None] | None = None, undated_in_view: bool = True
) -> None:
    if timeline.bars:
        st.image(timeline_svg(timeline, window), width="stretch")  # an <img>: nothing in it can run
    elif timeline.first is None:
        st.caption("No dated event in this selection.")
    else:
        st.caption(f"No event in this selection is dated finely enough to chart by {timeline.period}.")
    for note in timeline_notes(timeline, undated_in_view):
        st.caption(note)
