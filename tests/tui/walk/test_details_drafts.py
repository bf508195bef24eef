"""Call details and checklist ticks are written through (issue 14): a killed
process keeps them as a draft, offered back the next time; ctrl+c and ctrl+q
on a form with typed values ask before throwing them away."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.pilot import Pilot

from coach import locations
from coach.store.form_drafts import FormDrafts
from coach.tui.app import CoachApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.screens.details import DetailsScreen
from coach.tui.screens.job_form import JobFormScreen
from coach.tui.screens.prep import PrepScreen
from coach.tui.widgets.fields import FieldEditor
from tests.tui.conftest import library_of
from tests.tui.jobs.fakes import FakeDesk
from tests.tui.scripts import small_script

MakeApp = Callable[..., CoachApp]


def drafts() -> FormDrafts:
    return FormDrafts(locations.data_dir() / "drafts")


async def wait_for(pilot: Pilot[int], done: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause()
        await asyncio.sleep(0.05)


def typed_draft() -> dict[str, str]:
    found = drafts().read(small_script().id)
    return found.values if found else {}


async def test_typed_details_are_written_through_and_offered_back(make_app: MakeApp) -> None:
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press(*"Ms Lee")
        # Written within the debounce, with no key pressed after the typing.
        await wait_for(pilot, lambda: typed_draft().get("interviewer") == "Ms Lee")
    # The process "dies" here: the next start of that script offers them back.
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DetailsScreen)
        assert form.query_one("#field-interviewer", FieldEditor).value == "Ms Lee"


async def test_start_fresh_drops_the_draft(make_app: MakeApp) -> None:
    drafts().write(small_script().id, values={"interviewer": "Ms Lee"})
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DetailsScreen)
        assert form.query_one("#field-interviewer", FieldEditor).value == ""
    assert drafts().read(small_script().id) is None


async def test_ticks_are_kept_until_the_call_starts(make_app: MakeApp) -> None:
    script = small_script()
    app = make_app(script=script, values={"interviewer": "Ms Lee"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, DetailsScreen):
            await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("space")
        kept = drafts().read(script.id)
        assert kept is not None and any(kept.ticks.values())
        ticked = dict(kept.ticks)
    app = make_app(script=script, values={"interviewer": "Ms Lee"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, DetailsScreen):
            await pilot.press("ctrl+s")
        await pilot.pause()
        prep = app.screen
        assert isinstance(prep, PrepScreen)
        assert prep.ticks() == ticked  # put back
        await pilot.press("s")
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("y")
        await pilot.pause()
    assert drafts().read(script.id) is None  # the call's record holds them now


async def test_ctrl_c_on_typed_details_asks_and_no_keeps_them(make_app: MakeApp) -> None:
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *"Ms Lee", "ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen) and app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_c_with_nothing_typed_quits_at_once(make_app: MakeApp) -> None:
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+c")
        await pilot.pause()
    assert app.return_code == 0


async def test_ctrl_c_on_a_typed_job_form_asks(make_app: MakeApp) -> None:
    app = make_app(jobs=FakeDesk([]))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Acme", "ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, JobFormScreen) and app.return_code is None


async def test_a_tick_arriving_after_the_checklist_is_answered_writes_no_draft(
    make_app: MakeApp,
) -> None:
    # A tick's message on its way while "s" starts the call used to write the
    # draft again after the call dropped it: the next call opened all ticked.
    script = small_script()
    app = make_app(script=script, values={"interviewer": "Ms Lee"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if isinstance(app.screen, DetailsScreen):
            await pilot.press("ctrl+s")
        await pilot.pause()
        prep = app.screen
        assert isinstance(prep, PrepScreen)
        prep.checklist.select_all()
        await pilot.pause()
        assert drafts().read(script.id) is not None  # kept while ticking
        prep.dismiss(prep.ticks())  # answered ("s"), the screen not yet gone
        drafts().drop(script.id)  # as the call does when it starts
        prep._ticked()  # the SelectedChanged handler of a tick still on its way
        assert drafts().read(script.id) is None
