"""A custom geoparser and event coder for the tests that send a pipeline to worker processes.

They are defined at module level, so they pickle (by reference: a worker imports this module), as a
caller's own stages would have to."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from dashboard.model import Article, Event, Mention, content_id

# Short articles in which a word no gazetteer knows, "Zembla", stands for a place.
ARTICLES = [
    {"title": "Talks", "text": "Envoys from Kenya met in Zembla on Monday. Zembla hosted the talks."},
    {"title": "Flights", "text": "Ministers flew from Rabat to Nairobi for the summit."},
    {"title": "March", "text": "Thousands of protesters marched through Zembla and Kyiv."},
    {"title": "Port", "text": "The port of Zemblan Bay reopened; Zembla's harbour master welcomed it."},
]


def write_articles(path, articles=ARTICLES) -> int:
    path.write_text("".join(json.dumps(article) + "\n" for article in articles), encoding="utf-8")
    return len(articles)


@dataclass(frozen=True)
class WordAsPlace:
    """A geoparser that takes every whole-word `word` for the place `place_id`."""

    word: str
    place_id: str = "test:zembla"

    def __call__(self, text: str, article_id: str) -> list[Mention]:
        pattern = rf"\b{re.escape(self.word)}\b"
        return [
            Mention(article_id, found.start(), found.end(), found.group(), self.place_id, confidence=0.5)
            for found in re.finditer(pattern, text)
        ]


def meeting_at_each_place(article: Article, mentions: list[Mention]) -> tuple[list, list[Event]]:
    """An event coder that codes a CONSULT at each place mentioned, with no actors."""
    events = [
        Event(
            content_id(article.id, str(m.start)),
            article.id,
            "CONSULT",
            None,
            None,
            m.start,
            m.end,
            place_id=m.place_id,
            coder="test",
        )  # fmt: skip
        for m in mentions
    ]
    return [], events
