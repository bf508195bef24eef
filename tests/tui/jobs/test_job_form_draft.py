"""The job form writes what is typed through to a draft (issue 14: kill -9 or a
closed terminal lost it): the next opening of the same form offers it back;
saving, dropping the changes or starting fresh forgets it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from coach import locations
from coach.call.jobform import JobFields
from coach.tui.app import CoachApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.screens.job_form import JobFormScreen
from tests.tui.jobs.fakes import FakeDesk

SIZE = (100, 30)
MakeApp = Callable[..., CoachApp]


def draft_file() -> Path:
    return locations.data_dir() / "drafts" / "job-new.json"


async def type_and_leave_running(make_app: MakeApp, typed: str) -> None:
    """Open the add form, type, let the write-through run, and stop as a kill would
    (no question answered, nothing saved)."""
    app = make_app(jobs=FakeDesk([]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, JobFormScreen)
        await pilot.press(*typed)
        await pilot.pause(0.7)  # one write-through tick
        assert json.loads(draft_file().read_text())["values"]["company"] == typed


async def test_typed_values_are_written_through_and_offered_back(make_app: MakeApp) -> None:
    await type_and_leave_running(make_app, "Acme Ltd")
    desk = FakeDesk([])
    app = make_app(jobs=desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Acme Ltd" in app.screen.detail
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen)
        assert form.values()["company"] == "Acme Ltd"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert desk.writes
        fields = desk.writes[0][1]
        assert isinstance(fields, JobFields) and fields.company == "Acme Ltd"
    assert not draft_file().exists()  # saved: nothing to offer any more


async def test_start_fresh_forgets_the_draft(make_app: MakeApp) -> None:
    await type_and_leave_running(make_app, "Acme Ltd")
    app = make_app(jobs=FakeDesk([]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen)
        assert form.values()["company"] == ""
    assert not draft_file().exists()


async def test_dropping_the_changes_forgets_the_draft(make_app: MakeApp) -> None:
    app = make_app(jobs=FakeDesk([]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Acme")
        await pilot.pause(0.7)
        assert draft_file().exists()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, JobFormScreen)
    assert not draft_file().exists()


async def test_a_tick_after_saving_writes_no_draft_again(make_app: MakeApp) -> None:
    # The write-through timer could tick between the save (which drops the
    # draft) and the form's removal, and write the draft of a saved job again.
    app = make_app(jobs=FakeDesk([]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen)
        await pilot.press(*"Acme Ltd")
        draft_file().unlink(missing_ok=True)  # as saving does, then
        form.dismiss(None)  # answered, the screen not yet gone
        form.write_through()  # the timer's tick
        assert not draft_file().exists()
