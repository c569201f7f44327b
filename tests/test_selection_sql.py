"""The Selection -> SQL mapping (`dashboard.selection_sql`): what its conditions select, against a plain
Python reading of each filter, over random records and random selections (`synthetic.py`)."""

from __future__ import annotations

import random

import pytest
from synthetic import build, random_selection, selected_articles, selected_events, selected_mentions

from dashboard.selection import Selection
from dashboard.selection_sql import in_countries, same_actor, selecting, text_match

SELECTIONS = 150


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from dashboard.store import Store

    store = Store(tmp_path_factory.mktemp("sql") / "random.db")
    return store, build(store)


def _selected(store, selection, gazetteer):
    with selecting(store, selection, gazetteer) as (db, found):
        events = {
            r[0] for r in db.execute(f"SELECT e.id FROM events e WHERE {found.events}", found.event_params)
        }
        articles = {
            r[0]
            for r in db.execute(f"SELECT a.id FROM articles a WHERE {found.articles}", found.article_params)
        }
        mentions = db.execute(
            "SELECT m.article_id, m.start FROM mentions m JOIN articles a ON a.id = m.article_id"
            f" WHERE {found.mentions}",
            found.mention_params,
        ).fetchall()
        # The same mentions, as a place's panel asks for them.
        mentions = sorted(tuple(row) for row in mentions)
        assert mentions == sorted(
            tuple(row)
            for row in db.execute(
                "SELECT m.article_id, m.start FROM mentions m JOIN articles a ON a.id = m.article_id"
                f" WHERE {found.few_mentions}",
                found.mention_params,
            )
        )
    return events, articles, mentions


def test_events_articles_and_mentions_are_what_each_filter_says_for_any_selection(synthetic, gazetteer):
    store, records = synthetic
    rng = random.Random(11)
    kept_some = dropped_some = 0
    for _ in range(SELECTIONS):
        selection = random_selection(rng, records)
        events, articles, mentions = _selected(store, selection, gazetteer)
        expected = {e.id for e in selected_events(records, selection, gazetteer)}
        assert events == expected, selection
        assert articles == selected_articles(records, selection, gazetteer), selection
        assert mentions == sorted(
            (m.article_id, m.start) for m in selected_mentions(records, selection, gazetteer)
        )
        kept_some += 0 < len(events)
        dropped_some += len(events) < len(records.events)
    # The draw exercises the filters: most selections keep some events and drop others.
    assert kept_some > SELECTIONS / 2 and dropped_some > SELECTIONS / 2


def test_the_default_selection_keeps_confident_main_events_dated_or_not(synthetic, gazetteer):
    store, records = synthetic
    events, _, _ = _selected(store, Selection(), gazetteer)
    assert events == {e.id for e in records.events if e.rank == 0 and e.confidence >= 0.6}
    assert any(e.date is None for e in records.events if e.id in events)


def test_a_condition_has_as_many_parameters_whatever_the_store_holds(synthetic, gazetteer, tmp_path):
    """Id lists go in as one JSON array each: a big store cannot overflow SQLite's parameter limit."""
    from dashboard.store import Store

    store, records = synthetic
    selection = Selection(
        countries=("MAR", "ESH"), actor="a", query="zebra", articles=(records.articles[0].id,)
    )
    small = Store(tmp_path / "small.db")
    build(small, articles=3)
    with (
        selecting(store, selection, gazetteer) as (_, big_found),
        selecting(small, selection, gazetteer) as (_, found),
    ):
        assert len(big_found.event_params) == len(found.event_params)
        assert len(big_found.mention_params) == len(found.mention_params)


def test_same_actor_is_every_record_of_that_name_in_any_case_and_that_country(synthetic):
    store, records = synthetic

    def namesakes(actor):
        return sorted(
            a.id
            for a in records.actors.values()
            if a.name.casefold() == actor.name.casefold() and a.country == actor.country
        )

    actor = next(a for a in records.actors.values() if a.country == "MAR" and len(namesakes(a)) > 1)
    with store.read() as db:
        ids = same_actor(db, actor.id)
        assert same_actor(db, "no-such-actor") == ["no-such-actor"]
    expected = sorted(
        a.id
        for a in records.actors.values()
        if a.name.casefold() == actor.name.casefold() and a.country == "MAR"
    )
    assert ids == expected and len(ids) > 1


