"""Home's sections: which job goes where and in what order (fixed dates, steps built by hand)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from coach.call.agenda import (
    Agenda,
    AgendaRow,
    SectionKey,
    build_agenda,
    closed_words,
    section_of,
    step_words,
)
from coach.call.followup import NextStep, StepAction
from coach.call.jobs import Job, JobCall

TODAY = date(2026, 3, 11)  # a Wednesday


def step(earliest: date | None, latest: date | None, action: StepAction = "call") -> NextStep:
    if earliest is None:
        return NextStep("none", None, None, "Nothing to do for now.", "test-none")
    return NextStep(action, earliest, latest, "Because.", "test")


NOTHING = step(None, None)


def describe(s: NextStep, today: date) -> str:
    """A stand-in for the rules' words: enough to see which step a row carries."""
    if s.earliest is None:
        return "nothing due"
    return f"{s.action} {s.earliest.isoformat()}..{s.latest}"


def call(day: date, mode: Literal["live", "practice"] = "live") -> JobCall:
    return JobCall(
        1, day, f"{day.isoformat()}T10:00:00+00:00", "done", "voicemail", "follow-up", mode=mode
    )


def job(ident: int, company: str, **fields: object) -> Job:
    return Job(ident, company, **fields)  # type: ignore[arg-type]


def rows(agenda: Agenda, key: SectionKey) -> tuple[AgendaRow, ...]:
    section = agenda.section(key)
    return section.rows if section else ()


def names(agenda: Agenda, key: SectionKey) -> list[str]:
    return [row.company for row in rows(agenda, key)]


def test_sections_come_in_order_and_empty_ones_are_left_out() -> None:
    agenda = build_agenda(
        [
            (job(1, "Closed Co", status="closed", outcome="offer"), [], NOTHING),
            (job(2, "Later Ltd"), [], step(date(2026, 3, 16), date(2026, 3, 17))),
            (job(3, "Today Inc"), [], step(date(2026, 3, 11), date(2026, 3, 12))),
        ],
        TODAY,
        describe,
    )
    assert [s.key for s in agenda.sections] == ["due", "upcoming", "closed"]
    assert [s.title for s in agenda.sections] == ["Due now", "Coming up", "Closed"]
    assert len(agenda) == 3
    assert [row.company for row in agenda.rows()] == ["Today Inc", "Later Ltd", "Closed Co"]
    assert agenda.section("waiting") is None
    assert [s.folded for s in agenda.sections] == [False, False, True]


def test_an_empty_agenda() -> None:
    agenda = build_agenda([], TODAY, describe)
    assert agenda.is_empty and len(agenda) == 0 and agenda.rows() == []


def test_overdue_come_first_the_longest_overdue_at_the_top() -> None:
    agenda = build_agenda(
        [
            (job(1, "Due A"), [], step(date(2026, 3, 10), date(2026, 3, 12))),
            (job(2, "Overdue by one"), [], step(date(2026, 3, 9), date(2026, 3, 10))),
            (job(3, "Due B"), [], step(date(2026, 3, 11), date(2026, 3, 11))),
            (job(4, "Overdue by a week"), [], step(date(2026, 3, 2), date(2026, 3, 4))),
        ],
        TODAY,
        describe,
    )
    assert names(agenda, "due") == ["Overdue by a week", "Overdue by one", "Due B", "Due A"]
    flags = [row.overdue for row in rows(agenda, "due")]
    assert flags == [True, True, False, False]


def test_upcoming_soonest_first_and_names_break_ties() -> None:
    agenda = build_agenda(
        [
            (job(1, "Zeta"), [], step(date(2026, 3, 13), date(2026, 3, 16))),
            (job(2, "Far"), [], step(date(2026, 4, 1), date(2026, 4, 2))),
            (job(3, "alpha"), [], step(date(2026, 3, 13), date(2026, 3, 16))),
            (job(4, "Soon"), [], step(date(2026, 3, 12), date(2026, 3, 13), "email")),
        ],
        TODAY,
        describe,
    )
    assert names(agenda, "upcoming") == ["Soon", "alpha", "Zeta", "Far"]
    assert not any(row.overdue for row in agenda.rows())


