"""Starting a call on a job: its values from DESIGN's chain, and whether today is the day.

Pure: the command line and the TUI read the job, its calls and the settings,
and this module says what the call starts with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from coach.call.businessdays import BusinessDays
from coach.call.jobs import JOB_VARIABLES, Job, JobCall, said_date
from coach.call.nextstep import next_step, too_early
from coach.call.values import chain_values
from coach.script.model import Script


@dataclass(frozen=True)
class JobCallStart:
    """What a live call on a job starts with."""

    values: dict[str, str]
    #: Whether today is the day to call, and why (shown before the call).
    timing: str
    #: ``timing`` warns: the window has not opened, or the next step is not a call.
    warns: bool


def job_call_start(
    script: Script,
    job: Job,
    calls: Sequence[JobCall],
    today: date,
    *,
    days: BusinessDays | None = None,
    profile: Mapping[str, str] | None = None,
    given: Mapping[str, str] | None = None,
) -> JobCallStart:
    """The values of a call on ``job`` (``calls`` newest first) and its timing line."""
    values = chain_values(
        script, profile=profile, job=job.values(), captured=job.captured, given=given
    )
    warning = too_early(job, calls, today, days)
    if warning:
        return JobCallStart(values, warning, True)
    step = next_step(job, calls, today, days)
    if step.action == "call" and step.is_overdue(today):
        return JobCallStart(values, f"Overdue, so call today. {step.reason}", False)
    if step.action == "call" and step.is_due(today):
        return JobCallStart(values, f"Today is a good day to call. {step.reason}", False)
    if step.action == "email":
        return JobCallStart(values, f"The next step is an email, not a call. {step.reason}", True)
    return JobCallStart(values, f"Nothing is due for this job. {step.reason}", True)


@dataclass(frozen=True)
class DetailsForJob:
    """What the details typed for a call on a job change on the job."""

    #: Job fields corrected on the form (``Store.update_job`` names and values).
    job_fields: dict[str, object]
    #: Other values typed, kept with the job so its next call does not ask again.
    remembered: dict[str, str]


def details_for_job(
    before: Mapping[str, str],
    typed: Mapping[str, str],
    profile: Mapping[str, str] | None = None,
    today: date | None = None,
) -> DetailsForJob:
    """Sort what the details form gave (``typed``) against the values it started with.

    A job variable (company, position, ``their_phone``...) that was changed
    corrects the job (a date only when it reads as one, said on ``today``: "last
    Tuesday" is read from the real today by default); any other value typed
    is remembered with the job, unless the profile gives it (the profile stays
    the one place for your name and phone).
    """
    job_fields: dict[str, object] = {}
    remembered: dict[str, str] = {}
    for key, value in typed.items():
        text = value.strip()
        if text == before.get(key, "").strip():
            continue
        if key in JOB_VARIABLES:
            name = JOB_VARIABLES[key]
            if name.endswith("_date"):
                day = said_date(text, today or date.today())
                if day is not None or not text:
                    job_fields[name] = day
            elif text or name not in ("company", "position"):
                job_fields[name] = text
        elif text and key not in (profile or {}):
            remembered[key] = text
    return DetailsForJob(job_fields, remembered)
