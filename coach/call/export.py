"""Jobs, their calls and next steps as Markdown, CSV or JSON (``coach export``).

* Markdown: a dated activity log a person can hand over as proof of their job
  search (per day: jobs added, interviews, calls made and how they ended,
  replies, jobs closed, calls and emails due), then the next steps.
* CSV: one row per call, plus one row for each job without a call; a header
  row; opens in any spreadsheet.
* JSON: ``{"exported_on", "from", "to", "jobs": [...]}``, each job with its
  calls and next step (the same shapes as ``coach job show --json``).

The calendar form is :mod:`coach.call.ics`. ``--from``/``--to`` keep the
calls made on those days (both included) and the jobs that saw something
then: added, interviewed, called, heard from or closed. Practice calls are
never exported. Pure: no storage, no UI.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from coach.call.dates import call_date, long_date, short_date
from coach.call.jobs import Job, JobCall
from coach.call.words import id_words, outcome_words

if TYPE_CHECKING:
    from coach.call.nextstep import NextStep

EXPORT_FORMATS = ("md", "csv", "json", "ics")


class JobEntry(NamedTuple):
    """A job, its calls (newest first) and its next step as of the export day."""

    job: Job
    calls: Sequence[JobCall]
    step: NextStep


class Period(NamedTuple):
    """The days exported, both included; None: no limit on that side."""

    start: date | None = None
    end: date | None = None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    @property
    def unlimited(self) -> bool:
        return self.start is None and self.end is None

    def words(self) -> str:
        """``from Monday 2 March 2026 to Friday 13 March 2026``, ``all recorded activity``."""
        if self.start and self.end:
            return f"from {long_date(self.start)} to {long_date(self.end)}"
        if self.start:
            return f"from {long_date(self.start)}"
        if self.end:
            return f"up to {long_date(self.end)}"
        return "all recorded activity"


#: No limit on either side.
ALL_TIME = Period()


# ----------------------------------------------------------------- JSON shapes
def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def job_json(job: Job) -> dict[str, Any]:
    """A job's fields, dates as ISO text."""
    return {
        "id": job.id,
        "company": job.company,
        "position": job.position,
        "interviewer": job.interviewer,
        "phone": job.phone,
        "interview_date": _iso(job.interview_date),
        "decision_date": _iso(job.decision_date),
        "status": job.status,
        "outcome": job.outcome,
        "notes": job.notes,
        "captured": dict(job.captured),
        "created_at": job.created_at,
        "updated_at": job.updated_at,
        "heard_on": _iso(job.heard_on),
        "closed_on": _iso(job.closed_on),
    }


def call_json(call: JobCall) -> dict[str, Any]:
    """One call of a job: when, how it ended, what was learned."""
    return {
        "id": call.id,
        "date": call.called_on.isoformat(),
        "started_at": call.started_at,
        "status": call.status,
        "outcome": call.outcome,
        "script": call.script,
        "title": call.title,
        "mode": call.mode,
        "duration_s": call.duration_s,
        "captures": dict(call.captures),
        "notes": call.notes,
    }


def step_json(step: NextStep, today: date) -> dict[str, Any]:
    """``coach due --json``'s step fields, plus the rule and any suggestion."""
    return {**step.as_json(today), "rule": step.rule, "suggestion": step.suggestion}


# ------------------------------------------------------------------- selection
def _added_on(job: Job) -> date | None:
    return call_date(job.created_at) if job.created_at else None


def _job_days(job: Job) -> list[date]:
    days = [_added_on(job), job.interview_date, job.heard_on, job.closed_on]
    return [d for d in days if d is not None]


def select(entries: Iterable[JobEntry], period: Period = ALL_TIME) -> list[JobEntry]:
    """The entries in ``period``: live calls made then, jobs that saw something then."""
    chosen: list[JobEntry] = []
    for entry in entries:
        calls = [c for c in entry.calls if c.mode == "live" and c.called_on in period]
        if period.unlimited or calls or any(d in period for d in _job_days(entry.job)):
            chosen.append(entry._replace(calls=calls))
    return chosen


