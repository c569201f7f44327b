"""The Parquet tables of `ingest --engine dask --parquet-only` as a read-only store, through DuckDB.

    store = ParquetStore("data/newsmap.db.parquet")   # DIR/{articles,mentions,actors,events}/*.parquet

It answers what the app, `dashboard.queries` and `dashboard.exports` ask of `dashboard.store.Store`
(`read`, `data_version`, `article`, `actors`, `search`, `article_count`, `path`), with the same SQL:
`read()` gives a connection whose `execute` returns rows addressable by name and position, as sqlite3's,
and whose `dialect` is "duckdb", for the few conditions whose SQL differs (`selection_sql.DIALECTS`).

Nothing goes through SQLite. Tables whose Parquet files take up to `LOAD_UNDER_MB` are copied into
DuckDB's memory when the store opens (about 4 times their size on disk: 514 MB for a million GDELT
events), where the queries read them up to 8 times faster than from the files (a place's panel: 0.25 s
instead of 2.1 at a million events); larger ones are views over their files, read where they are, in
memory that does not grow with them. Records are keyed by content, and an article in two partitions' files
is in two part files with its records, so each table keeps one row per key as loading them into SQLite
would (`cluster.load_parquet`: the first article, mention and event of each key, in part order, and the
last actor): the repeated rows are found once, when the files are listed, and each table leaves them out.

DuckDB runs with the extensions built into its wheel (parquet, json); it installs and loads no other,
and reads no file outside DIR. Full-text search has no FTS5 index here: `search` matches each word in
the titles and texts with a regular expression, with the words of FTS5's unicode61 tokenizer.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import MISSING, fields
from functools import cache
from pathlib import Path

from dashboard.model import Actor, Article, Event, Mention
from dashboard.store import article_of_row

TABLES: dict[str, type] = {"articles": Article, "mentions": Mention, "actors": Actor, "events": Event}
# Which rows are one record, and whether the first (in part order) or the last is kept, as
# `cluster.load_parquet` stores them: articles, mentions and events are inserted if new, actors updated.
KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "articles": (("id",), "ASC"),
    "mentions": (("article_id", "start", "end"), "ASC"),
    "actors": (("id",), "DESC"),
    "events": (("id",), "ASC"),
}
LIST_EVERY_S = 1.0  # how often data_version lists the part files again
LOAD_UNDER_MB = 256  # tables whose Parquet files take up to this are copied into memory (see above)
FETCH_ROWS = 10_000  # rows fetched at a time while a result is iterated (exports stream)
MAX_SEARCH_WORDS = 32  # as Store.search
KEPT_SEARCHES = 8  # the answers of the last searches, kept
_POSITION = "(file_index << 32) + file_row_number"  # a row's place among the files

# Settings that keep DuckDB to the files it is given: no extension installed or loaded (the parquet and
# json ones are built in), and no file read outside DIR (set last, since nothing can change them after).
_SETTINGS = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "default_null_order": "nulls_first_on_asc_last_on_desc",  # SQLite's order: NULL is the smallest value
    "preserve_insertion_order": True,  # a table copied into memory keeps the files' order (repeated rows)
    # A query that spills more than this fails, rather than fill the disk.
    "max_temp_directory_size": "4GB",
}


class NoTables(FileNotFoundError):
    """The folder holds no Parquet tables of the Dask path."""


def _sql_type(record_type, name: str) -> str:
    kind = {f.name: f.type for f in fields(record_type)}[name].removesuffix(" | None")
    return {"int": "BIGINT", "float": "DOUBLE"}.get(kind, "VARCHAR")


def _default(record_type, name: str) -> object:
    field = {f.name: f for f in fields(record_type)}[name]
    return None if field.default is MISSING else field.default


def _literal(value: object, sql_type: str) -> str:
    """A column default as SQL (the defaults are None, numbers and short constant strings)."""
    if value is None:
        return f"CAST(NULL AS {sql_type})"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return f"CAST({value!r} AS {sql_type})"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _files_sql(files: list[Path]) -> str:
    return "[" + ", ".join("'" + str(path).replace("'", "''") + "'" for path in files) + "]"


def table_files(folder: str | os.PathLike) -> dict[str, list[Path]]:
    """Each table's part files under `folder`, in name order (the order `cluster.load_parquet` stores
    them in); NoTables, naming the folder, when a table has none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NoTables(f"{folder}: no such folder of Parquet tables")
    found = {table: sorted((folder / table).glob("*.parquet")) for table in TABLES}
    missing = [table for table, files in found.items() if not files]
    if missing:
        raise NoTables(
            f"{folder} holds no Parquet tables of {', '.join(missing)} (expected {folder}/"
            f"{{{','.join(TABLES)}}}/*.parquet, as `ingest --engine dask --parquet-only` writes them)"
        )
    return found


