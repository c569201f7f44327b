import sqlite3
from datetime import date

import in_store
import pytest

from dashboard.model import Actor, Article, Extraction, Mention
from dashboard.store import MIGRATIONS, Store


def _article(text="Israel and Morocco signed a deal in Rabat.", title="Deal"):
    return Article.create(text=text, title=title, source="test", published=date(2021, 11, 24))


def _mention(article, name, place_id, role="literal"):
    start = article.text.index(name)
    return Mention(article.id, start, start + len(name), name, place_id, role, 0.9, 0, len(article.text))


def test_store_round_trips_articles_and_mentions(store):
    article = _article()
    mentions = [_mention(article, "Israel", "ISR"), _mention(article, "Rabat", "2538475")]
    assert store.add(article, mentions) is True
    assert store.article(article.id) == article
    assert in_store.mentions(store, place_ids=["2538475"]) == [mentions[1]]
    assert in_store.mentions(store, article_id=article.id) == mentions
    assert in_store.mention_counts(store) == {"ISR": 1, "2538475": 1}


def test_store_round_trips_a_mentions_sentence_offsets(store):
    article = _article("Talks ended.\nIsrael and Morocco signed a deal in\nRabat on Wednesday. Both left.")
    start, sentence = article.text.index("Rabat"), article.text.index("Israel")
    end = article.text.index(" Both")
    mention = Mention(article.id, start, start + 5, "Rabat", "2538475", "literal", 0.9, sentence, end)
    store.add(article, [mention])
    (stored,) = in_store.mentions(store)
    assert stored == mention
    assert article.text[stored.sentence_start : stored.sentence_end] == (
        "Israel and Morocco signed a deal in\nRabat on Wednesday."
    )


def test_store_reingest_adds_nothing_and_replaces_extractions(store):
    article = _article()
    store.add(article, [_mention(article, "Israel", "ISR")])
    assert store.add(article, [_mention(article, "Morocco", "MAR")]) is False
    assert store.article_count() == 1
    assert in_store.mention_counts(store) == {"MAR": 1}


def test_store_schema_is_versioned_and_reopens(tmp_path):
    path = tmp_path / "s.db"
    first = Store(path)
    first.add(_article())
    again = Store(path)
    assert again.schema_version == len(MIGRATIONS)
    assert again.article_count() == 1


def test_store_failed_write_leaves_store_unchanged(store):
    article = _article()
    bad = Mention(article.id, 0, 6, "Israel", None, "literal", 0.9)  # place_id is NOT NULL
    try:
        store.add(article, [bad])
    except Exception:
        pass
    assert store.article_count() == 0


def test_store_writes_in_a_writing_block_share_one_connection_and_commit_each(store, tmp_path):
    """An ingest holds one write connection: each write still commits on its own (another connection sees
    it at once), a failed one rolls back alone, and other threads keep their own connections."""
    import sqlite3
    import threading

    first, second = _article(), _article("Kenya and Ethiopia met in Nairobi.", "Talks")
    bad = Mention(second.id, 0, 5, "Kenya", None, "literal", 0.9)  # place_id is NOT NULL
    seen_by_thread = []
    with store.writing():
        held = store._held.db
        with store.writing():  # nested: the same connection
            assert store._held.db is held
        store.add(first)
        with sqlite3.connect(store.path) as other:
            assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError):
            store.add(second, [bad])
        store.add(second, [_mention(second, "Nairobi", "184745")])  # the connection is still usable

        def other_thread():
            seen_by_thread.append(getattr(store._held, "db", None))
            store.add(_article("Peace talks resumed in Doha.", "Doha"))

        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
    assert seen_by_thread == [None]
    assert store._held.db is None
    assert store.article_count() == 3
    assert in_store.mention_counts(store) == {"184745": 1}


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


def _older_store(path, version: int, *rows: str) -> Store:
    """A store made by an older version (schema `version`) holding `rows` (INSERT statements), opened now."""
    import sqlite3

    with sqlite3.connect(path) as db:
        for statements in MIGRATIONS[:version]:
            for statement in statements:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {version}")
        for row in rows:
            db.execute(row)
    return Store(path)


def test_store_migrates_an_older_schema_in_place(tmp_path):
    store = _older_store(
        tmp_path / "old.db",
        1,
        "INSERT INTO articles VALUES ('a', 't', 'x', '', '', NULL, '', datetime('now'))",
        "INSERT INTO events VALUES ('e', 'a', 'AGREE', NULL, NULL, 0, 1, '', NULL, NULL, NULL, NULL, '',"
        " 0.5)",
    )
    assert store.schema_version == len(MIGRATIONS) >= 2
    assert store.article_count() == 1
    (event,) = in_store.events(store)  # columns added since come with their defaults
    assert (event.id, event.rank, event.coder) == ("e", 0, "")


