"""The side panel for a selected place: what it is, who holds and claims it, and where the news names it."""

from __future__ import annotations

import streamlit as st

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
        f"**{report.mention_count}** mentions in **{articles}** article{'s' if articles != 1 else ''}"
    )
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
