"""Pilot tests of home, details, prep, summary and resuming an interrupted call."""

from __future__ import annotations

import gc
import io
import pickle
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import Compositor
from textual.widgets import Input, OptionList, SelectionList, Static

from coach.call.dates import spoken_date
from coach.call.session import CallSession
from coach.script import cache
from coach.store import Store
from coach.tui import flow, startup
from coach.tui.app import CoachApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.screens.call import CallScreen
from coach.tui.screens.details import DetailsScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.prep import PrepScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.widgets.fields import FieldEditor
from tests.tui.conftest import WALL
from tests.tui.scripts import small_script

SIZE = (80, 24)
#: Every variable of small_script: the walk starts at the checklist.
FILLED = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}
MakeApp = Callable[..., CoachApp]


async def test_details_validation_blocks_until_fixed(make_app: MakeApp) -> None:
    app = make_app(script=small_script(), values={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        assert isinstance(app.focused, Input)  # the form starts in its first field
        await pilot.press("ctrl+s")
        assert app.screen is screen
        assert any("Who interviewed you?" in n.message for n in app._notifications)
        await pilot.press(*"Ms Lee", "tab", *"Analyst", "tab", *"2026-02-30")
        field = screen.query_one("#field-interview_date", FieldEditor)
        hint = str(screen.query_one("#field-interview_date .field-hint", Static).visual)
        assert hint == "February has no day 30; kept as typed"
        assert not field.has_class("-invalid")  # flagged gently, never refused
        for _ in range(2):
            await pilot.press("backspace")
        await pilot.press(*"24")
        hint = str(screen.query_one("#field-interview_date .field-hint", Static).visual)
        assert hint == spoken_date(date(2026, 2, 24), date.today())
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PrepScreen)


async def test_details_keep_a_date_as_people_say_it(make_app: MakeApp) -> None:
    app = make_app(script=small_script(), values={"interviewer": "Ms Lee", "position": "A"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DetailsScreen)
        await pilot.press(*"last Tuesday")
        hint = str(screen.query_one("#field-interview_date .field-hint", Static).visual)
        today = date.today()
        tuesday = today - timedelta(days=(today.weekday() - 1 - 1) % 7 + 1)
        assert hint == spoken_date(tuesday, today)
        await pilot.press("ctrl+s")  # nothing blocks: the text goes on as typed
        assert isinstance(app.screen, PrepScreen)
        walk = app._walk
        assert walk is not None and walk.walk.values["interview_date"] == "last Tuesday"


async def test_details_escape_quits_a_single_call(make_app: MakeApp) -> None:
    app = make_app(script=small_script(), values={})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_prep_keys_and_confirmation(make_app: MakeApp) -> None:
    values = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}
    app = make_app(script=small_script(), values=values)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        checklist = app.screen.query_one(SelectionList)
        assert checklist.highlighted == 0
        await pilot.press("question_mark")
        assert "You may be asked." in str(app.screen.query_one("#why", Static).visual)
        await pilot.press("space", "down")
        assert checklist.highlighted == 1
        await pilot.press("up")
        assert checklist.highlighted == 0
        await pilot.press("s")  # "quiet" is required and not ticked
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("s", "y")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.session.checklist == {"resume": True, "quiet": False}


async def test_prep_all_required_ticked_starts_without_asking(make_app: MakeApp) -> None:
    values = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}
    app = make_app(script=small_script(), values=values)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "space", "s")
        assert isinstance(app.screen, CallScreen)
        assert app.screen.session.checklist == {"resume": False, "quiet": True}


async def test_summary_copy_and_save_markdown(make_app: MakeApp, coach_home: Path) -> None:
    values = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}
    app = make_app(script=small_script(), values=values)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign, assignment]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "space", "s", "n", *"nice chat", "escape", "2", "enter")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("c")
        assert copied and copied[0].startswith("# Follow-up call")
        assert "Left a voicemail" in copied[0] and "nice chat" in copied[0]
        await pilot.press("m")
        files = list((coach_home / "data" / "exports").glob("*.md"))
        assert len(files) == 1 and "nice chat" in files[0].read_text()
        await pilot.press("q")
    assert app.return_code == 0


