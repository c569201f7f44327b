"""The Parquet tables of a cluster run as a read-only store (`dashboard.parquet_store`, `app --parquet`):
each query of the app and of the exports answers on them what it answers on a SQLite store loaded from
the same tables (`cluster.load_parquet`), and what each filter means (`synthetic.py`'s oracle)."""

from __future__ import annotations

import io
import random
from dataclasses import fields, replace

import pyarrow.parquet as pq
import pytest
from synthetic import PLACES, build, random_selection, selected_articles, selected_events, selected_mentions

from dashboard import exports, queries
from dashboard.cluster import _write, load_parquet
from dashboard.model import Article, Event, Extraction, Mention
from dashboard.selection import Selection
from dashboard.selection_sql import same_actor, selecting
from dashboard.store import Store

duckdb = pytest.importorskip("duckdb")

from dashboard import parquet_store  # noqa: E402  (after the skip)
from dashboard.parquet_store import NoTables, ParquetStore  # noqa: E402

SELECTIONS = 40
RECORDS = {"articles": Article, "mentions": Mention, "events": Event}


class _Collected:
    """What `synthetic.build` writes, kept as Extractions instead of stored."""

    def __init__(self) -> None:
        self.extractions: list[Extraction] = []

    def add(self, article, mentions=(), actors=(), events=()) -> None:
        self.extractions.append(Extraction(article, list(mentions), list(actors), list(events)))


def write_tables(extractions: list[Extraction], folder) -> None:
    """The extractions as Dask tasks write them (`cluster._write`), in three parts, then a fourth that
    holds some articles again: two whole (an input file in two partitions), and two with the rest of
    their events (a GDELT article whose events two export files list)."""
    third = len(extractions) // 3
    parts = [extractions[:third], extractions[third : 2 * third], extractions[2 * third :]]
    # Given again with other values, a mention is stored as first given, an actor as last given (an
    # actor that the article's events name: the others are not loaded).
    first = next(e for e in extractions if e.mentions and len(e.events) == 1 and e.events[0].source_actor)
    changed = replace(
        first,
        mentions=[replace(m, confidence=0.01) for m in first.mentions],
        actors=[replace(a, kind="given-later") for a in first.actors],
    )
    again = [changed, extractions[third + 2]]
    split = [e for e in extractions if len(e.events) >= 2][:2]
    for part in parts:
        for i, extraction in enumerate(part):
            if extraction in split:
                part[i] = replace(extraction, events=extraction.events[:1])
    again += [replace(e, events=e.events[1:]) for e in split]
    for number, part in enumerate([*parts, again]):
        _write(part, folder, f"part-{number:05d}-0000")


@pytest.fixture(scope="module", params=["in memory", "in place"])
def stores(tmp_path_factory, request):
    """(the SQLite store loaded from the tables, the ParquetStore on them, the records); the ParquetStore
    copies the tables into memory (small ones), or reads them from the files (large ones)."""
    collected = _Collected()
    records = build(collected, seed=3)
    # Loading keeps the actors that events name (`load_parquet`), the only ones a panel shows and so the
    # only ones an actor filter can be set to; the tables keep them all, which changes no answer.
    named = {i for e in records.events for i in (e.source_actor, e.target_actor) if i}
    records.actors = {i: actor for i, actor in records.actors.items() if i in named}
    folder = tmp_path_factory.mktemp("parquet") / "tables"
    write_tables(collected.extractions, folder)
    sqlite = Store(folder.parent / "loaded.db")
    load_parquet(folder, sqlite)
    parquet = ParquetStore(folder, load_under_mb=0 if request.param == "in place" else 100)
    assert parquet.in_memory == (request.param == "in memory")
    return sqlite, parquet, records


@pytest.fixture(scope="module")
def selections(stores):
    rng = random.Random(5)
    return [Selection(), Selection(min_confidence=0, main_only=False)] + [
        random_selection(rng, stores[2]) for _ in range(SELECTIONS)
    ]


def _rows(store, table: str) -> list[tuple]:
    columns = ", ".join(f'"{f.name}"' for f in fields(RECORDS[table]))
    with store.read() as db:
        return sorted(tuple(row) for row in db.execute(f"SELECT {columns} FROM {table}"))


