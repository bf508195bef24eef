"""The job screen's words: status, facts, calls, the draft to suggest."""

from __future__ import annotations

from datetime import date

from coach.call.jobs import Job, JobCall
from coach.call.jobview import (
    DRAFT_CHOICES,
    call_line,
    job_facts,
    status_words,
    suggested_draft,
)

TODAY = date(2026, 3, 11)


def a_call(**fields: object) -> JobCall:
    base: dict[str, object] = {
        "id": 4,
        "called_on": date(2026, 3, 9),
        "started_at": "2026-03-09T10:00:00+00:00",
        "status": "done",
        "outcome": "pending",
        "script": "follow-up",
        "title": "Follow-up call",
        "duration_s": 125.0,
    }
    return JobCall(**{**base, **fields})  # type: ignore[arg-type]


def test_status_words() -> None:
    assert status_words(Job(1, "A"), TODAY) == "open"
    heard = Job(1, "A", status="heard", heard_on=date(2026, 3, 10))
    assert status_words(heard, TODAY) == "heard from them Tue 10 Mar"
    closed = Job(1, "A", status="closed", outcome="rejected", closed_on=date(2025, 12, 8))
    assert status_words(closed, TODAY) == "closed Mon 8 Dec 2025: not selected"
    assert status_words(Job(1, "A", status="closed", outcome="took another"), TODAY) == (
        "closed: took another"
    )


def test_job_facts_leave_blanks_out() -> None:
    job = Job(1, "A", interviewer="Ms Lee", interview_date=date(2026, 3, 3))
    assert job_facts(job, TODAY) == [("Interviewer", "Ms Lee"), ("Interview", "Tue 3 Mar")]


def test_a_call_in_words() -> None:
    line = call_line(
        a_call(
            captures={"decision_date": "2026-03-13", "receptionist": " Sam ", "empty": " "},
            notes=" keen \n",
        ),
        TODAY,
    )
    assert (line.when, line.outcome, line.duration) == (
        "Mon 9 Mar",
        "Decision pending",
        "2 min 05 s",
    )
    assert line.learned == (("Decision date", "Fri 13 Mar"), ("Receptionist", "Sam"))
    assert line.notes == "keen" and not line.unfinished


def test_a_date_said_in_words_shows_the_day_it_was_read_as() -> None:
    # Said on Monday 9 March: Thursday is the 12th, whenever the job is looked at.
    captures = {"callback_date": "Thursday morning", "receptionist": "12", "start_date": "soon"}
    line = call_line(a_call(captures=captures), TODAY)
    assert line.learned == (
        ("Callback date", "Thursday morning (Thu 12 Mar)"),
        ("Receptionist", "12"),  # not a date capture: never read as one
        ("Start date", "soon"),
    )


def test_an_unfinished_call_says_so() -> None:
    line = call_line(a_call(status="interrupted", outcome=None, duration_s=None), TODAY)
    assert line.outcome == "interrupted" and line.unfinished and line.duration == "—"


def test_suggested_draft() -> None:
    assert suggested_draft(Job(1, "A"), []) == "thank-you"
    assert suggested_draft(Job(1, "A"), [a_call(mode="practice")]) == "thank-you"
    assert suggested_draft(Job(1, "A"), [a_call()]) == "check-in"
    rejected = Job(1, "A", status="closed", outcome="rejected")
    assert suggested_draft(rejected, [a_call()]) == "after-rejection"


def test_the_draft_picker_offers_every_draft() -> None:
    from coach.call.drafts import DRAFT_KINDS

    assert [kind for kind, _name, _purpose in DRAFT_CHOICES] == list(DRAFT_KINDS)
