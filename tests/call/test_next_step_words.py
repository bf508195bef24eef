"""What a next step looks like to a person: "when" for a list, the too-early warning, dates.

Dates as in :mod:`tests.call.job_fixtures`.
"""

from __future__ import annotations

from datetime import date

import pytest

from coach.call import followup
from coach.call.dates import spoken_date, spoken_range
from coach.call.nextstep import NextStep, describe_step, next_step, too_early
from tests.call.job_fixtures import call, dec, job, nov


def _step(first: date, last: date, action: str = "call") -> NextStep:
    return NextStep(action, first, last, "r", "test")  # type: ignore[arg-type]


def test_describe_step_phrases() -> None:
    assert describe_step(_step(dec(7), dec(8)), dec(8)) == "call today"
    assert describe_step(_step(dec(7), dec(8)), dec(7)) == "call today or tomorrow"
    assert describe_step(_step(dec(8), dec(11), "email"), dec(8)) == "email by Fri 11 Dec"
    assert describe_step(_step(dec(3), dec(7)), dec(8)) == "overdue since Tue 8 Dec"
    assert describe_step(_step(dec(7), dec(8)), dec(4)) == "call in 3 days (Mon 7 Dec)"
    assert describe_step(_step(dec(7), dec(8)), dec(6)) == "call tomorrow (Mon 7 Dec)"
    assert describe_step(_step(date(2027, 1, 4), date(2027, 1, 5)), dec(31)) == (
        "call in 4 days (Mon 4 Jan 2027)"
    )
    nothing = next_step(job("heard"), [], dec(1))
    assert describe_step(nothing, dec(1)) == "nothing due"


def test_too_early_quotes_the_decision_date() -> None:
    j = job(decision_date=dec(4))
    assert too_early(j, [], dec(3)) == (
        "Too early: they said they would decide on Friday 4 December; "
        "the best days to call are Monday 7 or Tuesday 8 December."
    )
    assert too_early(j, [], dec(7)) is None
    assert too_early(j, [], dec(9)) is None  # late is never too early


def test_too_early_after_an_unanswered_call_and_a_callback() -> None:
    assert too_early(job(), [call(dec(1), "no_answer")], dec(2)) == (
        "Too early: your last try was on Tuesday 1 December; "
        "the best days to call are Thursday 3 or Friday 4 December."
    )
    assert too_early(job(), [call(dec(1), "pending", callback=dec(7))], dec(4)) == (
        "Too early: they said you could call back on Monday 7 December; "
        "the best day to call is Monday 7 December."
    )


def test_too_early_names_the_last_call_when_the_floor_moved_the_window() -> None:
    calls = [call(dec(7), None, status="abandoned")]
    message = too_early(job(decision_date=dec(4)), calls, dec(8))
    assert message == (
        "Too early: your last call was on Monday 7 December; "
        "the best day to call is Wednesday 9 December."
    )


def test_too_early_when_an_email_is_next() -> None:
    calls = [call(dec(3), "voicemail"), call(dec(1), "no_answer")]
    assert too_early(job(), calls, dec(4)) == (
        "Too early: your last call was on Thursday 3 December, and a short email "
        "on Monday 7 or Tuesday 8 December is the better next step."
    )
    assert too_early(job(), calls, dec(7)) is None
    assert too_early(job(), [call(dec(1), "pending")], dec(9)) is None


def test_too_early_is_none_when_nothing_is_due() -> None:
    assert too_early(job("heard"), [], dec(1)) is None
    assert too_early(job("closed", outcome="offer"), [], dec(1)) is None
    assert too_early(job(), [], dec(1)) is None


# -- date phrases ------------------------------------------------------------------


def test_spoken_date_leaves_out_this_year() -> None:
    assert spoken_date(dec(4), dec(1)) == "Friday 4 December"
    assert spoken_date(date(2027, 1, 4), dec(1)) == "Monday 4 January 2027"
    assert spoken_date(dec(4)) == "Friday 4 December 2026"


@pytest.mark.parametrize(
    ("first", "last", "either", "text"),
    [
        (dec(7), dec(8), None, "Monday 7 or Tuesday 8 December"),
        (dec(7), dec(10), None, "Monday 7 to Thursday 10 December"),
        (nov(30), dec(2), None, "Monday 30 November to Wednesday 2 December"),
        (dec(4), dec(7), True, "Friday 4 or Monday 7 December"),
        (dec(4), dec(4), None, "Friday 4 December"),
        (dec(31), date(2027, 1, 1), None, "Thursday 31 December or Friday 1 January 2027"),
    ],
)
def test_spoken_range(first: date, last: date, either: bool | None, text: str) -> None:
    assert spoken_range(first, last, dec(1), either=either) == text


def test_spoken_range_says_a_shared_other_year_once() -> None:
    assert spoken_range(dec(7), dec(8), date(2025, 6, 1)) == "Monday 7 or Tuesday 8 December 2026"


def test_followup_re_exports_the_new_rules() -> None:
    assert followup.next_step is next_step
    assert followup.NextStep is NextStep
    assert followup.too_early is too_early
    assert followup.describe_step is describe_step