# -- rows as sqlite3 gives them ----------------------------------------------------------------------------
class _Row(tuple):
    """A result row: a tuple that also takes column names (`row["id"]`) and has `keys()`, as sqlite3.Row.
    Each result makes a subclass holding its columns' names (`_index`)."""

    _index: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


class Cursor:
    """One statement's result, read a batch at a time (`fetchone`, `fetchall`, iteration)."""

    def __init__(self, result) -> None:
        self._result = result
        names = [column[0] for column in result.description or ()]
        self._row = type("Row", (_Row,), {"_index": {name: i for i, name in enumerate(names)}})
        self._batch: Iterator = iter(())

    def fetchone(self):
        return next(self, None)

    def fetchall(self) -> list:
        return [*self._batch, *map(self._row, self._result.fetchall())]

    def __iter__(self) -> Cursor:
        return self

    def __next__(self):
        row = next(self._batch, None)
        if row is None:
            self._batch = map(self._row, self._result.fetchmany(FETCH_ROWS))
            row = next(self._batch)  # StopIteration when the result is done
        return row


class Connection:
    """A read connection with the part of sqlite3.Connection's interface the queries use."""

    dialect = "duckdb"

    def __init__(self, db, register) -> None:
        self._db = db
        self._register = register

    def execute(self, sql: str, params=()) -> Cursor:
        # Each statement on a cursor of its own: DuckDB ends a connection's result when the next statement
        # runs, and an export reads three results side by side.
        return Cursor(self._db.cursor().execute(sql, list(params)))

    def create_function(self, name: str, narg: int, function, deterministic: bool = False) -> None:
        """sqlite3's `create_function`, for functions of text (`casefold`)."""
        self._register(name, narg, function, deterministic)


