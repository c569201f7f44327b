"""The side panel for a selected place: what it is, who holds and claims it, and where the news names it;
with no place selected, the selection's latest events.

Everything shown comes from the selection (dashboard.queries.place_report). Each actor is a button that
filters the whole view to that actor's events (`on_actor`).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlsplit

import streamlit as st

from dashboard.geo import locate
from dashboard.model import provenance
from dashboard.periods import date_label
from dashboard.queries import PlaceReport
from dashboard.views.text import LINE_BREAK, MAX_SNIPPET_CHARS, bounded, highlighted, markdown_text, small

KIND_LABELS = {
    "country": "Country",
    "disputed": "Disputed territory",
    "city": "City",
    "region": "Region",
    "admin1": "State / province",
}


MAX_ACTOR_BUTTONS = 40


def render_place_panel(
    report: PlaceReport, country_name, on_actor: Callable[[str], None] | None = None, actor_id: str = ""
) -> None:
    """`on_actor(actor_id)`: called when an actor's button is clicked; `actor_id`: the actor filtered to."""
    place = report.place
    st.subheader(place.name)
    details = [KIND_LABELS.get(place.kind, place.kind)]
    if place.kind in ("city", "admin1", "region") and place.country:
        details.append(country_name(place.country))
    territory = locate(place.lat, place.lon) if place.kind == "city" else None
    if territory and territory.startswith("disputed:"):
        details.append(f"in {country_name(territory)} (disputed territory)")
    if place.population:
        details.append(f"population {place.population:,}")
    st.caption(markdown_text(" · ".join(details)))
    if place.kind == "disputed":
        administered = ", ".join(map(country_name, place.administered_by)) or "—"
        claimed = ", ".join(map(country_name, place.claimed_by)) or "—"
        st.markdown(
            f"**Administered by:** {markdown_text(administered)}  \n"
            f"**Claimed by:** {markdown_text(claimed)}  \n"
            f"{markdown_text(place.status)}"
        )
    st.markdown(counts_line(report))
    involving = f"Elsewhere, involving {place.name}" if report.actor_codes else ""
    labels = [f"Events ({report.event_count:,})"]
    labels += [f"{involving} ({report.involving_count:,})"] if involving else []
    labels += [f"Actors ({report.actor_count:,})", f"Mentions ({report.mention_count:,})"]
    tabs = iter(st.tabs(labels))
    with next(tabs):
        _events(report.events, report.event_count, country_name, "happened here")
    if involving:
        with next(tabs):
            _events(
                report.involving, report.involving_count, country_name, f"elsewhere involves {place.name}"
            )
    with next(tabs):
        _actors(report, country_name, on_actor, actor_id)
    with next(tabs):
        _mentions(report)


def render_latest_events(views: list, country_name, on_open: Callable[[str], None]) -> None:
    """The feed while no place is selected: the selection's newest events, each with a button that opens
    its place's panel (`on_open(place_id)`), as readers of live maps expect."""
    st.subheader("Latest events")
    st.caption(
        "The newest events of this selection. Open an event's place, or click a country, a disputed "
        "territory or a city on the map, to see the news that names it."
    )
    if not views:
        st.info("No event in this selection.")
    for view in views:
        with st.container(border=True):
            st.markdown(_event_card(view, country_name))
            if view.place is not None:
                st.button(
                    f"Open {view.place.name}",
                    key=f"latest-{view.event.id}",
                    on_click=on_open,
                    args=(view.place.id,),
                )


def counts_line(report: PlaceReport) -> str:
    """The panel's counts, each named for what it counts. "Events here" is the map's number for the place
    (its markers' count, or its polygon's tooltip); a country's events elsewhere are counted apart."""
    place, articles, mentions = report.place, report.article_count, report.mention_count
    here = f"**{report.event_count:,}** events here"
    if place.kind in ("country", "disputed"):
        here += markdown_text(f" ({report.at_place_count:,} placed at {place.name} as a whole)")
    parts = [here]
    if report.actor_codes:
        parts.append(f"**{report.involving_count:,}** " + markdown_text(f"elsewhere involving {place.name}"))
    parts.append(
        f"**{mentions:,}** mention{'s' if mentions != 1 else ''} in **{articles:,}** article"
        + ("s" if articles != 1 else "")
    )
    return "In this selection: " + " · ".join(parts)


def _actor_label(actor, country_name) -> str:
    if actor is None:
        return "—"
    where = f" ({country_name(actor.country)})" if actor.country else ""
    return f"{actor.title + ' ' if actor.title else ''}{actor.name}{where}"


