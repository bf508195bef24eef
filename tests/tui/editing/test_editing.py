"""Editing scripts from the main app: home keys, new script, rehearse, quit guard, hot reload."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Static

from coach.script.load import load_path
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.dialogs.new_script import NewScriptDialog
from coach.tui.screens.call import CallScreen
from coach.tui.screens.editor import EditorScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.summary import PracticeSummaryScreen
from coach.tui.widgets.fields import FieldEditor
from coach.tui.widgets.step import CapturesPanel, ChoicesPanel, StepView
from tests.tui.conftest import WALL, FakeClock

SIZE = (100, 30)

SCRIPT = """\
title: Editing test
variables:
  name: Your name
nodes:
  hello:
    say: Hello, this is {name}.
    choices:
      - {label: Good time, next: status}
      - {label: Voicemail, next: voicemail}
  status:
    say: Where do things stand?
    next: thanks
  thanks:
    say: Thank you.
    end: pending
  voicemail:
    say: Please call me back.
    end: voicemail
"""
STATUS_ROW = 9  # 0-based row of "  status:"


@pytest.fixture
def scripts_dir(coach_home: Path) -> Path:
    folder = coach_home / "config" / "scripts"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def script_path(scripts_dir: Path) -> Path:
    path = scripts_dir / "editing-test.yaml"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


@pytest.fixture
def make_app(store: Store, fake_clock: FakeClock) -> Callable[..., CoachApp]:
    def make(**kwargs: Any) -> CoachApp:
        return CoachApp(store=store, clock=fake_clock, wall=lambda: WALL, **kwargs)

    return make


def notes(app: CoachApp) -> list[str]:
    """The notifications, and the call screen's notice (a script reload)."""
    shown = [n.message for n in app._notifications]
    screen = app.screen
    if isinstance(screen, CallScreen) and screen.notice is not None:
        shown.append(screen.notice)
    return shown


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def rewrite(path: Path, text: str) -> None:
    """Write ``text``; bump the time so the change shows even within one mtime tick."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def highlight(app: CoachApp, script_id: str) -> None:
    index = next(i for i, e in enumerate(app.script_entries()) if e.id == script_id)
    app.screen.query_one("#scripts", OptionList).highlighted = index


# ----------------------------------------------------------------- home keys
async def test_e_on_a_bundled_script_edits_a_copy_written_on_the_first_save(
    make_app: Callable[..., CoachApp], coach_home: Path
) -> None:
    app = make_app()
    copy = coach_home / "config" / "scripts" / "follow-up.yaml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        highlight(app, "follow-up")
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert screen.path == copy and not copy.exists()
        notice = f"Editing a copy of the bundled script; it is saved to {copy} on first save"
        assert any(notice in n for n in notes(app))
        assert "Editing a copy of the bundled script" in str(
            screen.query_one("#editor-notice", Static).content
        )
        await pilot.press("escape")  # nothing changed: leaves at once, and writes nothing
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not copy.exists()
        assert [e.source for e in app.script_entries() if e.id == "follow-up"] == ["bundled"]
        # Again, and this time save: the copy is written and shadows the bundled script.
        highlight(app, "follow-up")
        await pilot.press("e")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await pilot.press("ctrl+s")
        await until(pilot, copy.exists, "the copy saved")
        assert copy.read_text(encoding="utf-8") == screen.source.text
        assert screen.query_one("#editor-notice", Static).content == ""
        await pilot.press("escape")
        await pilot.pause()
        user = [e for e in app.script_entries() if e.id == "follow-up"]
        assert [e.source for e in user] == ["user"]  # the list shows the copy now


async def test_new_script_asks_for_an_id_and_opens_the_starter(
    make_app: Callable[..., CoachApp], scripts_dir: Path, script_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewScriptDialog)
        await pilot.press(*"Bad Id")
        error = str(app.screen.query_one("#new-error", Static).visual)
        assert "not a valid script id" in error
        app.screen.query_one(Input).value = ""
        await pilot.press(*"editing-test", "enter")  # exists: refused, the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, NewScriptDialog)
        assert "already exists" in str(app.screen.query_one("#new-error", Static).visual)
        app.screen.query_one(Input).value = ""
        await pilot.press(*"acme-call", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        created = scripts_dir / "acme-call.yaml"
        assert screen.path == created and created.is_file()
        assert screen.source.text.startswith("# yaml-language-server: $schema=")
        assert any("Created" in n for n in notes(app))


async def test_home_list_follows_the_scripts_folder(
    make_app: Callable[..., CoachApp], scripts_dir: Path, script_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        highlight(app, "editing-test")
        rewrite(scripts_dir / "another.yaml", SCRIPT.replace("Editing test", "Another one"))
        screen._poll_scripts()
        options = screen.query_one("#scripts", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Another one" in p for p in prompts)
        highlighted = options.highlighted
        assert highlighted is not None
        assert "Editing test" in prompts[highlighted]  # the same script stays highlighted


# ------------------------------------------------------------------- rehearse
async def test_ctrl_r_rehearses_from_the_node_and_returns_to_the_editor(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    app = make_app(edit=script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        editor.source.move_cursor((STATUS_ROW + 1, 4))
        await pilot.press("ctrl+r")
        await pilot.pause()
        call = app.screen
        assert isinstance(call, CallScreen)
        assert call.session.current == "status"
        assert call.session.mode == "practice" and call.solo
        assert call.session.history == []
        await pilot.press("enter")  # status -> thanks
        await pilot.press("enter")  # finish on thanks
        await pilot.pause()
        assert isinstance(app.screen, PracticeSummaryScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.screen is editor  # back where the author was
        assert app.is_running


# ------------------------------------------------------------------ quit guard
async def test_ctrl_q_with_unsaved_changes_asks(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    app = make_app(edit=script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        editor.source.focus()
        await pilot.press("x")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Quit without saving?" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor and app.is_running
        await pilot.press("ctrl+c")  # in the editor ctrl+c copies; it never quits
        await pilot.pause()
        assert app.screen is editor and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert script_path.read_text(encoding="utf-8") == SCRIPT  # nothing saved behind the back


async def test_ctrl_q_asks_during_a_rehearsal_from_an_unsaved_editor(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    app = make_app(edit=script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        editor.source.move_cursor((1, 0))
        editor.source.insert("# a comment\n")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)


async def test_ctrl_q_without_changes_quits_at_once(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    app = make_app(edit=script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


# ------------------------------------------------------------------ hot reload
async def in_call_at_status(pilot: Pilot[Any], app: CoachApp) -> CallScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CallScreen), screen
    await pilot.press("1")
    assert screen.session.current == "status"
    return screen


def side_flows_shown(screen: CallScreen) -> str:
    """The "Anytime:" line listing the side flows and their keys."""
    lines = screen.query_one(ChoicesPanel).text.splitlines()
    return lines[-1] if lines and lines[-1].startswith("Anytime:") else ""


def say_text(screen: CallScreen) -> str:
    return str(screen.query_one(StepView).say_content)


async def test_changed_file_shows_the_new_text_at_the_same_step(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    app = make_app(script=load_path(script_path, source="user"), values={"name": "Sam"})
    async with app.run_test(size=SIZE) as pilot:
        screen = await in_call_at_status(pilot, app)
        assert "Where do things stand?" in say_text(screen)
        rewrite(script_path, SCRIPT.replace("Where do things stand?", "Any news yet?"))
        screen._tick()
        await pilot.pause()
        assert screen.session.current == "status"
        assert "Any news yet?" in say_text(screen)
        assert any("Reloaded editing-test.yaml" in n for n in notes(app))
        await pilot.press("b")  # history still works with the new version
        assert screen.session.current == "hello"


async def test_current_step_deleted_keeps_the_old_version(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    app = make_app(script=load_path(script_path, source="user"), values={"name": "Sam"})
    async with app.run_test(size=SIZE) as pilot:
        screen = await in_call_at_status(pilot, app)
        old = screen.session.script
        text = SCRIPT.replace(
            "  status:\n    say: Where do things stand?\n    next: thanks\n", ""
        ).replace("next: status", "next: thanks")
        rewrite(script_path, text)
        screen._tick()
        await pilot.pause()
        assert screen.session.script is old
        assert "Where do things stand?" in say_text(screen)
        assert any("no longer has the step 'status'" in n for n in notes(app))
        await pilot.press("enter")
        assert screen.session.current == "thanks"


async def test_broken_yaml_keeps_the_old_version_and_names_the_place(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    app = make_app(script=load_path(script_path, source="user"), values={"name": "Sam"})
    async with app.run_test(size=SIZE) as pilot:
        screen = await in_call_at_status(pilot, app)
        old = screen.session.script
        rewrite(script_path, SCRIPT.replace("    next: thanks\n", "    next: [thanks\n"))
        screen._tick()
        await pilot.pause()
        assert screen.session.script is old
        found = [n for n in notes(app) if "has errors" in n]
        assert found, notes(app)
        assert any(
            part.startswith("editing-test.yaml:") and part.count(":") >= 3
            for part in found[0].split()
        ), found[0]


async def test_reload_waits_while_the_user_types(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    app = make_app(script=load_path(script_path, source="user"), values={"name": "Sam"})
    async with app.run_test(size=SIZE) as pilot:
        screen = await in_call_at_status(pilot, app)
        await pilot.press("n", *"hi")
        rewrite(script_path, SCRIPT.replace("Where do things stand?", "Any news yet?"))
        screen._tick()
        await pilot.pause()
        assert "Where do things stand?" in say_text(screen)
        await pilot.press("escape")
        screen._tick()
        await pilot.pause()
        assert "Any news yet?" in say_text(screen)
        assert screen.session.notes == "hi"


async def test_side_flow_removed_by_a_reload_is_unbound(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    with_side = SCRIPT.replace(
        "nodes:\n",
        "anytime:\n  - {node: repeat, key: r}\nnodes:\n  repeat:\n"
        "    say: Could you repeat that?\n    next: return\n",
    ).replace("title: Editing test\n", "title: Editing test\nstart: hello\n")
    rewrite(script_path, with_side)
    app = make_app(script=load_path(script_path, source="user"), values={"name": "Sam"})
    async with app.run_test(size=SIZE) as pilot:
        screen = await in_call_at_status(pilot, app)
        assert "r Repeat" in side_flows_shown(screen)
        rewrite(script_path, SCRIPT)
        screen._tick()
        await pilot.pause()
        assert screen.session.script.anytime == ()
        bound = screen._bindings.key_to_bindings.get("r", [])
        assert not [b for b in bound if b.action.startswith("side_flow(")]
        assert "Repeat" not in side_flows_shown(screen)
        await pilot.press("r")  # no side flow any more: nothing happens, nothing breaks
        await pilot.pause()
        assert screen.session.current == "status"


async def test_reload_rebuilds_the_capture_fields_and_keeps_what_was_typed(
    make_app: Callable[..., CoachApp], script_path: Path
) -> None:
    with_capture = SCRIPT.replace(
        "    say: Where do things stand?\n",
        "    say: Where do things stand?\n"
        "    capture: [{id: decision_date, prompt: When will they decide?, type: date}]\n",
    )
    rewrite(script_path, with_capture)
    app = make_app(script=load_path(script_path, source="user"), values={"name": "Sam"})
    async with app.run_test(size=SIZE) as pilot:
        screen = await in_call_at_status(pilot, app)
        await pilot.press("tab", *"2026-12-04", "escape")
        assert screen.session.captures == {"decision_date": "2026-12-04"}
        rewrite(
            script_path,
            with_capture.replace("When will they decide?", "Their decision date").replace(
                "Where do things stand?", "Any news yet?"
            ),
        )
        screen._tick()
        await until(pilot, lambda: "Any news yet?" in say_text(screen), "the reload")
        await pilot.pause()
        panel = screen.query_one(CapturesPanel).text
        assert "Their decision date" in panel and "2026-12-04" in panel
        await pilot.press("tab")  # the real fields, rebuilt for the new version
        fields = [f for f in screen.query(FieldEditor) if f.display]
        assert [f.field_id for f in fields] == ["decision_date"]
        assert fields[0].value == "2026-12-04"
        assert "Their decision date" in str(fields[0].query_one(Label).render())
        assert screen.focused is fields[0].editor
