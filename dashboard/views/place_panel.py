"""The side panel for a selected place: what it is, who holds and claims it, and where the news names it."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import streamlit as st

from dashboard.geo import locate
from dashboard.queries import PlaceReport
from dashboard.views.text import bounded, highlighted, markdown_text

KIND_LABELS = {
    "country": "Country",
    "disputed": "Disputed territory",
    "city": "City",
    "region": "Region",
    "admin1": "State / province",
}


def render_place_panel(report: PlaceReport, country_name) -> None:
    place = report.place
    st.subheader(place.name)
    details = [KIND_LABELS.get(place.kind, place.kind)]
    if place.kind in ("city", "admin1") and place.country:
        details.append(country_name(place.country))
    territory = locate(place.lat, place.lon) if place.kind == "city" else None
    if territory and territory.startswith("disputed:"):
        details.append(f"in {country_name(territory)} (disputed territory)")
    if place.population:
        details.append(f"population {place.population:,}")
    st.caption(" · ".join(details))
    if place.kind == "disputed":
        administered = ", ".join(map(country_name, place.administered_by)) or "—"
        claimed = ", ".join(map(country_name, place.claimed_by)) or "—"
        st.markdown(
            f"**Administered by:** {markdown_text(administered)}  \n"
            f"**Claimed by:** {markdown_text(claimed)}  \n"
            f"{markdown_text(place.status)}"
        )
    articles = len(report.articles)
    st.markdown(
        f"**{report.mention_count}** mentions in **{articles}** article{'s' if articles != 1 else ''}, "
        f"**{len(report.events)}** events"
    )
    events_tab, actors_tab, mentions_tab = st.tabs(
        [
            f"Events ({len(report.events)})",
            f"Actors ({len(report.actors)})",
            f"Mentions ({report.mention_count})",
        ]
    )
    with events_tab:
        _events(report, country_name)
    with actors_tab:
        _actors(report, country_name)
    with mentions_tab:
        _mentions(report)


def _actor_label(actor, country_name) -> str:
    if actor is None:
        return "—"
    where = f" ({country_name(actor.country)})" if actor.country else ""
    return f"{actor.title + ' ' if actor.title else ''}{actor.name}{where}"


def _events(report: PlaceReport, country_name) -> None:
    if not report.events:
        st.info("No event found at or involving this place yet.")
    for view in report.events:
        event = view.event
        with st.container(border=True):
            when = event.date.isoformat() if event.date else "undated"
            precision = f" ({event.date_precision})" if event.date_precision not in ("", "day") else ""
            mode = f" · {event.mode}" if event.mode else ""
            st.markdown(
                f"**{markdown_text(event.type)}**{markdown_text(mode)} · {markdown_text(when + precision)}"
            )
            who = f"{_actor_label(view.source, country_name)} → {_actor_label(view.target, country_name)}"
            st.markdown(markdown_text(bounded(who, 300)))
            st.markdown(highlighted(bounded(view.sentence), []))
            title = markdown_text(bounded(view.article.title or "Untitled", 120))
            link = _link(view.article.url)  # imported GDELT records link to the article they were coded from
            source = f" · {bounded(view.article.source, 80)}" if view.article.source else ""
            st.caption(
                f"{f'[{title}]({link})' if link else title}"
                f"{markdown_text(f'{source} · confidence {event.confidence:.2f}')}"
            )


def _link(url: str) -> str | None:
    """An http(s) URL as a safe Markdown link target (spaces, brackets, quotes percent-encoded), else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[bad", an unclosed IPv6 host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~")


def _actors(report: PlaceReport, country_name) -> None:
    if not report.actors:
        st.info("No actor found in this place's events yet.")
    for actor, count in report.actors:
        sector = f", {actor.sector}" if actor.sector else ""
        st.markdown(
            markdown_text(f"{_actor_label(actor, country_name)} — {actor.kind}{sector}; {count} event(s)")
        )


def _mentions(report: PlaceReport) -> None:
    if not report.articles:
        st.info("No article in the store mentions this place yet.")
    for hits in report.articles:
        article = hits.article
        with st.container(border=True):
            st.markdown(f"**{markdown_text(bounded(article.title or 'Untitled', 200))}**")
            meta = [article.published.isoformat() if article.published else "undated", article.source]
            st.caption(markdown_text(" · ".join(m for m in meta if m)))
            for sentence in hits.sentences:
                st.markdown(highlighted(bounded(sentence.text), sentence.spans))
                roles = ", ".join(
                    f"“{m.text}” {m.role}, confidence {m.confidence:.2f}" for m in sentence.mentions
                )
                st.caption(markdown_text(bounded(roles, 300)))
