"""DESIGN's values chain: defaults < profile < job < earlier captures < --set."""

from __future__ import annotations

from datetime import date

from coach.call.jobs import Job
from coach.call.values import chain_values, missing_variables
from coach.call.walk import begin
from coach.script.model import Script, Variable
from tests.tui.scripts import small_script


def script_with(*variables: Variable) -> Script:
    return small_script()._replace(variables=variables, checklist=())


NAME = Variable("your_name", "Your name", default="Sam")
COMPANY = Variable("company", "Company")
PHONE = Variable("their_phone", "Their phone")
RECEPTION = Variable("receptionist", "Receptionist's name")
INTERVIEW = Variable("interview_date", "Interview date", type="date")


def test_each_source_wins_over_the_one_before() -> None:
    script = script_with(NAME, COMPANY, PHONE, RECEPTION, INTERVIEW)
    job = Job(1, "Acme", phone="0123", interview_date=date(2026, 11, 23))
    values = chain_values(
        script,
        profile={"your_name": "Sam Roe", "company": "From profile"},
        job=job.values(),
        captured={"receptionist": "Jo", "their_phone": "0999"},
        given={"receptionist": "Joanne"},
    )
    assert values == {
        "your_name": "Sam Roe",  # profile over the default
        "company": "Acme",  # job over profile
        "their_phone": "0999",  # an earlier call's capture (a direct line) over the job
        "receptionist": "Joanne",  # --set over everything
        "interview_date": "2026-11-23",
    }


def test_blanks_never_hide_a_value_and_other_ids_are_left_out() -> None:
    script = script_with(NAME, COMPANY)
    values = chain_values(
        script,
        profile={"your_name": "  ", "phone": "0777"},
        job={"company": "Acme", "position": "Analyst"},
        given={"company": ""},
    )
    assert values == {"your_name": "Sam", "company": "Acme"}


def test_only_what_is_missing_is_asked() -> None:
    script = script_with(NAME, COMPANY, RECEPTION)
    values = chain_values(script, job={"company": "Acme"})
    assert [v.id for v in missing_variables(script, values)] == ["receptionist"]
    assert begin(script, values).step == "details"
    filled = chain_values(script, job={"company": "Acme"}, captured={"receptionist": "Jo"})
    assert missing_variables(script, filled) == []
    assert begin(script, filled).step == "call"


def test_a_rehearsal_never_carries_a_job() -> None:
    script = script_with(NAME)
    live = begin(script, {}, job=3, timing="Too early")
    practice = begin(script, {}, mode="practice", job=3, timing="Too early")
    assert (live.job, live.timing) == (3, "Too early")
    assert (practice.job, practice.timing) == (None, None)


def test_details_typed_for_a_job_correct_it_or_are_remembered() -> None:
    from coach.call.jobstart import details_for_job

    before = {"company": "Acme", "interview_date": "2026-11-23", "your_name": "Sam"}
    typed = {
        "company": "Acme Ltd",  # corrected: the job changes
        "interview_date": "not a date",  # no date: the job keeps its own
        "your_name": "Sam Roe",  # the profile's: never frozen into the job
        "key_strengths": "SQL, dashboards",  # typed: kept for the next call
        "forgot": "  ",  # blank: nothing to keep
    }
    found = details_for_job(before, typed, {"your_name": "Sam"})
    assert found.job_fields == {"company": "Acme Ltd"}
    assert found.remembered == {"key_strengths": "SQL, dashboards"}


def test_a_value_set_blank_is_kept_blank_and_asks_nothing() -> None:
    """``--set forgot_to_mention=`` answers an optional variable: no details form for it."""
    script = small_script()
    given = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": ""}
    values = chain_values(script, given=given)
    assert values["interview_date"] == ""
    assert missing_variables(script, values) == []
    # A blank never hides a value from further down the chain.
    values = chain_values(script, job={"interview_date": "2026-02-24"}, given=given)
    assert values["interview_date"] == "2026-02-24"
    # A required variable set blank is still asked for; one never given too.
    values = chain_values(script, given={"interviewer": "", "interview_date": ""})
    assert [v.id for v in missing_variables(script, values)] == ["interviewer", "position"]


def test_a_job_date_typed_in_words_corrects_the_job_as_a_day() -> None:
    from datetime import date

    from coach.call.jobstart import details_for_job

    before = {"interview_date": "2026-11-23"}
    found = details_for_job(before, {"interview_date": "last Tuesday"}, today=date(2026, 12, 1))
    assert found.job_fields == {"interview_date": date(2026, 11, 24)}


def test_spoken_fields_say_dates_and_keep_the_rest() -> None:
    from datetime import date

    from coach.call.values import spoken_fields

    fields = {"met": "2026-11-23", "back": "Thursday 3pm", "why": "next week", "name": "Lee"}
    said = spoken_fields(fields, frozenset({"met", "back", "why", "blank"}), date(2026, 12, 1))
    assert said == {
        "met": "Monday 23 November",
        "back": "Thursday 3 December at 3pm",
        "why": "next week",  # no single day: as typed
        "name": "Lee",  # not a date field
    }
    assert fields["met"] == "2026-11-23"  # the values themselves are untouched