# -- the store ---------------------------------------------------------------------------------------------
class ParquetStore:
    """A read-only store over the Parquet tables under `path` (see the module's docstring)."""

    read_only = True  # the app hides its boxes that add articles

    def __init__(self, path: str | os.PathLike, load_under_mb: float = LOAD_UNDER_MB) -> None:
        self.path = Path(path).resolve()
        files = self._files()
        # In memory, or read from the files: chosen once, when the store opens.
        size = sum(part.stat().st_size for parts in files.values() for part in parts)
        self.in_memory = size <= load_under_mb * 2**20
        import duckdb  # the cluster extra: only this mode needs it

        self._db = duckdb.connect(":memory:", config=_SETTINGS)
        self._db.execute("SET temp_directory = ?", [str(Path(tempfile.gettempdir()) / "newsmap-duckdb")])
        self._db.execute("SET parquet_metadata_cache = true")  # each query reads every part's footer
        self._db.execute("SET allowed_directories = ?", [[str(self.path)]])
        self._db.execute("SET enable_external_access = false")
        self._db.execute("SET lock_configuration = true")
        self._lock = threading.Lock()  # the tables and functions
        self._opening = threading.Lock()  # connections are made one at a time
        self._functions: dict = {}
        self._signature: tuple = ()
        self._version = 0
        self._listed = time.monotonic()
        self._searches: dict[tuple, tuple[str, ...]] = {}  # (patterns, limit, version) -> ids
        self._searching = threading.Lock()  # not the files' lock: a search takes a second at a million
        self._define(files)

    # -- the files and their tables ---------------------------------------------------------------------
    def _files(self) -> dict[str, list[Path]]:
        return table_files(self.path)

    @staticmethod
    def _signature_of(files: dict[str, list[Path]]) -> tuple:
        stats = []
        for table in TABLES:
            for path in files[table]:
                stat = path.stat()
                stats.append((str(path), stat.st_size, stat.st_mtime_ns))
        return tuple(stats)

    def _define(self, files: dict[str, list[Path]]) -> None:
        """(Re)make the four tables (or views) of `files`, each without its repeated rows."""
        signature = self._signature_of(files)
        if signature == self._signature:
            return
        for table, record_type in TABLES.items():
            present = self._present_columns(files[table])
            # Files of several versions (a column added since) are read by column name, and a column a
            # file lacks is NULL in its rows: slower to open, so only then.
            mixed = len(set(present.values())) > 1
            source = f"read_parquet({_files_sql(files[table])}{', union_by_name = true' if mixed else ''})"
            columns = []
            for field in fields(record_type):
                sql_type = _sql_type(record_type, field.name)
                default = _default(record_type, field.name)
                in_all = present.get(field.name, 0) == len(files[table])
                if in_all or (field.name in present and default is None):
                    columns.append(_quote(field.name))
                elif field.name in present:  # tables written before the column existed: its default
                    columns.append(f"coalesce({_quote(field.name)}, {_literal(default, sql_type)})")
                else:
                    columns.append(_literal(default, sql_type))
                columns[-1] = f"{columns[-1]} AS {_quote(field.name)}"
            select = f"SELECT {', '.join(columns)} FROM {source}"
            if self.in_memory:
                self._db.execute(f"CREATE OR REPLACE TABLE {table} AS {select}")
                self._drop_repeated(table)
            else:
                repeated = self._repeated(table, source)
                where = f" WHERE {_POSITION} NOT IN (SELECT position FROM {repeated})" if repeated else ""
                self._db.execute(f"CREATE OR REPLACE VIEW {table} AS {select}{where}")
        self._signature = signature
        self._version += 1

    def _present_columns(self, files: list[Path]) -> dict[str, int]:
        """How many of the files hold each column."""
        rows = self._db.execute(
            f"SELECT name, count(DISTINCT file_name) FROM parquet_schema({_files_sql(files)}) GROUP BY name"
        ).fetchall()
        return dict(rows)

    def _drop_repeated(self, table: str) -> None:
        """Delete from a table in memory the rows whose key an earlier row (a later one, for actors) has:
        its rows are in the files' order (DuckDB keeps the order rows are inserted in)."""
        key, order = KEYS[table]
        keys = ", ".join(_quote(name) for name in key)
        self._db.execute(
            f"DELETE FROM {table} WHERE rowid IN (SELECT {table}.rowid FROM {table}"
            f" SEMI JOIN (SELECT {keys} FROM {table} GROUP BY {keys} HAVING count(*) > 1) USING ({keys})"
            f" QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY {table}.rowid {order}) > 1)"
        )

    def _repeated(self, table: str, source: str) -> str | None:
        """A table of the positions of the rows whose key an earlier row (a later one, for actors) has,
        named after `table`; None when every key is once."""
        key, order = KEYS[table]
        keys = ", ".join(_quote(name) for name in key)
        name = f"repeated_{table}"
        self._db.execute(
            f"CREATE OR REPLACE TABLE {name} AS"
            f" WITH twice AS (SELECT {keys} FROM {source} GROUP BY {keys} HAVING count(*) > 1)"
            " SELECT position FROM ("
            f" SELECT {_POSITION} AS position, row_number() OVER (PARTITION BY {keys}"
            f" ORDER BY file_index {order}, file_row_number {order}) AS n"
            f" FROM {source} JOIN twice USING ({keys})) WHERE n > 1"
        )
        if self._db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]:
            return name
        return None

    # -- the Store interface ---------------------------------------------------------------------------
    def data_version(self) -> int:
        """A number that changes when the part files change (another run writing into DIR); the tables
        follow the files then (copied again, when they are in memory)."""
        with self._lock:
            # A rerun of the app asks several times: the files (a thousand at a million events) are
            # listed at most once a second.
            if time.monotonic() - self._listed >= LIST_EVERY_S:
                self._define(self._files())
                self._listed = time.monotonic()
            return self._version

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for queries written elsewhere (filters, exports), for this thread. The files are
        read as they were when last listed (opening, `data_version`)."""
        with self._opening:
            db = self._db.cursor()
        try:
            yield Connection(db, self._create_function)
        finally:
            db.close()

    def _create_function(self, name: str, narg: int, function, deterministic: bool) -> None:
        """A Python function of text callable from SQL, on every connection; once per name and function."""
        with self._lock:
            if self._functions.get(name) is function:
                return
            if name in self._functions:
                self._db.remove_function(name)
            self._db.create_function(
                name, function, ["VARCHAR"] * narg, "VARCHAR", side_effects=not deterministic
            )
            self._functions[name] = function

    def article_count(self) -> int:
        with self.read() as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article(self, article_id: str) -> Article | None:
        with self.read() as db:
            row = db.execute(
                f"SELECT {_columns(Article)} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return article_of_row(row) if row is not None else None

    def actors(self, ids: list[str]) -> dict[str, Actor]:
        with self.read() as db:
            rows = db.execute(
                f"SELECT {_columns(Actor)} FROM actors WHERE id IN (SELECT unnest(?))", (list(ids),)
            ).fetchall()
        return {row["id"]: Actor(**dict(row)) for row in rows}

    def search(self, query: str, limit: int = 1000) -> list[str]:
        """Ids of the articles matching a text query, newest first (there is no bm25 rank here).

        As `Store.search`: every word must occur in the title or the text, and a word ending in * matches
        as a prefix; a word is what FTS5's unicode61 tokenizer makes one (letters and digits; "U.S." is the
        two words "u" "s" in a row), in any case, with or without diacritics on Latin letters.

        Each search reads every title and text, so the last few answers are kept (for the tables as they
        are): a view asks for its query's matches once per thing it shows (map, timeline, count...)."""
        patterns = [_word_pattern(word) for word in _printable(query).split()[:MAX_SEARCH_WORDS]]
        patterns = tuple(pattern for pattern in patterns if pattern)
        if not patterns:
            return []
        key = (patterns, limit, self._version)
        with self._searching:
            found = self._searches.pop(key, None)
            if found is None:
                found = self._search(patterns, limit)
            self._searches[key] = found  # the newest last
            while len(self._searches) > KEPT_SEARCHES:
                del self._searches[next(iter(self._searches))]
        return list(found)

    def _search(self, patterns: tuple[str, ...], limit: int) -> tuple[str, ...]:
        condition = " AND ".join("(regexp_matches(title, ?) OR regexp_matches(text, ?))" for _ in patterns)
        params = [pattern for pattern in patterns for _ in range(2)]
        limited = " LIMIT ?" if limit >= 0 else ""
        with self.read() as db:
            rows = db.execute(
                f"SELECT id FROM articles WHERE {condition} ORDER BY published DESC, id{limited}",
                params + ([limit] if limit >= 0 else []),
            ).fetchall()
        return tuple(row[0] for row in rows)


