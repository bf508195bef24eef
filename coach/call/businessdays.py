"""Business days: Monday to Friday, minus the public holidays of a country.

Pure: the ``holidays`` library is imported only when a country is named, so
the rules (and every command that never needs a holiday) stay quick to start.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

#: Where the country is set, as the error message tells the user.
SETTING_HINT = '[follow_up] country = "GB" in settings.toml'


class UnknownCountry(ValueError):
    """The settings name a country (or region) the holidays library does not know."""

    def __init__(self, country: str, detail: str = "") -> None:
        self.country = country
        what = detail or f"{country!r} is not a country code the holiday calendar knows"
        super().__init__(
            f"{what}: use a two-letter code such as {SETTING_HINT} "
            "(a region may follow, as in GB-SCT), or leave it out to count Monday to Friday."
        )


@dataclass(frozen=True)
class BusinessDays:
    """Monday to Friday, minus ``holidays``."""

    holidays: frozenset[date] = frozenset()
    #: The country code the holidays came from (None: weekends only).
    country: str | None = None

    def is_business_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.holidays

    def on_or_after(self, d: date) -> date:
        """``d`` if it is a business day, else the next one."""
        while not self.is_business_day(d):
            d += timedelta(days=1)
        return d

    def on_or_before(self, d: date) -> date:
        """``d`` if it is a business day, else the one before."""
        while not self.is_business_day(d):
            d -= timedelta(days=1)
        return d

    def add(self, d: date, n: int) -> date:
        """The ``n``-th business day after ``d`` (``n`` >= 1); ``d`` itself may be any day."""
        if n < 1:
            raise ValueError("n must be at least 1")
        while n:
            d += timedelta(days=1)
            if self.is_business_day(d):
                n -= 1
        return d

    def count(self, first: date, last: date) -> int:
        """How many business days lie from ``first`` to ``last``, both included."""
        total = 0
        d = first
        while d <= last:
            total += self.is_business_day(d)
            d += timedelta(days=1)
        return total


#: Weekends only: what the rules use when no country is set.
WEEKDAYS = BusinessDays()


def years_around(dates: Iterable[date | None]) -> range:
    """The years from one before the earliest of ``dates`` to one after the latest.

    Windows reach a few days past a date (and a year end), so the year after
    is needed too; an empty or all-None ``dates`` gives an empty range.
    """
    years = [d.year for d in dates if d is not None]
    if not years:
        return range(0)
    return range(min(years) - 1, max(years) + 2)


def load_business_days(country: str | None, years: Iterable[int]) -> BusinessDays:
    """Business days for ``country`` (``"GB"``, ``"US"``, ``"GB-SCT"``) over ``years``.

    ``None`` or a blank code gives Monday to Friday without holidays, and does
    not import the holidays library. Repeated calls with the same country and
    years cost nothing (the result is cached).

    Raises:
        UnknownCountry: the code (or its region) is not one the library knows.
    """
    code = (country or "").strip().upper()
    if not code:
        return WEEKDAYS
    return _load(code, tuple(sorted(set(years))))


@lru_cache(maxsize=32)
def _load(code: str, years: tuple[int, ...]) -> BusinessDays:
    import holidays  # lazily: only a set country needs it

    name, _, region = code.partition("-")
    try:
        calendar = holidays.country_holidays(name, subdiv=region or None, years=years)
    except NotImplementedError as exc:
        if region and name in holidays.list_supported_countries():
            raise UnknownCountry(
                code, f"{name!r} has no region {region!r} in the holiday calendar"
            ) from exc
        raise UnknownCountry(code) from exc
    return BusinessDays(frozenset(calendar.keys()), code)


__all__ = [
    "WEEKDAYS",
    "BusinessDays",
    "UnknownCountry",
    "load_business_days",
    "years_around",
]