def test_a_store_with_sentence_indexes_migrates_to_sentence_offsets(tmp_path):
    """Mentions stored with an index into the splitter's sentences (schema 4) keep their other fields;
    their sentence offsets are unknown (None) until the article is ingested again, and new mentions are
    stored with theirs."""
    store = _older_store(
        tmp_path / "v4.db",
        4,
        "INSERT INTO articles VALUES ('a', 't', 'In Rabat.', '', '', NULL, '', datetime('now'))",
        "INSERT INTO mentions VALUES ('a', 3, 8, 'Rabat', '2538475', 'literal', 0.9, 0)",
    )
    assert store.schema_version == len(MIGRATIONS)
    assert in_store.mentions(store) == [Mention("a", 3, 8, "Rabat", "2538475", "literal", 0.9, None, None)]
    article = _article()
    store.add(article, [_mention(article, "Rabat", "2538475")])
    assert in_store.mentions(store, article_id=article.id)[0].sentence_end == len(article.text)


def test_a_store_without_input_ids_migrates_and_keeps_its_records(tmp_path):
    """A store of schema 5 gains the input ids (unknown, None, for what it holds), and stores new ones."""
    from dashboard.model import Event

    store = _older_store(
        tmp_path / "v5.db",
        5,
        "INSERT INTO articles VALUES ('a', 't', 'In Rabat.', '', '', NULL, '', datetime('now'))",
        "INSERT INTO events VALUES ('e', 'a', 'AGREE', NULL, NULL, 0, 1, '', NULL, NULL, NULL, NULL, '',"
        " 0.5, 0, 'ACLED')",
    )
    assert store.schema_version == len(MIGRATIONS)
    assert store.article("a") == Article("a", "t", "In Rabat.", input_id=None)
    (event,) = in_store.events(store)
    assert (event.id, event.coder, event.input_id) == ("e", "ACLED", None)
    assert store.search("rabat") == ["a"]  # the full-text index is untouched

    article = Article.create("Talks in Nairobi.", "Talks", input_id="wire-17")
    store.add(article, events=[Event("e2", article.id, "CONSULT", None, None, 0, 5, input_id="GDELT-9")])
    assert store.article(article.id).input_id == "wire-17"
    assert {e.id: e.input_id for e in in_store.events(store)} == {"e": None, "e2": "GDELT-9"}


# Whatever is typed into the search box: control characters, quotes, FTS5 operators and column filters,
# punctuation alone. Each must give an answer (a list, maybe empty), never an FTS5 syntax error.
HOSTILE_QUERIES = [
    "\x00", "Rabat\x00", "Ra\x00bat", "\x00*", "Rabat \x00 deal", "\x01\x02\x1f\x7f", "Rabat\x1b[31m",
    "\u0085\u2028\u2029", "\ud800", "Rabat \udfff", "\ufeff\u200b", '"', '""', 'Rabat"', '"Rabat', "'",
    "AND", "OR", "NOT", "Rabat AND", "OR Rabat", "NOT Rabat", "Rabat NOT deal", "NEAR(", "NEAR(Rabat deal",
    "NEAR(Rabat deal, 2)", "*", "**", "Rab*", "*Rabat", "^", "^Rabat", ":", "title:", "title:Rabat",
    "text:deal", "{title text}:Rabat", "-title:Rabat", "(", ")", "(Rabat", "Rabat)", "+", "-", "Rabat -deal",
    "!!!", "...", "?!;,.", "[]{}<>|\\/", "$$", "%", "&&", "@", "#", "~", "`", "=", "a" * 500,
    " ".join(["Rabat"] * 100), "\t\n\r", "Ｒａｂａｔ", "رباط", "🙂", "Rabat 🙂",
]  # fmt: skip


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_answers_any_text_without_an_fts5_error(store, query):
    article = _article()
    store.add(article)
    found = store.search(query)
    assert found in ([], [article.id])


