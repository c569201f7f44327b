"""The timeline under the map: the selection's events per day, week, month or year, by tone or type.

It spans the dates of the selection's other filters (their bulk, when a few far-off events would stretch
it; see `dashboard.queries.timeline`) and shades the date window the sidebar chose, so playback shows
where the window is. It is drawn as a small inline SVG, not a Vega chart: loading the Vega library on the
page cost about 0.6 s of the first map's drawing time, and a stacked bar chart needs none of it. Every
label is a number, a date or a fixed tone/type name, and all are escaped anyway.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, timedelta
from html import escape

import streamlit as st

from dashboard.queries import TONES, Timeline

TONE_COLORS = ("#1a9850", "#fdae61", "#d73027")  # cooperation, verbal and material conflict, as on the map
OTHER_COLOR = "#888888"
WINDOW_COLOR = "#1f5f8b"
WIDTH, HEIGHT = 1000, 170
LEFT, RIGHT, TOP, BOTTOM = 34, 140, 8, 22  # room for the count axis, the legend and the date labels


def _period_end(start: date, period: str) -> date:
    if period == "day":
        return start + timedelta(days=1)
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return start + timedelta(days=calendar.monthrange(start.year, start.month)[1])
    return date(start.year + 1, 1, 1)


def _label(day: date, period: str) -> str:
    return {"year": f"{day.year}", "month": day.strftime("%Y-%m")}.get(period, day.isoformat())


def timeline_svg(timeline: Timeline, window: tuple[date | None, date | None] | None = None) -> str:
    """Stacked bars of events per period, the window (since, until; None for open) shaded behind them."""
    keys = list(TONES) if timeline.by == "tone" else sorted({bar.key for bar in timeline.bars})
    colors = dict(zip(TONES, TONE_COLORS, strict=True)) if timeline.by == "tone" else {}
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


def render_timeline(timeline: Timeline, window: tuple[date | None, date | None] | None = None) -> None:
    if not timeline.bars:
        st.caption("No dated event in this selection.")
        return
    st.image(timeline_svg(timeline, window), width="stretch")  # an <img>: nothing in it can run
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
