"""The SQLite store: one file holding articles and what was extracted from them.

Every write is keyed by content (article id = hash of title and text), so ingesting the same input twice
adds nothing. The schema version lives in `PRAGMA user_version`; `MIGRATIONS[n]` takes a store from
version n to n + 1. A connection is opened per operation, so one Store can serve several threads; a
long run of writes (an ingest) keeps one for its thread (`Store.writing`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

from dashboard.model import Actor, Article, Event, Extraction, Mention, field_values

try:
    import fcntl
except ImportError:  # not POSIX: `ImportLock` always succeeds
    fcntl = None

DEFAULT_DB = Path(os.environ.get("NEWSMAP_DB", "data/newsmap.db"))
WRITE_CACHE_MB = 64  # the page cache of a held write connection (`Store.writing`)
# Building the indexes an import deferred: SQLite sorts in parallel only runs that spilled out of memory,
# so a small cache with helper threads sorts faster (at a million GDELT events, 4.9 s with 8 MB and 4
# threads, 7.7 s with one thread, whatever its memory).
INDEX_BUILD_CACHE_MB = 8
INDEX_BUILD_THREADS = min(4, os.cpu_count() or 1)
ACTORS_PER_STATEMENT = 500  # `Store.actors` binds at most this many ids to one statement

# Each migration is a list of statements, applied in one transaction.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, text TEXT NOT NULL, url TEXT NOT NULL,
            source TEXT NOT NULL, published TEXT, dateline TEXT NOT NULL,
            ingested_at TEXT NOT NULL DEFAULT (datetime('now')))""",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, place_id TEXT NOT NULL,
            role TEXT NOT NULL, confidence REAL NOT NULL, sentence INTEGER NOT NULL,
            PRIMARY KEY (article_id, start, "end"))""",
        "CREATE INDEX mentions_by_place ON mentions(place_id)",
        """CREATE TABLE actors (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT,
            sector TEXT NOT NULL, title TEXT NOT NULL)""",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            type TEXT NOT NULL, source_actor TEXT, target_actor TEXT,
            evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, mode TEXT NOT NULL,
            source_country TEXT, target_country TEXT, place_id TEXT, date TEXT,
            date_precision TEXT NOT NULL, confidence REAL NOT NULL)""",
        "CREATE INDEX events_by_article ON events(article_id)",
        "CREATE INDEX events_by_place ON events(place_id)",
    ],
    ["ALTER TABLE events ADD COLUMN rank INTEGER NOT NULL DEFAULT 0"],
    # Full-text search over titles and texts; triggers keep the index in step with the articles table.
    [
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END""",
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text); END""",
        "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
        "CREATE INDEX events_by_date ON events(date)",
    ],
    # Provenance: which coder an event comes from (empty for events stored before this column existed).
    ["ALTER TABLE events ADD COLUMN coder TEXT NOT NULL DEFAULT ''"],
    # A mention's sentence as offsets into its article, not as an index into the splitter's sentences: a
    # better splitter would make a stored index point at another sentence. Mentions stored before keep
    # NULL, and the panel finds their sentence in the text (`queries._sentences`).
    [
        "ALTER TABLE mentions ADD COLUMN sentence_start INTEGER",
        "ALTER TABLE mentions ADD COLUMN sentence_end INTEGER",
        "ALTER TABLE mentions DROP COLUMN sentence",
    ],
    # The id the input gave an article (a JSON or CSV `id`, a feed entry's id) and an imported event (GDELT,
    # ACLED), so exports join back to the user's data; NULL where there is none, as for what was stored.
    [
        "ALTER TABLE articles ADD COLUMN input_id TEXT",
        "ALTER TABLE events ADD COLUMN input_id TEXT",
    ],
    # The store indexes the articles it adds for full-text search itself (`Store._add`). Through the insert
    # trigger, FTS5 wrote its pending terms to disk for each article (a trigger runs inside a savepoint, and
    # FTS5 flushes at every savepoint): 40 µs an article, most of the time of a GDELT import's writes.
    ["DROP TRIGGER articles_fts_insert"],
    # The map, timeline and counts read aggregates; at a million events a scan of the events table costs
    # seconds per query. Two covering indexes hold every column those reads filter and group by, each in
    # the order one kind of read groups in, so SQLite answers them from the index alone and needs no sort:
    # by place and type (the Events layer, and each marker's newest events: `date DESC` as the map lists
    # them), and by date and type (the timeline, the count, a date window). They replace the two narrower
    # indexes they begin with. See benchmarks/README.md, "Scale: choosing the read engine".
    [
        "DROP INDEX events_by_place",
        "DROP INDEX events_by_date",
        """CREATE INDEX events_by_place_type ON events(place_id, type, date DESC, article_id, evidence_start,
            rank, confidence, date_precision, source_country, target_country)""",
        """CREATE INDEX events_by_date_type ON events(date, date_precision, type, rank, confidence, place_id,
            source_country, target_country)""",
    ],
    # A place's panel and the text filter at a million events read whole index ranges too: the actors of a
    # place's events (`events_by_place_type` now holds them), the articles of the events a date, type or
    # country keeps, to test them against the text query's matches (`events_by_date_type`), and a place's
    # mentions with their role, confidence and article (`mentions_by_place`, which the map's mention counts
    # with those filters read too). Without these columns each of those reads looked up every event's or
    # mention's row: 2-10x slower. The columns go last, so every read the narrower indexes served is
    # served in the same order; and the article last of all: SQLite would otherwise seek each (place,
    # article) pair of a country filter's places and its events' articles, millions of them. See
    # benchmarks/README.md, "A place's panel and full-text search".
    [
        "DROP INDEX events_by_place_type",
        """CREATE INDEX events_by_place_type ON events(place_id, type, date DESC, article_id, evidence_start,
            rank, confidence, date_precision, source_country, target_country, source_actor, target_actor)""",
        "DROP INDEX events_by_date_type",
        """CREATE INDEX events_by_date_type ON events(date, date_precision, type, rank, confidence, place_id,
            source_country, target_country, article_id)""",
        "DROP INDEX mentions_by_place",
        "CREATE INDEX mentions_by_place ON mentions(place_id, role, confidence, article_id)",
    ],
    # The map's mention counts under an event filter (a type, a country) count the mentions of the articles
    # with a selected event: an article's mentions, with the columns those counts read, from an index alone
    # (the primary key's index holds no place, so each mention's row was read too: 2x slower at a million
    # events; benchmarks/README.md, "The app in AppTest").
    ["CREATE INDEX mentions_by_article ON mentions(article_id, role, confidence, place_id)"],
    # A place's panel under an event filter lists the articles that mention the place and hold a selected
    # event, asking of each mention's article whether it has one: with only the article id in the index,
    # each of its events' rows was read for its type, rank and confidence (a country's panel with a type
    # filter at 6.5 million events: 8.4 s for its count alone, 0.3 s from the index). The index holds the
    # columns the covering indexes hold for the usual filters (actor filters still read rows).
    [
        "DROP INDEX events_by_article",
        """CREATE INDEX events_by_article ON events(article_id, type, rank, confidence, date, date_precision,
            place_id, source_country, target_country)""",
    ],
    # A large import drops the events' and mentions' secondary indexes and builds them (and the search
    # index) again at its end (`Store.deferring_indexes`); the statements that build them wait here
    # meanwhile, so that a store left by an import that stopped half-way gets them back when next opened.
    ["CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL)"],
]