def test_waiting_holds_heard_jobs_and_open_ones_with_nothing_due() -> None:
    agenda = build_agenda(
        [
            # Heard: waiting whatever the step says.
            (job(1, "Heard", status="heard"), [], step(date(2026, 3, 9), date(2026, 3, 10))),
            (job(2, "Bravo"), [], NOTHING),
            (job(3, "Open"), [], step(date(2026, 3, 11), date(2026, 3, 12))),
        ],
        TODAY,
        describe,
    )
    assert names(agenda, "waiting") == ["Bravo", "Heard"]
    assert names(agenda, "due") == ["Open"]
    assert [row.when for row in rows(agenda, "waiting")] == [
        "nothing due",
        "heard from them: nothing due from you",
    ]


def test_closed_the_latest_first_with_how_it_ended() -> None:
    agenda = build_agenda(
        [
            (
                job(1, "Old", status="closed", outcome="rejected", closed_on=date(2026, 1, 5)),
                [],
                NOTHING,
            ),
            (job(2, "Undated", status="closed", outcome="moved abroad"), [], NOTHING),
            (
                job(3, "New", status="closed", outcome="offer", closed_on=date(2026, 3, 10)),
                [],
                NOTHING,
            ),
        ],
        TODAY,
        describe,
    )
    assert names(agenda, "closed") == ["New", "Old", "Undated"]
    assert [row.when for row in rows(agenda, "closed")] == [
        "closed Tue 10 Mar: offer",
        "closed Mon 5 Jan: not selected",
        "closed: moved abroad",
    ]


def test_closed_words() -> None:
    assert (
        closed_words(job(1, "A", status="closed", outcome="withdrawn"), TODAY)
        == "closed: withdrawn"
    )
    assert closed_words(job(1, "A", status="closed"), TODAY) == "closed"
    last_year = job(1, "A", status="closed", outcome="offer", closed_on=date(2025, 12, 8))
    assert closed_words(last_year, TODAY) == "closed Mon 8 Dec 2025: offer"


def test_rows_carry_the_job_the_step_and_the_live_calls() -> None:
    acme = job(7, "Acme", position="Data analyst", interviewer="Ms Lee")
    due = step(date(2026, 3, 11), date(2026, 3, 12))
    calls = [
        call(date(2026, 3, 6)),
        call(date(2026, 3, 9), mode="practice"),
        call(date(2026, 3, 2)),
    ]
    (row,) = build_agenda([(acme, calls, due)], TODAY, describe).rows()
    assert (row.company, row.position, row.interviewer) == ("Acme", "Data analyst", "Ms Lee")
    assert row.job is acme and row.step is due
    assert row.when == "call 2026-03-11..2026-03-12"
    assert row.calls == 2 and row.last_called == date(2026, 3, 6)


def test_section_of() -> None:
    due = step(date(2026, 3, 11), date(2026, 3, 11))
    assert section_of(job(1, "A"), due, TODAY) == "due"
    assert section_of(job(1, "A"), due, date(2026, 3, 10)) == "upcoming"
    assert section_of(job(1, "A"), due, date(2026, 3, 20)) == "due"
    assert section_of(job(1, "A", status="closed"), due, TODAY) == "closed"
    assert section_of(job(1, "A", status="heard"), due, TODAY) == "waiting"
    assert section_of(job(1, "A"), NOTHING, TODAY) == "waiting"


def test_step_words() -> None:
    open_job = job(1, "A")
    overdue = step(date(2026, 3, 2), date(2026, 3, 4))
    # The rules' words name the action already: it is not said twice.
    assert step_words(open_job, overdue, TODAY, describe) == "call 2026-03-02..2026-03-04"
    assert step_words(open_job, overdue, TODAY, lambda s, t: "overdue since Thu 5 Mar") == (
        "call, overdue since Thu 5 Mar"
    )
    email = step(date(2026, 3, 2), date(2026, 3, 4), "email")
    assert step_words(open_job, email, TODAY, lambda s, t: "overdue since Thu 5 Mar") == (
        "email, overdue since Thu 5 Mar"
    )
    upcoming = step(date(2026, 3, 12), date(2026, 3, 13))
    assert step_words(open_job, upcoming, TODAY, describe) == "call 2026-03-12..2026-03-13"
    heard = job(1, "A", status="heard", heard_on=date(2026, 3, 10))
    assert step_words(heard, NOTHING, TODAY, describe) == (
        "heard from them Tue 10 Mar: nothing due from you"
    )
    dateless = NextStep("none", None, None, "Add the interview date.", "missing_date")
    assert step_words(open_job, dateless, TODAY, describe) == (
        "add the interview date to know when to call"
    )
