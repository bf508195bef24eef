"""Dates as the app writes them, and who a call was to (the prospect key).

The next-step rules themselves are tested in ``test_next_step.py``.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from coach.call.dates import call_date, long_date, parse_iso_date, short_date
from coach.call.followup import prospect_key, prospect_label


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


def test_long_date_is_locale_neutral() -> None:
    assert long_date(d(3)) == "Tuesday 3 March 2026"
    assert long_date(date(2025, 12, 28)) == "Sunday 28 December 2025"


def test_short_date_adds_the_year_only_when_it_differs() -> None:
    assert short_date(d(5, 5), today=d(1, 5)) == "Tue 5 May"
    assert short_date(date(2027, 1, 4), today=d(30, 12)) == "Mon 4 Jan 2027"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-03", d(3)),
        ("  2026-03-03\n", d(3)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2026-02-30", None),
        ("20260303", None),
        ("2026-3-3", None),
        ("3 March 2026", None),
        ("", None),
        ("2026-03-03T10:00", None),
    ],
)
def test_parse_iso_date(text: str, expected: date | None) -> None:
    assert parse_iso_date(text) == expected


def test_call_date_keeps_the_offset_it_was_written_with() -> None:
    assert call_date("2026-03-02T23:30:00+01:00") == d(2)
    assert call_date("not a time") is None


def test_prospect_key_normalises_company_and_position() -> None:
    a = prospect_key("s1", {"company": "Acme Ltd.", "position": "Data  Analyst"})
    b = prospect_key("s2", {"company": " acme ltd", "position": "data analyst", "x": "y"})
    assert a == b
    assert a != prospect_key("s1", {"company": "Acme Ltd", "position": "Engineer"})


def test_prospect_key_falls_back_to_interviewer_then_script() -> None:
    assert prospect_key("s", {"interviewer": "Ms Lee"}) == prospect_key(
        "t", {"interviewer": "ms lee"}
    )
    assert prospect_key("s", {}) == "script:s"
    assert prospect_key("s", {}) != prospect_key("t", {})


def test_prospect_label() -> None:
    assert prospect_label({"company": "Acme", "position": "Analyst"}, "x") == "Acme, Analyst"
    assert prospect_label({"interviewer": "Ms Lee"}, "x") == "Ms Lee"
    assert prospect_label({}, "Follow-up call") == "Follow-up call"


def test_followup_imports_neither_sqlite_nor_textual() -> None:
    code = (
        "import sys, coach.call.followup; "
        "print(any(m in sys.modules for m in ('sqlite3', 'textual')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