def test_the_tables_hold_once_each_record_that_loading_them_stores(stores):
    sqlite, parquet, records = stores
    for table in RECORDS:
        assert _rows(parquet, table) == _rows(sqlite, table), table
    # The tables repeat articles, mentions and events: each is there once.
    assert len(pq.read_table(parquet.path / "articles").column("id")) > len(records.articles)
    assert len(pq.read_table(parquet.path / "events").column("id")) > len(records.events)
    assert parquet.article_count() == sqlite.article_count() == len(records.articles)
    assert len(_rows(parquet, "events")) == len(records.events)
    named = sorted({i for e in records.events for i in (e.source_actor, e.target_actor) if i})
    assert parquet.actors(named) == sqlite.actors(named)
    assert {a.kind for a in parquet.actors(named).values()} == {"government", "given-later"}
    assert 0.01 not in {row[6] for row in _rows(parquet, "mentions")}  # the confidence first given
    article = records.articles[4]
    assert parquet.article(article.id) == sqlite.article(article.id) == article
    assert parquet.article("no-such-article") is None


def test_each_filter_selects_on_the_tables_what_it_means(stores, selections, gazetteer):
    _, parquet, records = stores
    for selection in selections:
        with selecting(parquet, selection, gazetteer) as (db, found):
            events = {
                r[0]
                for r in db.execute(f"SELECT e.id FROM events e WHERE {found.events}", found.event_params)
            }
            articles = {
                r[0]
                for r in db.execute(
                    f"SELECT a.id FROM articles a WHERE {found.articles}", found.article_params
                )
            }
            mentions = db.execute(
                "SELECT m.article_id, m.start FROM mentions m JOIN articles a ON a.id = m.article_id"
                f" WHERE {found.mentions}",
                found.mention_params,
            ).fetchall()
        assert events == {e.id for e in selected_events(records, selection, gazetteer)}, selection
        assert articles == selected_articles(records, selection, gazetteer), selection
        expected = sorted((m.article_id, m.start) for m in selected_mentions(records, selection, gazetteer))
        assert sorted(tuple(row) for row in mentions) == expected, selection


def _points(found: tuple[dict, list]) -> tuple[dict, set]:
    counts, places = found
    return counts, {place.id for place in places}  # the places in no order


def test_the_map_timeline_and_counts_are_the_same_on_both_stores(stores, selections, gazetteer):
    sqlite, parquet, _ = stores
    shaped = {"MAR"}
    for selection in selections:
        for name, query in (
            ("event_count", lambda s, sel: queries.event_count(s, gazetteer, sel)),
            ("map_events", lambda s, sel: queries.map_events(s, gazetteer, sel, listed=2)),
            ("event_map", lambda s, sel: queries.event_map(s, gazetteer, sel)),
            ("mentioned_points", lambda s, sel: _points(queries.mentioned_points(s, gazetteer, shaped, sel))),
            ("timeline by type", lambda s, sel: queries.timeline(s, gazetteer, sel, by="type")),
            ("timeline by tone", lambda s, sel: queries.timeline(s, gazetteer, sel, by="tone")),
            ("latest events", lambda s, sel: queries.latest_events(s, gazetteer, sel, limit=10)),
        ):
            assert query(parquet, selection) == query(sqlite, selection), (name, selection)
    assert queries.event_dates(parquet) == queries.event_dates(sqlite)


def test_a_place_s_panel_is_the_same_on_both_stores(stores, selections, gazetteer):
    sqlite, parquet, _ = stores
    for selection in selections[:10]:
        for place_id in PLACES:
            report = queries.place_report(parquet, gazetteer, place_id, selection, max_articles=3)
            assert report == queries.place_report(sqlite, gazetteer, place_id, selection, max_articles=3)


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_exports_of_the_tables_are_the_same_files(stores, selections, gazetteer, fmt):
    sqlite, parquet, _ = stores
    for selection in selections[:10]:
        written = []
        for store in (parquet, sqlite):
            out = io.StringIO()
            exports.export(store, fmt, out, selection, gazetteer)
            written.append(out.getvalue())
        assert written[0] == written[1], selection