async def test_home_lists_scripts_and_starts_one(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("#scripts", OptionList)
        assert options.option_count == 2
        broken = str(options.get_option_at_index(1).prompt)
        assert "broken.yaml:4:7: error: node 'hello': 'say' is missing" in broken
        # A broken script can be highlighted (e opens it in the editor), not started.
        assert "press e to fix it" in broken
        await pilot.press("enter")
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_home_is_never_drawn_only_to_be_dropped(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every render of home reaches the terminal: none is made while Textual holds a batch.

    (Pushed from on_mount, home was mounted inside Textual's start-up batch and
    its first, most expensive render was thrown away.)
    """
    app = make_app()
    rendered: list[int] = []
    render_update = Compositor.render_update

    def counting_render_update(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        if isinstance(app.screen, HomeScreen):
            rendered.append(app._batch_count)
        return render_update(self, *args, **kwargs)

    monkeypatch.setattr(Compositor, "render_update", counting_render_update)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert rendered and all(count == 0 for count in rendered)
        assert app.screen.query_one("#scripts", OptionList).option_count == 2
        await pilot.press("q")


async def test_home_turns_the_paused_collector_back_on_once_drawn(make_app: MakeApp) -> None:
    app = make_app()
    gc.enable()
    startup.pause_gc()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.pause(startup.COLLECT_AFTER + 0.2)
            assert gc.isenabled() and not startup.gc_paused()
    finally:
        startup.resume_gc(collect=False)
        gc.unfreeze()
        gc.enable()


async def test_the_checklist_unpickles_the_cached_steps_before_the_call(
    make_app: MakeApp,
) -> None:
    # The script cache hands the steps over still pickled (CachedNodes): the
    # walk unpickles them while its checklist is read, not when the call starts.
    script = small_script()
    packed = cache.CachedNodes.pack(script.nodes)
    nodes = cache._Unpickler(io.BytesIO(pickle.dumps(packed))).load()
    assert nodes._nodes is None
    app = make_app(script=script._replace(nodes=nodes), values=FILLED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        assert nodes._nodes is None  # not for drawing the checklist
        await pilot.pause(flow.WARM_AFTER + 0.2)
        assert nodes._nodes is not None
        assert dict(nodes) == script.nodes


async def test_home_shows_recent_calls_after_a_call(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *"Ms Lee", "ctrl+s", "down", "space", "s", "2", "enter")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)
        recent = str(app.screen.query_one("#recent", Static).visual)
        assert "Follow-up call" in recent and "Left a voicemail" in recent


def interrupted_call(store: Store, db: Path) -> int:
    session = CallSession(small_script(), {"interviewer": "Ms Lee"}, wall=lambda: WALL)
    session.choose("1")
    session.set_capture("decision_date", "2026-03-10")
    session.set_notes("they sounded keen")
    call_id = store.start_call(session.snapshot())
    with sqlite3.connect(db) as conn:  # as if its process had died
        conn.execute("UPDATE calls SET pid = 999999, proc_marker = 'gone' WHERE id = ?", (call_id,))
    return call_id


async def test_resume_an_interrupted_call_from_home(
    make_app: MakeApp, store: Store, tmp_path: Path
) -> None:
    call_id = interrupted_call(store, tmp_path / "coach.db")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "stopped at the step “Status” after" in app.screen.detail  # words, not 'status'
        await pilot.press("y")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.session.current == "status"
        assert screen.session.notes == "they sounded keen"
        await pilot.press("tab")  # the step's fields, built when first asked for
        field = screen.query_one("#capture-status-decision_date Input", Input)
        assert field.value == "2026-03-10"
        await pilot.press("escape", "1")
        assert store.get(call_id).snapshot["current"] == "thanks"  # type: ignore[union-attr]
        assert store.get(call_id).status == "running"  # type: ignore[union-attr]


async def test_keep_an_interrupted_call_dismisses_it(
    make_app: MakeApp, store: Store, tmp_path: Path
) -> None:
    call_id = interrupted_call(store, tmp_path / "coach.db")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, HomeScreen)
    assert store.interrupted() == []
    assert store.get(call_id).status == "interrupted"  # type: ignore[union-attr]


async def test_theme_toggle_command(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dark = app.current_theme.dark
        app.action_toggle_theme()
        assert app.current_theme.dark is not dark


async def test_a_resumed_solo_rehearsal_is_still_solo(
    make_app: MakeApp, store: Store, tmp_path: Path
) -> None:
    from coach.tui.widgets.step import StepView

    session = CallSession(
        small_script(), {"interviewer": "Ms Lee"}, mode="practice", solo=True, wall=lambda: WALL
    )
    call_id = store.start_call(session.snapshot())
    with sqlite3.connect(tmp_path / "coach.db") as conn:  # as if its process had died
        conn.execute("UPDATE calls SET pid = 999999, proc_marker = 'gone' WHERE id = ?", (call_id,))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.solo and screen.session.solo
        assert screen.query_one(StepView).show_partner  # the other side's lines are shown
