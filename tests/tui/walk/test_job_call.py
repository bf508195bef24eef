"""A call started on a job: values from the job, the timing before the call, the job's
next step after it (DESIGN's values chain and rules)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.widgets import Static

from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.messages import StartCall
from coach.tui.screens.prep import PrepScreen
from coach.tui.screens.summary import SummaryScreen

MakeApp = Callable[..., CoachApp]
SIZE = (100, 30)


async def test_a_call_on_a_job_asks_nothing_known_and_moves_the_next_step(
    make_app: MakeApp, store: Store
) -> None:
    # TODAY is Tue 3 March 2026; the interview was on Mon 2 March: too early to call.
    job = store.add_job(
        "Acme Ltd", "Analyst", interviewer="Ms Lee", interview_date=date(2026, 3, 2)
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(StartCall("small", job=job.id))
        await pilot.pause()
        await pilot.pause()
        # Nothing to ask: the job gave the interviewer, the position and the date.
        assert isinstance(app.screen, PrepScreen)
        timing = str(app.screen.query_one("#prep-timing", Static).visual)
        assert timing.startswith("Too early")
        await pilot.press("space", "down", "space", "s")
        await pilot.pause()
        # hello -> status; capture the decision date; still deciding -> thanks (pending)
        await pilot.press("1", "tab", *"2026-03-13", "escape", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        report = app.screen.report
        assert report.job == "Acme Ltd, Analyst"
        step = report.follow_up
        assert step is not None and step.rule == "pending_decision"
        # Friday 13 March: the first and second business days after it.
        assert (step.earliest, step.latest) == (date(2026, 3, 16), date(2026, 3, 17))
    updated = store.job(job.id)
    assert updated is not None and updated.decision_date == date(2026, 3, 13)
    [call] = store.job_calls(job.id)
    assert call.outcome == "pending"
    record: Any = store.calls()[0]
    assert record.job == job.id
    assert record.snapshot["values"]["interviewer"] == "Ms Lee"


async def test_what_the_details_ask_once_is_not_asked_again(
    make_app: MakeApp, store: Store
) -> None:
    from coach.tui.screens.details import DetailsScreen

    job = store.add_job("Acme Ltd", "", interview_date=date(2026, 3, 2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(StartCall("small", job=job.id))
        await pilot.pause()
        await pilot.pause()
        # The job has no interviewer (required) and no position: the form asks for both.
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press(*"Ms Lee", "tab", *"Analyst", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
    updated = store.job(job.id)
    assert updated is not None
    assert updated.interviewer == "Ms Lee" and updated.position == "Analyst"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(StartCall("small", job=job.id))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)  # nothing left to ask


async def test_typing_goes_into_the_first_field_asked_not_a_hidden_known_one(
    make_app: MakeApp, store: Store
) -> None:
    from coach.tui.screens.details import DetailsScreen

    # The interviewer (the script's first variable) is known: the form asks for the position.
    job = store.add_job("Acme Ltd", "", interviewer="Ms Lee", interview_date=date(2026, 3, 2))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(StartCall("small", job=job.id))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press(*"Analyst", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
    updated = store.job(job.id)
    assert updated is not None
    assert (updated.interviewer, updated.position) == ("Ms Lee", "Analyst")
