"""Business days: Monday to Friday, minus a country's public holidays.

December 2026: Tue 1, Fri 4, Mon 7; Thu 24, Fri 25 (Christmas), Sat 26
(Boxing Day), Mon 28 (Boxing Day observed in GB), Thu 31; Fri 1 January 2027.
November 2026: Thu 26 is Thanksgiving in the US.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from coach.call.businessdays import (
    WEEKDAYS,
    BusinessDays,
    UnknownCountry,
    load_business_days,
    years_around,
)


def dec(day: int) -> date:
    return date(2026, 12, day)


def test_weekdays_are_monday_to_friday() -> None:
    assert [WEEKDAYS.is_business_day(dec(d)) for d in range(7, 14)] == [True] * 5 + [False] * 2


def test_on_or_after_moves_a_weekend_to_monday() -> None:
    assert WEEKDAYS.on_or_after(dec(5)) == dec(7)  # Saturday
    assert WEEKDAYS.on_or_after(dec(6)) == dec(7)  # Sunday
    assert WEEKDAYS.on_or_after(dec(4)) == dec(4)


def test_on_or_before_moves_a_weekend_to_friday() -> None:
    assert WEEKDAYS.on_or_before(dec(6)) == dec(4)
    assert WEEKDAYS.on_or_before(dec(7)) == dec(7)


def test_add_counts_business_days_after_the_day() -> None:
    assert WEEKDAYS.add(dec(3), 1) == dec(4)  # Thu -> Fri
    assert WEEKDAYS.add(dec(4), 1) == dec(7)  # Fri -> Mon
    assert WEEKDAYS.add(dec(5), 1) == dec(7)  # Sat -> Mon
    assert WEEKDAYS.add(dec(4), 2) == dec(8)
    assert WEEKDAYS.add(dec(31), 1) == date(2027, 1, 1)  # no holidays without a country
    with pytest.raises(ValueError):
        WEEKDAYS.add(dec(1), 0)


def test_count_includes_both_ends() -> None:
    assert WEEKDAYS.count(dec(4), dec(7)) == 2
    assert WEEKDAYS.count(dec(5), dec(6)) == 0
    assert WEEKDAYS.count(dec(7), dec(11)) == 5
    assert WEEKDAYS.count(dec(8), dec(7)) == 0


def test_holidays_given_by_hand_are_skipped() -> None:
    days = BusinessDays(frozenset({dec(7), dec(8)}))
    assert not days.is_business_day(dec(7))
    assert days.on_or_after(dec(5)) == dec(9)
    assert days.add(dec(4), 1) == dec(9)
    assert days.on_or_before(dec(8)) == dec(4)


def test_no_country_means_weekdays_only() -> None:
    assert load_business_days(None, [2026]) is WEEKDAYS
    assert load_business_days("  ", [2026]) is WEEKDAYS


def test_gb_christmas_and_the_substitute_boxing_day() -> None:
    gb = load_business_days("GB", [2026, 2027])
    assert gb.country == "GB"
    assert not gb.is_business_day(dec(25))
    assert not gb.is_business_day(dec(28))  # Boxing Day falls on a Saturday: Monday instead
    assert gb.add(dec(24), 1) == dec(29)
    assert gb.on_or_after(dec(26)) == dec(29)
    assert gb.add(dec(31), 1) == date(2027, 1, 4)  # New Year's Day


def test_us_thanksgiving() -> None:
    us = load_business_days("us", range(2025, 2028))  # the code is read in any case
    assert not us.is_business_day(date(2026, 11, 26))
    assert us.add(date(2026, 11, 25), 1) == date(2026, 11, 27)


def test_a_region_follows_the_country() -> None:
    scotland = load_business_days("GB-SCT", [2026])
    assert not scotland.is_business_day(date(2026, 1, 2))
    assert load_business_days("GB", [2026]).is_business_day(date(2026, 1, 2))


def test_unknown_country_says_how_to_set_it() -> None:
    with pytest.raises(UnknownCountry) as caught:
        load_business_days("XX", [2026])
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "'XX'" in message
    assert '[follow_up] country = "GB"' in message
    assert "settings.toml" in message
    assert caught.value.country == "XX"


def test_unknown_region_names_the_region() -> None:
    with pytest.raises(UnknownCountry, match="'GB' has no region 'ZZZ'"):
        load_business_days("GB-ZZZ", [2026])


def test_loading_again_costs_nothing() -> None:
    first = load_business_days("GB", [2027, 2026])
    assert load_business_days("gb", (2026, 2027, 2026)) is first


def test_years_around_spans_the_dates_plus_one_each_side() -> None:
    assert list(years_around([dec(31), None, date(2025, 3, 1)])) == [2024, 2025, 2026, 2027]
    assert list(years_around([None])) == []


def test_the_holidays_library_is_imported_only_for_a_country() -> None:
    code = (
        "import sys, coach.call.businessdays as b, coach.call.followup; "
        "b.load_business_days(None, [2026]); "
        "print(any(m in sys.modules for m in ('holidays', 'sqlite3', 'textual')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_business_days_are_a_value() -> None:
    """A plain class now (no dataclasses on the job commands' path), still a frozen value."""
    gb = BusinessDays(frozenset({dec(25)}), "GB")
    assert gb == BusinessDays(frozenset({dec(25)}), "GB") and hash(gb) == hash(
        BusinessDays(frozenset({dec(25)}), "GB")
    )
    assert gb != BusinessDays(frozenset({dec(25)}), "US") and gb != WEEKDAYS
    assert BusinessDays() == WEEKDAYS and WEEKDAYS.holidays == frozenset()
    assert repr(gb) == f"BusinessDays(holidays={frozenset({dec(25)})!r}, country='GB')"
    with pytest.raises(AttributeError):
        gb.country = "US"
    with pytest.raises(AttributeError):
        del gb.holidays
    assert gb.count(dec(21), dec(31)) == 8 and gb.add(dec(24), 1) == dec(28)
    assert gb.on_or_before(dec(27)) == dec(24) and gb.on_or_after(dec(25)) == dec(28)
