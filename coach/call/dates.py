"""What counts as a date in a field, a capture or ``--set``: the one rule for all.

A date is written ``YYYY-MM-DD``. An empty value is no date and no problem
either (a field may be left blank); anything else that does not read as a
date is a problem, but the text is always kept as typed.
"""

from __future__ import annotations

from coach.call.followup import long_date, parse_iso_date

#: How a date is written (shown beside date fields and in messages).
DATE_FORMAT = "YYYY-MM-DD"


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
