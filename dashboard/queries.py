"""Read models for the map and panels: plain data from the store and gazetteer, no Streamlit or folium."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dashboard.geo import Gazetteer
from dashboard.model import Article, Mention, Place
from dashboard.nlp.sentences import sentence_spans
from dashboard.store import Store

POINT_KINDS = ("city", "region", "admin1")


@dataclass(frozen=True, slots=True)
class SentenceHit:
    """One sentence that mentions the place; `mentions` carry article offsets, `start` is the sentence's."""

    text: str
    start: int
    mentions: tuple[Mention, ...]

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(m.start - self.start, m.end - self.start) for m in self.mentions]


@dataclass(frozen=True, slots=True)
class ArticleHits:
    article: Article
    sentences: list[SentenceHit]


@dataclass(frozen=True, slots=True)
class PlaceReport:
    place: Place
    mention_count: int
    articles: list[ArticleHits] = field(default_factory=list)


def place_report(
    store: Store,
    gazetteer: Gazetteer,
    place_id: str,
    max_articles: int = 50,
    roles: tuple[str, ...] | None = None,
) -> PlaceReport | None:
    """The articles that mention a place, each with the sentences that do, newest article first."""
    place = gazetteer.place(place_id)
    if place is None:
        return None
    mentions = store.mentions(place_ids=[place.id], roles=roles)
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)
    articles = [a for a in (store.article(i) for i in by_article) if a is not None]
    articles.sort(key=lambda a: (a.published is not None, a.published, a.title), reverse=True)
    return PlaceReport(
        place=place,
        mention_count=len(mentions),
        articles=[ArticleHits(a, _sentences(a, by_article[a.id])) for a in articles[:max_articles]],
    )


def _sentences(article: Article, mentions: list[Mention]) -> list[SentenceHit]:
    spans = sentence_spans(article.text)
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence].append(mention)
    hits = []
    for index in sorted(by_sentence):
        start, end = (
            spans[index] if index < len(spans) else (by_sentence[index][0].start, by_sentence[index][0].end)
        )
        hits.append(SentenceHit(article.text[start:end], start, tuple(by_sentence[index])))
    return hits


def mentioned_points(
    store: Store, gazetteer: Gazetteer, shaped: set[str] = frozenset(), roles: tuple[str, ...] | None = None
) -> tuple[dict[str, int], list[Place]]:
    """Mention counts per place id, and the mentioned places drawn as points: cities, regions, states,
    and countries with no polygon of their own in `shaped` (Palestine, whose land is two territories)."""
    counts = store.mention_counts(roles)
    places = [
        p
        for p in (gazetteer.place(i) for i in counts)
        if p is not None and (p.kind in POINT_KINDS or (p.kind == "country" and p.id not in shaped))
    ]
    return counts, places
