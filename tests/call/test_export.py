"""Exports: Markdown activity log, CSV and JSON read back, iCalendar parsed back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import icalendar
import pytest

from coach.call.export import (
    CSV_COLUMNS,
    JobEntry,
    Period,
    export_csv,
    export_json,
    export_markdown,
    select,
)
from coach.call.ics import event_uid, export_ics
from coach.call.jobs import Job, JobCall
from coach.call.nextstep import NextStep

TODAY = date(2026, 3, 16)


def step(action: str = "call", first: date | None = None, last: date | None = None) -> NextStep:
    return NextStep(
        action,  # type: ignore[arg-type]
        first,
        last,
        "They said they would decide by Friday 13 March: call a business day or two after.",
        "test",
    )


NOTHING = NextStep("none", None, None, "They contacted you first: nothing is due.", "heard")


def call(call_id: int, day: date, outcome: str | None, **captures: str) -> JobCall:
    return JobCall(
        id=call_id,
        called_on=day,
        started_at=f"{day.isoformat()}T10:{call_id:02d}:00+00:00",
        status="done",
        outcome=outcome,
        script="follow-up",
        title="Follow-up call",
        captures=captures,
        duration_s=245.0,
    )


def entries() -> list[JobEntry]:
    acme = Job(
        id=1,
        company="Acme Ltd",
        position="Data analyst",
        interviewer="Dana Smith",
        phone="020 7946 0000",
        interview_date=date(2026, 3, 3),
        decision_date=date(2026, 3, 13),
        created_at="2026-03-02T09:00:00+00:00",
    )
    acme_calls = [
        call(3, date(2026, 3, 12), "pending", decision_date="2026-03-13", concerns="SQL\nand R"),
        call(2, date(2026, 3, 10), "voicemail"),
    ]
    beta = Job(
        id=2,
        company='Beta, "the" plc',
        position="Tester",
        created_at="2026-03-05T12:00:00+00:00",
        status="closed",
        outcome="offer",
        closed_on=date(2026, 3, 11),
    )
    gamma = Job(id=3, company="Gamma", created_at="2026-01-20T12:00:00+00:00", status="heard")
    return [
        JobEntry(acme, acme_calls, step("call", date(2026, 3, 16), date(2026, 3, 17))),
        JobEntry(beta, [call(1, date(2026, 3, 9), "offer")], NOTHING),
        JobEntry(gamma, [], NOTHING),
    ]


# ----------------------------------------------------------------- selection
def test_without_a_period_everything_is_exported() -> None:
    chosen = select(entries())
    assert [e.job.id for e in chosen] == [1, 2, 3]
    assert [len(e.calls) for e in chosen] == [2, 1, 0]


def test_a_period_keeps_its_calls_and_the_jobs_active_then() -> None:
    chosen = select(entries(), Period(date(2026, 3, 10), date(2026, 3, 11)))
    assert [e.job.id for e in chosen] == [1, 2]  # gamma saw nothing then
    assert [c.id for c in chosen[0].calls] == [2]
    assert chosen[1].calls == []  # beta: closed on the 11th, its call was on the 9th


def test_practice_calls_are_never_exported() -> None:
    day = date(2026, 3, 12)
    practice = JobCall(5, day, "2026-03-12T10:00:00", "done", None, "x", mode="practice")
    entry = entries()[0]
    chosen = select([entry._replace(calls=[practice, *entry.calls])])
    assert [c.id for c in chosen[0].calls] == [3, 2]


# ----------------------------------------------------------------------- CSV
def test_csv_has_a_header_and_one_row_per_call_or_callless_job() -> None:
    rows = list(csv.DictReader(io.StringIO(export_csv(entries(), TODAY))))
    assert list(rows[0]) == list(CSV_COLUMNS)
    ids = [(r["job_id"], r["call_id"]) for r in rows]
    assert ids == [("1", "2"), ("1", "3"), ("2", "1"), ("3", "")]
    first, second = rows[0], rows[1]
    assert first["call_date"] == "2026-03-10"
    assert first["call_outcome"] == "Left a voicemail"
    assert first["call_time"] == "10:02"
    assert first["call_minutes"] == "4.1"
    assert second["learned"] == "Decision date: 2026-03-13; Concerns: SQL / and R"
    assert second["next_action"] == "call"
    assert second["next_from"] == "2026-03-16"
    assert second["next_until"] == "2026-03-17"
    assert rows[2]["company"] == 'Beta, "the" plc'
    assert rows[2]["job_outcome"] == "offer"
    assert rows[3]["call_date"] == ""


def test_csv_in_a_period() -> None:
    text = export_csv(entries(), TODAY, Period(date(2026, 3, 12), None))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["job_id"], r["call_id"]) for r in rows] == [("1", "3")]


# ---------------------------------------------------------------------- JSON
def test_json_round_trips_jobs_calls_and_steps() -> None:
    data = json.loads(export_json(entries(), TODAY, Period(date(2026, 3, 1), date(2026, 3, 31))))
    assert data["exported_on"] == "2026-03-16"
    assert data["from"] == "2026-03-01"
    assert data["to"] == "2026-03-31"
    acme = data["jobs"][0]
    assert acme["company"] == "Acme Ltd"
    assert acme["interview_date"] == "2026-03-03"
    assert [c["id"] for c in acme["calls"]] == [3, 2]  # newest first
    assert acme["calls"][0]["captures"]["decision_date"] == "2026-03-13"
    assert acme["next_step"] == {
        "action": "call",
        "next_from": "2026-03-16",
        "next_until": "2026-03-17",
        "reason": entries()[0].step.reason,
        "due": True,
        "overdue": False,
        "rule": "test",
        "suggestion": None,
    }
    assert [j["id"] for j in data["jobs"]] == [1, 2]  # gamma: added in January


# ------------------------------------------------------------------ Markdown
def test_markdown_is_a_dated_activity_log() -> None:
    text = export_markdown(entries(), TODAY, your_name="Sam Jones")
    lines = text.splitlines()
    assert lines[0] == "# Job search activity log"
    assert lines[2] == "Sam Jones, all recorded activity; written on Monday 16 March 2026."
    assert "In this period: 3 calls about 2 jobs, 3 jobs added, 1 interview." in text
    headings = [line for line in lines if line.startswith("## ")]
    assert headings[:3] == [
        "## Tuesday 20 January 2026",
        "## Monday 2 March 2026",
        "## Tuesday 3 March 2026",
    ]
    assert headings[-1] == "## Next steps (as of Monday 16 March 2026)"
    day = text.split("## Thursday 12 March 2026\n\n")[1].split("\n\n")[0]
    assert day == (
        "- Call to Acme Ltd, Data analyst (10:03, 4 min): Decision pending. "
        "Learned: Decision date: 2026-03-13; Concerns: SQL / and R"
    )
    assert "- Job added: Acme Ltd, Data analyst (interviewer: Dana Smith)" in text
    assert "- Interview: Acme Ltd, Data analyst" in text
    assert '- Closed: Beta, "the" plc, Tester (Offer)' in text
    assert "- Call Acme Ltd, Data analyst: Mon 16 Mar to Tue 17 Mar. They said" in text
    due_day = text.split("## Monday 16 March 2026\n\n")[1].split("\n\n")[0]
    assert due_day == "- Call due: Acme Ltd, Data analyst (until Tue 17 Mar)"
    # the days are in order
    assert text.index("## Monday 9 March") < text.index("## Tuesday 10 March")


def test_markdown_for_an_empty_period_says_so() -> None:
    text = export_markdown(entries(), TODAY, Period(date(2025, 1, 1), date(2025, 1, 31)))
    assert "from Wednesday 1 January 2025 to Friday 31 January 2025" in text
    assert "Nothing was recorded in this period." in text
    assert "In this period: 0 calls about 0 jobs, 0 jobs added, 0 interviews." in text


# ------------------------------------------------------------------ iCalendar
def _events(text: str) -> list[icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def test_ics_has_one_all_day_event_per_open_next_step() -> None:
    text = export_ics(entries(), TODAY)
    assert "DTSTART;VALUE=DATE:20260316" in text
    assert "DTEND;VALUE=DATE:20260318" in text  # the day after the last, exclusive
    assert "VALARM" not in text
    events = _events(text)
    assert len(events) == 1  # beta is closed, gamma has nothing due
    event = events[0]
    assert str(event["UID"]) == event_uid(1) == "job-1@call-coach"
    assert event.decoded("DTSTART") == date(2026, 3, 16)
    assert event.decoded("DTEND") == date(2026, 3, 18)
    assert str(event["SUMMARY"]) == "Call Acme Ltd, Data analyst"
    assert "Phone: 020 7946 0000" in str(event["DESCRIPTION"])
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar


def test_ics_uid_is_stable_between_exports() -> None:
    later = entries()
    later[0] = later[0]._replace(step=step("email", date(2026, 3, 23), date(2026, 3, 24)))
    first, second = _events(export_ics(entries(), TODAY)), _events(export_ics(later, TODAY))
    assert [str(e["UID"]) for e in first] == [str(e["UID"]) for e in second]
    assert str(second[0]["SUMMARY"]).startswith("Email ")


@pytest.mark.parametrize(
    ("period", "count"),
    [
        (Period(date(2026, 3, 17), None), 1),  # overlaps the last day
        (Period(date(2026, 3, 18), None), 0),
        (Period(None, date(2026, 3, 15)), 0),
    ],
)
def test_ics_keeps_the_events_that_overlap_the_period(period: Period, count: int) -> None:
    assert len(_events(export_ics(entries(), TODAY, period))) == count