@cache
def _columns(record_type) -> str:
    return ", ".join(f'"{f.name}"' for f in fields(record_type))


@cache
def _placeholders(record_type) -> str:
    return ", ".join("?" for _ in fields(record_type))


@cache
def _insert(record_type, how: str) -> str:
    """`how` ("INSERT", "INSERT OR IGNORE"...) a record of `record_type` into its table."""
    table = f"{record_type.__name__.lower()}s"
    return f"{how} INTO {table} ({_columns(record_type)}) VALUES ({_placeholders(record_type)})"


@cache
def _dated(record_type) -> tuple[int, ...]:
    """The positions of a record type's date fields (Article.published, Event.date)."""
    return tuple(i for i, f in enumerate(fields(record_type)) if f.type in ("date", "date | None"))


def row_values(record) -> tuple:
    """The record's fields in column order, dates as ISO text. (Not `dataclasses.astuple`: it deep-copies
    every value and was most of the ingest's main-process time.)"""
    values = field_values(record)
    dated = _dated(type(record))
    if not dated:
        return values
    values = list(values)
    for i in dated:
        if values[i] is not None:
            values[i] = values[i].isoformat()
    return tuple(values)


# A stored article is left as it is (only its id can conflict: any other constraint still fails the write).
_ADD_ARTICLE = (
    f"INSERT INTO articles ({_columns(Article)}) VALUES ({_placeholders(Article)}) ON CONFLICT(id) DO NOTHING"
)

