"""The job form's rules: required company, dates, a decision before the interview."""

from __future__ import annotations

from datetime import date

import pytest

from coach.call.jobform import (
    DECISION_BEFORE_INTERVIEW,
    JOB_FORM_FIELDS,
    NOT_A_DAY,
    JobFields,
    form_problems,
    form_values,
    is_changed,
    read_form,
)
from coach.call.jobs import Job

GOOD = {
    "company": "  Acme Ltd ",
    "position": "Data analyst",
    "interviewer": "Ms Lee",
    "phone": "+44 20 7946 0000",
    "interview_date": "2026-03-03",
    "decision_date": "2026-03-10",
    "notes": "\nLiked the team.\nAsk about the start date.\n\n",
}


def test_every_field_of_the_form_is_a_job_field() -> None:
    job = Job(1, "Acme")
    assert all(hasattr(job, f.id) for f in JOB_FORM_FIELDS)
    assert [f.id for f in JOB_FORM_FIELDS if f.required] == ["company"]


def test_a_good_form_reads_as_the_job() -> None:
    assert form_problems(GOOD) == {}
    fields = read_form(GOOD)
    assert fields == JobFields(
        company="Acme Ltd",
        position="Data analyst",
        interviewer="Ms Lee",
        phone="+44 20 7946 0000",
        interview_date=date(2026, 3, 3),
        decision_date=date(2026, 3, 10),
        notes="Liked the team.\nAsk about the start date.",
    )
    assert fields.changes()["decision_date"] == date(2026, 3, 10)


def test_only_the_company_is_needed() -> None:
    assert read_form({"company": "Acme"}) == JobFields("Acme")


def test_problems_name_their_field() -> None:
    problems = form_problems({**GOOD, "company": " ", "interview_date": "when they can"})
    assert problems["company"] == "Company is required."
    assert problems["interview_date"] == NOT_A_DAY
    with pytest.raises(ValueError, match="Company is required"):
        read_form({**GOOD, "company": ""})


def test_a_decision_before_the_interview_is_refused() -> None:
    problems = form_problems({**GOOD, "decision_date": "2026-03-02"})
    assert list(problems) == ["decision_date"]
    assert problems["decision_date"] == DECISION_BEFORE_INTERVIEW
    # The same day is fine, and so is either date alone.
    assert form_problems({**GOOD, "decision_date": "2026-03-03"}) == {}
    assert form_problems({**GOOD, "interview_date": ""}) == {}


def test_form_values_start_from_the_job() -> None:
    job = Job(3, "Acme", interviewer="Ms Lee", decision_date=date(2026, 3, 10))
    values = form_values(job)
    assert values["company"] == "Acme" and values["decision_date"] == "2026-03-10"
    assert values["interview_date"] == "" and values["notes"] == ""
    assert set(form_values(None).values()) == {""}


def test_is_changed_ignores_blanks_at_the_ends() -> None:
    start = form_values(None)
    assert not is_changed({**start, "company": "  "}, start)
    assert is_changed({**start, "notes": "x"}, start)


def test_dates_are_taken_as_people_say_them_and_kept_as_days() -> None:
    tuesday = date(2026, 12, 1)
    values = {"company": "Acme", "interview_date": "last Friday", "decision_date": "14 Dec"}
    assert form_problems(values, tuesday) == {}
    fields = read_form(values, tuesday)
    assert fields.interview_date == date(2026, 11, 27)
    assert fields.decision_date == date(2026, 12, 14)
    # Read in the same way, a decision before the interview is still refused.
    backwards = {**values, "decision_date": "yesterday", "interview_date": "tomorrow"}
    assert form_problems(backwards, tuesday) == {"decision_date": DECISION_BEFORE_INTERVIEW}