def test_same_actor_and_search_agree_with_the_sqlite_store(stores):
    sqlite, parquet, records = stores
    for actor_id in list(records.actors)[:30]:
        with parquet.read() as mine, sqlite.read() as theirs:
            assert set(same_actor(mine, actor_id)) >= set(same_actor(theirs, actor_id))
    for query in ("zebra", "harbour ministry", "accord*", "ACCORD", "nothing", "Story", '"envoys"', "."):
        assert set(parquet.search(query, limit=-1)) == set(sqlite.search(query, limit=-1)), query


def test_sessions_read_at_once_from_their_threads(stores, selections, gazetteer):
    """The app's sessions share one store (Streamlit's resource cache), each in a thread of its own."""
    from concurrent.futures import ThreadPoolExecutor

    _, parquet, _ = stores
    chosen = selections[:12]
    expected = [queries.event_count(parquet, gazetteer, s) for s in chosen]
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda s: queries.event_count(parquet, gazetteer, s), chosen * 3))
    assert found == expected * 3


# -- search without FTS5 -----------------------------------------------------------------------------------
SEARCHED = [
    ("Café talks", "Envoys met at the café in Rabat on Tuesday."),
    ("Naïve plans", "The U.S. delegation called the plan naïve; officials disagreed."),
    ("Harbour", "Shelling near the harbour. Police said the harbour-master fled."),
    ("Élections", "ÉLECTIONS in Côte d'Ivoire were held; turnout was 60%."),
    ("Numbers", "Talks on the 2021 accord resumed in Geneva (AGREE, CONSULT)."),
    ("Quotes", 'He said "title: OR NOT" and left. Accords, accordingly, accorded.'),
]
QUERIES = [
    "cafe", "café", "CAFE", "naive", "naïve", "u.s.", "U.S. delegation", "us", "harbour", "harbour-master",
    "master", "harb*", "élections", "elections", "cote", "côte d'ivoire", "ivoire", "2021", "202*", "60",
    "accord", "accord*", "accords", "title:", "OR", "NOT", '"said"', "(AGREE", "geneva talks", "police*",
    "*", "-", "shell", "shelling", "ÉLECT*", "d", "l", "résumed", "resum*",
]  # fmt: skip


