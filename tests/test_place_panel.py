"""The place panel's event cards: the date line reads as precisely as the date is known."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.model import Actor, Article, Event
from dashboard.queries import EventView
from dashboard.views.place_panel import _event_card
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