def test_the_text_query_is_none_without_one_and_finds_nothing_without_a_word(synthetic, gazetteer):
    store, records = synthetic
    assert text_match(Selection(query="  ")) is None
    assert text_match(Selection(query='"" *')) == ""
    for query in ("nothing", '"" *', '"*" ~'):
        events, articles, _ = _selected(store, Selection(query=query, min_confidence=0), gazetteer)
        assert events == articles == set()
    events, articles, _ = _selected(
        store, Selection(query="zebra", min_confidence=0, main_only=False), gazetteer
    )
    zebras = {a.id for a in records.articles if "zebra" in a.text}
    assert articles == zebras and events == {e.id for e in records.events if e.article_id in zebras}


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_the_text_query_selects_the_same_events_however_sqlite_finds_them(
    synthetic, gazetteer, monkeypatch, share
):
    """Driven by the matching articles (share 1: never scan) or by an index the other filters read (share 0:
    always, when one is set or the caller narrows the events itself), the events are the filters' own."""
    from dashboard import selection_sql

    monkeypatch.setattr(selection_sql, "TEXT_SCAN_SHARE", share)
    monkeypatch.setattr(selection_sql, "TEXT_SCAN_SHARE_FILTERED", share)
    store, records = synthetic
    rng = random.Random(13)
    for _ in range(40):
        selection = random_selection(rng, records)
        selection = selection.replace(query=rng.choice(("zebra", "harbour ministry", "accord*")))
        expected = {e.id for e in selected_events(records, selection, gazetteer)}
        for narrowed in (False, True):
            with selecting(store, selection, gazetteer, narrowed) as (db, found):
                rows = db.execute(f"SELECT e.id FROM events e WHERE {found.events}", found.event_params)
                assert {row[0] for row in rows} == expected, (selection, narrowed)


def test_a_disputed_territory_is_in_each_country_that_holds_or_claims_it(gazetteer):
    sahara = gazetteer.place("disputed:western-sahara")
    laayoune = gazetteer.place("2462881")
    assert in_countries(sahara, {"MAR"}) and in_countries(sahara, {"ESH"})
    assert not in_countries(sahara, {"DZA"})
    assert in_countries(laayoune, {"ESH"}) and not in_countries(laayoune, {"MAR"})
    assert not in_countries(None, {"MAR"})


def test_a_text_query_s_matches_are_gathered_once_and_never_stale(tmp_path, gazetteer, monkeypatch):
    """A view's reads on other threads (their own connections) reuse the ids the first one gathered; an
    article stored since is found by the next read, on any connection."""
    import threading

    from dashboard import selection_sql
    from dashboard.model import Article, Event, Extraction
    from dashboard.store import Store

    def with_event(text: str) -> Extraction:
        article = Article.create(text, title="Police report")
        event = Event(
            f"e-{article.id}", article.id, "ASSAULT", None, None, 0, len(text), "", None, None, "MAR", None,
            "unspecified", 0.9,
        )  # fmt: skip
        return Extraction(article, events=[event])

    store = Store(tmp_path / "text.db")
    store.add_many([with_event("Police in Rabat arrested two men."), with_event("Talks in Nairobi.")])
    gathered = []
    real = selection_sql._gathered_ids
    monkeypatch.setattr(selection_sql, "_gathered_ids", lambda *args: gathered.append(1) or real(*args))
    counts: list[int] = []

    def count() -> None:
        with selecting(store, Selection(query="rabat"), gazetteer) as (db, found):
            rows = db.execute(f"SELECT count(*) FROM events e WHERE {found.events}", found.event_params)
            counts.append(rows.fetchone()[0])

    def on_threads(n: int) -> None:
        threads = [threading.Thread(target=count) for _ in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    on_threads(3)
    assert counts == [1, 1, 1] and len(gathered) == 1
    store.add_many([with_event("A march in Rabat.")])
    on_threads(2)
    assert counts[3:] == [2, 2] and len(gathered) == 2


def test_a_text_query_s_mentions_are_sought_by_its_sorted_ids_without_the_articles(synthetic, gazetteer):
    """The mention counts of a text query read the sorted ids of its matches and seek each in
    `mentions_by_article` (0.7 s for "police" at 5.9 million events; 2.2 s through the articles' rowids,
    a random place each); with a published-date window they still join the articles, for their dates."""
    from datetime import date

    store, _ = synthetic
    counted = "SELECT m.place_id, count(*) FROM {} WHERE {} AND {} GROUP BY m.place_id"
    for selection, joined in (
        (Selection(query="harbour"), False),
        (Selection(query="harbour", since=date(2020, 1, 1)), True),
    ):
        with selecting(store, selection, gazetteer) as (db, found):
            sql = counted.format(found.mentions_from, found.mentions, found.mention_places)
            plan = [
                row[3]
                for row in db.execute(
                    f"EXPLAIN QUERY PLAN {sql}", found.mention_params + list(found.mention_place_params)
                )
            ]
        assert any(step.startswith(("SEARCH a ", "SCAN a")) for step in plan) == joined, plan
        if not joined:
            assert "SCAN articles_fts" not in " ".join(plan), plan
            assert any("text_matches" in step for step in plan), plan
            assert any("COVERING INDEX mentions_by_article" in step for step in plan), plan
