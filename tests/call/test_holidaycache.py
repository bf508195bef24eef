"""Holidays kept in the cache folder: the same days as the library, without importing it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from coach.call.businessdays import WEEKDAYS, UnknownCountry, load_business_days
from coach.call.holidaycache import MAX_ENTRIES, cached_business_days


def test_no_country_is_weekdays_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    assert cached_business_days(None, [2026], path) is WEEKDAYS
    assert cached_business_days("  ", [2026], path) is WEEKDAYS
    assert not path.exists()


def test_the_cache_gives_the_librarys_days(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "holidays.json"
    first = cached_business_days("gb", range(2025, 2028), path)
    assert first == load_business_days("GB", range(2025, 2028))
    assert date(2026, 12, 25) in first.holidays
    assert path.exists()
    again = cached_business_days("GB", [2027, 2026, 2025], path)
    assert again == first


def test_a_hit_never_imports_the_library(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    cached_business_days("GB", [2026], path)
    code = (
        "import sys\n"
        "from coach.call.holidaycache import cached_business_days\n"
        f"days = cached_business_days('GB', [2026], {str(path)!r})\n"
        "import datetime\n"
        "assert datetime.date(2026, 12, 28) in days.holidays\n"
        "print('holidays' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_damaged_cache_is_computed_again(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    path.write_text("{not json", encoding="utf-8")
    assert date(2026, 12, 25) in cached_business_days("GB", [2026], path).holidays
    data = json.loads(path.read_text(encoding="utf-8"))
    (key,) = data
    data[key] = ["not a date"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert date(2026, 12, 25) in cached_business_days("GB", [2026], path).holidays


def test_unknown_countries_raise_and_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    with pytest.raises(UnknownCountry):
        cached_business_days("XX", [2026], path)
    assert not path.exists()


def test_the_cache_keeps_the_newest_entries(tmp_path: Path) -> None:
    path = tmp_path / "holidays.json"
    for year in range(2000, 2000 + MAX_ENTRIES + 3):
        cached_business_days("GB", [year], path)
    keys = list(json.loads(path.read_text(encoding="utf-8")))
    assert len(keys) == MAX_ENTRIES
    assert keys[-1].startswith(f"GB|{2000 + MAX_ENTRIES + 2}|")
