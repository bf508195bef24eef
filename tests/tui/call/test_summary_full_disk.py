"""A full disk as the call ends (issue 14): the summary keeps trying to save the
call and says when it lands; "Save .md" that cannot write offers another path."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Static

from coach import locations
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.dialogs.save_as import SaveAsDialog
from coach.tui.screens.summary import SummaryScreen
from tests.full_disk import full_disk
from tests.tui.call.test_summary import VALUES, finish_a_call
from tests.tui.scripts import no_checklist_script

MakeApp = Callable[..., CoachApp]


async def wait_for(pilot: Pilot[int], done: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause()
        await asyncio.sleep(0.05)


def body_text(screen: SummaryScreen) -> str:
    return str(screen.query_one("#summary-body", Static).render())


def messages(app: CoachApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_summary_saves_the_call_once_space_is_back(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(100, 40)) as pilot:
        with full_disk(store):
            screen = await finish_a_call(pilot, app)
            await pilot.pause()
            assert "Not saved" in body_text(screen)
            assert [c.status for c in store.calls()] != ["done"]
        await wait_for(pilot, lambda: screen.saved)
        assert "Not saved" not in body_text(screen)
        # Textual's notify posts a message: the notice lands a moment later.
        await wait_for(pilot, lambda: any("saved now" in m for m in messages(app)))
        (record,) = store.calls()
        assert record.status == "done"
        assert "They hire two analysts" in record.snapshot["notes"]


async def test_leaving_tries_once_more_and_says_when_it_still_fails(
    make_app: MakeApp, store: Store
) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(100, 40)) as pilot:
        with full_disk(store):
            screen = await finish_a_call(pilot, app)
            await pilot.press("q")
            assert not screen.saved
            assert any("still not saved" in m for m in messages(app))
    assert all(c.status != "done" for c in store.calls())


async def test_save_md_on_a_full_disk_offers_another_path(
    make_app: MakeApp, tmp_path: Path
) -> None:
    exports = locations.data_dir() / "exports"
    exports.parent.mkdir(parents=True, exist_ok=True)
    exports.write_text("a file where the folder should be")  # nothing can be written in it
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(100, 40)) as pilot:
        await finish_a_call(pilot, app)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveAsDialog)
        field = dialog.query_one("#save-path", Input)
        assert field.value.startswith(str(exports))  # prefilled with where it failed
        field.value = str(tmp_path / "nowhere" / "\0bad.md")
        await pilot.press("enter")
        assert isinstance(app.screen, SaveAsDialog)  # the error is shown, the dialog stays
        field.value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    written = elsewhere / "call.md"
    assert "They hire two analysts" in written.read_text()
    assert any(f"Saved to {written}" in m for m in messages(app))