@pytest.fixture(scope="module")
def searched(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search") / "tables"
    extractions = [Extraction(Article.create(text, title=title), [], [], []) for title, text in SEARCHED]
    _write(extractions, folder, "part-00000-0000")
    sqlite = Store(folder.parent / "loaded.db")
    load_parquet(folder, sqlite)
    return sqlite, ParquetStore(folder), {e.article.id: e.article.title for e in extractions}


@pytest.mark.parametrize("query", QUERIES)
def test_search_matches_the_words_fts5_matches(searched, query):
    """Every word must occur, as a whole word or (with *) a word's beginning, in any case and with or
    without diacritics; anything typed is a valid query."""
    sqlite, parquet, titles = searched
    found = {titles[i] for i in parquet.search(query)}
    assert found == {titles[i] for i in sqlite.search(query)}, query


def test_search_finds_nothing_in_punctuation_and_honours_the_limit(searched):
    _, parquet, _ = searched
    assert parquet.search("...") == [] and parquet.search("") == []
    assert len(parquet.search("the", limit=2)) == 2


# -- the folder ----------------------------------------------------------------------------------------------
def test_a_folder_without_tables_is_an_error_naming_it(tmp_path):
    with pytest.raises(NoTables, match=str(tmp_path)):
        ParquetStore(tmp_path)
    _write([Extraction(Article.create("Talks in Rabat."), [], [], [])], tmp_path, "part-00000-0000")
    (tmp_path / "events" / "part-00000-0000.parquet").unlink()
    with pytest.raises(NoTables, match="events"):
        ParquetStore(tmp_path)
    with pytest.raises(NoTables, match="no-such-folder"):
        ParquetStore(tmp_path / "no-such-folder")


def test_the_store_follows_parts_written_after_it_was_opened(tmp_path, monkeypatch):
    first = Extraction(Article.create("Talks in Rabat."), [], [], [])
    _write([first], tmp_path, "part-00000-0000")
    store = ParquetStore(tmp_path)
    monkeypatch.setattr(parquet_store, "LIST_EVERY_S", 0)
    version = store.data_version()
    assert store.data_version() == version and store.article_count() == 1
    assert store.search("Nairobi") == []
    second = Article.create("Talks in Nairobi.")
    _write([Extraction(second, [], [], []), first], tmp_path, "part-00001-0000")
    assert store.data_version() != version
    assert store.article_count() == 2 and store.search("Nairobi") == [second.id]


def test_tables_written_before_a_column_existed_read_as_loading_them_stores(tmp_path):
    """A part of an earlier version lacks columns (a mention's sentence, an event's coder and input id):
    its rows take the records' defaults, as `load_parquet` gives them; a column no part has, too."""
    collected = _Collected()
    build(collected, seed=9, articles=12)
    extractions = [
        replace(
            e,
            mentions=[replace(m, sentence_start=0, sentence_end=5) for m in e.mentions],
            actors=[replace(a, title="Minister") for a in e.actors],
            events=[replace(x, coder="a-coder", input_id=f"in-{x.id}") for x in e.events],
        )
        for e in collected.extractions
    ]
    half = len(extractions) // 2
    _write(extractions[:half], tmp_path, "part-00000-0000")
    _write(extractions[half:], tmp_path, "part-00001-0000")
    dropped = {"mentions": ["sentence_start", "sentence_end"], "events": ["coder", "input_id"]}
    for table, columns in dropped.items():
        path = tmp_path / table / "part-00000-0000.parquet"
        pq.write_table(pq.read_table(path).drop_columns(columns), path)
    for part in ("part-00000-0000", "part-00001-0000"):
        path = tmp_path / "actors" / f"{part}.parquet"
        pq.write_table(pq.read_table(path).drop_columns(["title"]), path)
    sqlite = Store(tmp_path / "loaded.db")
    load_parquet(tmp_path, sqlite)
    parquet = ParquetStore(tmp_path)
    for table in RECORDS:
        assert _rows(parquet, table) == _rows(sqlite, table), table
    older = {x.id for e in extractions[:half] for x in e.events}
    coders = {(row[0] in older, row[-2], row[-1] is None) for row in _rows(parquet, "events")}
    assert coders == {(True, "", True), (False, "a-coder", False)}
    named = [i for e in extractions for x in e.events for i in (x.source_actor, x.target_actor) if i]
    assert parquet.actors(named) == sqlite.actors(named)
    assert {actor.title for actor in parquet.actors(named).values()} == {""}


def test_duckdb_installs_loads_and_reads_nothing_beyond_the_tables(stores, tmp_path):
    """Only the extensions built into the wheel: one it would fetch (sqlite_scanner) is not there, and
    not downloaded; no file outside the folder is read."""
    _, parquet, _ = stores
    outside = tmp_path / "outside.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    with parquet.read() as db:
        settings = db.execute(
            "SELECT current_setting('autoinstall_known_extensions'),"
            " current_setting('autoload_known_extensions')"
        ).fetchone()
        assert tuple(settings) == (False, False)
        with pytest.raises(duckdb.CatalogException, match="sqlite_scanner"):
            db.execute("SELECT * FROM sqlite_scan(?, 'events')", [str(tmp_path / "x.db")])
        with pytest.raises(duckdb.Error):
            db.execute("INSTALL sqlite_scanner")
        with pytest.raises(duckdb.PermissionException):
            db.execute("SELECT * FROM read_csv(?)", [str(outside)])
        with pytest.raises(duckdb.Error):
            db.execute("SET enable_external_access = true")


def test_cli_app_opens_the_tables_of_dir_or_names_it_when_it_has_none(tmp_path, capsys, monkeypatch):
    from dashboard import cli

    started = []
    monkeypatch.setattr(cli, "_serve", lambda command, env: started.append(env) or 0)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["app", "--parquet", str(empty)]) == 2
    assert f"error: {empty} holds no Parquet tables" in capsys.readouterr().err and not started
    tables = tmp_path / "tables"
    _write([Extraction(Article.create("Talks in Rabat."), [], [], [])], tables, "part-00000-0000")
    assert cli.main(["app", "--parquet", str(tables), "--port", "8599"]) == 0
    assert started[0]["NEWSMAP_PARQUET"] == str(tables.resolve())
    assert "read-only" in capsys.readouterr().out
    monkeypatch.setenv("NEWSMAP_PARQUET", str(tables))  # left by a shell: `app --db` opens the store
    assert cli.main(["app", "--db", str(tmp_path / "s.db")]) == 0
    assert "NEWSMAP_PARQUET" not in started[1]