@pytest.mark.parametrize(
    ("query", "finds"),
    [
        ("Ra\x00bat", False),  # NUL separates words: "ra" and "bat" are not in the text
        ("Rabat\x00", True),
        ("\x00Rabat deal", True),
        ("title:Rabat", False),  # a column filter is searched as words: "title" is not in the text
        ("Morocco:signed", True),  # the phrase "Morocco signed"
        ("Rabat NOT", False),  # an operator is a word too
        ("Rab*", True),
        ('"Rabat', True),
        ("Morocco^", True),
        ("!!!", False),
    ],
)
def test_search_reads_hostile_text_as_plain_words(store, query, finds):
    article = _article()
    store.add(article)
    assert store.search(query) == ([article.id] if finds else [])


def test_a_store_of_schema_6_indexes_each_new_article_once_for_search(tmp_path):
    """The store now writes the full-text index itself: an older store loses its insert trigger, so that an
    article added after the upgrade is indexed once (not by the trigger and the store both), and what it
    held is still found."""
    import sqlite3

    store = _older_store(
        tmp_path / "v6.db",
        6,
        "INSERT INTO articles VALUES ('a', 't', 'In Rabat.', '', '', NULL, '', datetime('now'), NULL)",
    )
    article = Article.create("Talks in Rabat.", "Talks")
    store.add(article)
    with sqlite3.connect(store.path) as db:
        hits = db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'rabat'").fetchall()
    assert len(hits) == 2 and sorted(store.search("rabat")) == sorted(["a", article.id])


@pytest.mark.parametrize("replace", [True, False])
def test_add_many_with_an_article_twice_is_add_twice(tmp_path, replace):
    """`add_many` writes a batch's records a table at a time; an article given twice in one batch still ends
    as two `add_many`s in a row leave it: replaced by the second extraction, or added to."""
    article = _article()
    first = Extraction(article, [_mention(article, "Israel", "ISR")])
    second = Extraction(article, [_mention(article, "Rabat", "2538475")])
    batch, one_by_one = Store(tmp_path / "batch.db"), Store(tmp_path / "single.db")
    assert batch.add_many([first, second], replace) == [True, False]
    assert [one_by_one.add_many([e], replace)[0] for e in (first, second)] == [True, False]
    assert in_store.mentions(batch) == in_store.mentions(one_by_one)
    assert len(in_store.mentions(batch)) == (1 if replace else 2)


def test_an_actor_given_again_is_stored_as_last_given(store):
    """Imports give the same actor (same id) in article after article: the store keeps its last record."""
    first, second = _article("Talks in Rabat."), _article("Talks in Nairobi.")
    old = Actor("k1", "KENYA", "country", "KEN", "", "")
    new = Actor("k1", "KENYA", "government", "KEN", "GOV", "")
    store.add_many([Extraction(first, actors=[old]), Extraction(second, actors=[new])], replace=False)
    assert store.actors(["k1"]) == {"k1": new}
    store.add_many([Extraction(_article("Talks in Kisumu."), actors=[old])], replace=False)
    assert store.actors(["k1"]) == {"k1": old}


def test_actors_of_any_number_of_ids_in_one_call(store):
    """The map's popups name the actors of every listed event (a hundred thousand at a million events): the
    store binds their ids a batch at a time, beyond SQLite's limit of parameters per statement."""
    limit = sqlite3.connect(":memory:").getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    actors = [Actor(f"a{i}", f"Actor {i}", "person") for i in (0, 700, limit)]
    store.add_many([Extraction(_article("Talks in Rabat."), actors=actors)], replace=False)
    assert store.actors([f"a{i}" for i in range(limit + 1)]) == {a.id: a for a in actors}


def test_a_country_s_mentions_are_sought_by_place_never_by_place_and_article(store, gazetteer):
    """With a country filter the map's mention counts constrain a mention's place (the country's places)
    and its article (their events'): an index with the article right after the place made SQLite seek each
    (place, article) pair, millions at a million events."""
    from dashboard.selection import Selection
    from dashboard.selection_sql import selecting

    with selecting(store, Selection(countries=("MAR",)), gazetteer) as (db, found):
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT m.place_id, count(*) FROM mentions m"
            " JOIN articles a ON a.id = m.article_id"
            f" WHERE {found.mentions} AND {found.mention_places} GROUP BY m.place_id",
            [*found.mention_params, *found.mention_place_params],
        ).fetchall()
    searches = [row[3] for row in plan if row[3].startswith("SEARCH m ")]
    assert searches and all("article_id=" not in search for search in searches), searches


