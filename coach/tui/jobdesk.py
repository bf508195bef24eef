"""What home, the job screen and the job form need to know about jobs, and from whom.

Screens are given a :class:`JobDesk` (the app's reads and writes of jobs) and
render what it returns; they never open the store themselves, so tests give
them a fake desk. :class:`StoreDesk` is the app's: the store, today, the
working days of the settings' country and the profile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, Protocol

from coach.call.agenda import Agenda, LiveCalls, build_agenda, step_words
from coach.call.followup import NextStep
from coach.call.jobs import Job, JobCall

if TYPE_CHECKING:
    from coach.call.businessdays import BusinessDays
    from coach.call.jobform import JobFields
    from coach.settings import Settings
    from coach.store import Store


class JobView(NamedTuple):
    """One job as its screen shows it."""

    job: Job
    #: Its calls, newest first.
    calls: tuple[JobCall, ...]
    step: NextStep
    #: The step and when in words ("call today", "overdue since Tue 8 Dec").
    step_words: str
    today: date


class JobDesk(Protocol):
    """Reads and writes of jobs. Every method may raise ``StoreError`` (shown to the user)."""

    def agenda(self) -> Agenda:
        """Every job in home's sections, with its next step as of today."""
        ...

    def view(self, job_id: int) -> JobView | None:
        """One job with its calls and next step; None if there is no such job."""
        ...

    def add(self, fields: JobFields) -> Job: ...

    def update(self, job_id: int, fields: JobFields) -> Job: ...

    def mark_heard(self, job_id: int, note: str | None) -> None:
        """They contacted you first: nothing more is due."""
        ...

    def close(self, job_id: int, outcome: str, note: str | None) -> None:
        """Over, with an outcome (``offer``, ``rejected``, ``withdrawn`` or free text)."""
        ...

    def draft(self, kind: str, job_id: int) -> str:
        """A draft of ``kind`` (``thank-you``, ``check-in``, ``after-rejection``)."""
        ...


class DeskHost(Protocol):
    """What :class:`StoreDesk` needs from the app (``CoachApp``)."""

    today: Callable[[], date]

    def open_store(self) -> Store: ...

    def business_days(self) -> BusinessDays | None: ...

    def settings(self) -> Settings: ...


def jobs_agenda(
    overview: Sequence[
        tuple[Job, Sequence[JobCall] | LiveCalls] | tuple[Job, Sequence[JobCall], LiveCalls]
    ],
    today: date,
    days: BusinessDays | None,
) -> Agenda:
    """Home's jobs: each job's next step by the rules (with these working days), in sections.

    Each job comes with its calls, or with a :class:`LiveCalls` tally instead
    (heard or closed: the rules read the job alone, and decide with no calls),
    or with the calls the rules read and the tally its row shows
    (:meth:`~coach.store.jobs.JobStore.home_overview`).
    """
    from coach.call.followup import describe_step, next_step

    def decided() -> Iterator[tuple[Job, Sequence[JobCall] | LiveCalls, NextStep]]:
        for entry in overview:
            shown: Sequence[JobCall] | LiveCalls
            if len(entry) == 3:
                job, calls, shown = entry
            else:
                job, shown = entry
                calls = () if isinstance(shown, LiveCalls) else shown
            yield job, shown, next_step(job, calls, today, days)

    return build_agenda(decided(), today, describe_step)


class StoreDesk:
    """The app's :class:`JobDesk`: every read and write goes to the store, now."""

    def __init__(self, host: DeskHost) -> None:
        self._host = host

    def agenda(self) -> Agenda:
        """Home's list, kept from the last time while nothing it depends on changed
        (:mod:`coach.store.home_agenda`: 40 ms of start-up on 1,000 jobs)."""
        from coach.store.home_agenda import cached_agenda

        store = self._host.open_store()
        today = self._host.today()
        days = self._host.business_days()
        return cached_agenda(
            store, today, days, lambda: jobs_agenda(store.home_overview(), today, days)
        )

    def view(self, job_id: int) -> JobView | None:
        store = self._host.open_store()
        job = store.job(job_id)
        if job is None:
            return None
        from coach.call.followup import describe_step, next_step

        calls = store.job_calls(job_id)
        today = self._host.today()
        step = next_step(job, calls, today, self._host.business_days())
        # A heard or closed job's title says how it stands; its step is "nothing due".
        words = (
            step_words(job, step, today, describe_step)
            if job.status == "open"
            else describe_step(step, today)
        )
        return JobView(job, tuple(calls), step, words, today)

    def add(self, fields: JobFields) -> Job:
        return self._host.open_store().add_job(
            fields.company,
            fields.position,
            interviewer=fields.interviewer,
            phone=fields.phone,
            interview_date=fields.interview_date,
            decision_date=fields.decision_date,
            notes=fields.notes,
        )

    def update(self, job_id: int, fields: JobFields) -> Job:
        return self._host.open_store().update_job(job_id, **fields.changes())

    def mark_heard(self, job_id: int, note: str | None) -> None:
        self._host.open_store().mark_heard(job_id, note=note, today=self._host.today())

    def close(self, job_id: int, outcome: str, note: str | None) -> None:
        self._host.open_store().close_job(job_id, outcome, note=note, today=self._host.today())

    def draft(self, kind: str, job_id: int) -> str:
        from coach.call.drafts import draft

        store = self._host.open_store()
        job = store.job(job_id)
        if job is None:
            raise ValueError(f"there is no job {job_id} any more")
        return draft(kind, job, store.job_calls(job_id), self._host.settings().profile)


__all__ = ["DeskHost", "JobDesk", "JobView", "StoreDesk", "jobs_agenda"]