def export_json(entries: Iterable[JobEntry], today: date, period: Period = ALL_TIME) -> str:
    """Every job of ``period`` with its calls (newest first) and next step, as JSON text."""
    jobs = [
        {
            **job_json(e.job),
            "calls": [call_json(c) for c in e.calls],
            "next_step": step_json(e.step, today),
        }
        for e in select(entries, period)
    ]
    document = {
        "exported_on": today.isoformat(),
        "from": _iso(period.start),
        "to": _iso(period.end),
        "jobs": jobs,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------ text
def _one_line(text: str) -> str:
    """Multi-line text on one line (lines joined with `` / ``)."""
    return " / ".join(part.strip() for part in text.splitlines() if part.strip())


def learned(call: JobCall) -> str:
    """What the call captured: ``Decision date: 2026-03-13; Concerns: no SQL``."""
    return "; ".join(
        f"{id_words(key)}: {_one_line(value)}"
        for key, value in call.captures.items()
        if str(value).strip()
    )


def call_outcome(call: JobCall) -> str:
    """How the call ended, in words (``Left a voicemail``, ``Ended early``)."""
    return outcome_words(call.outcome, abandoned=call.status in ("abandoned", "interrupted"))


def _time(call: JobCall) -> str:
    try:
        return datetime.fromisoformat(call.started_at).strftime("%H:%M")
    except ValueError:
        return ""


def _minutes(call: JobCall) -> str:
    return f"{call.duration_s / 60:.1f}" if call.duration_s is not None else ""


# ------------------------------------------------------------------------- CSV
CSV_COLUMNS = (
    "job_id",
    "company",
    "position",
    "interviewer",
    "their_phone",
    "interview_date",
    "decision_date",
    "job_status",
    "job_outcome",
    "call_id",
    "call_date",
    "call_time",
    "call_script",
    "call_outcome",
    "call_minutes",
    "learned",
    "call_notes",
    "next_action",
    "next_from",
    "next_until",
    "next_reason",
)


def _csv_rows(entries: Iterable[JobEntry]) -> Iterator[list[str]]:
    for job, calls, step in entries:
        job_part = [
            str(job.id),
            job.company,
            job.position,
            job.interviewer,
            job.phone,
            _iso(job.interview_date) or "",
            _iso(job.decision_date) or "",
            job.status,
            job.outcome or "",
        ]
        step_part = [
            step.action,
            _iso(step.earliest) or "",
            _iso(step.latest) or "",
            step.reason,
        ]
        if not calls:
            yield [*job_part, *([""] * 8), *step_part]
        for call in sorted(calls, key=lambda c: (c.called_on, c.started_at, c.id)):
            yield [
                *job_part,
                str(call.id),
                call.called_on.isoformat(),
                _time(call),
                call.script,
                call_outcome(call),
                _minutes(call),
                learned(call),
                _one_line(call.notes),
                *step_part,
            ]


def export_csv(entries: Iterable[JobEntry], today: date, period: Period = ALL_TIME) -> str:
    """One row per call (oldest first within a job), one per job without a call."""
    import csv  # here: job list/show read this module's JSON shapes and need no CSV
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_rows(select(entries, period)))
    return out.getvalue()


# -------------------------------------------------------------------- Markdown
class _Event(NamedTuple):
    day: date
    order: int  # within a day: added, interview, calls, heard, closed, next step due
    at: str
    text: str


