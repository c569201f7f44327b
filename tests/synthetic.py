"""A store of random records written straight to the store (no NLP), and random selections over it.

The query-layer tests compare what the SQL selects with what a plain Python reading of each filter's
documented meaning selects (`selected_events`, `selected_articles`), over many random selections; the
records are drawn so that every filter both keeps and drops some of them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard import periods
from dashboard.model import MENTION_ROLES, Actor, Article, Event, Mention
from dashboard.selection import Selection
from dashboard.selection_sql import in_countries

TYPES = ("AGREE", "CONSULT", "ASSAULT", "PROTEST", "ACCUSE")
COUNTRIES = ("MAR", "ISR", "USA", "UKR", "KEN", None)
# Cities, a state, a disputed territory and countries; Laayoune lies in Western Sahara (ESH).
PLACES = ("2538475", "4140963", "2462881", "admin1:UKR-kharkiv", "disputed:western-sahara", "MAR", "KEN")
NAMES = ("Aziz Akhannouch", "Yair Lapid", "the Moroccan government", "Kenyan police", "Ukrainian army")
WORDS = ("accord", "shelling", "envoys", "zebra", "harbour", "ministry")
PRECISIONS = ("day", "day", "week", "month", "year", "decade")


@dataclass
class Records:
    articles: list[Article]
    mentions: list[Mention]
    actors: dict[str, Actor]
    events: list[Event]


def build(store, seed: int = 7, articles: int = 40) -> Records:
    """Random articles, each with mentions, actors and events, written to `store`."""
    rng = random.Random(seed)
    records = Records([], [], {}, [])
    for n in range(articles):
        text = " ".join(rng.choice(WORDS) for _ in range(8)) + "."
        published = None if rng.random() < 0.15 else date(2020, 1, 1) + timedelta(days=rng.randrange(900))
        article = Article.create(text, title=f"Story {n}", published=published, source="Wire")
        mentions = [
            Mention(article.id, i, i + 3, text[i : i + 3], rng.choice(PLACES), rng.choice(MENTION_ROLES),
                    round(rng.random(), 2))
            for i in range(0, 3 * rng.randrange(4), 3)
        ]  # fmt: skip
        actors = []
        for i in range(rng.randrange(1, 4)):
            # One name, several countries: "same actor" means same name (any case) and same country.
            name = rng.choice(NAMES)
            actors.append(Actor(f"{article.id}-a{i}", rng.choice((name, name.upper())), "government",
                                rng.choice(COUNTRIES)))  # fmt: skip
        events = []
        for i in range(rng.randrange(5)):
            # Some events have no actor on one side, a few on neither.
            source = rng.choice(actors) if rng.random() < 0.9 else None
            target = rng.choice([*actors, None])
            day = None if rng.random() < 0.2 else date(2019, 6, 1) + timedelta(days=rng.randrange(1200))
            precision = rng.choice(PRECISIONS) if day else ""
            if day:
                day = periods.period(day, precision)[0]  # a period's date is its first day
            events.append(
                Event(f"{article.id}-e{i}", article.id, rng.choice(TYPES), source.id if source else None,
                      target.id if target else None, 0, len(text),
                      source_country=source.country if source else None,
                      target_country=target.country if target else None,
                      place_id=rng.choice([*PLACES, None]), date=day, date_precision=precision,
                      confidence=rng.choice((0.2, 0.5, 0.6, 0.85)), rank=min(i, rng.randrange(2)))
            )  # fmt: skip
        store.add(article, mentions, actors, events)
        records.articles.append(article)
        records.mentions += mentions
        records.actors.update((a.id, a) for a in actors)
        records.events += events
    return records


def random_selection(rng: random.Random, records: Records) -> Selection:
    """A selection with a random subset of filters set."""
    changes: dict = {}
    if rng.random() < 0.4:
        since = date(2019, 1, 1) + timedelta(days=rng.randrange(1400))
        changes["since"] = since if rng.random() < 0.7 else None
        changes["until"] = (
            since + timedelta(days=rng.choice((0, 31, 365, 900))) if rng.random() < 0.7 else None
        )
    changes["undated"] = rng.random() < 0.7
    if rng.random() < 0.3:
        changes["types"] = tuple(rng.sample(TYPES, rng.randrange(1, 3)))
    if rng.random() < 0.3:
        changes["countries"] = tuple(
            rng.sample(("MAR", "ISR", "USA", "UKR", "KEN", "ESH"), rng.randrange(1, 3))
        )
    if rng.random() < 0.2:
        changes["actor"] = rng.choice(("lapid", "MOROCCAN", "police", "nobody"))
    if rng.random() < 0.15:
        changes["actor_id"] = rng.choice(list(records.actors))
    if rng.random() < 0.25:
        changes["query"] = rng.choice(("zebra", "harbour ministry", "accord*", "nothing"))
    if rng.random() < 0.15:
        changes["articles"] = tuple(a.id for a in rng.sample(records.articles, 3))
    changes["min_confidence"] = rng.choice((0.0, 0.5, 0.6, 0.9))
    changes["min_place_confidence"] = rng.choice((0.0, 0.0, 0.5))
    changes["main_only"] = rng.random() < 0.5
    changes["demonyms"] = rng.random() < 0.7
    return Selection(**changes)


# -- the meaning of each filter, in plain Python ----------------------------------------------------
def _in_window(day: date | None, precision: str, selection: Selection) -> bool:
    if day is None:
        return selection.undated
    first, last = periods.period(day, precision) if precision else (day, day)
    return (not selection.since or first >= selection.since) and (
        not selection.until or last <= selection.until
    )


def _matches_query(article: Article, query: str) -> bool:
    words = f"{article.title} {article.text}".casefold().replace(".", " ").split()
    terms = query.casefold().split()
    return all(any(w.startswith(t[:-1]) if t.endswith("*") else w == t for w in words) for t in terms)


def matching_articles(records: Records, selection: Selection) -> set[str] | None:
    if not selection.query.strip():
        return None
    return {a.id for a in records.articles if _matches_query(a, selection.query)}


def selected_events(records: Records, selection: Selection, gazetteer) -> list[Event]:
    matches = matching_articles(records, selection)
    codes = set(selection.countries)
    actor_ids = None
    if selection.actor_id:
        chosen = records.actors[selection.actor_id]
        actor_ids = {
            a.id for a in records.actors.values()
            if a.name.casefold() == chosen.name.casefold() and a.country == chosen.country
        }  # fmt: skip

    def named(actor_id: str | None) -> str:
        return records.actors[actor_id].name.casefold() if actor_id else ""

    kept = []
    for e in records.events:
        if not _in_window(e.date, e.date_precision, selection):
            continue
        if selection.types and e.type not in selection.types:
            continue
        if codes and not (
            e.source_country in codes
            or e.target_country in codes
            or in_countries(gazetteer.place(e.place_id), codes)
        ):
            continue
        text = selection.actor.strip().casefold()
        if text and text not in named(e.source_actor) and text not in named(e.target_actor):
            continue
        if actor_ids is not None and not {e.source_actor, e.target_actor} & actor_ids:
            continue
        if matches is not None and e.article_id not in matches:
            continue
        if selection.articles and e.article_id not in selection.articles:
            continue
        if selection.main_only and e.rank != 0:
            continue
        if e.confidence < selection.min_confidence:
            continue
        kept.append(e)
    return kept


def selected_articles(records: Records, selection: Selection, gazetteer) -> set[str]:
    """Articles with a selected event; with no event-only filter, also those that pass the article-level
    filters themselves (published date, text query, chosen ids)."""
    ids = {e.article_id for e in selected_events(records, selection, gazetteer)}
    if not selection.event_only:
        matches = matching_articles(records, selection)
        for a in records.articles:
            if _in_window(a.published, "day", selection) and (matches is None or a.id in matches):
                if not selection.articles or a.id in selection.articles:
                    ids.add(a.id)
    return ids


def selected_mentions(records: Records, selection: Selection, gazetteer) -> list[Mention]:
    articles = selected_articles(records, selection, gazetteer)
    return [
        m for m in records.mentions
        if m.article_id in articles and m.role in selection.roles
        and m.confidence >= selection.min_place_confidence
    ]  # fmt: skip
