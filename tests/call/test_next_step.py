"""A job's next step, rule by rule, on fixed dates.

November 2026: Mon 23, Wed 25, Thu 26 (US Thanksgiving), Sat 28, Mon 30.
December 2026: Tue 1, Wed 2, Thu 3, Fri 4, Sat 5, Sun 6, Mon 7, Tue 8, Wed 9,
Thu 10, Fri 11, Mon 14; Fri 18, Thu 24, Fri 25, Sat 26, Mon 28 (GB's Boxing
Day substitute), Tue 29, Thu 31. January 2027: Fri 1, Mon 4, Tue 5.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.call.businessdays import WEEKDAYS, BusinessDays
from coach.call.jobs import JobCall, JobStatus
from coach.call.nextstep import (
    RULES,
    describe_step,
    next_step,
    rule_heard,
    rule_pending_no_date,
    situation,
    too_early,
)
from tests.call.job_fixtures import GB, US, call, dec, job, nov, span

# -- no call yet ---------------------------------------------------------------


def test_rule_first_call_decision_on_a_friday_goes_to_monday_and_tuesday() -> None:
    step = next_step(job(interview_date=nov(24), decision_date=dec(4)), [], dec(1))
    assert step.rule == "first_call_decision"
    assert step.action == "call"
    assert span(step) == (dec(7), dec(8))
    assert step.reason == (
        "They said they would decide by Friday 4 December: call on Monday 7 or Tuesday 8 December."
    )


def test_rule_first_call_decision_midweek_is_the_next_two_days() -> None:
    step = next_step(job(decision_date=dec(1)), [], nov(30))
    assert span(step) == (dec(2), dec(3))


def test_rule_first_call_decision_at_the_year_end() -> None:
    step = next_step(job(decision_date=dec(31)), [], dec(20))
    assert span(step) == (date(2027, 1, 1), date(2027, 1, 4))
    assert step.reason.endswith("call on Friday 1 or Monday 4 January 2027.")
    gb = next_step(job(decision_date=dec(31)), [], dec(20), GB)  # New Year's Day is a holiday
    assert span(gb) == (date(2027, 1, 4), date(2027, 1, 5))
    assert gb.reason.endswith("call on Monday 4 or Tuesday 5 January 2027.")


def test_rule_first_call_decision_skips_gb_christmas_and_boxing_day() -> None:
    plain = next_step(job(decision_date=dec(24)), [], dec(1))
    assert span(plain) == (dec(25), dec(28))
    gb = next_step(job(decision_date=dec(24)), [], dec(1), GB)
    assert span(gb) == (dec(29), dec(30))
    assert gb.reason.endswith("call on Tuesday 29 or Wednesday 30 December.")


def test_rule_first_call_decision_skips_us_thanksgiving() -> None:
    step = next_step(job(decision_date=nov(25)), [], nov(20), US)
    assert span(step) == (nov(27), nov(30))
    assert step.reason.endswith("call on Friday 27 or Monday 30 November.")


def test_rule_first_call_decision_ignores_a_decision_date_before_the_interview() -> None:
    step = next_step(job(interview_date=dec(1), decision_date=nov(20)), [], dec(1))
    assert step.rule == "first_call_week"


def test_rule_first_call_week_is_seven_to_ten_days_after_the_interview() -> None:
    step = next_step(job(interview_date=dec(1)), [], dec(1))
    assert step.rule == "first_call_week"
    assert span(step) == (dec(8), dec(11))
    assert step.reason == (
        "No decision date is known for your interview on Tuesday 1 December: "
        "call about a week after it, from Tuesday 8 to Friday 11 December."
    )


def test_rule_first_call_week_an_end_on_a_weekend_moves_to_the_monday() -> None:
    step = next_step(job(interview_date=dec(3)), [], dec(3))
    assert span(step) == (dec(10), dec(14))  # 10 days after is Sunday 13


def test_rule_first_call_week_a_start_on_a_weekend_moves_too() -> None:
    step = next_step(job(interview_date=nov(28)), [], dec(1))  # +7 is Saturday 5
    assert span(step) == (dec(7), dec(8))
    assert step.reason.endswith("call about a week after it, on Monday 7 or Tuesday 8 December.")


def test_rule_first_call_week_across_months() -> None:
    step = next_step(job(interview_date=nov(23)), [], nov(23))
    assert span(step) == (nov(30), dec(3))
    assert step.reason.endswith("from Monday 30 November to Thursday 3 December.")


def test_rule_first_call_week_over_gb_christmas() -> None:
    step = next_step(job(interview_date=dec(18)), [], dec(18), GB)
    assert span(step) == (dec(29), dec(29))  # Fri 25 and Mon 28 are holidays
    assert step.reason.endswith("call about a week after it, on Tuesday 29 December.")


def test_rule_missing_date_asks_for_the_interview_date() -> None:
    step = next_step(job(), [], dec(1))
    assert step.rule == "missing_date"
    assert step.action == "none"
    assert span(step) == (None, None)
    assert "coach job edit 7 --interview-date YYYY-MM-DD" in step.reason


def test_rule_missing_date_an_abandoned_call_is_no_call_yet() -> None:
    step = next_step(job(), [call(dec(1), None, status="abandoned")], dec(1))
    assert step.rule == "missing_date"


# -- heard, closed, booked -------------------------------------------------------


def test_rule_heard_nothing_due_whatever_the_calls() -> None:
    step = next_step(job("heard", decision_date=dec(4)), [call(dec(1), "no_answer")], dec(2))
    assert step.rule == "heard"
    assert step.action == "none"
    assert step.suggestion is None
    assert rule_heard(situation(job(), [], dec(1))) is None


def test_rule_closed_rejected_suggests_a_thank_you_note() -> None:
    step = next_step(job("closed", outcome="rejected"), [], dec(1))
    assert step.rule == "closed"
    assert step.action == "none"
    assert step.suggestion is not None
    assert "thank-you note" in step.suggestion
    assert "coach draft after-rejection 7" in step.suggestion


def test_rule_closed_offer_and_free_text_suggest_nothing() -> None:
    offer = next_step(job("closed", outcome="offer"), [], dec(1))
    assert (offer.rule, offer.suggestion) == ("closed", None)
    other = next_step(job("closed", outcome="took another job"), [], dec(1))
    assert other.reason == "This job is closed (took another job), so nothing more is due."
    assert next_step(job("closed"), [], dec(1)).reason == (
        "This job is closed, so nothing more is due."
    )


def test_rule_closed_by_a_call_outcome_while_the_job_is_open() -> None:
    step = next_step(job(decision_date=dec(4)), [call(dec(7), "rejected")], dec(7))
    assert step.rule == "closed"
    assert step.suggestion is not None
    declined = next_step(job(), [call(dec(7), "declined")], dec(7))
    assert (declined.rule, declined.action) == ("closed", "none")


def test_rule_interview_booked_asks_for_the_new_interview_date() -> None:
    step = next_step(job(interview_date=nov(23)), [call(dec(1), "screening_booked")], dec(1))
    assert step.rule == "interview_booked"
    assert step.action == "none"
    assert "coach job edit 7 --interview-date YYYY-MM-DD" in step.reason
    assert next_step(job(), [call(dec(1), "interview")], dec(1)).rule == "interview_booked"


def test_rule_interview_booked_then_the_new_date_leads_on() -> None:
    calls = [call(dec(1), "interview")]
    step = next_step(job(interview_date=dec(3)), calls, dec(3))
    assert step.rule == "first_call_week"
    assert span(step) == (dec(10), dec(14))


# -- after a call ------------------------------------------------------------------


def test_rule_callback_date_on_a_saturday_goes_to_monday() -> None:
    step = next_step(job(), [call(dec(1), "pending", callback=dec(5))], dec(1))
    assert step.rule == "callback_date"
    assert span(step) == (dec(7), dec(7))
    assert step.reason == (
        "They said you could call back on Saturday 5 December: "
        "call on Monday 7 December, the next working day."
    )


def test_rule_callback_date_applies_whatever_the_outcome() -> None:
    for outcome in ("call_back", "pending", None, "something_else"):
        step = next_step(job(), [call(dec(1), outcome, callback=dec(10))], dec(1))
        assert (step.rule, span(step)) == ("callback_date", (dec(10), dec(10)))
        assert step.reason == (
            "They said you could call back on Thursday 10 December: call that day."
        )


def test_rule_callback_date_wins_over_a_decision_date() -> None:
    calls = [call(dec(1), "pending", callback=dec(10), decision=dec(4))]
    assert next_step(job(), calls, dec(1)).rule == "callback_date"


def test_rule_callback_date_never_sooner_than_two_business_days() -> None:
    step = next_step(job(), [call(dec(1), "call_back", callback=dec(2))], dec(1))
    assert span(step) == (dec(3), dec(3))
    assert "two working days after your last call" in step.reason


def test_rule_callback_date_over_a_gb_holiday() -> None:
    step = next_step(job(), [call(dec(18), "pending", callback=dec(25))], dec(18), GB)
    assert span(step) == (dec(29), dec(29))


def test_rule_callback_date_before_the_call_is_ignored() -> None:
    step = next_step(job(), [call(dec(1), "pending", callback=nov(23))], dec(1))
    assert step.rule == "pending_no_date"


def test_rule_callback_date_in_the_past_is_overdue() -> None:
    step = next_step(job(), [call(dec(1), "pending", callback=dec(3))], dec(7))
    assert span(step) == (dec(3), dec(3))
    assert step.is_overdue(dec(7))
    assert describe_step(step, dec(7)) == "overdue since Fri 4 Dec"


def test_rule_callback_date_that_is_not_a_date_is_ignored() -> None:
    step = next_step(job(), [call(dec(1), "call_back", callback="next week")], dec(1))
    assert step.rule == "call_back_no_date"


def test_rule_pending_decision_calls_after_the_captured_date() -> None:
    step = next_step(job(), [call(nov(30), "pending", decision=dec(4))], nov(30))
    assert step.rule == "pending_decision"
    assert span(step) == (dec(7), dec(8))
    assert step.reason == (
        "They said they would decide by Friday 4 December: call on Monday 7 or Tuesday 8 December."
    )


def test_rule_pending_decision_the_latest_call_counts_not_the_job() -> None:
    calls = [call(nov(30), "pending", decision=dec(4))]
    step = next_step(job(decision_date=dec(31)), calls, dec(1))
    assert span(step) == (dec(7), dec(8))


def test_rule_pending_decision_on_the_day_of_the_call_waits_two_business_days() -> None:
    step = next_step(job(), [call(dec(3), "pending", decision=dec(3))], dec(3))
    assert span(step) == (dec(7), dec(7))  # a day after is Fri 4; the floor is Mon 7


def test_rule_pending_no_date_is_one_email_a_week_or_so_later() -> None:
    step = next_step(job(interview_date=nov(23)), [call(dec(1), "pending")], dec(1))
    assert step.rule == "pending_no_date"
    assert step.action == "email"
    assert span(step) == (dec(8), dec(11))
    assert step.reason == (
        "No date was agreed on Tuesday 1 December, so no more calls: "
        "send a short email from Tuesday 8 to Friday 11 December."
    )


def test_rule_pending_no_date_an_end_on_a_weekend_moves_to_monday() -> None:
    step = next_step(job(), [call(dec(3), "pending")], dec(3))
    assert span(step) == (dec(10), dec(14))


def test_rule_pending_no_date_takes_unknown_outcomes_like_pending() -> None:
    expected = next_step(job(), [call(dec(1), "pending")], dec(1))
    for outcome in (None, "thinking_about_it", "left_message_with_reception"):
        step = next_step(job(), [call(dec(1), outcome)], dec(1))
        assert step == expected


def test_rule_pending_no_date_applies_only_after_a_call() -> None:
    assert rule_pending_no_date(situation(job(), [], dec(1))) is None


def test_rule_call_back_no_date_is_the_second_to_third_business_day() -> None:
    step = next_step(job(), [call(dec(3), "call_back")], dec(3))
    assert step.rule == "call_back_no_date"
    assert span(step) == (dec(7), dec(8))
    assert step.reason == (
        "They could not talk on Thursday 3 December and named no day to call back: "
        "try again on Monday 7 or Tuesday 8 December."
    )


def test_rule_unanswered_tries_again_two_business_days_later() -> None:
    step = next_step(job(), [call(dec(1), "no_answer")], dec(1))
    assert step.rule == "unanswered"
    assert step.action == "call"
    assert span(step) == (dec(3), dec(4))
    assert step.reason == (
        "Nobody picked up on Tuesday 1 December: try again on Thursday 3 or Friday 4 December."
    )


def test_rule_unanswered_twice_in_a_row_then_an_email() -> None:
    calls = [call(dec(3), "voicemail"), call(dec(1), "no_answer")]
    step = next_step(job(), calls, dec(3))
    assert step.rule == "unanswered"
    assert step.action == "email"
    assert span(step) == (dec(7), dec(8))
    assert step.reason == (
        "Two calls in a row went unanswered: send a short email instead, "
        "on Monday 7 or Tuesday 8 December."
    )


def test_rule_unanswered_three_in_a_row_counts_three() -> None:
    calls = [call(dec(7), "no_answer"), call(dec(3), "voicemail"), call(dec(1), "no_answer")]
    assert next_step(job(), calls, dec(7)).reason.startswith("Three calls in a row")


def test_rule_unanswered_a_talk_in_between_starts_the_count_again() -> None:
    calls = [call(dec(7), "no_answer"), call(dec(3), "pending"), call(dec(1), "no_answer")]
    assert next_step(job(), calls, dec(7)).action == "call"


def test_rule_unanswered_an_abandoned_call_in_between_does_not_break_the_run() -> None:
    calls = [
        call(dec(7), "no_answer"),
        call(dec(4), None, status="abandoned"),
        call(dec(3), "voicemail"),
    ]
    assert next_step(job(), calls, dec(7)).action == "email"


def test_rule_unanswered_calls_given_oldest_first_are_sorted() -> None:
    calls = [call(dec(1), "pending"), call(dec(3), "no_answer")]
    step = next_step(job(), calls, dec(3))
    assert (step.rule, span(step)) == ("unanswered", (dec(7), dec(8)))


# -- which calls count -----------------------------------------------------------


def test_floor_an_abandoned_call_raises_it() -> None:
    calls = [call(dec(7), None, status="abandoned")]
    step = next_step(job(decision_date=dec(4)), calls, dec(7))
    assert step.rule == "first_call_decision"
    assert span(step) == (dec(9), dec(9))  # Mon 7 to Tue 8, but not before Wed 9
    assert step.reason == (
        "They said they would decide by Friday 4 December; to leave two working days "
        "after your last call, call on Wednesday 9 December."
    )


def test_floor_an_interrupted_call_raises_it_over_the_decider() -> None:
    calls = [call(dec(2), None, status="interrupted"), call(dec(1), "no_answer")]
    step = next_step(job(), calls, dec(2))
    assert (step.rule, span(step)) == ("unanswered", (dec(4), dec(4)))


def test_floor_running_and_practice_calls_do_not_count() -> None:
    calls = [
        call(dec(7), None, status="running"),
        call(dec(7), "rejected", mode="practice"),
        call(dec(7), "no_answer", mode="practice"),
    ]
    step = next_step(job(decision_date=dec(4)), calls, dec(7))
    assert (step.rule, span(step)) == ("first_call_decision", (dec(7), dec(8)))


def test_floor_calls_before_the_interview_only_set_it() -> None:
    calls = [call(nov(23), "pending")]  # an application check, before the interview
    step = next_step(job(interview_date=nov(24), decision_date=dec(4)), calls, dec(1))
    assert (step.rule, span(step)) == ("first_call_decision", (dec(7), dec(8)))


def test_rules_run_in_the_table_order() -> None:
    names = [rule.__name__ for rule in RULES]
    assert names[:3] == ["rule_heard", "rule_closed", "rule_interview_booked"]
    assert names[-1] == "rule_pending_no_date"
    assert len(set(names)) == len(names)


# -- JSON ----------------------------------------------------


def test_as_json_fields() -> None:
    step = next_step(job(decision_date=dec(4)), [], dec(1))
    assert step.as_json(dec(1)) == {
        "action": "call",
        "next_from": "2026-12-07",
        "next_until": "2026-12-08",
        "reason": step.reason,
        "due": False,
        "overdue": False,
        "rule": "first_call_decision",
        "suggestion": None,
    }
    assert step.as_json(dec(8))["due"] is True
    assert step.as_json(dec(8))["overdue"] is False
    assert step.as_json(dec(9))["overdue"] is True
    closed = next_step(job("closed", outcome="rejected"), [], dec(1)).as_json(dec(1))
    assert json.loads(json.dumps(closed)) == closed
    assert (closed["action"], closed["next_from"], closed["next_until"]) == ("none", None, None)
    assert (closed["due"], closed["overdue"]) == (False, False)
    assert closed["suggestion"]


# -- property ----------------------------------------------------------------------

START = date(2026, 11, 1)
DAYS_SPAN = 120
_day = st.integers(0, DAYS_SPAN).map(lambda n: START + timedelta(days=n))
_OUTCOMES = (None, "pending", "voicemail", "no_answer", "call_back", "offer", "rejected")
_outcome = st.sampled_from((*_OUTCOMES, "declined", "interview", "screening_booked", "other"))
_capture = st.one_of(st.none(), _day, st.just("soon"))


@st.composite
def _calls(draw: st.DrawFn) -> list[JobCall]:
    made = [
        call(
            draw(_day),
            draw(_outcome),
            status=draw(st.sampled_from(["done", "done", "abandoned", "interrupted", "running"])),
            mode=draw(st.sampled_from(["live", "live", "practice"])),
            callback=draw(_capture),
            decision=draw(_capture),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    return sorted(made, key=lambda c: c.called_on, reverse=True)


_days = st.one_of(
    st.just(WEEKDAYS),
    st.just(GB),
    st.just(US),
    st.frozensets(_day, max_size=40).map(BusinessDays),
)


@settings(max_examples=300, deadline=None)
@given(
    status=st.sampled_from(["open", "open", "open", "heard", "closed"]),
    interview=st.one_of(st.none(), _day),
    decision=st.one_of(st.none(), _day),
    calls=_calls(),
    today=_day,
    days=_days,
)
def test_every_window_is_sound(
    status: JobStatus,
    interview: date | None,
    decision: date | None,
    calls: list[JobCall],
    today: date,
    days: BusinessDays,
) -> None:
    j = job(status, interview_date=interview, decision_date=decision)
    step = next_step(j, calls, today, days)
    assert step.rule
    assert step.reason.strip()
    assert (step.action == "none") == (step.earliest is None) == (step.latest is None)
    if step.earliest is not None and step.latest is not None:
        assert step.earliest <= step.latest
        assert days.is_business_day(step.earliest)
        assert days.is_business_day(step.latest)
    counted = [
        c.called_on
        for c in calls
        if c.mode == "live" and c.status in ("done", "abandoned", "interrupted")
    ]
    if step.action == "call" and step.earliest is not None and counted:
        assert step.earliest >= days.add(max(counted), 2)
    json.dumps(step.as_json(today))
    assert describe_step(step, today)
    warning = too_early(j, calls, today, days)
    assert warning is None or warning.startswith("Too early: ")