def _events(entries: Iterable[JobEntry], period: Period) -> list[_Event]:
    events: list[_Event] = []
    for job, calls, step in entries:
        label = job.label
        added = _added_on(job)
        if added in period and added is not None:
            who = f" (interviewer: {job.interviewer})" if job.interviewer.strip() else ""
            events.append(_Event(added, 0, job.created_at, f"Job added: {label}{who}"))
        if job.interview_date is not None and job.interview_date in period:
            events.append(_Event(job.interview_date, 1, "", f"Interview: {label}"))
        for call in calls:
            parts = [f"Call to {label}"]
            when = ", ".join(p for p in (_time(call), _call_length(call)) if p)
            if when:
                parts.append(f" ({when})")
            parts.append(f": {call_outcome(call)}")
            if learned(call):
                parts.append(f". Learned: {learned(call)}")
            if call.notes.strip():
                parts.append(f". Notes: {_one_line(call.notes)}")
            events.append(_Event(call.called_on, 2, call.started_at, "".join(parts)))
        if job.heard_on is not None and job.heard_on in period:
            events.append(_Event(job.heard_on, 3, "", f"They contacted me: {label}"))
        if job.closed_on is not None and job.closed_on in period:
            outcome = id_words(job.outcome or "closed")
            events.append(_Event(job.closed_on, 4, "", f"Closed: {label} ({outcome})"))
        first, last = step.earliest, step.latest
        if job.status != "closed" and first is not None and last is not None and first in period:
            verb = "Email" if step.action == "email" else "Call"
            until = f" (until {short_date(last, first)})" if last != first else ""
            events.append(_Event(first, 5, "", f"{verb} due: {label}{until}"))
    events.sort(key=lambda e: (e.day, e.order, e.at))
    return events


def _call_length(call: JobCall) -> str:
    if call.duration_s is None:
        return ""
    minutes = round(call.duration_s / 60)
    return f"{minutes} min" if minutes else "under a minute"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _next_steps(entries: Sequence[JobEntry], today: date) -> list[str]:
    lines: list[str] = []
    steps = [e for e in entries if e.job.status != "closed" and e.step.earliest is not None]
    steps.sort(key=lambda e: (e.step.earliest or today, e.job.id))
    for job, _calls, step in steps:
        assert step.earliest is not None and step.latest is not None
        verb = "Email" if step.action == "email" else "Call"
        span = short_date(step.earliest, today)
        if step.latest != step.earliest:
            span += f" to {short_date(step.latest, today)}"
        late = " (overdue)" if step.is_overdue(today) else ""
        lines.append(f"- {verb} {job.label}: {span}{late}. {step.reason}")
    return lines


def export_markdown(
    entries: Iterable[JobEntry],
    today: date,
    period: Period = ALL_TIME,
    *,
    your_name: str = "",
) -> str:
    """The activity log: a heading per day, a line per thing done, then the next steps."""
    chosen = select(entries, period)
    events = _events(chosen, period)
    calls = sum(len(e.calls) for e in chosen)
    called = sum(1 for e in chosen if e.calls)
    added = sum(1 for e in events if e.order == 0)
    interviews = sum(1 for e in events if e.order == 1)
    lines = ["# Job search activity log", ""]
    who = f"{your_name.strip()}, " if your_name.strip() else ""
    lines.append(f"{who}{period.words()}; written on {long_date(today)}.")
    lines.append("")
    lines.append(
        f"In this period: {_plural(calls, 'call')} about {_plural(called, 'job')}, "
        f"{_plural(added, 'job')} added, {_plural(interviews, 'interview')}."
    )
    if not events:
        lines += ["", "Nothing was recorded in this period."]
    day: date | None = None
    for event in events:
        if event.day != day:
            day = event.day
            lines += ["", f"## {long_date(day)}", ""]
        lines.append(f"- {event.text}")
    steps = _next_steps(chosen, today)
    if steps:
        lines += ["", f"## Next steps (as of {long_date(today)})", "", *steps]
    return "\n".join(lines) + "\n"


__all__ = [
    "ALL_TIME",
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "JobEntry",
    "Period",
    "call_json",
    "call_outcome",
    "export_csv",
    "export_json",
    "export_markdown",
    "job_json",
    "learned",
    "select",
    "step_json",
]
