"""The follow-up reads dates as they were typed during the call: what people say,
read on the call's own day, the text kept as typed."""

from __future__ import annotations

from datetime import date

import pytest

from coach.call.jobs import JobCall, said_date, said_on
from coach.call.nextstep import next_step
from tests.call.job_fixtures import GB, call, dec, job, nov, span


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Thursday morning", dec(3)),  # typed on Tuesday 1 December
        ("Thursday 3pm", dec(3)),
        ("tomorrow", dec(2)),
        ("next Monday", dec(7)),
        ("in 2 weeks", dec(15)),
        ("14 Dec", dec(14)),
        ("14/12", dec(14)),
        ("2026-12-10", dec(10)),
    ],
)
def test_a_call_back_said_as_people_say_it(typed: str, expected: date) -> None:
    tuesday = call(dec(1), "call_back", callback=typed)
    assert tuesday.date_capture("callback_date") == expected
    assert tuesday.captures["callback_date"] == typed  # kept exactly as typed
    step = next_step(job(), [tuesday], dec(1), GB)
    assert step.rule == "callback_date"
    assert step.earliest is not None and step.earliest >= expected


def test_thursday_morning_is_read_on_the_calls_day_not_today() -> None:
    # Typed on Tuesday 1 December, read a week later: still Thursday 3 December.
    calls = [call(dec(1), "call_back", callback="Thursday morning")]
    step = next_step(job(), calls, dec(8))
    assert (step.rule, span(step)) == ("callback_date", (dec(3), dec(3)))
    assert step.reason.startswith("They said you could call back on Thursday 3 December")
    assert step.is_overdue(dec(8))


def test_a_decision_said_as_people_say_it() -> None:
    calls = [call(dec(1), "pending", decision="end of next week")]
    step = next_step(job(), calls, dec(1))
    assert step.rule == "pending_decision"
    assert span(step) == (dec(14), dec(15))  # the working days after Friday 11 December
    assert "Friday 11 December" in step.reason


def test_text_that_is_no_date_gives_the_rule_for_no_date() -> None:
    calls = [call(dec(1), "pending", decision="when the board meets")]
    assert next_step(job(), calls, dec(1)).rule == "pending_no_date"
    calls = [call(dec(1), "call_back", callback="Thursday or Friday")]
    assert next_step(job(), calls, dec(1)).rule == "call_back_no_date"


def test_a_date_said_before_the_call_is_ignored() -> None:
    calls = [call(dec(1), "pending", callback="last Friday")]
    assert next_step(job(), calls, dec(1)).rule == "pending_no_date"


def test_said_date_and_said_on() -> None:
    assert said_date("", dec(1)) is None
    assert said_date("2026-12-04", nov(1)) == dec(4)  # ISO whatever the day
    assert said_date("Friday", dec(1)) == dec(4)
    assert said_date("Friday", dec(4)) == dec(11)
    older = call(nov(30), "pending", decision="Friday")
    newer = call(dec(4), "pending", decision="Friday")
    practice = JobCall(99, dec(5), "", "done", "pending", "s", mode="practice",
                       captures={"decision_date": "Friday"})  # fmt: skip
    assert said_on([practice, newer, older], "decision_date", "Friday") == dec(4)
    assert said_on([older], "decision_date", "Monday") is None
