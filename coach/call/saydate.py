"""Dates as people say them on the phone, read into a day (and a time of day).

:func:`read_date` takes what a caller types while the other side speaks and
returns a :class:`DateReading`: the day it understood (or None), a time of
day kept with it, and why a text that looks like a date is none. It reads,
case-insensitively and with common abbreviations (``Dec``, ``Thu``,
``tmrw``):

- ``today``, ``tomorrow``, ``the day after tomorrow``, ``yesterday``, ``tonight``;
- weekdays: ``Friday`` (the next Friday after today), ``this Friday`` (the coming
  one, today included), ``next Monday`` (the Monday of next week, whatever
  today is), ``Friday next week``, ``last Friday``, ``Friday week`` (a week
  after the coming Friday);
- ``in 3 days``, ``in two weeks``, ``in a fortnight``, ``in a month``,
  ``2 weeks from now``;
- ``end of next week`` (its Friday), ``early next week`` (its Monday), ``mid
  next week``, ``end of the month``, ``start of next month``, ``end of January``;
- ``14 Dec``, ``Dec 14``, ``the 14th of December 2026``, ``Monday the 7th``, ``the 14th``;
- ``14/12`` and ``12/14`` in the order of the settings (``dmy`` or ``mdy``; when
  only the other order gives a date, that one), ``14.12.2026``, ``14/12/26``;
- ISO ``2026-12-14``.

A day and month without a year is the nearest such day to today (``5 Jan``
said on 20 December is next year's; ``30 Nov`` said on 2 December is the one
just gone), a day without a month the nearest such day of this or a
neighbouring month; a weekday named with them must fit (``Friday 14 Dec``
picks the year where it is a Friday, or says it is none). A time of day
(``3pm``, ``at 10``, ``15:30``, ``after 2pm``, ``morning``, ``lunchtime``,
``end of day``) may come before or after, and words such as ``on``, ``by``,
``around``, ``probably``, ``at the latest`` are let through. Anything else
makes the text no date: it is kept as typed, never guessed at.

Fast on purpose (it runs on every key in a date field): regular expressions
only, and readings are memoised. Pure: no I/O, no Textual.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from coach.call.dates import DATE_ORDERS, DateOrder, date_order, set_date_order, spoken_date
from coach.call.saywords import (
    DAY_NAMES,
    FILLERS,
    MON,
    MONTH_NAMES,
    MONTHS,
    NUMBERS,
    ORDINAL_DAYS,
    ORDINAL_SUFFIX,
    ORDINAL_WORDS,
    UNIT,
    WD,
    WEEKDAYS,
    normal,
    take_time,
)

#: Shown beside a date field: the kinds of text it understands.
DATE_EXAMPLES = "e.g. Friday, 14 Dec, in 2 weeks"
#: What the hint says about text that is no date (it is kept all the same).
NOT_A_DATE = "not a date I know: kept as typed"

# -- the day -----------------------------------------------------------------------------
_WEEKDAY = re.compile(
    rf"(?:(this|next|last|coming) )?({WD})(?: (this|next) week| (week))?|(this|next) week ({WD})"
    rf"|a week (?:on |from )?({WD})"
)
_RELATIVE = re.compile(
    rf"(?:in|within) (\d{{1,3}}|[a-z]+) ({UNIT})(?: time)?"
    rf"|(\d{{1,3}}|[a-z]+) ({UNIT}) (?:from now|from today|time|later|hence)"
    rf"|(a week|2 weeks|a fortnight) (?:today|from today|tomorrow|from tomorrow)"
)
_WEEKDAY_PREFIX = rf"(?:({WD}) )?"
_DAY_MONTH = re.compile(_WEEKDAY_PREFIX + rf"(\d{{1,2}}) (?:of )?({MON})(?: (\d{{1,4}}))?")
_MONTH_DAY = re.compile(_WEEKDAY_PREFIX + rf"({MON}) (\d{{1,2}})(?: (\d{{1,4}}))?")
_NUMERIC = re.compile(_WEEKDAY_PREFIX + r"(\d{1,2})([/.\-])(\d{1,2})(?:\3(\d{4}|\d{2}))?")
_ISO = re.compile(_WEEKDAY_PREFIX + r"(\d{4})([/.\-])(\d{1,2})\3(\d{1,2})")
_DAY_ONLY = re.compile(_WEEKDAY_PREFIX + r"(\d{1,2})")
_PART_OF = r"(end|start|beginning|early|mid|middle|late)"
_WEEK_PART = re.compile(_PART_OF + r" (?:of )?(?:(this|next) )?week")
_MONTH_PART = re.compile(_PART_OF + r" (?:of )?(?:(this|next) month|month|(" + MON + r"))")
_YEAR_END = re.compile(r"end (?:of )?(?:this )?year")
_SPANS = re.compile(
    rf"(?:this|next|last|coming) (week|month|year|weekend)|weekend|({MON})|(?:in )?(\d{{4}})"
)
#: What :func:`_day` says of a week, a month or a year (worded with the text as typed).
_SPAN = "a span"
_ISO_FAST = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})\s*")


class DateReading(NamedTuple):
    """What :func:`read_date` understood in a text."""

    #: The text as typed (kept, whatever it says).
    text: str
    #: The day it names; None when it is blank or names no day.
    day: date | None = None
    #: A time of day said with it, as a phrase to put after the day:
    #: ``at 3pm``, ``after 2pm``, ``in the morning``, ``at noon``.
    time: str | None = None
    #: Why a text that looks like a date is none (``4 December is a Friday``).
    problem: str | None = None

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def no_date(self) -> bool:
        """Text was typed, but it names no day (it is kept as typed)."""
        return self.day is None and not self.blank

    def words(self, today: date | None = None) -> str | None:
        """The day as people say it, with the time: ``Thursday 3 December at 3pm``
        (the year only when it is not ``today``'s); None when there is no day."""
        if self.day is None:
            return None
        said = spoken_date(self.day, today)
        return f"{said} {self.time}" if self.time else said

    def hint(self, today: date | None = None) -> str | None:
        """What a date field says under the text: the day understood, or why it
        is none (``not a date I know: kept as typed``); None while blank."""
        if self.blank:
            return None
        words = self.words(today)
        if words is not None:
            return words
        return f"{self.problem}; kept as typed" if self.problem else NOT_A_DATE


def read_date(text: str, today: date, order: str | None = None) -> DateReading:
    """What ``text`` names, said on ``today`` (see the module's docstring).

    ``order`` is ``dmy`` or ``mdy`` for numeric dates (default: :func:`date_order`).
    Never raises.
    """
    order = order if order in DATE_ORDERS else date_order()
    return _read(text, today, order)


def said(text: str, today: date, order: str | None = None) -> str | None:
    """The day ``text`` names as a person says it (:meth:`DateReading.words`, the
    year only when it is not ``today``'s), or None; memoised, for templates that
    fill every line of a step with it."""
    return _said(text, today, order if order in DATE_ORDERS else date_order())


@lru_cache(maxsize=256)
def _said(text: str, today: date, order: str) -> str | None:
    return _read(text, today, order).words(today)


@lru_cache(maxsize=512)
def _read(text: str, today: date, order: str) -> DateReading:
    fast = _ISO_FAST.fullmatch(text)
    if fast is not None:
        day = _make(int(fast[1]), int(fast[2]), int(fast[3]))
        if day is not None:
            return DateReading(text, day)
    s = text.strip().lower()
    if not s:
        return DateReading(text)
    try:
        return _read_words(text, s, today, order)
    except (ValueError, OverflowError):
        return DateReading(text)


def _read_words(text: str, s: str, today: date, order: str) -> DateReading:
    s = normal(s)
    time, s = take_time(s)
    s = ORDINAL_SUFFIX.sub(r"\1", s)
    s = ORDINAL_WORDS.sub(lambda m: str(ORDINAL_DAYS[m[1]]), s)
    words = [w for w in s.split() if w not in FILLERS]
    s = " ".join(words)
    if not s:
        if time is not None:
            return DateReading(text, None, time, "a time, but no day")
        return DateReading(text)
    if s == "this" and time is not None:
        return DateReading(text, today, time)
    day, problem = _day(s, today, order)
    if problem is _SPAN:
        problem = f"{text.strip()} is more than one day"  # "next week", as typed
    return DateReading(text, day, time, problem)


# -- days --------------------------------------------------------------------------------
def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month_end(year: int, month: int) -> date:
    return date(year, month, _days_in(year, month))


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, _days_in(year, month + 1)))


