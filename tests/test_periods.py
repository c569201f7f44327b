"""An event's date at its precision: the period it names, how it reads, and the same period in SQL."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

import pytest

from dashboard.periods import NO_DATE, PRECISIONS, date_label, date_text, period, period_sql


@pytest.mark.parametrize(
    ("day", "precision", "text"),
    [
        (date(2021, 11, 24), "day", "2021-11-24"),
        (date(2021, 11, 25), "article", "2021-11-25"),
        (date(2021, 11, 24), "week", "week of 2021-11-22"),  # a Wednesday: its week starts on Monday
        (date(2021, 11, 22), "week", "week of 2021-11-22"),
        (date(2021, 11, 28), "week", "week of 2021-11-22"),  # Sunday ends it
        (date(2020, 12, 1), "month", "2020-12"),
        (date(2020, 12, 15), "month", "2020-12"),  # ACLED puts a month-only date mid-month
        (date(2000, 1, 1), "year", "2000"),
        (date(1990, 1, 1), "decade", "1990s"),
        (date(1994, 6, 1), "decade", "1990s"),
        (date(2021, 11, 24), "", "2021-11-24"),  # a date kept without its precision is a day
        (None, "", ""),
        (None, "year", ""),
    ],
)
def test_a_date_reads_as_precisely_as_it_is_known(day, precision, text):
    assert date_text(day, precision) == text


def test_a_year_never_reads_as_its_first_day():
    for precision in ("month", "year", "decade"):
        assert "-01-01" not in date_text(date(2000, 1, 1), precision)
        assert "-01-01" not in date_label(date(2000, 1, 1), precision)


def test_the_label_says_article_dates_and_missing_dates():
    assert date_label(date(2021, 11, 25), "article") == "2021-11-25 (article date)"
    assert date_label(date(2021, 11, 24), "day") == "2021-11-24"
    assert date_label(date(2000, 1, 1), "year") == "2000"
    assert date_label(None, "") == NO_DATE == "no date"


@pytest.mark.parametrize(
    ("day", "precision", "first", "last"),
    [
        (date(2021, 11, 24), "day", date(2021, 11, 24), date(2021, 11, 24)),
        (date(2021, 11, 24), "week", date(2021, 11, 22), date(2021, 11, 28)),
        (date(2024, 2, 10), "month", date(2024, 2, 1), date(2024, 2, 29)),
        (date(2000, 1, 1), "year", date(2000, 1, 1), date(2000, 12, 31)),
        (date(1990, 1, 1), "decade", date(1990, 1, 1), date(1999, 12, 31)),
        (date(2000, 1, 1), "decade", date(2000, 1, 1), date(2009, 12, 31)),
    ],
)
def test_a_date_names_a_period(day, precision, first, last):
    assert period(day, precision) == (first, last)


@pytest.mark.parametrize("dialect", ["sqlite", "duckdb"])
def test_sql_periods_are_the_python_periods(dialect):
    """The filters' SQL (SQLite's for the store, DuckDB's for Parquet tables) and the timeline's Python must
    agree on every date and precision."""
    rng = random.Random(7)
    days = [date(1900, 1, 1) + timedelta(days=rng.randrange(200 * 366)) for _ in range(400)]
    days += [date(2024, 2, 29), date(2023, 12, 31), date(2021, 1, 3), date(2000, 1, 1), date(1999, 12, 31)]
    db = sqlite3.connect(":memory:") if dialect == "sqlite" else pytest.importorskip("duckdb").connect()
    db.execute("CREATE TABLE events (date TEXT, date_precision TEXT)")
    rows = [(d.isoformat(), p) for d in days for p in (*PRECISIONS, "", "fortnight")]
    db.executemany("INSERT INTO events VALUES (?, ?)", rows)
    db.execute("INSERT INTO events VALUES (NULL, '')")
    start, end = period_sql("date", "date_precision", dialect)
    found = db.execute(
        f"SELECT date, date_precision, {start}, {end} FROM events ORDER BY date NULLS LAST"
    ).fetchall()
    assert found[-1] == (None, "", None, None)
    for day, precision, first, last in found[:-1]:
        expected = period(date.fromisoformat(day), precision)
        assert (date.fromisoformat(first), date.fromisoformat(last)) == expected, (day, precision)