_ACTOR_FIELDS = ("name", "kind", "country", "sector", "title")
_UPDATE_ACTOR = (
    f"INSERT INTO actors ({_columns(Actor)}) VALUES ({_placeholders(Actor)}) ON CONFLICT(id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _ACTOR_FIELDS)
    + f" WHERE ({', '.join(_ACTOR_FIELDS)})"
    + f" IS NOT ({', '.join(f'excluded.{name}' for name in _ACTOR_FIELDS)})"
)


_TITLE, _TEXT = (i for i, f in enumerate(fields(Article)) if f.name in ("title", "text"))
_NEW_ARTICLES = "SELECT rowid, title, text FROM articles WHERE rowid > ? ORDER BY rowid"
_REBUILD_SEARCH = "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"
_MAX_ROWID = 2**63 - 1


class Rows(NamedTuple):
    """An Extraction as the store's rows (each record's `row_values`): what a reader process sends the
    ingesting one, as plain tuples, which pickle in a fraction of the time the records take."""

    article: tuple
    mentions: list[tuple]
    actors: list[tuple]
    events: list[tuple]

    @classmethod
    def of(cls, extraction: Extraction) -> Rows:
        return cls(
            row_values(extraction.article),
            [row_values(mention) for mention in extraction.mentions],
            [row_values(actor) for actor in extraction.actors],
            [row_values(event) for event in extraction.events],
        )

    @property
    def article_id(self) -> str:
        return self.article[0]