_HALF_YEAR = 183


def _nearest(candidates: list[date], today: date) -> date:
    """The candidate closest to ``today`` (a tie goes to the later one)."""
    return min(candidates, key=lambda d: (abs((d - today).days), -d.toordinal()))


def _fits(
    candidates: list[date], weekday: str | None, today: date, window: int = _HALF_YEAR
) -> tuple[date | None, str | None]:
    """The nearest candidate, on ``weekday`` when one is named (else why none fits)."""
    if not candidates:
        return None, None
    if weekday is None:
        return _nearest(candidates, today), None
    wanted = WEEKDAYS[weekday]
    # A weekday may pick another year than the nearest, but only within half a
    # year: "Thursday 4 December" said in a year where it is a Friday is a slip.
    fitting = [d for d in candidates if d.weekday() == wanted and abs((d - today).days) <= window]
    if fitting:
        return _nearest(fitting, today), None
    near = _nearest(candidates, today)
    return None, f"{near.day} {MONTH_NAMES[near.month - 1]} is a {DAY_NAMES[near.weekday()]}"


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def _on(
    weekday: str | None, year: int | None, month: int, day: int, today: date
) -> tuple[date | None, str | None]:
    """``day`` ``month`` (``year``, else the nearest year) on ``weekday`` if named."""
    if not 1 <= month <= 12:
        return None, f"there is no month {month}"
    if year is not None and not 1 <= year <= 9999:
        return None, f"there is no year {year}"
    if year is not None:
        found = _make(year, month, day)
        if found is None:
            return None, _no_such_day(month, day)
        return _fits([found], weekday, today, window=10**7)
    candidates = [
        d for y in (today.year - 1, today.year, today.year + 1) if (d := _make(y, month, day))
    ]
    if not candidates:
        return None, _no_such_day(month, day)
    return _fits(candidates, weekday, today)


