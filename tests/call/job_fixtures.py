"""Jobs and calls on fixed dates, shared by the next-step tests.

November 2026: Mon 23, Wed 25, Thu 26 (US Thanksgiving), Sat 28, Mon 30.
December 2026: Tue 1, Wed 2, Thu 3, Fri 4, Sat 5, Sun 6, Mon 7, Tue 8, Wed 9,
Thu 10, Fri 11, Mon 14; Fri 18, Thu 24, Fri 25, Sat 26, Mon 28 (GB's Boxing
Day substitute), Tue 29, Thu 31. January 2027: Fri 1, Mon 4, Tue 5.
"""

from __future__ import annotations

from datetime import date

from coach.call.businessdays import load_business_days
from coach.call.jobs import Job, JobCall, JobStatus
from coach.call.nextstep import NextStep

GB = load_business_days("GB", range(2025, 2029))
US = load_business_days("US", range(2025, 2029))


def dec(day: int) -> date:
    return date(2026, 12, day)


def nov(day: int) -> date:
    return date(2026, 11, day)


def job(status: JobStatus = "open", **fields: object) -> Job:
    return Job(id=7, company="Acme", status=status, **fields)  # type: ignore[arg-type]


def call(
    day: date,
    outcome: str | None = "pending",
    *,
    status: str = "done",
    mode: str = "live",
    callback: date | str | None = None,
    decision: date | str | None = None,
) -> JobCall:
    captures = {}
    for key, value in (("callback_date", callback), ("decision_date", decision)):
        if value is not None:
            captures[key] = value.isoformat() if isinstance(value, date) else value
    return JobCall(
        id=day.toordinal(),
        called_on=day,
        started_at=f"{day.isoformat()}T10:00:00+00:00",
        status=status,
        outcome=outcome,
        script="follow-up",
        mode=mode,  # type: ignore[arg-type]
        captures=captures,
    )


def span(step: NextStep) -> tuple[date | None, date | None]:
    return step.earliest, step.latest