class Store:
    read_only = False  # as opposed to `parquet_store.ParquetStore`

    def __init__(self, path: str | os.PathLike = DEFAULT_DB) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=60, isolation_level=None)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            self._migrate(db)
            deferred = db.execute("SELECT 1 FROM deferred_indexes LIMIT 1").fetchone()
        self._watch: sqlite3.Connection | None = None  # see _quick
        self._watch_lock = threading.Lock()
        self._held = threading.local()  # .db: this thread's write connection, inside `writing`
        self._deferring = False  # inside `deferring_indexes`: articles are indexed for search at its end
        if deferred:
            self._restore_left_indexes()

    def _open(self, write: bool) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.row_factory = sqlite3.Row
        # Foreign keys are not checked: every write stores an article before its records (`_add`) and no
        # article is ever removed, so a check could only confirm that, and it cost a look-up in the articles'
        # key (a content hash: a random place) for every event and mention: 8-12 % of an import's writes
        # into a store of a million events (benchmarks/README.md, "A GDELT month").
        db.execute("PRAGMA foreign_keys=OFF")
        db.execute("PRAGMA synchronous=NORMAL")  # safe in WAL mode: a crash loses no committed article
        if write:
            # Copy the write-ahead log into the store every 40 MB, not every 4: a page that batch after
            # batch changes (B-tree and full-text index pages) is then copied once, not ten times.
            db.execute("PRAGMA wal_autocheckpoint=10000")
        return db

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction: committed on success, rolled back on error. A thread's reads reuse one
        connection (each its own transaction, so each sees the latest commit).

        A write takes the lock up front (BEGIN IMMEDIATE), so two processes ingesting into one store
        queue for it instead of failing when a read transaction tries to become a write.
        """
        held = getattr(self._held, "db" if write else "reader", None)
        if held is not None and held.in_transaction:  # a read inside another of this thread's reads
            held = None
        db = held or self._open(write)
        if not write and held is None and getattr(self._held, "reader", None) is None:
            # This thread's reads share one connection: what a read keeps in it (its page cache, the text
            # query's matches, `selection_sql._text_matches`) serves the next read of the same view.
            self._held.reader = held = db
        try:
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            yield db
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        finally:
            if held is None:
                db.close()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Within this block, this thread's writes share one connection, with a larger page cache.

        Each write is still its own transaction, taking and releasing the lock. But a new connection
        starts with an empty page cache and reads again every B-tree page it changes: with rows keyed by
        content hashes, that is most pages, and a third of the cost of storing an article into a store
        of 5,000 (measured). Nested blocks share the outer one's connection.
        """
        if getattr(self._held, "db", None) is not None:
            yield
            return
        db = self._open(write=True)
        db.execute(f"PRAGMA cache_size=-{WRITE_CACHE_MB * 1024:d}")  # in KiB when negative
        self._held.db = db
        try:
            yield
        finally:
            self._held.db = None
            db.close()

    # -- deferring indexes for a large import ---------------------------------------------------------
    @contextmanager
    def deferring_indexes(self) -> Iterator[None]:
        """Within this block the events' and mentions' secondary indexes are dropped, and they are built
        again at its end, whether it ends well or not; the full-text index is rebuilt then too (search
        finds the block's articles from then on).

        Each of those indexes takes every new row at a random place (they begin with a content hash or
        a place), so a large import spends most of its writes on them; built at the end, each is one
        sort. The search index takes a third of the time in one statement as in one per batch (at a
        million GDELT events, 5 s against 14). Reads meanwhile scan the tables instead (correct, slower).
        The statements that build them are kept in `deferred_indexes` meanwhile: a store whose import
        was killed gets its indexes back when it is next opened. The import holds a shared lock on a
        file beside the store (`_import_lock`) so that nothing else builds them while it runs, and an
        import that ends while another still runs leaves the building to the last one.
        """
        with self._import_lock(shared=True) as lock:
            with self._connect(write=True) as db:
                indexes = db.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                    " AND tbl_name IN ('events', 'mentions')"
                ).fetchall()
                db.executemany(
                    "INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)",
                    [*indexes, ("articles_fts", _REBUILD_SEARCH)],
                )
                for name, _ in indexes:
                    db.execute(f'DROP INDEX "{name}"')
            self._deferring = True
            try:
                yield
            finally:
                self._deferring = False
                if lock.exclusive():
                    self._restore_indexes()

    def _restore_left_indexes(self) -> None:
        """Build the indexes an import deferred, unless an import is running (it will)."""
        with self._import_lock(shared=False) as lock:
            if lock.held:
                self._restore_indexes()

    def _restore_indexes(self) -> None:
        with self._connect(write=True) as db:
            db.execute(f"PRAGMA cache_size=-{INDEX_BUILD_CACHE_MB * 1024:d}")  # the sorts' memory, in KiB
            db.execute(f"PRAGMA threads={INDEX_BUILD_THREADS:d}")
            existing = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            for name, sql in db.execute("SELECT name, sql FROM deferred_indexes").fetchall():
                if name not in existing:
                    db.execute(sql)
            db.execute("DELETE FROM deferred_indexes")

    def _import_lock(self, shared: bool) -> ImportLock:
        return ImportLock(self.path.with_name(self.path.name + "-import.lock"), shared)

    def read(self):
        """A read transaction for queries written elsewhere (filters, exports): one consistent snapshot."""
        return self._connect()

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Bring the schema up to date; the write lock makes concurrent openers wait, not collide."""
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in statements:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number:d}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @property
    def schema_version(self) -> int:
        with self._connect() as db:
            return db.execute("PRAGMA user_version").fetchone()[0]

    def data_version(self) -> int:
        """A number that changes whenever anything (this process or another) commits to the store, for
        caches of what was read from it. It comes from one long-lived connection (SQLite's
        `PRAGMA data_version` counts the commits of every other connection), so compare it only with
        values from the same Store object."""
        return self._quick("PRAGMA data_version")[0]

    def _quick(self, sql: str, params: tuple = ()) -> tuple | None:
        """One row from the store's long-lived connection (autocommit: each statement sees the latest
        commit). For the frequent small reads: opening a connection costs more than they do, and closing
        the last one to a WAL store checkpoints it."""
        with self._watch_lock:
            if self._watch is None:
                self._watch = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            return self._watch.execute(sql, params).fetchone()

    # -- writing -------------------------------------------------------------------------------------
    def add(
        self,
        article: Article,
        mentions: list[Mention] = (),
        actors: list[Actor] = (),
        events: list[Event] = (),
        replace: bool = True,
    ) -> bool:
        """Store an article and its extractions atomically. Returns False if the article was already stored.

        Extractions of an already stored article are replaced, so re-running a better extractor updates
        the store instead of duplicating it. With `replace=False` they are added to (imports such as
        GDELT list one article's events across several files).
        """
        return self.add_many([Extraction(article, list(mentions), list(actors), list(events))], replace)[0]

    def add_many(self, extractions: Sequence[Extraction | Rows], replace: bool = True) -> list[bool]:
        """`add` for several articles in one transaction (one lock, one commit): what batch ingest uses.
        Each is an Extraction, or the same as the store's rows (`Rows`, as a reader process sends them)."""
        rows = [item if isinstance(item, Rows) else Rows.of(item) for item in extractions]
        with self._connect(write=True) as db:
            if len({item.article[0] for item in rows}) < len(rows):
                # An article twice: each time's extractions replace or add to the time before's, in order.
                return [self._add(db, [item], replace)[0] for item in rows]
            return self._add(db, rows, replace)

    def _add(self, db: sqlite3.Connection, extractions: list[Rows], replace: bool) -> list[bool]:
        """Store distinct articles and their records: one statement per table for all of them (most of the
        time of a large import is per statement). New articles go into the full-text index too."""
        new = self._add_articles(db, [extraction.article for extraction in extractions])
        if replace:
            ids = [(extraction.article_id,) for extraction in extractions]
            db.executemany("DELETE FROM mentions WHERE article_id = ?", ids)
            db.executemany("DELETE FROM events WHERE article_id = ?", ids)
        verb = "INSERT" if replace else "INSERT OR IGNORE"
        for record_type, name, how in ((Mention, "mentions", verb), (Event, "events", verb)):
            rows = [row for extraction in extractions for row in getattr(extraction, name)]
            if rows:
                db.executemany(_insert(record_type, how), rows)
        # Each actor as last given (imports give the same actors again and again): written only if changed.
        actors = {row[0]: row for extraction in extractions for row in extraction.actors}
        if actors:
            db.executemany(_UPDATE_ACTOR, list(actors.values()))
        return new

    def _add_articles(self, db: sqlite3.Connection, articles: list[tuple]) -> list[bool]:
        """Insert the articles not stored yet (distinct ids) and index them for search; whether each was new.

        A new row takes the rowid after the table's largest, in order: the new articles are those past
        the largest rowid before the insert, and are indexed from the table in one statement (the texts
        do not go through Python again). Only when the rowids have run out (SQLite then picks free ones
        at random) is each article inserted on its own to learn whether it was new. Within
        `deferring_indexes` the search index is rebuilt at the end instead."""
        top = db.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
        if top + len(articles) >= _MAX_ROWID:
            new, indexed = [], []
            for article in articles:
                added = db.execute(_ADD_ARTICLE, article)
                new.append(added.rowcount == 1)
                if added.rowcount == 1:
                    indexed.append((added.lastrowid, article[_TITLE], article[_TEXT]))
            db.executemany("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)", indexed)
            return new
        db.executemany(_ADD_ARTICLE, articles)
        added = {row[0] for row in db.execute("SELECT id FROM articles WHERE rowid > ?", (top,))}
        if not self._deferring:
            db.execute(f"INSERT INTO articles_fts(rowid, title, text) {_NEW_ARTICLES}", (top,))
        return [article[0] in added for article in articles]

    # -- reading -------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self._quick("SELECT 1 FROM articles WHERE id = ?", (article_id,)) is not None

    def approximate_event_count(self) -> int:
        """The number of events stored, from the table's largest rowid: exact unless events were replaced
        (re-extraction), then somewhat more; instant at any size, unlike count(*)."""
        return self._quick("SELECT max(rowid) FROM events")[0] or 0

    def article_count(self) -> int:
        with self._connect() as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article(self, article_id: str) -> Article | None:
        with self._connect() as db:
            row = db.execute(
                f"SELECT {_columns(Article)} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return article_of_row(row) if row else None

    def search(self, query: str, limit: int = 1000) -> list[str]:
        """Ids of the articles matching a text query, best match first (FTS5, bm25).

        Every word must occur; a word ending in * matches as a prefix. The query is user input, so each
        word is quoted: FTS5 operators and column filters in it are searched as plain words, and any text
        makes a valid query (one with no word to search, only punctuation, finds nothing). Characters that
        are not printable (NUL, other controls, lone surrogates) separate words: FTS5 ends a string at NUL.
        """
        match = fts_query(query)
        if not match:
            return []
        with self._connect() as db:
            rows = db.execute(
                "SELECT articles.id FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid"
                " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
                (match, limit),
            ).fetchall()
        return [row[0] for row in rows]

    def actors(self, ids: list[str]) -> dict[str, Actor]:
        """The actors of these ids (any number: SQLite's parameters are bound per statement)."""
        ids, found = list(ids), {}
        with self._connect() as db:
            for start in range(0, len(ids), ACTORS_PER_STATEMENT):
                batch = ids[start : start + ACTORS_PER_STATEMENT]
                marks = ", ".join("?" for _ in batch)
                rows = db.execute(f"SELECT {_columns(Actor)} FROM actors WHERE id IN ({marks})", batch)
                found.update((row["id"], Actor(**dict(row))) for row in rows)
        return found


class ImportLock:
    """An advisory lock on a file beside the store, which the OS releases when its holder stops: an import
    that defers indexes holds it shared (`Store.deferring_indexes`); building them needs it exclusive,
    which is refused (not waited for) while an import holds it. Without `fcntl` (not POSIX) it is always
    granted."""

    def __init__(self, path: Path, shared: bool) -> None:
        self.path, self.shared = path, shared
        self.held = False

    def __enter__(self) -> ImportLock:
        self.handle = self.path.open("a")
        if fcntl is None:
            self.held = True
        elif self.shared:
            fcntl.flock(self.handle, fcntl.LOCK_SH)  # waits only while indexes are being built
            self.held = True
        else:
            self.exclusive()
        return self

    def exclusive(self) -> bool:
        """Hold the lock exclusively if no one else holds it; whether that worked. (A shared lock turned
        exclusive may be lost when that fails: only what ends the import asks.)"""
        if fcntl is not None:
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self.held = False
                return False
        self.held = True
        return True

    def __exit__(self, *exc) -> None:
        self.handle.close()  # releases the lock


def fts_query(text: str) -> str:
    """Typed text as an FTS5 query (`Store.search`): each word quoted, "" when it has no word to search."""
    printable = "".join(c if c.isprintable() else " " for c in text)
    terms = [_fts_term(word) for word in printable.split()[:32]]
    return " ".join(term for term in terms if term)


def _fts_term(word: str) -> str:
    prefix = word.endswith("*")
    word = word.rstrip("*").replace('"', "")
    return f'"{word}"' + ("*" if prefix else "") if word else ""


def article_of_row(row) -> Article:
    """An article from a row of `articles` addressed by column name (SQLite's, or the Parquet store's)."""
    values = dict(row)
    values["published"] = date.fromisoformat(values["published"]) if values["published"] else None
    return Article(**values)