def _no_such_day(month: int, day: int) -> str:
    name = MONTH_NAMES[month - 1]
    return f"{name} has no day {day}" if day > 0 else f"there is no day {day}"


def _day(s: str, today: date, order: str) -> tuple[date | None, str | None]:
    """The day ``s`` (normalised, fillers and time taken out) names, else why none."""
    simple = _SIMPLE.get(s)
    if simple is not None:
        return today + timedelta(days=simple), None
    found = _WEEKDAY.fullmatch(s)
    if found is not None:
        return _weekday(found, today), None
    found = _RELATIVE.fullmatch(s)
    if found is not None:
        return _relative(found, today), None
    found = _ISO.fullmatch(s)
    if found is not None:
        return _on(found[1], int(found[2]), int(found[4]), int(found[5]), today)
    found = _DAY_MONTH.fullmatch(s)
    if found is not None:
        return _on(found[1], _year(found[4]), MONTHS[found[3]], int(found[2]), today)
    found = _MONTH_DAY.fullmatch(s)
    if found is not None:
        return _on(found[1], _year(found[4]), MONTHS[found[2]], int(found[3]), today)
    found = _NUMERIC.fullmatch(s)
    if found is not None:
        return _numeric(found, today, order)
    found = _DAY_ONLY.fullmatch(s)
    if found is not None:
        return _day_only(found[1], int(found[2]), today)
    found = _WEEK_PART.fullmatch(s)
    if found is not None:
        return _week_part(found[1], found[2], today), None
    found = _MONTH_PART.fullmatch(s)
    if found is not None:
        return _month_part(found, today), None
    if _YEAR_END.fullmatch(s):
        return date(today.year, 12, 31), None
    found = _SPANS.fullmatch(s)
    if found is not None:
        return None, _SPAN
    return None, None


