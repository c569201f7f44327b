"""Field handling shared by the readers: bounded text, dates, and the article built from them."""

from __future__ import annotations

from datetime import date, datetime

from dashboard.model import Article
from dashboard.nlp.dateline import find_dateline

MAX_TEXT_CHARS = 200_000  # a long feature story is ~30k; anything beyond is not one article


def parse_date(value) -> date | None:
    """An ISO date or datetime ("2021-11-25", "2021-11-25T08:00:00Z"); None when absent or unreadable."""
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    for parse in (date.fromisoformat, lambda v: datetime.fromisoformat(v).date()):
        try:
            return parse(text)
        except ValueError:
            continue
    return None


def make_article(text: str, title: str = "", url: str = "", source: str = "", published=None) -> Article:
    text = text[:MAX_TEXT_CHARS]
    dateline = find_dateline(text)
    return Article.create(
        text=text,
        title=title.strip()[:500],
        url=url.strip()[:2000],
        source=source.strip()[:200],
        published=parse_date(published),
        dateline=text[dateline.start : dateline.end] if dateline else "",
    )
