"""A fake job desk (what the app reads and writes about jobs) with four jobs and fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

from coach.call.agenda import Agenda, build_agenda
from coach.call.followup import NextStep
from coach.call.jobform import JobFields
from coach.call.jobs import Job, JobCall
from coach.store import StoreError
from coach.tui.jobdesk import JobView

TODAY = date(2026, 3, 11)  # a Wednesday


def describe(step: NextStep, today: date) -> str:
    """The rules' words in short, enough to tell the steps apart."""
    if step.earliest is None or step.latest is None:
        return "nothing due"
    if today > step.latest:
        return f"overdue since {step.latest + timedelta(days=1):%a %-d %b}"
    if today >= step.earliest:
        return f"{step.action} today"
    return f"{step.action} from {step.earliest:%a %-d %b}"


def step(
    first: int, last: int, action: str = "call", reason: str = "Because they said so."
) -> NextStep:
    return NextStep(
        action,  # type: ignore[arg-type]
        TODAY + timedelta(days=first),
        TODAY + timedelta(days=last),
        reason,
        "test",
    )


NOTHING = NextStep("none", None, None, "They contacted you: nothing to do but wait.", "heard")


def a_call(ident: int, days_ago: int, outcome: str = "voicemail", **fields: object) -> JobCall:
    day = TODAY - timedelta(days=days_ago)
    return JobCall(
        ident,
        day,
        f"{day.isoformat()}T10:00:00+00:00",
        "done",
        outcome,
        "follow-up",
        title="Follow-up call",
        duration_s=95.0,
        **fields,  # type: ignore[arg-type]
    )


def four_jobs() -> list[tuple[Job, list[JobCall], NextStep]]:
    """Overdue, due today, coming up, heard; and one closed."""
    return [
        (
            Job(
                1,
                "Acme Ltd",
                "Data analyst",
                "Ms Lee",
                phone="555 0101",
                interview_date=date(2026, 2, 24),
                notes="Liked the team.",
            ),
            [
                a_call(
                    11,
                    5,
                    "pending",
                    captures={"decision_date": "2026-03-06", "receptionist": "Sam"},
                    notes="They need another week.",
                )
            ],
            step(-3, -1, reason="They said they would decide by Friday 6 March."),
        ),
        (Job(2, "Globex", "Engineer", "Mr Smith"), [], step(0, 1)),
        (Job(3, "Initech", "Tester"), [], step(5, 6, "email")),
        (Job(4, "Umbrella", "Chemist", status="heard", heard_on=date(2026, 3, 10)), [], NOTHING),
        (
            Job(5, "Hooli", "PM", status="closed", outcome="rejected", closed_on=date(2026, 3, 2)),
            [],
            NOTHING,
        ),
    ]


class FakeDesk:
    """Keeps jobs in memory; ``fail`` makes every write raise ``StoreError``."""

    def __init__(self, jobs: list[tuple[Job, list[JobCall], NextStep]] | None = None) -> None:
        self.jobs = {
            job.id: (job, calls, s) for job, calls, s in (jobs if jobs is not None else four_jobs())
        }
        self.fail = False
        self.writes: list[tuple[object, ...]] = []

    def _write(self, *what: object) -> None:
        if self.fail:
            raise StoreError("The call history is locked by another program.")
        self.writes.append(what)

    def agenda(self) -> Agenda:
        return build_agenda(self.jobs.values(), TODAY, describe)

    def view(self, job_id: int) -> JobView | None:
        if job_id not in self.jobs:
            return None
        job, calls, s = self.jobs[job_id]
        return JobView(job, tuple(calls), s, describe(s, TODAY), TODAY)

    def add(self, fields: JobFields) -> Job:
        self._write("add", fields)
        job = Job(max(self.jobs, default=0) + 1, **fields.changes())  # type: ignore[arg-type]
        self.jobs[job.id] = (job, [], step(7, 10))
        return job

    def update(self, job_id: int, fields: JobFields) -> Job:
        self._write("update", job_id, fields)
        job, calls, s = self.jobs[job_id]
        job = job._replace(**fields.changes())  # type: ignore[arg-type]
        self.jobs[job_id] = (job, calls, s)
        return job

    def mark_heard(self, job_id: int, note: str | None) -> None:
        self._write("heard", job_id, note)
        job, calls, _s = self.jobs[job_id]
        self.jobs[job_id] = (job._replace(status="heard", heard_on=TODAY), calls, NOTHING)

    def close(self, job_id: int, outcome: str, note: str | None) -> None:
        self._write("close", job_id, outcome, note)
        job, calls, _s = self.jobs[job_id]
        closed = job._replace(status="closed", outcome=outcome, closed_on=TODAY)
        self.jobs[job_id] = (closed, calls, NOTHING)

    def draft(self, kind: str, job_id: int) -> str:
        job = self.jobs[job_id][0]
        return f"Dear {job.interviewer or 'team'},\n\nA {kind} note about the {job.position} role."
