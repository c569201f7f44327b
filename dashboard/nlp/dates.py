"""Date expressions in news text, resolved against the article's publication date.

An event needs a date, and news text rarely gives a full one: "on Wednesday", "last year", "Nov 25" mean
something only relative to the day the story was published. `find_dates` finds date expressions with our
own regexes (so spans are exact and bare numbers such as "200,000 people" are never years) and resolves each
against that base date. It keeps the precision of each date, so "in 2000" is stored as the year 2000
(value 2000-01-01, precision "year") and is never shown as 1 January 2000.

Who resolves what:
* dateparser resolves relative phrases ("yesterday", "last week", "two months ago", "earlier this month"),
  with PREFER_DATES_FROM='past' and its `period` kept as the precision.
* Plain Python resolves what it does exactly and dateparser does wrongly or not at all: decades (none in
  dateparser), years, ISO dates, month expressions (dateparser fills a missing day from the base and sends a
  yearless date after the base a whole year back) and weekdays (dateparser sends a weekday equal to the base's
  a week back).

Conventions:
* Value is the first day of its period ("December 2020" -> 2020-12-01, "the 1990s" -> 1990-01-01), except
  precision "week", whose value is the base shifted by whole weeks ("last week" -> base - 7 days).
* Relative expressions resolve to the past unless a word says otherwise ("next", "tomorrow", "this Friday").
  A bare weekday is the latest such day on or before the base: "on Wednesday" in a story published on a
  Wednesday means that same day. "last Wednesday" is strictly before the base; "next Wednesday" strictly
  after; "this Wednesday" is the Wednesday of the base's Monday-to-Sunday week.
* A month and day without a year take the base's year, or the previous year if that would put them more than
  a day after the base (one day of slack for time zones): "Dec 26" in a story of 2021-11-25 is 2020-12-26.
* Four-digit numbers 1900-2099 count as years only after in/since/by/until/from/of/during/before/after, as a
  decade ("1990s"), or inside a month or ISO date.
* With no base, absolute dates still resolve and relative ones (weekdays, "last year", "Nov 25") are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dateparser.date import DateDataParser

Precision = Literal["day", "week", "month", "year", "decade"]


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: dt.date
    precision: Precision
    start: int
    end: int
    text: str


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)


def is_month(word: str) -> bool:
    """ "Feb.", "Sept", "December": a month's name, whole or cut short as news writes it."""
    return re.fullmatch(_MONTH, word) is not None


_FULL_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_NUM = r"(?<![\d,.])"  # not the tail of a bigger number ("200,000", "1,948")
_YEAR_TAIL = (
    rf"(?:,?\s+(?:of\s+)?{_NUM}(?P<year>(?:19|20)\d{{2}})\b(?![,.]\d)"
    r"|\s+(?P<rel>(?i:last|this|next))\s+(?i:year)\b)?"
)
_CONTEXT = r"\b(?i:in|since|by|until|from|of|during|before|after)\s+(?:(?i:early|late|mid)[\s-]+)?"
_AMOUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"

_ISO = re.compile(rf"{_NUM}\b(?P<year>(?:19|20)\d{{2}})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b(?![-.]\d)")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}{_YEAR_TAIL}")
_DAY_MONTH = re.compile(rf"{_NUM}\b{_DAY}(?:\s+of)?\s+{_MONTH}{_YEAR_TAIL}")
_MONTH_YEAR = re.compile(
    rf"\b{_MONTH},?\s+(?:of\s+)?(?:{_NUM}(?P<year>(?:19|20)\d{{2}})\b(?![,.]\d)"
    r"|(?P<rel>(?i:last|this|next))\s+(?i:year)\b)"
)
_BARE_MONTH = re.compile(rf"{_CONTEXT}(?P<span>{_FULL_MONTH})")
_YEAR = re.compile(rf"{_CONTEXT}{_NUM}(?P<span>(?P<year>(?:19|20)\d{{2}}))\b(?![,.]\d|['’]s)")
_DECADE = re.compile(
    rf"(?:\b(?i:the)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?:{_NUM}\b(?P<year>(?:19|20)\d0)"
    r"|(?<=\b(?i:the)\s)['’](?P<short>\d0))['’]?s\b"
)
_WEEKDAY = re.compile(rf"\b(?:(?P<mod>(?i:last|next|this))\s+)?(?P<weekday>{'|'.join(_WEEKDAYS)})\b")
_RELATIVE = re.compile(
    r"\b(?i:yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|(?:(?:earlier|later)\s+)?this\s+(?:week|month|year)|(?:last|next)\s+(?:week|month|year)"
    rf"|{_AMOUNT}\s+(?:day|week|month|year)s?\s+ago)\b"
)


