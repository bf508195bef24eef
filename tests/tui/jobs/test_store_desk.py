"""Home and the job screen on the real store and rules (the app's StoreDesk)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from textual.widgets import Static

from coach.call.snapshot import CallSnapshot
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.job import JobScreen
from tests.tui.conftest import TODAY  # Tuesday 3 March 2026

SIZE = (100, 30)
MakeApp = Callable[..., CoachApp]


async def test_home_and_the_job_screen_read_the_store(make_app: MakeApp, store: Store) -> None:
    due = store.add_job(
        "Acme Ltd",
        "Data analyst",
        interviewer="Ms Lee",
        interview_date=date(2026, 2, 20),
        decision_date=date(2026, 2, 27),
    )
    later = store.add_job("Globex", "Engineer", interview_date=date(2026, 3, 2))
    heard = store.add_job("Initech", "Tester")
    store.mark_heard(heard.id, note="They called me", today=TODAY)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home.active == "jobs"
        agenda = home.jobs.agenda
        assert [s.key for s in agenda.sections] == ["due", "upcoming", "waiting"]
        assert [row.job.id for row in agenda.rows()] == [due.id, later.id, heard.id]
        # Decided Fri 27 Feb: call Mon 2 or Tue 3 March, and today is Tue 3 March.
        assert agenda.rows()[0].when == "call today" and not agenda.rows()[0].overdue
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JobScreen) and screen.job_id == due.id
        step = str(screen.query_one("#job-step", Static).visual)
        assert "27 February" in step  # the rules' reason names the decision date
        await pilot.press("h", "y")
        await pilot.pause()
        assert store.job(due.id).status == "heard"  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert [s.key for s in home.jobs.agenda.sections] == ["upcoming", "waiting"]


async def test_a_call_on_a_job_shows_on_home_and_on_the_job(
    make_app: MakeApp, store: Store
) -> None:
    job = store.add_job("Acme Ltd", "Data analyst", interview_date=date(2026, 2, 20))
    snap = CallSnapshot(
        script="follow-up",
        title="Follow-up call",
        mode="live",
        job=job.id,
        started_at="2026-03-02T10:00:00+00:00",
        outcome="voicemail",
        captures={"receptionist": "Sam"},
        notes="Left my number.",
    )
    call_id = store.start_call(snap)
    store.finish(call_id, replace(snap, finished=True))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        recent = str(home.query_one("#recent", Static).visual)
        assert "Acme Ltd, Data analyst  Follow-up call  Left a voicemail" in recent
        (row,) = home.jobs.agenda.rows()
        assert row.calls == 1 and row.section == "upcoming"  # again 2 to 3 business days later
        await pilot.press("enter")
        await pilot.pause()
        calls = str(app.screen.query_one("#job-calls", Static).visual)
        assert calls.startswith("Mon 2 Mar")
        assert "Left a voicemail" in calls and "Receptionist: Sam" in calls
        assert "Left my number." in calls
