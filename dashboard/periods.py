"""An event's date as the period it names: "in 2000" is the whole year 2000, never 1 January 2000.

The store keeps a date as one day plus its precision (see `dashboard.nlp.dates`: "in 2000" is 2000-01-01
with precision "year"; an ACLED week or month date may be any day inside it). Whatever shows, exports,
filters or charts an event's date reads it through here, so none of them takes a year for its first day.

| precision | period                                    | `date_text`          |
|-----------|-------------------------------------------|----------------------|
| `day`     | that day                                  | `2021-11-24`         |
| `article` | that day (the article's published date)   | `2021-11-25`         |
| `week`    | the Monday-to-Sunday week holding the day | `week of 2021-11-22` |
| `month`   | the calendar month                        | `2020-12`            |
| `year`    | the calendar year                         | `2000`               |
| `decade`  | the decade (1990 to 1999)                 | `1990s`              |
| no date   | none                                      | "" (`date_label`: "no date") |

An empty or unknown precision with a date is read as a day, as it was before precisions were kept.
`period_sql` is `period` in SQL (SQLite's or DuckDB's), for the filters; the tests hold them to the same
answers.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

PRECISIONS = ("day", "article", "week", "month", "year", "decade")
NO_DATE = "no date"  # what a reader sees for an event without a date, in the panel, popups and filters


def period(day: date, precision: str) -> tuple[date, date]:
    """The first and last day the date may be, at its precision."""
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "decade":
        first = day.year - day.year % 10
        return date(first, 1, 1), date(first + 9, 12, 31)
    return day, day


def coarseness(precision: str) -> int:
    """How coarse a precision is, for ordering: a day (or an unknown precision) 0 ... a decade the most."""
    return PRECISIONS.index(precision) if precision in PRECISIONS else 0


def date_text(day: date | None, precision: str) -> str:
    """The date as precise as it is known, for exports and labels; "" without a date."""
    if day is None:
        return ""
    start, _ = period(day, precision)
    if precision == "week":
        return f"week of {start.isoformat()}"
    if precision == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if precision == "year":
        return f"{start.year:04d}"
    if precision == "decade":
        return f"{start.year:04d}s"
    return day.isoformat()


def date_label(day: date | None, precision: str) -> str:
    """The date as a reader sees it in the panel and popups: `date_text`, saying when it is only the
    article's own date (the text gave none), and NO_DATE without one."""
    if day is None:
        return NO_DATE
    return date_text(day, precision) + (" (article date)" if precision == "article" else "")


def period_sql(
    day: str = "e.date", precision: str = "e.date_precision", dialect: str = "sqlite"
) -> tuple[str, str]:
    """SQL expressions for the first and last day of the period (ISO text, as the stores keep dates) of
    the `day` and `precision` columns; NULL when `day` is NULL. `dialect`: "sqlite" (`Store`) or "duckdb"
    (`ParquetStore`), which differ only in their date arithmetic (the Monday of a week, a month's end)."""
    if dialect == "duckdb":
        as_day = f"CAST({day} AS DATE)"
        monday = f"CAST(date_trunc('week', {as_day}) AS DATE)"  # ISO weeks start on Monday
        week = (f"CAST({monday} AS VARCHAR)", f"CAST({monday} + 6 AS VARCHAR)")
        month_end = f"CAST(last_day({as_day}) AS VARCHAR)"
    else:
        week = (f"date({day}, '-6 days', 'weekday 1')", f"date({day}, '-6 days', 'weekday 1', '+6 days')")
        month_end = f"date({day}, 'start of month', '+1 month', '-1 day')"
    start = (
        f"CASE {precision}"
        f" WHEN 'week' THEN {week[0]}"
        f" WHEN 'month' THEN substr({day}, 1, 7) || '-01'"
        f" WHEN 'year' THEN substr({day}, 1, 4) || '-01-01'"
        f" WHEN 'decade' THEN substr({day}, 1, 3) || '0-01-01'"
        f" ELSE {day} END"
    )
    end = (
        f"CASE {precision}"
        f" WHEN 'week' THEN {week[1]}"
        f" WHEN 'month' THEN {month_end}"
        f" WHEN 'year' THEN substr({day}, 1, 4) || '-12-31'"
        f" WHEN 'decade' THEN substr({day}, 1, 3) || '9-12-31'"
        f" ELSE {day} END"
    )
    return start, end


def dated_fields(day: date | None, precision: str) -> dict:
    """An event's date as records and exports write it: as precise as it is known ("2000", precision
    "year"), and the first and last day of the period it names, for tools that filter by day."""
    first, last = period(day, precision) if day else (None, None)
    return {
        "date": date_text(day, precision) or None,
        "date_precision": precision or None,
        "date_earliest": first.isoformat() if first else None,
        "date_latest": last.isoformat() if last else None,
    }
