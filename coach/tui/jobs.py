"""What the app knows about jobs: the settings, working days, and starting a call on a job.

A mixin of ``CoachApp``: the home screen and the call walk read these.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from coach.call.businessdays import BusinessDays
    from coach.call.jobstart import JobCallStart
    from coach.script.model import Script
    from coach.settings import Settings
    from coach.store import Store

T = TypeVar("T")


class JobsHost:
    """The settings (read once), working days and job calls of the app."""

    _settings: Settings | None = None
    _country_warned = False
    #: The working days as last worked out, and the (country, year) they are for.
    _days: tuple[tuple[str | None, int], BusinessDays | None] | None = None
    today: Callable[[], date]

    if TYPE_CHECKING:

        def notify(self, message: str, **kwargs: Any) -> None: ...

        def read_store(self, read: Callable[[Store], T]) -> T | None: ...

        def open_store(self) -> Store: ...

        def warn_store(self, message: str) -> None: ...

    def settings(self) -> Settings:
        """The user's settings file, read once (a broken one is said once, then defaults)."""
        if self._settings is None:
            from coach.call.dates import set_date_order
            from coach.settings import load_settings

            self._settings = load_settings()
            set_date_order(self._settings.date_order)
            if self._settings.problem:
                self.notify(self._settings.problem, title="Settings", severity="warning")
        return self._settings

    def business_days(self) -> BusinessDays | None:
        """Working days, minus the public holidays of the settings' country (if any)."""
        from coach.call.businessdays import UnknownCountry
        from coach.call.holidaycache import cached_business_days

        key = (self.settings().country, self.today().year)
        if self._days is not None and self._days[0] == key:
            return self._days[1]  # home asks on every refresh: the cache file is read once
        country, year = key
        days: BusinessDays | None
        try:
            days = cached_business_days(country, range(year - 1, year + 2))
        except UnknownCountry as exc:
            if not self._country_warned:
                self._country_warned = True
                self.notify(str(exc), title="Settings", severity="warning")
            days = None
        self._days = (key, days)
        return days

    def job_start(self, script: Script, job_id: int) -> JobCallStart | None:
        """The values and timing of a call on ``job_id``; None (the user is told) if it is gone."""
        from coach.call.jobstart import job_call_start

        found = self.read_store(lambda store: (store.job(job_id), store.job_calls(job_id)))
        if found is None or found[0] is None:
            self.notify(f"Job {job_id} is not in the call record.", severity="error")
            return None
        job, calls = found
        if job is None:
            return None
        return job_call_start(
            script,
            job,
            calls,
            self.today(),
            days=self.business_days(),
            profile=self.settings().profile,
        )

    def remember_details(
        self, job_id: int, before: Mapping[str, str], typed: Mapping[str, str]
    ) -> None:
        """Keep what the details form gave for a call on ``job_id`` with the job: corrected
        job fields on the job, other values for its next calls (a store error is said)."""
        from coach.call.jobstart import details_for_job

        found = details_for_job(before, typed, self.settings().profile)

        def write(store: Store) -> None:
            if found.job_fields:
                store.update_job(job_id, **found.job_fields)
            if found.remembered:
                store.remember(job_id, found.remembered)

        if not (found.job_fields or found.remembered):
            return
        from coach.store import StoreError

        try:
            write(self.open_store())
        except StoreError as exc:
            self.warn_store(
                f"What you typed is used for this call but not kept with the job: {exc}"
            )