def _month_number(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def _make(value: dt.date | None, precision: Precision, m: re.Match[str]) -> ResolvedDate | None:
    """The date with the span of group "span" where the pattern has one (context words left out), else all."""
    if value is None:
        return None
    group = "span" if "span" in m.re.groupindex else 0
    return ResolvedDate(value, precision, m.start(group), m.end(group), m.group(group))


def _calendar(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 31 November, 29 February in a common year
        return None


def _month_expression(m: re.Match[str], base: dt.date | None) -> ResolvedDate | None:
    groups = m.groupdict()
    month, day = _month_number(groups["month"]), int(groups.get("day") or 1)
    precision: Precision = "day" if groups.get("day") else "month"
    if groups.get("year"):
        return _make(_calendar(int(groups["year"]), month, day), precision, m)
    if base is None:
        return None
    if groups.get("rel"):
        offset = {"last": -1, "this": 0, "next": 1}[groups["rel"].lower()]
        return _make(_calendar(base.year + offset, month, day), precision, m)
    value = _calendar(base.year, month, day)
    if value is None or value > base + dt.timedelta(days=1):
        value = _calendar(base.year - 1, month, day)
    return _make(value, precision, m)


def _iso(m: re.Match[str], base: dt.date | None) -> ResolvedDate | None:
    return _make(_calendar(int(m["year"]), int(m["month"]), int(m["day"])), "day", m)


def _year(m: re.Match[str], base: dt.date | None) -> ResolvedDate | None:
    return _make(dt.date(int(m["year"]), 1, 1), "year", m)


def _decade(m: re.Match[str], base: dt.date | None) -> ResolvedDate | None:
    if m["year"]:
        return _make(dt.date(int(m["year"]), 1, 1), "decade", m)
    if base is None:  # "the '90s" needs a base to pick its century
        return None
    year = base.year // 100 * 100 + int(m["short"])
    return _make(dt.date(year if year <= base.year else year - 100, 1, 1), "decade", m)


def _weekday(m: re.Match[str], base: dt.date | None) -> ResolvedDate | None:
    if base is None:
        return None
    target, today = _WEEKDAYS.index(m["weekday"]), base.weekday()
    match (m["mod"] or "").lower():
        case "next":
            shift = (target - today) % 7 or 7
        case "this":
            shift = target - today
        case "last":
            shift = -((today - target) % 7 or 7)
        case _:
            shift = -((today - target) % 7)
    return _make(base + dt.timedelta(days=shift), "day", m)


@lru_cache(maxsize=256)
def _parser(base: dt.date) -> DateDataParser:
    relative_base = dt.datetime.combine(base, dt.time())
    return DateDataParser(
        languages=["en"], settings={"RELATIVE_BASE": relative_base, "PREFER_DATES_FROM": "past"}
    )


@lru_cache(maxsize=4096)
def _parse_relative(phrase: str, base: dt.date) -> tuple[dt.date, Precision] | None:
    """dateparser's date and period for a relative phrase; memoised, as the phrases repeat and it is slow."""
    data = _parser(base).get_date_data(phrase)
    if data.date_obj is None or data.period not in ("day", "week", "month", "year"):
        return None
    value = data.date_obj.date()
    if data.period == "month":
        value = value.replace(day=1)
    elif data.period == "year":
        value = value.replace(month=1, day=1)
    return value, data.period


def _relative(m: re.Match[str], base: dt.date | None) -> ResolvedDate | None:
    if base is None:
        return None
    phrase = re.sub(r"^(?:earlier|later)\s+", "", m[0].lower())  # dateparser has no "earlier this month"
    phrase = re.sub(r"\s+", " ", phrase)
    parsed = _parse_relative(phrase, base)
    return _make(*parsed, m) if parsed else None


_Resolver = Callable[[re.Match[str], dt.date | None], ResolvedDate | None]
_RELATIVE_WORDS = re.compile(
    "yesterday|today|tomorrow|tonight|night|morning|afternoon|evening|week|month|year|ago"
)
# What every match of a pattern contains, found much faster than the pattern itself: a sentence without it
# skips that pattern (most sentences name no date at all). The relative words are looked for in lower-case
# (case-folded) text: Python's re is slow on case-insensitive alternatives (13 us a sentence, against 2).
_NEEDLES: dict[str, Callable[[str], object]] = {
    "iso": re.compile(r"\d-[01]\d-").search,
    "month": re.compile(_MONTH).search,
    "year": re.compile(r"(?:19|20)\d\d").search,
    "decade": re.compile(r"0['’]?s").search,
    "weekday": re.compile("day").search,
    "relative": lambda text: _RELATIVE_WORDS.search(text.casefold()),
}
_PATTERNS: tuple[tuple[re.Pattern[str], _Resolver, str], ...] = (
    (_ISO, _iso, "iso"),
    (_MONTH_DAY, _month_expression, "month"),
    (_DAY_MONTH, _month_expression, "month"),
    (_MONTH_YEAR, _month_expression, "month"),
    (_BARE_MONTH, _month_expression, "month"),
    (_YEAR, _year, "year"),
    (_DECADE, _decade, "decade"),
    (_WEEKDAY, _weekday, "weekday"),
    (_RELATIVE, _relative, "relative"),
)


def find_dates(text: str, base: dt.date | None) -> list[ResolvedDate]:
    """Every date expression in `text`, in text order, resolved against `base` (the publication date).

    Where candidate spans overlap, the one that starts first wins, then the longest.
    """
    if isinstance(base, dt.datetime):
        base = base.date()
    present = {name for name, needle in _NEEDLES.items() if needle(text)}
    candidates = [
        date
        for pattern, resolve, needle in _PATTERNS
        if needle in present
        for m in pattern.finditer(text)
        if (date := _resolved(resolve, m, base))
    ]
    candidates.sort(key=lambda d: (d.start, -d.end))
    found: list[ResolvedDate] = []
    for date in candidates:
        if not found or date.start >= found[-1].end:
            found.append(date)
    return found


def _resolved(resolve: _Resolver, m: re.Match[str], base: dt.date | None) -> ResolvedDate | None:
    """resolve(m, base), or None where it falls off the calendar: "last Monday" from 1 January of year 1,
    "the '90s" from year 50."""
    try:
        return resolve(m, base)
    except (ValueError, OverflowError):
        return None


_DATELINE_DATE = re.compile(rf"\s*{_MONTH}\s+{_DAY}(?:,?\s+(?P<year>\d{{4}}))?\s*")


def resolve_dateline_date(dateline_date: str, published: dt.date | None) -> dt.date | None:
    """The date of a dateline's "Nov 25" / "Nov. 25" (the year from the publication date) or
    "Nov 25, 2021"."""
    if not (m := _DATELINE_DATE.fullmatch(dateline_date)) or (published is None and not m["year"]):
        return None
    if isinstance(published, dt.datetime):
        published = published.date()
    date = _resolved(_month_expression, m, published)
    return date.value if date else None
