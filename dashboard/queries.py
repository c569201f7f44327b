"""Read models for the map and panels: plain data from the store and gazetteer, no Streamlit or folium."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from dashboard.geo import Gazetteer
from dashboard.model import Actor, Article, Event, Mention, Place
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
class EventView:
    """An event with its actors and the sentence that says so, ready to show."""

    event: Event
    source: Actor | None
    target: Actor | None
    article: Article
    sentence: str


@dataclass(frozen=True, slots=True)
class PlaceReport:
    place: Place
    mention_count: int
    articles: list[ArticleHits] = field(default_factory=list)
    events: list[EventView] = field(default_factory=list)

    @property
    def actors(self) -> list[tuple[Actor, int]]:
        """The actors of the place's events, with how many events each is in, most active first."""
        counts: dict[str, int] = defaultdict(int)
        by_id: dict[str, Actor] = {}
        for view in self.events:
            for actor in (view.source, view.target):
                if actor is not None:
                    counts[actor.id] += 1
                    by_id[actor.id] = actor
        return sorted(((by_id[i], n) for i, n in counts.items()), key=lambda item: (-item[1], item[0].name))


def place_report(
    store: Store,
    gazetteer: Gazetteer,
    place_id: str,
    max_articles: int = 50,
    roles: tuple[str, ...] | None = None,
    main_events_only: bool = True,
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
        events=place_events(store, place, max_events=max_articles * 4, main_only=main_events_only),
    )


def place_events(
    store: Store, place: Place, max_events: int = 200, main_only: bool = True
) -> list[EventView]:
    """Events that happened at a place, or, for a country or territory, that involve its actors."""
    countries = [place.country] if place.kind in ("country", "disputed") and place.country else []
    events = store.events(place_ids=[place.id], countries=countries, main_only=main_only)[:max_events]
    actors = store.actors([i for e in events for i in (e.source_actor, e.target_actor) if i])
    articles = {i: store.article(i) for i in {e.article_id for e in events}}
    return [
        EventView(
            event=e,
            source=actors.get(e.source_actor or ""),
            target=actors.get(e.target_actor or ""),
            article=articles[e.article_id],
            sentence=articles[e.article_id].text[e.evidence_start : e.evidence_end],
        )
        for e in events
        # An event with neither actor says nothing about who did what: the panel leaves it out.
        if articles.get(e.article_id) is not None and (e.source_actor or e.target_actor)
    ]


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


def event_map(
    store: Store, gazetteer: Gazetteer, main_only: bool = True
) -> tuple[dict[Place, list[Event]], dict[tuple[Place, Place], Counter]]:
    """For the Events and Relations layers: events by the place they happened at, and event types by
    (source country, target country) pair."""
    by_place: dict[Place, list[Event]] = defaultdict(list)
    pairs: dict[tuple[Place, Place], Counter] = defaultdict(Counter)
    for event in store.events(main_only=main_only):
        place = gazetteer.place(event.place_id) if event.place_id else None
        if place is not None:
            by_place[place].append(event)
        if event.source_country and event.target_country and event.source_country != event.target_country:
            source, target = gazetteer.place(event.source_country), gazetteer.place(event.target_country)
            if source is not None and target is not None:
                pairs[source, target][event.type] += 1
    return dict(by_place), dict(pairs)
