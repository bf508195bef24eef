"""Dates written ``YYYY-MM-DD``, and dates in words.

The ISO helpers (:func:`parse_iso_date`, :func:`valid_date`, :func:`date_problem`)
are for what a program writes: the store, ``--today``, exports. What people
type in a date field ("next Monday", "14 Dec") is read by
:mod:`coach.call.saydate`, in the order of numeric dates set here
(:func:`set_date_order`, from the settings). The words: :func:`long_date`,
:func:`short_date`, :func:`spoken_date`, :func:`spoken_range`.
"""

from __future__ import annotations

import re
from datetime import date, datetime

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# fmt: off
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# fmt: on
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: How a date is written (shown beside date fields and in messages).
DATE_FORMAT = "YYYY-MM-DD"

if TYPE_CHECKING:
    DateOrder = Literal["dmy", "mdy"]
else:
    # At run time the alias is only a name: ``coach log`` and ``coach due``
    # would import ``typing`` (2.4 ms) for it alone.
    DateOrder = str
#: The orders of a numeric date such as ``12/11`` (day first, month first).
DATE_ORDERS: tuple[DateOrder, ...] = ("dmy", "mdy")
_order: list[DateOrder | None] = [None]


def set_date_order(order: str | None) -> None:
    """The order numeric dates are read in from now on in this process (the
    settings' ``[dates] order``); None goes back to the locale's."""
    _order[0] = "mdy" if order == "mdy" else "dmy" if order == "dmy" else None


def date_order() -> DateOrder:
    """The order set by :func:`set_date_order`, else the locale's."""
    order = _order[0]
    if order is None:
        from coach.settings import locale_date_order

        order = "mdy" if locale_date_order() == "mdy" else "dmy"
        _order[0] = order
    return order


def valid_date(text: str) -> bool:
    """True when ``text`` is blank or a date (what every date field accepts)."""
    return not text.strip() or parse_iso_date(text) is not None


def date_problem(text: str) -> str | None:
    """Why ``text`` is not a usable date, or None (empty counts as fine)."""
    if valid_date(text):
        return None
    return f"Not a date: write it as {DATE_FORMAT}, e.g. 2026-03-03"


def date_words(text: str) -> str | None:
    """The date ``text`` was read as, in the long form (``Tuesday 3 March 2026``), or None."""
    day = parse_iso_date(text)
    return long_date(day) if day is not None else None


def parse_iso_date(text: str) -> date | None:
    """``YYYY-MM-DD`` (surrounding blanks allowed) to a date; anything else is ``None``."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def call_date(started_at: str) -> date | None:
    """The calendar day of an ISO 8601 timestamp, in the offset it was written with."""
    try:
        return datetime.fromisoformat(started_at.strip()).date()
    except (ValueError, AttributeError):
        return None


def long_date(d: date) -> str:
    """The locale-neutral long form: ``Tuesday 3 March 2026``."""
    return f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def short_date(d: date, today: date | None = None) -> str:
    """``Tue 5 May``; the year is added when it is not ``today``'s year."""
    text = f"{_DAY_NAMES[d.weekday()][:3]} {d.day} {_MONTH_NAMES[d.month - 1][:3]}"
    if today is None or d.year != today.year:
        text += f" {d.year}"
    return text


def spoken_date(d: date, today: date | None = None) -> str:
    """A date as people say it: ``Friday 4 December``; the year only when it is not ``today``'s."""
    text = f"{_DAY_NAMES[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]}"
    if today is None or d.year != today.year:
        text += f" {d.year}"
    return text


def spoken_range(
    first: date, last: date, today: date | None = None, *, either: bool | None = None
) -> str:
    """Two dates as one phrase, the month (and year) said once where they share it.

    ``Monday 7 or Tuesday 8 December`` when ``either`` (by default: the days
    are next to each other), else ``Monday 7 to Thursday 10 December``; across
    months ``Monday 30 November to Wednesday 2 December``; a single day is
    just :func:`spoken_date`.
    """
    if last <= first:
        return spoken_date(first, today)
    if either is None:
        either = (last - first).days == 1
    word = "or" if either else "to"
    end = spoken_date(last, today)
    if first.year != last.year:
        return f"{spoken_date(first, today)} {word} {end}"
    start = f"{_DAY_NAMES[first.weekday()]} {first.day}"
    if first.month != last.month:
        start += f" {_MONTH_NAMES[first.month - 1]}"
    return f"{start} {word} {end}"