@cache
def _columns(record_type) -> str:
    return ", ".join(_quote(f.name) for f in fields(record_type))


# -- search ------------------------------------------------------------------------------------------------
def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in text)


def _base(text: str) -> str:
    """Lower case, without diacritics (what unicode61 with remove_diacritics matches on)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@cache
def _accented() -> dict[str, str]:
    """Each Latin letter's forms with diacritics (e: èéêë...), for patterns that match either."""
    forms: dict[str, list[str]] = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        base = _base(char)
        if len(base) == 1 and base != char.lower() and char.isalpha():
            forms.setdefault(base, []).append(char)
    return {base: "".join(chars) for base, chars in forms.items()}


_TOKEN = re.compile(r"[^\W_]+")  # letters and digits: unicode61's token characters
_EDGE = r"[^\pL\pN]"  # RE2: what is not a letter or a digit


def _word_pattern(word: str) -> str:
    """An RE2 pattern for one typed word (quoted, as Store.search quotes it for FTS5): its tokens in a
    row, any case and diacritics, whole words; the last a prefix when the word ends in *."""
    prefix = word.endswith("*")
    tokens = _TOKEN.findall(_base(word.rstrip("*")))
    if not tokens:
        return ""
    accented = _accented()
    parts = []
    for token in tokens:
        letters = []
        for char in token:
            forms = accented.get(char, "")
            letters.append(f"[{re.escape(char)}{forms}]" if forms else re.escape(char))
        parts.append(r"\pM*".join(letters) + r"\pM*")
    pattern = f"(?i)(^|{_EDGE})" + f"{_EDGE}+".join(parts)
    return pattern if prefix else pattern + f"({_EDGE}|$)"