def _events(views: list, total: int, country_name, what: str) -> None:
    if not views:
        st.info(f"No event in this selection {what}.")
    elif len(views) < total:
        st.caption(f"The latest {len(views):,} of {total:,} events.")
    for view in views:
        with st.container(border=True):
            st.markdown(_event_card(view, country_name))


def _event_card(view, country_name) -> str:
    """One event as one Markdown block (a panel of a hundred events sends a hundred elements, not 400):
    type, mode and date (as precise as it is known: "2000", never 2000-01-01); source → target and place;
    the sentence, highlighted; its article, small."""
    event = view.event
    when = date_label(event.date, event.date_precision)
    mode = f" · {event.mode}" if event.mode else ""
    who = f"{_actor_label(view.source, country_name)} → {_actor_label(view.target, country_name)}"
    where = f" · at {view.place.name}" if view.place is not None else ""
    spans = [(start, end) for start, end in view.spans if end <= MAX_SNIPPET_CHARS]
    title = markdown_text(bounded(view.article.title or "Untitled", 120))
    link = _link(view.article.url)  # imported GDELT records link to the article they were coded from
    source = f" · {bounded(view.article.source, 80)}" if view.article.source else ""
    input_id = event.input_id or view.article.input_id  # GDELT's or ACLED's id, else the input article's
    source += f" · id {bounded(input_id, 80)}" if input_id else ""
    confidence = f"{event.confidence:.2f}"
    lines = [
        f"**{markdown_text(event.type)}**{markdown_text(mode)} · {markdown_text(when)}",
        markdown_text(bounded(who, 300) + where),
        highlighted(bounded(view.sentence), spans),
        small(
            (f"[{title}]({link})" if link else title)
            + markdown_text(f"{source} · {provenance(event.coder)} · confidence {confidence}")
        ),
    ]
    return LINE_BREAK.join(lines)


def _link(url: str) -> str | None:
    """An http(s) URL as a safe Markdown link target (spaces, brackets, quotes percent-encoded), else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[bad", an unclosed IPv6 host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~")


def _article_lines(article) -> list[str]:
    """An article's title (a link to it when it has a web address), then its date, source and the id the
    input gave it (so a reader finds it in their own data), as inert Markdown."""
    title = markdown_text(bounded(article.title or "Untitled", 200))
    link = _link(article.url)
    meta = [article.published.isoformat() if article.published else "undated", article.source]
    meta += [f"id {bounded(article.input_id, 80)}"] if article.input_id else []
    return [
        f"**[{title}]({link})**" if link else f"**{title}**",
        small(markdown_text(" · ".join(m for m in meta if m))),
    ]


def _actors(report: PlaceReport, country_name, on_actor, actor_id: str) -> None:
    if not report.actors:
        st.info("No actor in this selection's events here.")
    elif on_actor is not None:
        st.caption("Click an actor to show only their events, everywhere.")
    for activity in report.actors[:MAX_ACTOR_BUTTONS]:
        actor = activity.actor
        label = markdown_text(bounded(_actor_label(actor, country_name), 120))
        roles = [f"source of {activity.as_source}"] if activity.as_source else []
        roles += [f"target of {activity.as_target}"] if activity.as_target else []
        sector = f", {actor.sector}" if actor.sector else ""
        details = small(markdown_text(f"{actor.kind}{sector} · {', '.join(roles)}"))
        if on_actor is None:
            st.markdown(label + LINE_BREAK + details)
            continue
        st.button(
            label,
            key=f"actor_{actor.id}",
            on_click=on_actor,
            args=(actor.id,),
            type="primary" if actor.id == actor_id else "secondary",
            help="Show only this actor's events",
        )
        st.caption(details)
    if report.actor_count > MAX_ACTOR_BUTTONS:
        st.caption(f"and {report.actor_count - MAX_ACTOR_BUTTONS:,} more")


def _mentions(report: PlaceReport) -> None:
    if not report.articles:
        st.info("No article in this selection mentions this place.")
    elif len(report.articles) < report.article_count:
        st.caption(f"The latest {len(report.articles)} of {report.article_count} articles.")
    for hits in report.articles:
        lines = _article_lines(hits.article)
        for sentence in hits.sentences:
            roles = ", ".join(
                f"“{m.text}” {m.role}, confidence {m.confidence:.2f}" for m in sentence.mentions
            )
            lines += [
                highlighted(bounded(sentence.text), sentence.spans),
                small(markdown_text(bounded(roles, 300))),
            ]
        with st.container(border=True):
            st.markdown(LINE_BREAK.join(lines))
