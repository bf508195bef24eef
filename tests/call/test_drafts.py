"""Drafts: built from the job and its calls, placeholders where a value is missing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coach.call.drafts import (
    DRAFT_KINDS,
    DraftError,
    builtin_template,
    compose,
    draft,
    draft_values,
    render,
    user_template,
)
from coach.call.jobs import Job, JobCall

PROFILE = {"your_name": "Sam Jones", "phone": "07700 900123"}


def job(**changes: object) -> Job:
    fields: dict[str, object] = {
        "id": 7,
        "company": "Acme Ltd",
        "position": "Data analyst",
        "interviewer": "Dana Smith",
        "interview_date": date(2026, 3, 3),
    }
    fields.update(changes)
    return Job(**fields)  # type: ignore[arg-type]


def call(
    call_id: int, day: date, outcome: str | None, mode: str = "live", **captures: str
) -> JobCall:
    return JobCall(
        id=call_id,
        called_on=day,
        started_at=f"{day.isoformat()}T10:00:00+00:00",
        status="done",
        outcome=outcome,
        script="follow-up",
        mode=mode,  # type: ignore[arg-type]
        captures=captures,
    )


@pytest.mark.parametrize("kind", DRAFT_KINDS)
def test_every_kind_names_the_job_and_you(kind: str) -> None:
    text = draft(kind, job(), [], PROFILE)
    assert "Dear Dana Smith," in text
    assert "Data analyst" in text
    assert "Sam Jones" in text
    assert "[" not in text  # nothing missing
    assert "{" not in text
    assert "\n\n\n" not in text
    assert text.splitlines()[0].startswith("Subject: ")


@pytest.mark.parametrize("kind", DRAFT_KINDS)
def test_missing_values_show_as_placeholders_never_gaps(kind: str) -> None:
    text = draft(kind, Job(id=1, company="Acme Ltd"), [], {})
    assert "Dear [interviewer's name]," in text
    assert "[position]" in text
    assert "[your name]" in text
    assert "Dear ," not in text
    for line in text.splitlines():
        assert "  " not in line
        assert " ," not in line
        assert " ." not in line


def test_thank_you_uses_the_interview_day_in_words() -> None:
    text = draft("thank-you", job(), [], PROFILE)
    assert "on Tuesday 3 March 2026" in text
    assert "07700 900123" in text


def test_optional_sentences_appear_only_when_a_call_captured_them() -> None:
    bare = draft("thank-you", job(), [], PROFILE)
    assert "As you asked" not in bare
    assert "point you raised" not in bare
    calls = [
        call(2, date(2026, 3, 12), "pending", info_requested="two references"),
        call(1, date(2026, 3, 10), "pending", concerns="no SQL in my last job"),
    ]
    text = draft("thank-you", job(), calls, PROFILE)
    assert "As you asked, I am sending two references; you will find it attached." in text
    assert "the point you raised (no SQL in my last job)" in text
    assert "\n\n\n" not in text


def test_the_newest_call_wins_and_practice_calls_are_ignored() -> None:
    calls = [
        call(3, date(2026, 3, 20), None, mode="practice", decision_date="2026-04-30"),
        call(2, date(2026, 3, 12), "pending", decision_date="2026-03-20"),
        call(1, date(2026, 3, 10), "pending", decision_date="2026-03-13"),
    ]
    text = draft("check-in", job(), calls, PROFILE)
    assert "hoped to decide by Friday 20 March 2026" in text
    values = draft_values(job(), calls, PROFILE)
    assert values["last_call_date"] == "Thursday 12 March 2026"


def test_a_captured_decision_date_beats_the_jobs_own() -> None:
    calls = [call(1, date(2026, 3, 10), "pending", decision_date="2026-03-27")]
    values = draft_values(job(decision_date=date(2026, 3, 13)), calls, PROFILE)
    assert values["decision_date"] == "Friday 27 March 2026"


def test_a_date_said_in_words_is_read_on_its_calls_day() -> None:
    # Typed on Tuesday 10 March 2026; the draft is written later, the day stays.
    calls = [call(1, date(2026, 3, 10), "pending", decision_date="end of next week",
                  callback_date="when they call")]  # fmt: skip
    values = draft_values(job(), calls, PROFILE)
    assert values["decision_date"] == "Friday 20 March 2026"
    assert values["callback_date"] == "when they call"  # no date: as typed


def test_the_person_a_call_named_stands_in_for_a_missing_interviewer() -> None:
    calls = [call(1, date(2026, 3, 10), "pending", contact_person="Priya")]
    text = draft("check-in", job(interviewer=""), calls, PROFILE)
    assert "Dear Priya," in text


def test_after_rejection_thanks_for_feedback_when_there_was_some() -> None:
    calls = [call(1, date(2026, 3, 10), "rejected", feedback="more dashboards")]
    text = draft("after-rejection", job(), calls, PROFILE)
    assert "your feedback (more dashboards)" in text
    assert "your feedback" not in draft("after-rejection", job(), [], PROFILE)


def test_a_user_template_replaces_the_built_in_one() -> None:
    template = "Hi {interviewer}, {{braces}} stay; {first_impression}.\nFrom {your_name}\n"
    calls = [call(1, date(2026, 3, 10), "pending", first_impression="keen")]
    result = compose("check-in", job(), calls, PROFILE, template, source="check-in.txt")
    assert result.text == "Hi Dana Smith, {braces} stay; keen.\nFrom Sam Jones\n"
    assert result.problems == ()


def test_unknown_placeholders_stay_visible_and_are_reported() -> None:
    template = "Dear {interviewer},\n\nSee {portfolio_link} and {salary}.\n"
    result = compose("thank-you", job(), [], PROFILE, template, source="thank-you.txt")
    assert "See {portfolio_link} and {salary}." in result.text
    assert len(result.problems) == 2
    assert result.problems[0].startswith("thank-you.txt:3: {portfolio_link} is not a placeholder")


def test_any_profile_value_is_a_placeholder() -> None:
    rendered = render("{linkedin}", draft_values(job(), [], {"linkedin": "in/sam"}))
    assert rendered == ("in/sam", [], [])


def test_optional_lines_take_one_blank_line_with_them() -> None:
    template = "A\n\n?x {requested}\n\n?y {concerns}\n\nB\n?{your_phone}\n"
    assert render(template, {}).text == "A\n\nB\n"
    assert render(template, {"concerns": "c", "your_phone": "1"}).text == "A\n\ny c\n\nB\n1\n"


def test_lone_braces_are_kept_as_text() -> None:
    assert render("a { b } {Not_an_id}", {}) == ("a { b } {Not_an_id}", [], [])


def test_missing_lists_what_shows_as_a_placeholder_once_each() -> None:
    result = compose("check-in", Job(id=1, company="Acme Ltd"), [], {})
    assert result.missing == ("position", "interviewer", "interview_date", "your_name")


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(DraftError, match="thank-you, check-in, after-rejection"):
        builtin_template("love-letter")


def test_user_template_files(tmp_path: Path) -> None:
    assert user_template("thank-you", tmp_path) is None
    (tmp_path / "thank-you.txt").write_bytes(b"\xef\xbb\xbfDear {interviewer},\r\nBye\r\n")
    found = user_template("thank-you", tmp_path)
    assert found is not None
    assert found.text == "Dear {interviewer},\nBye\n"
    assert found.path == tmp_path / "thank-you.txt"
    (tmp_path / "check-in.txt").write_bytes(b"ok\n\xff\n")
    with pytest.raises(DraftError, match=r"check-in.txt:2: is not UTF-8"):
        user_template("check-in", tmp_path)
