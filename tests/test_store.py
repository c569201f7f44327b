from datetime import date

from dashboard.model import Article, Mention
from dashboard.store import MIGRATIONS, Store


def _article(text="Israel and Morocco signed a deal in Rabat.", title="Deal"):
    return Article.create(text=text, title=title, source="test", published=date(2021, 11, 24))


def _mention(article, name, place_id, role="literal"):
    start = article.text.index(name)
    return Mention(article.id, start, start + len(name), name, place_id, role, 0.9, 0)


def test_store_round_trips_articles_and_mentions(store):
    article = _article()
    mentions = [_mention(article, "Israel", "ISR"), _mention(article, "Rabat", "2538475")]
    assert store.add(article, mentions) is True
    assert store.article(article.id) == article
    assert store.mentions(place_ids=["2538475"]) == [mentions[1]]
    assert store.mentions(article_id=article.id) == mentions
    assert store.mention_counts() == {"ISR": 1, "2538475": 1}


def test_store_reingest_adds_nothing_and_replaces_extractions(store):
    article = _article()
    store.add(article, [_mention(article, "Israel", "ISR")])
    assert store.add(article, [_mention(article, "Morocco", "MAR")]) is False
    assert store.article_count() == 1
    assert store.mention_counts() == {"MAR": 1}


def test_store_schema_is_versioned_and_reopens(tmp_path):
    path = tmp_path / "s.db"
    first = Store(path)
    first.add(_article())
    again = Store(path)
    assert again.schema_version == len(MIGRATIONS)
    assert again.article_count() == 1


def test_store_failed_write_leaves_store_unchanged(store):
    article = _article()
    bad = Mention(article.id, 0, 6, "Israel", None, "literal", 0.9, 0)  # place_id is NOT NULL
    try:
        store.add(article, [bad])
    except Exception:
        pass
    assert store.article_count() == 0


def test_mentioned_points_include_countries_without_a_polygon(store, gazetteer):
    from dashboard.queries import mentioned_points

    article = _article("Palestinians in Gaza and officials in Rabat reacted.", "Reaction")
    store.add(
        article, [_mention(article, "Palestinians", "PSE", "demonym"), _mention(article, "Rabat", "2538475")]
    )
    counts, points = mentioned_points(store, gazetteer, shaped={"MAR", "ISR"})
    assert counts == {"PSE": 1, "2538475": 1}
    assert {p.id for p in points} == {"PSE", "2538475"}
    assert {p.id for p in mentioned_points(store, gazetteer, shaped={"PSE"})[1]} == {"2538475"}


def test_store_migrates_an_older_schema_in_place(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        for statement in MIGRATIONS[0]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        db.execute("INSERT INTO articles VALUES ('a', 't', 'x', '', '', NULL, '', datetime('now'))")
        db.execute(
            "INSERT INTO events VALUES"
            " ('e', 'a', 'AGREE', NULL, NULL, 0, 1, '', NULL, NULL, NULL, NULL, '', 0.5)"
        )
    store = Store(path)
    assert store.schema_version == len(MIGRATIONS) >= 2
    assert store.article_count() == 1
    (event,) = store.events()  # columns added since come with their defaults
    assert (event.id, event.rank, event.coder) == ("e", 0, "")
