"""Date expressions resolved against a publication date (dashboard.nlp.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.nlp.dates import ResolvedDate, find_dates, resolve_dateline_date

THU = dt.date(2021, 11, 25)  # a Thursday
WED = dt.date(2021, 11, 24)
D = dt.date


def only(text: str, base: dt.date | None = THU) -> ResolvedDate:
    dates = find_dates(text, base)
    assert len(dates) == 1, dates
    return dates[0]


@pytest.mark.parametrize(
    ("text", "base", "span", "value", "precision"),
    [
        # weekdays: the latest such day on or before the base; "next" looks forward, "last" strictly back
        ("Rebels shelled the town on Wednesday, officials said.", THU, "Wednesday", D(2021, 11, 24), "day"),
        ("The minister resigned on Wednesday.", WED, "Wednesday", WED, "day"),
        ("Talks collapsed on Friday night.", THU, "Friday", D(2021, 11, 19), "day"),
        ("The vote was held last Thursday.", THU, "last Thursday", D(2021, 11, 18), "day"),
        ("The envoy arrived last Wednesday.", THU, "last Wednesday", D(2021, 11, 24), "day"),
        ("Ministers will meet next Tuesday in Geneva.", THU, "next Tuesday", D(2021, 11, 30), "day"),
        ("A summit is planned for next Thursday.", THU, "next Thursday", D(2021, 12, 2), "day"),
        ("Results are due this Saturday.", THU, "this Saturday", D(2021, 11, 27), "day"),
        # years and decades
        ("The border was closed in 2000 after clashes.", THU, "2000", D(2000, 1, 1), "year"),
        ("Fighting has continued since 1948.", THU, "1948", D(1948, 1, 1), "year"),
        ("The pipeline is to be finished by 2030.", THU, "2030", D(2030, 1, 1), "year"),
        ("The accord was signed in early 2003.", THU, "2003", D(2003, 1, 1), "year"),
        ("The ceasefire of 1994 still holds.", THU, "1994", D(1994, 1, 1), "year"),
        ("Trade boomed in the 1990s.", THU, "the 1990s", D(1990, 1, 1), "decade"),
        ("The 1990s were turbulent for the region.", THU, "The 1990s", D(1990, 1, 1), "decade"),
        ("Oil output peaked in the 2000s.", THU, "the 2000s", D(2000, 1, 1), "decade"),
        ("Militias grew through the late 1980s.", THU, "the late 1980s", D(1980, 1, 1), "decade"),
        ("Reforms began in the 1970's.", THU, "the 1970's", D(1970, 1, 1), "decade"),
        ("Rock music reached the city in the '60s.", THU, "the '60s", D(1960, 1, 1), "decade"),
        # month expressions
        ("Elections were held in December 2020.", THU, "December 2020", D(2020, 12, 1), "month"),
        ("The deal dates from November of 2019.", THU, "November of 2019", D(2019, 11, 1), "month"),
        ("Troops withdrew in March last year.", THU, "March last year", D(2020, 3, 1), "month"),
        ("The strike started in October.", THU, "October", D(2021, 10, 1), "month"),
        ("The strike started in December.", THU, "December", D(2020, 12, 1), "month"),
        ("Clashes broke out on Nov 25.", THU, "Nov 25", D(2021, 11, 25), "day"),
        ("Clashes broke out on November 25.", THU, "November 25", D(2021, 11, 25), "day"),
        ("Flights resume Nov. 26, the airline said.", THU, "Nov. 26", D(2021, 11, 26), "day"),
        ("The port was hit on Dec 26.", THU, "Dec 26", D(2020, 12, 26), "day"),
        ("He was arrested on Sept. 3 last year.", THU, "Sept. 3 last year", D(2020, 9, 3), "day"),
        ("The truce began on 25 November 2021.", THU, "25 November 2021", D(2021, 11, 25), "day"),
        ("The truce began on the 3rd of March 2019.", THU, "3rd of March 2019", D(2019, 3, 3), "day"),
        ("The truce began on March 3, 2019, in Doha.", THU, "March 3, 2019", D(2019, 3, 3), "day"),
        ("The report is dated 2021-11-24.", THU, "2021-11-24", D(2021, 11, 24), "day"),
        # relative phrases (dateparser)
        ("Two soldiers were killed yesterday.", THU, "yesterday", D(2021, 11, 24), "day"),
        ("The border reopens today.", THU, "today", D(2021, 11, 25), "day"),
        ("Protesters gathered last night.", THU, "last night", D(2021, 11, 24), "day"),
        ("The UN warned last week of famine.", THU, "last week", D(2021, 11, 18), "week"),
        ("Prices doubled two weeks ago.", THU, "two weeks ago", D(2021, 11, 11), "week"),
        ("Troops left earlier this month.", THU, "earlier this month", D(2021, 11, 1), "month"),
        ("Inflation rose last month.", THU, "last month", D(2021, 10, 1), "month"),
        ("The government fell last year.", THU, "last year", D(2020, 1, 1), "year"),
        ("Output fell 3 months ago.", THU, "3 months ago", D(2021, 8, 1), "month"),
        ("Yesterday, two soldiers were killed.", THU, "Yesterday", D(2021, 11, 24), "day"),
        ("TROOPS LEFT TWO WEEKS AGO.", THU, "TWO WEEKS AGO", D(2021, 11, 11), "week"),  # a headline
    ],
)
def test_find_dates(text, base, span, value, precision):
    date = only(text, base)
    assert (date.text, date.value, date.precision) == (span, value, precision)
    assert text[date.start : date.end] == date.text


def test_several_dates_in_order_with_offsets():
    text = (
        "RABAT, Nov 25 - Officials said on Wednesday that the conflict, which began in the 1990s, "
        "flared in 2000 and again last year; 200,000 people fled in December 2020."
    )
    dates = find_dates(text, THU)
    spans = ["Nov 25", "Wednesday", "the 1990s", "2000", "last year", "December 2020"]
    assert [d.text for d in dates] == spans
    assert [d.precision for d in dates] == ["day", "day", "decade", "year", "year", "month"]
    assert all(text[d.start : d.end] == d.text for d in dates)
    assert [d.start for d in dates] == sorted(d.start for d in dates)


@pytest.mark.parametrize(
    "text",
    [
        "More than 200,000 people have fled.",
        "A 1,948-strong force crossed the river.",
        "He was held in room 1990 of the hotel.",
        "The army sent 2000 troops north.",
        "Some 1948 people were registered.",
        "A total of 2,000 troops.",
        "Casualties rose to 1990.5 per day in one estimate.",
        "Theresa May spoke to reporters.",
        "Nothing happened here.",
    ],
)
def test_no_false_dates(text):
    assert find_dates(text, THU) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The border was closed in 2000.", [("2000", D(2000, 1, 1))]),
        ("Trade boomed in the 1990s.", [("the 1990s", D(1990, 1, 1))]),
        ("Elections were held in December 2020.", [("December 2020", D(2020, 12, 1))]),
        ("The truce began on 25 November 2021.", [("25 November 2021", D(2021, 11, 25))]),
        ("The report is dated 2021-11-24.", [("2021-11-24", D(2021, 11, 24))]),
        ("On Wednesday, Nov 25, last year, yesterday, in the '90s, in May.", []),
        ("Troops left last week, on Friday, after the 1990s.", [("the 1990s", D(1990, 1, 1))]),
    ],
)
def test_without_base_only_absolute_dates_resolve(text, expected):
    assert [(d.text, d.value) for d in find_dates(text, None)] == expected


def test_datetime_base_is_accepted():
    assert only("Rebels attacked on Wednesday.", dt.datetime(2021, 11, 25, 18, 30)).value == WED


def test_invalid_calendar_dates_are_dropped():
    assert find_dates("The file is dated 2021-02-30.", THU) == []
    # An impossible day falls back to the month that is still there.
    assert [(d.text, d.precision) for d in find_dates("Signed on 31 November 2021.", THU)] == [
        ("November 2021", "month")
    ]


@pytest.mark.parametrize(
    ("dateline", "published", "expected"),
    [
        ("Nov 25", THU, D(2021, 11, 25)),
        ("Nov. 25", THU, D(2021, 11, 25)),
        ("November 24", THU, D(2021, 11, 24)),
        ("Dec 31", D(2022, 1, 1), D(2021, 12, 31)),
        ("Nov 25", None, None),
        ("Nov 25, 2021", None, D(2021, 11, 25)),
        ("Nov. 25 2021", D(2023, 1, 1), D(2021, 11, 25)),
        ("Yesterday", THU, None),
    ],
)
def test_resolve_dateline_date(dateline, published, expected):
    assert resolve_dateline_date(dateline, published) == expected