def test_a_place_s_articles_with_a_selected_event_are_told_from_an_index(store, gazetteer):
    """A place's panel under an event filter asks of each article that mentions the place whether it holds
    a selected event: the events' type, rank, confidence, date and countries come from `events_by_article`
    alone, not from each event's row (8.4 s for a country's count at 6.5 million events, 0.3 s so)."""
    from dashboard.selection import Selection
    from dashboard.selection_sql import selecting

    selection = Selection(
        types=("ASSAULT",), countries=("MAR",), since=date(2021, 1, 1), until=date(2021, 12, 31), place="MAR"
    )
    with selecting(store, selection, gazetteer, narrowed=True) as (db, found):
        plan = db.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM {found.mentions_from}"
            f" WHERE m.place_id = ? AND {found.few_mentions}",
            ["MAR", *found.mention_params],
        ).fetchall()
    probes = [row[3] for row in plan if row[3].startswith("SEARCH e ")]
    assert probes and all("COVERING INDEX events_by_article" in probe for probe in probes), plan


def test_every_stored_record_has_its_article_though_foreign_keys_are_not_checked(store):
    """The store does not check foreign keys on writes (a look-up per record): `_add` stores each article
    before its records, alone or in a batch, replaced, added to, given twice or as rows."""
    from dashboard.model import Event
    from dashboard.store import Rows

    def extraction(text: str) -> Extraction:
        article = _article(text, title=text[:10])
        event = Event(
            f"e-{article.id}", article.id, "AGREE", None, None, 0, 5, "", "ISR", "MAR", "2538475", None,
            "unspecified", 0.9,
        )  # fmt: skip
        return Extraction(article, [_mention(article, "Rabat", "2538475")], [], [event])

    first, second, third = (extraction(f"Talks {n} in Rabat.") for n in ("one", "two", "three"))
    store.add_many([first, second])
    store.add_many([second, Rows.of(third), first], replace=False)
    store.add_many([third, third])
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 3


def _index_definitions(store) -> dict[str, str]:
    with sqlite3.connect(store.path) as db:
        indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        return dict(db.execute(indexes))


def test_an_import_that_defers_indexes_builds_them_again_with_the_same_definitions(store):
    """`deferring_indexes` drops the events' and mentions' secondary indexes for the block (the reads go
    on, from the tables) and builds each again as it was; the records are the same as stored with them."""
    before = _index_definitions(store)
    article, other = _article(), _article("Talks went on in Rabat.", title="Talks")
    store.add(other)  # indexed for search as it is stored
    with store.deferring_indexes():
        assert {"events_by_article", "mentions_by_place"}.isdisjoint(_index_definitions(store))
        store.add(article, [_mention(article, "Rabat", "2538475")])
        assert in_store.mention_counts(store) == {"2538475": 1}
        assert store.search("Rabat") == [other.id]  # the search index waits for the block's end
        Store(store.path).add(_article("Rabat, elsewhere.", title="Other writer"))  # writes on its own
    assert _index_definitions(store) == before
    assert len(store.search("Rabat")) == 3
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT count(*) FROM deferred_indexes").fetchone()[0] == 0
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises if not
    with pytest.raises(RuntimeError):  # and built again when the block fails
        with store.deferring_indexes():
            raise RuntimeError("the import stopped")
    assert _index_definitions(store) == before


def test_a_store_left_by_a_killed_import_gets_its_indexes_back_when_opened(tmp_path):
    """An import killed while it deferred the indexes leaves their definitions in `deferred_indexes`: the
    next open builds them, unless an import still holds the lock beside the store (it will build them)."""
    import fcntl

    store = Store(tmp_path / "s.db")
    before = _index_definitions(store)
    with sqlite3.connect(store.path) as db:  # what deferring_indexes leaves when its process is killed
        db.executemany("INSERT INTO deferred_indexes VALUES (?, ?)", before.items())
        for name in before:
            db.execute(f"DROP INDEX {name}")
    lock_path = tmp_path / "s.db-import.lock"
    with lock_path.open("a") as running_import:
        fcntl.flock(running_import, fcntl.LOCK_SH)
        Store(store.path)
        assert _index_definitions(store) == {}  # left to the running import
    reopened = Store(store.path)  # the import's process is gone: its lock with it
    assert _index_definitions(reopened) == before


def test_an_import_ending_while_another_defers_leaves_the_building_to_it(store):
    """Two imports deferring at once: the first to end leaves the indexes to the one still running."""
    before = _index_definitions(store)
    with store.deferring_indexes():
        other = Store(store.path)
        with other.deferring_indexes():
            pass
        assert _index_definitions(store) == {}
    assert _index_definitions(store) == before
