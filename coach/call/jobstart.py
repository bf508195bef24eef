"""Starting a call on a job: its values from DESIGN's chain, and whether today is the day.

Pure: the command line and the TUI read the job, its calls and the settings,
and this module says what the call starts with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from coach.call.businessdays import BusinessDays
from coach.call.jobs import Job, JobCall
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
