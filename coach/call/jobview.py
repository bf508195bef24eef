"""What the job screen says about a job and its calls, in words. Pure: no Textual.

The screen (``coach/tui/screens/job.py``) lays these out; everything it shows
can be computed here without a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from coach.call.agenda import CLOSED_WORDS
from coach.call.dates import parse_iso_date, short_date
from coach.call.jobs import Job, JobCall, is_date_id, said_date
from coach.call.words import duration_words, id_words, outcome_words

#: The drafts a job offers, in the order the picker lists them, with what each is for.
DRAFT_CHOICES: tuple[tuple[str, str, str], ...] = (
    ("thank-you", "Thank-you note", "the day after the interview"),
    ("check-in", "Check-in email", "when their answer is late or calls go unanswered"),
    ("after-rejection", "After a rejection", "thanks, and the door left open"),
)

#: A call that did not finish, in words.
UNFINISHED_WORDS = {
    "running": "in progress",
    "interrupted": "interrupted",
    "abandoned": "ended early",
}


@dataclass(frozen=True)
class CallLine:
    """One call as the job screen lists it."""

    when: str
    outcome: str
    duration: str
    script: str
    #: What the call captured, as (label, text), in the order captured.
    learned: tuple[tuple[str, str], ...]
    notes: str
    #: A call that did not finish (shown in the warning colour).
    unfinished: bool


def status_words(job: Job, today: date) -> str:
    """``open``, ``heard from them Tue 3 Mar``, ``closed Tue 10 Mar: offer``."""
    if job.status == "heard":
        return "heard from them" + (f" {short_date(job.heard_on, today)}" if job.heard_on else "")
    if job.status == "closed":
        outcome = (job.outcome or "").strip()
        text = "closed" + (f" {short_date(job.closed_on, today)}" if job.closed_on else "")
        return f"{text}: {CLOSED_WORDS.get(outcome, outcome)}" if outcome else text
    return "open"


def job_facts(job: Job, today: date) -> list[tuple[str, str]]:
    """(label, value) for each fact known about the job, blanks left out."""
    facts = [
        ("Interviewer", job.interviewer.strip()),
        ("Phone", job.phone.strip()),
        ("Interview", short_date(job.interview_date, today) if job.interview_date else ""),
        ("Decision by", short_date(job.decision_date, today) if job.decision_date else ""),
    ]
    return [(label, value) for label, value in facts if value]


def captured_words(
    capture_id: str, text: str, today: date, said_on: date | None = None
) -> tuple[str, str]:
    """A capture as (label, text); a date is shown as a day (``Fri 13 Mar``).

    ``said_on`` is the day of the call it was typed in: a date capture
    (``..._date``) said as people say it ("next Monday") is read from there and
    shown after the text as typed (``next Monday (Mon 7 Dec)``).
    """
    day = parse_iso_date(text)
    if day is not None:
        return id_words(capture_id), short_date(day, today)
    if (
        said_on is not None
        and is_date_id(capture_id)
        and (day := said_date(text, said_on)) is not None
    ):
        return id_words(capture_id), f"{text.strip()} ({short_date(day, today)})"
    return id_words(capture_id), text.strip()


def call_line(call: JobCall, today: date) -> CallLine:
    finished = call.status == "done"
    outcome = (
        outcome_words(call.outcome) if finished else UNFINISHED_WORDS.get(call.status, call.status)
    )
    learned = tuple(
        captured_words(key, text, today, call.called_on)
        for key, text in call.captures.items()
        if text.strip()
    )
    return CallLine(
        when=short_date(call.called_on, today),
        outcome=outcome + (" (practice)" if call.mode == "practice" else ""),
        duration=duration_words(call.duration_s),
        script=call.title or call.script,
        learned=learned,
        notes=call.notes.strip(),
        unfinished=not finished,
    )


def suggested_draft(job: Job, calls: Sequence[JobCall]) -> str:
    """The draft most likely wanted now: after a rejection, a thank-you before any call,
    else a check-in."""
    if job.status == "closed" and (job.outcome or "").strip() == "rejected":
        return "after-rejection"
    if not any(call.mode == "live" for call in calls):
        return "thank-you"
    return "check-in"


__all__ = [
    "DRAFT_CHOICES",
    "CallLine",
    "call_line",
    "captured_words",
    "job_facts",
    "status_words",
    "suggested_draft",
]
