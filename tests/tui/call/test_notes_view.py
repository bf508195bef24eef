"""The call's notes are drawn as text until first typed in: ``n`` (or a click)
builds their editor in place, and nothing typed right after is lost or taken
as a key of the call."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from textual.widgets import TextArea

from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.widgets.side import NotesView
from tests.tui.scripts import no_checklist_script
from tests.tui.walk.test_flow_screens import interrupted_call

VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}
SIZE = (100, 30)

MakeApp = Callable[..., CoachApp]


async def test_a_call_starts_with_its_notes_as_text(make_app: MakeApp) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert not screen.query(TextArea)  # no editor built
        assert screen.query_one("#notes-view", NotesView).display


async def test_the_keys_typed_right_after_n_land_in_the_notes(make_app: MakeApp) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScreen)
        start = screen.session.current
        # All at once: "1" would choose a branch if it reached the screen.
        await pilot.press("n", *"1 pm, ask Dana")
        await pilot.pause()
        notes = screen.query_one("#notes", TextArea)
        assert notes.has_focus
        assert notes.text == "1 pm, ask Dana"
        assert screen.session.notes == "1 pm, ask Dana"
        assert screen.session.current == start
        assert not screen.query("#notes-view")  # the editor took its place
        await pilot.press("escape", "n", *" again")  # the same editor, opened again
        assert notes.text == "1 pm, ask Dana again"


async def test_a_click_on_the_notes_opens_them(make_app: MakeApp) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click("#notes-view")
        await pilot.pause()
        notes = app.screen.query_one("#notes", TextArea)
        assert notes.has_focus
        await pilot.press(*"keen")
        assert notes.text == "keen"


async def test_resumed_notes_are_shown_and_added_to_at_their_end(
    make_app: MakeApp, store: Store, tmp_path: Path
) -> None:
    interrupted_call(store, tmp_path / "coach.db")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        view = screen.query_one("#notes-view", NotesView)
        assert "they sounded keen" in str(view.visual)
        await pilot.press("n", *", call back")
        assert screen.session.notes == "they sounded keen, call back"


def test_a_call_where_no_note_is_typed_never_imports_the_text_area(tmp_path: Path) -> None:
    """The memory of a call (issue 13): ``TextArea`` and its document modules
    come with the first ``n``, not with the call screen."""
    code = f"""
    import asyncio, sys
    from coach.store import Store
    from coach.tui.app import CoachApp
    from tests.tui.scripts import no_checklist_script

    async def main():
        app = CoachApp(script=no_checklist_script(), values={VALUES!r},
                       store=Store({str(tmp_path / "coach.db")!r}))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("1")
            print(type(app.screen).__name__, "textual.widgets._text_area" in sys.modules)
            await pilot.press("n", "x")
            print("textual.widgets._text_area" in sys.modules)

    asyncio.run(main())
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["CallScreen", "False", "True"]