_SIMPLE = {
    "today": 0,
    "now": 0,
    "tomorrow": 1,
    "day after tomorrow": 2,
    "yesterday": -1,
    "day before yesterday": -2,
    "fortnight": 14,
}


def _weekday(found: re.Match[str], today: date) -> date:
    which, name, week, a_week = found[1], found[2], found[3], found[4]
    if found[5] is not None:  # "next week friday"
        week, name = found[5], found[6]
    elif found[7] is not None:  # "a week on friday"
        which, name, a_week = None, found[7], "week"
    wanted = WEEKDAYS[name]
    if week is not None:  # "friday next week", "friday this week"
        return _monday(today) + timedelta(days=wanted + (7 if week == "next" else 0))
    if which == "next":  # the day of next week
        return _monday(today) + timedelta(days=7 + wanted)
    if which == "last":  # the latest one before today
        return today - timedelta(days=(today.weekday() - wanted - 1) % 7 + 1)
    ahead = (wanted - today.weekday()) % 7
    if which in (None, "coming") and ahead == 0:
        ahead = 7  # "Friday" said on a Friday: the next one
    day = today + timedelta(days=ahead)
    return day + timedelta(days=7) if a_week else day


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return NUMBERS.get(word)


def _relative(found: re.Match[str], today: date) -> date | None:
    if found[5] is not None:  # "a week today", "2 weeks tomorrow"
        days = 7 if found[5] == "a week" else 14
        return today + timedelta(days=days + (1 if found[0].endswith("tomorrow") else 0))
    word, unit = (found[1], found[2]) if found[1] is not None else (found[3], found[4])
    count = _count(word)
    if count is None:
        return None
    if unit.startswith("day"):
        return today + timedelta(days=count)
    if unit.startswith("week"):
        return today + timedelta(weeks=count)
    if unit.startswith("fortnight"):
        return today + timedelta(weeks=2 * count)
    if unit.startswith("month"):
        return _add_months(today, count)
    return _add_months(today, 12 * count)


def _numeric(found: re.Match[str], today: date, order: str) -> tuple[date | None, str | None]:
    first, second = int(found[2]), int(found[4])
    year = _year(found[5])
    day, month = (first, second) if order == "dmy" else (second, first)
    if not 1 <= month <= 12 and 1 <= day <= 12:
        day, month = month, day  # only the other order gives a date
    return _on(found[1], year, month, day, today)


def _day_only(weekday: str | None, day: int, today: date) -> tuple[date | None, str | None]:
    if not 1 <= day <= 31:
        return None, None
    months = (_add_months(today.replace(day=1), shift) for shift in (-1, 0, 1))
    candidates = [d for m in months if (d := _make(m.year, m.month, day))]
    return _fits(candidates, weekday, today)


def _week_part(part: str, which: str | None, today: date) -> date:
    monday = _monday(today) + timedelta(days=7 if which == "next" else 0)
    offset = {"end": 4, "late": 3, "mid": 2, "middle": 2}.get(part, 0)
    return monday + timedelta(days=offset)


def _month_part(found: re.Match[str], today: date) -> date:
    part, which, name = found[1], found[2], found[3]
    if name is None:
        start = _add_months(today.replace(day=1), 1 if which == "next" else 0)
        return _in_month(part, start)
    month = MONTHS[name]
    days = [
        _in_month(part, date(y, month, 1)) for y in (today.year - 1, today.year, today.year + 1)
    ]
    return _nearest(days, today)


def _in_month(part: str, start: date) -> date:
    """The day of the month ``start`` begins that ``part`` (``end``, ``mid``...) means."""
    if part == "end":
        return _month_end(start.year, start.month)
    if part in ("mid", "middle"):
        return start.replace(day=15)
    if part == "late":
        return start.replace(day=20)
    return start


__all__ = [
    "DATE_EXAMPLES",
    "DATE_ORDERS",
    "NOT_A_DATE",
    "DateOrder",
    "DateReading",
    "date_order",
    "read_date",
    "said",
    "set_date_order",
]
