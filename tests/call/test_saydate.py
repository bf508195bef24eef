"""Dates as people say them: read on fixed days, in both orders, and never a crash."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.call.dates import date_order, long_date, set_date_order, spoken_date
from coach.call.saydate import NOT_A_DATE, DateReading, read_date
from coach.settings import locale_date_order

#: A Tuesday.
TUE = date(2026, 12, 1)


def day(text: str, today: date = TUE, order: str = "dmy") -> date | None:
    return read_date(text, today, order).day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", TUE),
        ("Tomorrow", date(2026, 12, 2)),
        ("tmrw", date(2026, 12, 2)),
        ("the day after tomorrow", date(2026, 12, 3)),
        ("yesterday", date(2026, 11, 30)),
        # Weekdays, said on Tuesday 1 December.
        ("Friday", date(2026, 12, 4)),
        ("fri", date(2026, 12, 4)),
        ("on Friday", date(2026, 12, 4)),
        ("this Friday", date(2026, 12, 4)),
        ("next Friday", date(2026, 12, 11)),
        ("next Monday", date(2026, 12, 7)),
        ("NEXT MON", date(2026, 12, 7)),
        ("Tuesday", date(2026, 12, 8)),  # said on a Tuesday: the next one
        ("this Tuesday", TUE),
        ("last Tuesday", date(2026, 11, 24)),
        ("last Friday", date(2026, 11, 27)),
        ("Friday next week", date(2026, 12, 11)),
        ("Friday week", date(2026, 12, 11)),
        ("Wednesday this week", date(2026, 12, 2)),
        # Counted from today.
        ("in 3 days", date(2026, 12, 4)),
        ("in two weeks", date(2026, 12, 15)),
        ("in 2 weeks' time", date(2026, 12, 15)),
        ("in a fortnight", date(2026, 12, 15)),
        ("2 weeks from now", date(2026, 12, 15)),
        ("a week from today", date(2026, 12, 8)),
        ("in a couple of days", date(2026, 12, 3)),
        ("in a month", date(2027, 1, 1)),
        # Parts of weeks and months.
        ("end of next week", date(2026, 12, 11)),
        ("the end of the week", date(2026, 12, 4)),
        ("early next week", date(2026, 12, 7)),
        ("end of the month", date(2026, 12, 31)),
        ("start of next month", date(2027, 1, 1)),
        ("mid January", date(2027, 1, 15)),
        ("end of Jan", date(2027, 1, 31)),
        # Day and month, with or without the year.
        ("14 Dec", date(2026, 12, 14)),
        ("Dec 14", date(2026, 12, 14)),
        ("14th December", date(2026, 12, 14)),
        ("December 14th, 2026", date(2026, 12, 14)),
        ("the 14th of December", date(2026, 12, 14)),
        ("the fourteenth of December", date(2026, 12, 14)),
        ("14 December 2027", date(2027, 12, 14)),
        ("14 dec 27", date(2027, 12, 14)),
        ("Dec. 14", date(2026, 12, 14)),
        ("Monday 14 Dec", date(2026, 12, 14)),
        ("Mon 14th", date(2026, 12, 14)),
        ("the 14th", date(2026, 12, 14)),
        ("5 Jan", date(2027, 1, 5)),  # the nearest 5 January: next year's
        ("30 Nov", date(2026, 11, 30)),  # the nearest: the one just gone
        # ISO, and the numeric forms in the day-first order.
        ("2026-12-14", date(2026, 12, 14)),
        (" 2026-12-14 ", date(2026, 12, 14)),
        ("2026/12/14", date(2026, 12, 14)),
        ("14/12", date(2026, 12, 14)),
        ("14/12/2026", date(2026, 12, 14)),
        ("14.12.2026", date(2026, 12, 14)),
        ("14-12-26", date(2026, 12, 14)),
        ("12/14", date(2026, 12, 14)),  # no 14th month: only the other order fits
        ("12/11", date(2026, 11, 12)),
        # Words that say nothing about the day are let through.
        ("by Friday at the latest", date(2026, 12, 4)),
        ("probably around the 14th", date(2026, 12, 14)),
        ("Friday-ish", date(2026, 12, 4)),
        ("hopefully next Monday!", date(2026, 12, 7)),
    ],
)
def test_what_people_say(text: str, expected: date) -> None:
    reading = read_date(text, TUE, "dmy")
    assert reading.day == expected, text
    assert reading.text == text and not reading.no_date


@pytest.mark.parametrize(
    ("text", "dmy", "mdy"),
    [
        ("12/11", date(2026, 11, 12), date(2026, 12, 11)),
        ("1/2/2027", date(2027, 2, 1), date(2027, 1, 2)),
        ("12/14", date(2026, 12, 14), date(2026, 12, 14)),
        ("14/12", date(2026, 12, 14), date(2026, 12, 14)),
        ("Friday 11/12", date(2026, 12, 11), None),  # 11 December is a Friday, 12 Nov not
    ],
)
def test_numeric_dates_follow_the_order(text: str, dmy: date | None, mdy: date | None) -> None:
    assert day(text, order="dmy") == dmy
    assert day(text, order="mdy") == mdy


@pytest.mark.parametrize(
    ("text", "expected", "time"),
    [
        ("Thursday 3pm", date(2026, 12, 3), "at 3pm"),
        ("Thursday morning", date(2026, 12, 3), "in the morning"),
        ("tomorrow at 10", date(2026, 12, 2), "at 10"),
        ("Fri 2.30 p.m.", date(2026, 12, 4), "at 2:30pm"),
        ("15:30 on Friday", date(2026, 12, 4), "at 15:30"),
        ("after 2pm on Monday", date(2026, 12, 7), "after 2pm"),
        ("Monday before noon", date(2026, 12, 7), "at noon"),
        ("tonight", TUE, "in the evening"),
        ("this afternoon", TUE, "in the afternoon"),
        ("end of day Friday", date(2026, 12, 4), "by the end of the day"),
        ("first thing tomorrow", date(2026, 12, 2), "first thing"),
        ("Wed late afternoon", date(2026, 12, 2), "late in the afternoon"),
        ("14 Dec at 9am", date(2026, 12, 14), "at 9am"),
    ],
)
def test_a_time_of_day_is_kept_with_the_day(text: str, expected: date, time: str) -> None:
    reading = read_date(text, TUE, "dmy")
    assert (reading.day, reading.time) == (expected, time)
    # What it says reads back as the same day and time.
    said = reading.words(TUE)
    assert said is not None and said.endswith(time)
    again = read_date(said, TUE, "dmy")
    assert (again.day, again.time) == (expected, time)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("banana", None),
        ("when the board meets", None),
        ("Thursday or Friday", None),
        ("not Friday", None),
        ("in 2", None),
        ("end of next wee", None),
        ("25pm Friday", None),
        ("next week", "next week is more than one day"),
        ("sometime next week", "sometime next week is more than one day"),
        ("January", "January is more than one day"),
        ("31 Nov", "November has no day 31"),
        ("2026-02-30", "February has no day 30"),
        ("2026-13-40", "there is no month 13"),
        ("Thursday 4 December", "4 December is a Friday"),
        ("morning", "a time, but no day"),
    ],
)
def test_text_that_is_no_date_is_kept_as_typed(text: str, problem: str | None) -> None:
    reading = read_date(text, TUE, "dmy")
    assert reading.day is None and reading.no_date
    assert reading.text == text
    assert reading.problem == problem
    assert reading.hint(TUE) == (f"{problem}; kept as typed" if problem else NOT_A_DATE)


def test_blank_is_no_date_and_no_problem() -> None:
    for text in ("", "   "):
        reading = read_date(text, TUE)
        assert reading == DateReading(text) and reading.blank and not reading.no_date
        assert reading.hint(TUE) is None and reading.words(TUE) is None


def test_the_words_are_said_without_this_years_year() -> None:
    assert read_date("Friday 3pm", TUE).words(TUE) == "Friday 4 December at 3pm"
    assert read_date("5 Jan", TUE).words(TUE) == "Tuesday 5 January 2027"


# -- month and year ends ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("tomorrow", date(2026, 12, 31), date(2027, 1, 1)),
        ("in 1 week", date(2026, 12, 28), date(2027, 1, 4)),
        ("next Monday", date(2027, 1, 3), date(2027, 1, 4)),  # said on a Sunday
        ("Friday", date(2026, 12, 30), date(2027, 1, 1)),
        ("30 Dec", date(2027, 1, 2), date(2026, 12, 30)),
        ("5 Jan", date(2026, 12, 20), date(2027, 1, 5)),
        ("the 1st", date(2026, 12, 30), date(2027, 1, 1)),
        ("the 31st", date(2027, 2, 10), date(2027, 1, 31)),  # February has none
        ("end of the month", date(2028, 2, 10), date(2028, 2, 29)),
        ("end of the month", date(2027, 2, 10), date(2027, 2, 28)),
        ("in a month", date(2026, 1, 31), date(2026, 2, 28)),
        ("end of next month", date(2026, 1, 15), date(2026, 2, 28)),
        ("29 Feb", date(2027, 6, 1), date(2028, 2, 29)),  # the nearest there is
        ("29 Feb 2028", date(2027, 6, 1), date(2028, 2, 29)),
        ("yesterday", date(2027, 1, 1), date(2026, 12, 31)),
    ],
)
def test_month_and_year_ends(text: str, today: date, expected: date | None) -> None:
    assert day(text, today) == expected


@pytest.mark.parametrize("offset", range(7))
def test_weekday_names_on_every_weekday(offset: int) -> None:
    today = date(2026, 11, 30) + timedelta(days=offset)  # Monday 30 November, and on
    monday_next_week = date(2026, 12, 7)
    for wanted, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday")):
        found = day(name, today)
        assert found is not None and found.weekday() == wanted
        assert 1 <= (found - today).days <= 7  # the next one after today
        this = day(f"this {name}", today)
        assert this is not None and 0 <= (this - today).days <= 6
        assert day(f"next {name}", today) == monday_next_week + timedelta(days=wanted)
        last = day(f"last {name}", today)
        assert last is not None and 1 <= (today - last).days <= 7 and last.weekday() == wanted


# -- the order --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("env", "order"),
    [
        ({"LANG": "en_US.UTF-8"}, "mdy"),
        ({"LANG": "en_GB.UTF-8"}, "dmy"),
        ({"LANG": "C.UTF-8"}, "dmy"),
        ({}, "dmy"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "de_DE.UTF-8"}, "mdy"),
        ({"LC_TIME": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "dmy"),
        ({"LC_ALL": "", "LC_TIME": "en_US", "LANG": "en_GB"}, "mdy"),
    ],
)
def test_the_locale_gives_the_default_order(env: dict[str, str], order: str) -> None:
    assert locale_date_order(env) == order


def test_the_order_set_is_used_until_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_TIME", raising=False)
    try:
        set_date_order(None)
        assert date_order() == "mdy"
        assert read_date("12/11", TUE).day == date(2026, 12, 11)
        set_date_order("dmy")
        assert read_date("12/11", TUE).day == date(2026, 11, 12)
        assert read_date("12/11", TUE, "mdy").day == date(2026, 12, 11)  # given wins
    finally:
        set_date_order(None)


# -- properties -------------------------------------------------------------------------
# fmt: off
WORDS = [
    "next", "last", "this", "in", "on", "at", "the", "of", "end", "early", "mid", "week",
    "month", "year", "3", "14", "2026", "12/11", "friday", "dec", "monday", "pm", "am",
    "3pm", "10:30", "morning", "tomorrow", "days", "weeks", "a", "two", "/", "-", ".", ",",
    "31", "00", "99", "9999", "0001", "29", "feb",
]
# fmt: on
ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(
        st.sampled_from(WORDS),
        max_size=6,
    ).map(" ".join),
)


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT, today=st.dates(), order=st.sampled_from(["dmy", "mdy"]))
def test_never_raises(text: str, today: date, order: str) -> None:
    reading = read_date(text, today, order)
    assert reading.text == text
    assert reading.day is None or isinstance(reading.day, date)
    assert (reading.hint(today) is None) == reading.blank


@settings(max_examples=300, deadline=None)
@given(d=st.dates(), today=st.dates())
def test_iso_reads_back(d: date, today: date) -> None:
    assert day(d.isoformat(), today) == d
    assert day(d.isoformat(), today, "mdy") == d


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=date(1000, 1, 1)), today=st.dates())
def test_the_long_form_reads_back(d: date, today: date) -> None:
    # (A two-digit year is this century's: the long form of year 99 is not read back.)
    assert day(long_date(d), today) == d
    assert day(long_date(d), today, "mdy") == d


@settings(max_examples=300, deadline=None)
@given(
    today=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
    ahead=st.integers(-150, 150),
)
def test_the_spoken_form_reads_back_near_today(today: date, ahead: int) -> None:
    d = today + timedelta(days=ahead)
    assert day(spoken_date(d, today), today) == d
