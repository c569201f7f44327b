"""The place panel's event cards: the date line reads as precisely as the date is known."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.model import Actor, Article, Event, Place
from dashboard.queries import EventView, PlaceReport
from dashboard.views.place_panel import _event_card, counts_line
from dashboard.views.text import LINE_BREAK, markdown_text

ARTICLE = Article.create(
    "Morocco and Israel held talks in Rabat.", title="Talks", published=date(2021, 11, 25)
)
MOROCCO = Actor("mar", "Morocco", "country", "MAR")


def card(day: date | None, precision: str, mode: str = "") -> str:
    event = Event(
        "e", ARTICLE.id, "CONSULT", "mar", None, 0, len(ARTICLE.text), mode=mode, date=day,
        date_precision=precision, confidence=0.8, coder="test",
    )  # fmt: skip
    view = EventView(event, MOROCCO, None, ARTICLE, ARTICLE.text)
    return _event_card(view, {"MAR": "Morocco"}.get)


@pytest.mark.parametrize(
    ("day", "precision", "shown"),
    [
        (date(2021, 11, 24), "day", "2021-11-24"),
        (date(2021, 11, 25), "article", "2021-11-25 (article date)"),
        (date(2021, 11, 24), "week", "week of 2021-11-22"),
        (date(2020, 12, 1), "month", "2020-12"),
        (date(2000, 1, 1), "year", "2000"),
        (date(1990, 1, 1), "decade", "1990s"),
        (None, "", "no date"),
    ],
)
def test_event_card_dates_the_event_at_its_precision(day, precision, shown):
    first_line = card(day, precision).split(LINE_BREAK)[0]
    assert first_line == f"**CONSULT** · {markdown_text(shown)}"


def test_event_card_never_invents_a_day_for_a_year():
    text = card(date(2000, 1, 1), "year", mode="visit")
    assert text.startswith("**CONSULT** · visit · 2000" + LINE_BREAK)
    assert "01" not in text.split(LINE_BREAK)[0]


def test_the_counts_line_names_what_each_number_counts():
    morocco = Place("MAR", "Morocco", "country", 32.0, -6.0, "MAR")
    report = PlaceReport(
        morocco, mention_count=29, event_count=1234, article_count=6, at_place_count=3, involving_count=5,
        actor_codes=("MAR",),
    )  # fmt: skip
    assert counts_line(report) == (
        "In this selection: **1,234** events here \\(3 placed at Morocco as a whole\\)"
        " · **5** elsewhere involving Morocco · **29** mentions in **6** articles"
    )
    rabat = Place("2538475", "Rabat", "city", 34.0, -6.8, "MAR")
    report = PlaceReport(rabat, mention_count=1, event_count=2, article_count=1, at_place_count=2)
    assert counts_line(report) == "In this selection: **2** events here · **1** mention in **1** article"
