"""Business days: Monday to Friday, minus the public holidays of a country.

Pure: the ``holidays`` library is imported only when a country is named, so
the rules (and every command that never needs a holiday) stay quick to start.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

_ONE_DAY = timedelta(days=1)

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


class BusinessDays:
    """Monday to Friday, minus ``holidays``; immutable, equal when both fields are.

    (A plain class, not a dataclass: the job commands must start fast, and
    ``dataclasses`` costs 7 ms to import.)
    """

    __slots__ = ("country", "holidays")
    holidays: frozenset[date]
    #: The country code the holidays came from (None: weekends only).
    country: str | None

    def __init__(self, holidays: frozenset[date] = frozenset(), country: str | None = None) -> None:
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(self, "country", country)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"BusinessDays cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"BusinessDays cannot be changed (tried to delete {name!r})")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, BusinessDays)
        return self.holidays == other.holidays and self.country == other.country

    def __hash__(self) -> int:
        return hash((self.holidays, self.country))

    def __repr__(self) -> str:
        return f"BusinessDays(holidays={self.holidays!r}, country={self.country!r})"

    # The loops below inline is_business_day and step by one shared timedelta:
    # the rules ask them about 4,000 times for 1,000 jobs (half the rules' time).

    def is_business_day(self, d: date) -> bool:
        return d.weekday() < 5 and d not in self.holidays

    def on_or_after(self, d: date) -> date:
        """``d`` if it is a business day, else the next one."""
        holidays = self.holidays
        while d.weekday() > 4 or d in holidays:
            d += _ONE_DAY
        return d

    def on_or_before(self, d: date) -> date:
        """``d`` if it is a business day, else the one before."""
        holidays = self.holidays
        while d.weekday() > 4 or d in holidays:
            d -= _ONE_DAY
        return d

    def add(self, d: date, n: int) -> date:
        """The ``n``-th business day after ``d`` (``n`` >= 1); ``d`` itself may be any day."""
        if n < 1:
            raise ValueError("n must be at least 1")
        holidays = self.holidays
        while n:
            d += _ONE_DAY
            if d.weekday() < 5 and d not in holidays:
                n -= 1
        return d

    def count(self, first: date, last: date) -> int:
        """How many business days lie from ``first`` to ``last``, both included."""
        holidays = self.holidays
        total = 0
        d = first
        while d <= last:
            if d.weekday() < 5 and d not in holidays:
                total += 1
            d += _ONE_DAY
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
