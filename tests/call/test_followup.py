"""Follow-up rules: concrete dates, weekends included.

March 2026: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, Sun 8, Mon 9, Tue 10,
Wed 11, Thu 12, Fri 13, Sat 14, Sun 15, Mon 16, Tue 17.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.call.followup import (
    FinishedCall,
    FollowUpWindow,
    add_business_days,
    call_date,
    describe_window,
    first_call_window,
    long_date,
    merged_fields,
    next_follow_up,
    open_follow_ups,
    parse_iso_date,
    prospect_key,
    prospect_label,
    short_date,
    window_after_call,
    window_for_call,
)


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


def window(earliest: date, latest: date) -> tuple[date, date]:
    return earliest, latest


def span(w: FollowUpWindow | None) -> tuple[date, date]:
    assert w is not None
    return w.earliest, w.latest


def follow(
    outcome: str | None,
    called_on: date,
    *,
    interview: date | None = None,
    decision: date | None = None,
    callback: date | None = None,
    unanswered: int = 0,
) -> FollowUpWindow | None:
    return next_follow_up(
        outcome,
        called_on=called_on,
        interview_date=interview,
        decision_date=decision,
        callback_date=callback,
        unanswered_attempts=unanswered,
    )


# -- dates --


def test_long_date_is_locale_neutral() -> None:
    assert long_date(d(3)) == "Tuesday 3 March 2026"
    assert long_date(date(2025, 12, 28)) == "Sunday 28 December 2025"


def test_short_date_adds_the_year_only_when_it_differs() -> None:
    assert short_date(d(5, 5), today=d(1, 5)) == "Tue 5 May"
    assert short_date(date(2027, 1, 4), today=d(30, 12)) == "Mon 4 Jan 2027"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-03", d(3)),
        ("  2026-03-03\n", d(3)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2026-02-30", None),
        ("20260303", None),
        ("2026-3-3", None),
        ("3 March 2026", None),
        ("", None),
        ("2026-03-03T10:00", None),
    ],
)
def test_parse_iso_date(text: str, expected: date | None) -> None:
    assert parse_iso_date(text) == expected


def test_call_date_keeps_the_offset_it_was_written_with() -> None:
    assert call_date("2026-03-02T23:30:00+01:00") == d(2)
    assert call_date("not a time") is None


def test_add_business_days_skips_weekends() -> None:
    assert add_business_days(d(5), 1) == d(6)  # Thu -> Fri
    assert add_business_days(d(6), 1) == d(9)  # Fri -> Mon
    assert add_business_days(d(7), 1) == d(9)  # Sat -> Mon
    assert add_business_days(d(6), 2) == d(10)
    assert add_business_days(d(2), 5) == d(9)
    with pytest.raises(ValueError):
        add_business_days(d(2), 0)


# -- the first call --


@pytest.mark.parametrize(
    ("interview", "expected"),
    [
        (d(2), window(d(9), d(12))),  # Mon: next Mon to Thu
        (d(4), window(d(11), d(13))),  # Wed: day 10 is a Saturday, so Fri
        (d(6), window(d(13), d(16))),  # Fri: day 10 is Monday
        (d(7), window(d(16), d(17))),  # Sat: a full week lands on a Saturday
        (d(8), window(d(16), d(18))),  # Sun
    ],
)
def test_first_call_about_a_week_after_the_interview(
    interview: date, expected: tuple[date, date]
) -> None:
    w = first_call_window(interview)
    assert span(w) == expected
    assert "week" in w.reason
    assert w.action == "call"


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (d(4), window(d(5), d(6))),  # Wed -> Thu, Fri
        (d(5), window(d(6), d(9))),  # Thu -> Fri, Mon
        (d(6), window(d(9), d(10))),  # Fri -> Mon, Tue
        (d(7), window(d(9), d(10))),  # a Saturday decision
    ],
)
def test_first_call_a_working_day_or_two_after_the_decision(
    decision: date, expected: tuple[date, date]
) -> None:
    w = first_call_window(d(2), decision)
    assert span(w) == expected
    assert "decide" in w.reason


# -- after a call --


@pytest.mark.parametrize(
    "outcome", ["offer", "rejected", "declined", "interview", "screening_booked"]
)
def test_offer_and_rejection_need_no_follow_up(outcome: str) -> None:
    assert follow(outcome, d(2), decision=d(6), callback=d(10)) is None


def test_voicemail_tries_again_in_two_working_days() -> None:
    w = follow("voicemail", d(5))  # Thursday
    assert span(w) == (d(9), d(10))
    assert w is not None and w.action == "call"
    assert span(follow("no_answer", d(2))) == (d(4), d(5))


def test_second_unanswered_call_suggests_email() -> None:
    w = follow("no_answer", d(6), unanswered=1)  # Friday
    assert w is not None
    assert w.action == "email"
    assert "email" in w.reason
    assert span(w) == (d(10), d(11))
    assert follow("voicemail", d(6), unanswered=3) == FollowUpWindow(
        d(10),
        d(11),
        "4 calls in a row went unanswered: send a short email instead of calling again.",
        "email",
    )


def test_pending_with_a_decision_date() -> None:
    w = follow("pending", d(2), interview=date(2026, 2, 20), decision=d(6))
    assert span(w) == (d(9), d(10))


def test_decision_tomorrow_still_leaves_two_working_days() -> None:
    w = follow("pending", d(4), decision=d(5))  # Wed call, decision Thu
    assert span(w) == (d(6), d(9))
    w = follow("pending", d(5), decision=d(5))  # decision today
    assert span(w) == (d(9), d(9))
    assert w is not None and "two working days" in w.reason


def test_a_decision_date_already_past_is_ignored() -> None:
    w = follow("pending", d(9), decision=d(4))
    assert span(w) == (d(16), d(19))
    assert w is not None and "week after this call" in w.reason


def test_callback_date_is_the_window() -> None:
    w = follow("call_back", d(2), callback=d(11), decision=d(6))
    assert span(w) == (d(11), d(12))
    assert w is not None and "Wed 11 Mar" in w.reason
    assert span(follow("pending", d(2), callback=d(14))) == (d(16), d(17))  # a Saturday


def test_callback_date_too_soon_is_pushed_back() -> None:
    w = follow("call_back", d(2), callback=d(3))
    assert span(w) == (d(4), d(4))


def test_call_back_without_a_date() -> None:
    assert span(follow("call_back", d(6))) == (d(10), d(11))


def test_pending_without_dates_is_a_week_after_the_call() -> None:
    assert span(follow("pending", d(2))) == (d(9), d(12))
    assert span(follow(None, d(4))) == (d(11), d(13))
    assert span(follow("custom_outcome", d(6))) == (d(13), d(16))


def test_calling_too_early_keeps_the_week_after_the_interview() -> None:
    # Interview Friday 27 Feb, called already on Monday: the first week still stands.
    w = follow("pending", d(2), interview=date(2026, 2, 27))
    assert span(w) == (d(6), d(9))
    assert w is not None and "interview" in w.reason


outcomes = st.sampled_from(
    [None, "pending", "call_back", "voicemail", "no_answer", "custom", "offer", "rejected"]
)
days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@given(
    outcomes,
    days,
    st.none() | days,
    st.none() | days,
    st.none() | days,
    st.integers(min_value=0, max_value=5),
)
def test_any_window_is_sane(
    outcome: str | None,
    called_on: date,
    interview: date | None,
    decision: date | None,
    callback: date | None,
    unanswered: int,
) -> None:
    w = follow(
        outcome,
        called_on,
        interview=interview,
        decision=decision,
        callback=callback,
        unanswered=unanswered,
    )
    if outcome in ("offer", "rejected"):
        assert w is None
        return
    assert w is not None
    assert w.earliest >= add_business_days(called_on, 2)
    assert w.earliest <= w.latest
    assert w.earliest.weekday() < 5 and w.latest.weekday() < 5
    assert w.latest - w.earliest <= timedelta(days=7)
    assert w.reason.endswith(".")


# -- describing a window --


def test_describe_window() -> None:
    w = FollowUpWindow(d(5, 5), d(7, 5), "r")  # Tue 5 May - Thu 7 May
    assert describe_window(w, d(2, 5)) == "in 3 days (Tue 5 May - Thu 7 May)"
    assert describe_window(w, d(4, 5)) == "tomorrow (Tue 5 May - Thu 7 May)"
    assert describe_window(w, d(5, 5)) == "due today (until Thu 7 May)"
    assert describe_window(w, d(7, 5)) == "due today"
    assert describe_window(w, d(8, 5)) == "overdue since Fri 8 May"
    single = FollowUpWindow(d(5, 5), d(5, 5), "r")
    assert describe_window(single, d(1, 5)) == "in 4 days (Tue 5 May)"
    assert describe_window(w, date(2025, 12, 1)).endswith("(Tue 5 May 2026 - Thu 7 May 2026)")


def test_window_round_trips_through_its_json_form() -> None:
    w = FollowUpWindow(d(5, 5), d(7, 5), "Because.", "email")
    assert w.as_dict() == {
        "earliest": "2026-05-05",
        "latest": "2026-05-07",
        "reason": "Because.",
        "action": "email",
    }
    assert FollowUpWindow.from_dict(w.as_dict()) == w
    assert FollowUpWindow.from_dict({"earliest": "soon"}) is None


# -- prospects --


def test_prospect_key_normalises_company_and_position() -> None:
    a = prospect_key("s1", {"company": "Acme Ltd.", "position": "Data  Analyst"})
    b = prospect_key("s2", {"company": " acme ltd", "position": "data analyst", "x": "y"})
    assert a == b
    assert a != prospect_key("s1", {"company": "Acme Ltd", "position": "Engineer"})


def test_prospect_key_falls_back_to_interviewer_then_script() -> None:
    assert prospect_key("s", {"interviewer": "Ms Lee"}) == prospect_key(
        "t", {"interviewer": "ms lee"}
    )
    assert prospect_key("s", {}) == "script:s"
    assert prospect_key("s", {}) != prospect_key("t", {})


def test_prospect_label() -> None:
    assert prospect_label({"company": "Acme", "position": "Analyst"}, "x") == "Acme, Analyst"
    assert prospect_label({"interviewer": "Ms Lee"}, "x") == "Ms Lee"
    assert prospect_label({}, "Follow-up call") == "Follow-up call"


def test_window_for_call_reads_values_and_captures() -> None:
    fields = merged_fields(
        {"interview_date": "2026-02-20", "decision_date": "", "company": "Acme"},
        {"decision_date": "2026-03-06", "callback_date": "not a date"},
    )
    assert fields["decision_date"] == "2026-03-06"
    assert span(window_for_call("pending", d(2), fields)) == (d(9), d(10))
    assert window_for_call("offer", d(2), fields) is None


def test_followup_imports_neither_sqlite_nor_textual() -> None:
    code = (
        "import sys, coach.call.followup; "
        "print(any(m in sys.modules for m in ('sqlite3', 'textual')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_window_after_call_counts_unanswered_calls_in_a_row() -> None:
    at = "2026-03-09T10:00:00+01:00"
    first = window_after_call("voicemail", at, {})
    assert first is not None and first.action == "call"
    # The earlier outcomes are newest first; an answered call ends the run.
    again = window_after_call("no_answer", at, {}, iter(["voicemail", "pending", "voicemail"]))
    assert again is not None and again.action == "email"
    assert window_after_call("no_answer", at, {}, ["pending", "voicemail"]) == first


def test_window_after_call_reads_earlier_outcomes_only_after_an_unanswered_call() -> None:
    def never() -> Iterator[str | None]:
        raise AssertionError("read")
        yield None

    at = "2026-03-02T10:00:00+01:00"
    fields = {"decision_date": "2026-03-06"}
    assert span(window_after_call("pending", at, fields, never())) == (d(9), d(10))
    assert window_after_call("offer", at, fields, never()) is None


def test_window_after_call_needs_a_day() -> None:
    assert window_after_call("pending", "someday", {}) is None
    fallback = window_after_call("pending", "someday", {}, today=d(2))
    assert fallback == window_for_call("pending", d(2), {})


def _finished(call_id: int, prospect: str, outcome: str | None, day: int) -> FinishedCall:
    return FinishedCall(
        call_id=call_id,
        prospect=prospect,
        script="follow-up",
        title="Follow-up call",
        outcome=outcome,
        started_at=f"2026-03-{day:02d}T10:00:00+01:00",
        fields={"company": prospect.title(), "position": "Analyst"},
        window=window_for_call(outcome, d(day), {}),
    )


def test_open_follow_ups_take_each_prospects_latest_call() -> None:
    calls = [  # newest first, as the store gives them
        _finished(4, "globex", "pending", 5),
        _finished(3, "acme", "rejected", 4),
        _finished(2, "acme", "pending", 3),
        _finished(1, "initech", "voicemail", 2),
    ]
    due = open_follow_ups(calls, d(31))
    assert [f.call_id for f in due] == [1, 4]  # acme is closed; soonest window first
    assert due[1].label == "Globex, Analyst" and due[1].called_on == d(5)
    assert open_follow_ups(calls, d(3)) == []
    assert [f.call_id for f in open_follow_ups(calls, d(3), include_upcoming=True)] == [1, 4]
