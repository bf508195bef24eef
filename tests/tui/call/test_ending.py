"""``q`` on the call screen: how did the call end? An outcome counts like its end node."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Static

from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.dialogs.end_call import EndCallDialog
from coach.tui.messages import StartCall
from coach.tui.screens.call import CallScreen
from coach.tui.screens.summary import SummaryScreen
from tests.tui.scripts import no_checklist_script

SIZE = (80, 24)
VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}

MakeApp = Callable[..., CoachApp]


def call_app(make_app: MakeApp) -> CoachApp:
    return make_app(script=no_checklist_script(), values=VALUES)


def dialog_lines(app: CoachApp) -> list[str]:
    return [str(s.visual) for s in app.screen.query(".end-choice").results(Static)]


async def test_q_asks_how_it_ended_with_each_outcome_on_a_key(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        assert isinstance(app.screen, EndCallDialog)
        lines = dialog_lines(app)
        assert [line.split()[0] for line in lines] == ["1", "2", "s"]
        assert "Decision pending" in lines[0] and "Left a voicemail" in lines[1]
        assert "Just stop" in lines[2] and "no next step" in lines[2]
        shown = [a.binding for a in app.screen.active_bindings.values() if a.binding.show]
        footer = " ".join(b.description for b in shown)
        assert "Outcome" in footer and "Just stop" in footer and "Keep calling" in footer


async def test_escape_keeps_calling_and_the_next_key_moves_on(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "escape", "1")  # typed fast: each key in its turn
        assert isinstance(app.screen, CallScreen)
        assert app.screen.session.current == "status"
        assert not app.screen.session.finished


async def test_an_outcome_picked_early_is_saved_done_with_a_next_step(
    make_app: MakeApp, store: Store
) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "q", "2")  # at "status": it went to voicemail after all
        assert isinstance(app.screen, SummaryScreen)
        report = app.screen.report
        assert report.outcome == "Left a voicemail"
        assert report.follow_up is not None and report.follow_up.action == "call"
    record = store.calls()[0]
    assert record.status == "done" and record.outcome == "voicemail"
    assert record.snapshot["path"] == ["hello", "status"]


async def test_just_stop_abandons_the_call(make_app: MakeApp, store: Store) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "q", "s")
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.report.outcome == "Ended early"
        assert app.screen.report.follow_up is None
    record = store.calls()[0]
    assert record.status == "abandoned" and record.outcome is None


async def test_ended_early_on_a_job_moves_its_next_step(make_app: MakeApp, store: Store) -> None:
    # TODAY is Tue 3 March 2026. "Call back later" is no outcome of this script, so
    # the caller says it went to voicemail: a call two to three business days on.
    job = store.add_job(
        "Acme Ltd", "Analyst", interviewer="Ms Lee", interview_date=date(2026, 2, 20)
    )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(StartCall("small", job=job.id))
        await pilot.pause()
        await pilot.pause()
        await pilot.press("space", "down", "space", "s")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        await pilot.press("q", "2")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        step = app.screen.report.follow_up
        assert step is not None and step.action == "call"
        assert (step.earliest, step.latest) == (date(2026, 3, 5), date(2026, 3, 6))
    [call] = store.job_calls(job.id)
    assert call.status == "done" and call.outcome == "voicemail"
