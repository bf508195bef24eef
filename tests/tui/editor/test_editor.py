"""Pilot tests of the editor screen: typing, problems, jumping, saving, guards."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets.tree import TreeNode

from coach.script.editing import read_for_editing
from coach.script.newscript import backups_of
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.editor_app import EditorApp
from coach.tui.screens.editor import EditorScreen
from coach.tui.widgets.structure import Place, StructurePanel

SIZE = (80, 24)

SCRIPT = """\
title: Editor test
nodes:
  hello:
    say: Hello, is this a good time?
    choices:
      - {label: "Yes", next: status}
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
NEXT_THANKS_ROW = 9  # 0-based row of "    next: thanks"


class RecordingApp(EditorApp):
    """The standalone editor app, remembering what it was asked to rehearse."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.rehearse: list[tuple[str, str]] = []
        self.left = False

    def on_editor_screen_rehearse_requested(self, message: EditorScreen.RehearseRequested) -> None:
        self.rehearse.append((message.script.title, message.node_id))

    def _done(self, _result: Path | None) -> None:
        self.left = True


@pytest.fixture
def script_path(coach_home: Path) -> Path:
    path = coach_home / "config" / "scripts" / "editor-test.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def editor(app: EditorApp) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen), screen
    return screen


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until ``condition`` holds (checks are debounced, run in a thread)."""
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def notes(app: EditorApp) -> list[str]:
    return [n.message for n in app._notifications]


async def type_at(pilot: Pilot[Any], screen: EditorScreen, row: int, text: str) -> None:
    area = screen.source
    area.focus()
    area.move_cursor((row, len(area.document.get_line(row))))
    await pilot.press(*text)


async def break_a_target(pilot: Pilot[Any], screen: EditorScreen) -> None:
    await type_at(pilot, screen, NEXT_THANKS_ROW, "x")
    await until(
        pilot,
        lambda: any("thanksx" in f.message for f in screen.problems.findings),
        "the problem about 'thanksx' is listed",
    )


# --------------------------------------------------------------------- checking
async def test_opening_shows_no_problems_and_the_structure(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await until(pilot, lambda: screen.structure.script is not None, "structure shown")
        assert screen.problems.findings == ()
        assert screen.source.has_focus
        labels = [str(node.label) for node in _tree_nodes(screen.structure)]
        assert any(label.startswith("hello") for label in labels), labels
        assert any("1 Yes → status" in label for label in labels)
        assert any("thanks" in label and "pending" in label for label in labels)


async def test_typing_updates_the_problems_and_marks_the_structure_stale(
    script_path: Path,
) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await break_a_target(pilot, screen)
        errors = [f for f in screen.problems.findings if f.severity == "error"]
        assert errors and "thanksx" in errors[0].message
        assert screen.structure.stale and screen.structure.has_class("-stale")
        assert screen.modified
        # Undo the mistake: the problems clear, the structure is fresh again.
        await pilot.press("backspace")
        await until(pilot, lambda: screen.problems.findings == (), "problems cleared")
        await until(pilot, lambda: not screen.structure.stale, "structure fresh")
        assert not screen.modified


async def test_enter_on_a_problem_moves_the_cursor_there(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await break_a_target(pilot, screen)
        finding = screen.problems.findings[0]
        screen.source.move_cursor((0, 0))
        await pilot.press("f2")
        assert screen.problems.has_focus
        assert screen.problems.highlighted == 0
        await pilot.press("enter")
        assert screen.source.has_focus
        assert screen.source.cursor_location == (finding.line - 1, finding.column - 1)


async def test_selecting_a_node_in_the_structure_moves_the_cursor(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await until(pilot, lambda: screen.structure.script is not None, "structure shown")
        await pilot.press("f3")
        tree = screen.structure
        assert tree.has_focus
        target = next(n for n in _tree_nodes(tree) if n.data and n.data.node == "voicemail")
        tree.move_cursor(target)
        await pilot.press("enter")
        assert screen.source.has_focus
        assert screen.source.cursor_location[0] == SCRIPT.splitlines().index("  voicemail:")


# ----------------------------------------------------------------------- saving
async def test_ctrl_s_saves_atomically_and_keeps_a_backup(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await type_at(pilot, screen, 0, " v2")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.modified, "saved")
        assert script_path.read_text(encoding="utf-8").startswith("title: Editor test v2\n")
        backups = backups_of(script_path)
        assert len(backups) == 1
        assert backups[0].read_text(encoding="utf-8") == SCRIPT
        assert any("Saved editor-test.yaml" in n for n in notes(app))


async def test_saving_a_text_with_errors_asks_first(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await break_a_target(pilot, screen)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "question asked")
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen, "back in the editor")
        assert script_path.read_text(encoding="utf-8") == SCRIPT
        assert screen.modified
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked again")
        await pilot.press("y")
        await until(pilot, lambda: not screen.modified, "saved")
        assert "next: thanksx" in script_path.read_text(encoding="utf-8")


async def test_a_folder_that_is_not_writable_keeps_the_text(
    script_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await type_at(pilot, screen, 0, "!")
        monkeypatch.setattr("tempfile.mkstemp", refuse)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: any("not writable" in n for n in notes(app)), "told")
        message = next(n for n in notes(app) if "not writable" in n)
        assert str(script_path.parent) in message
        assert "Your text is still here" in message
        assert screen.source.text.startswith("title: Editor test!")
        assert screen.modified
        assert script_path.read_text(encoding="utf-8") == SCRIPT


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can write anywhere")
async def test_a_read_only_folder_for_real(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await type_at(pilot, screen, 0, "!")
        script_path.parent.chmod(0o555)
        try:
            await pilot.press("ctrl+s")
            await until(pilot, lambda: any("not writable" in n for n in notes(app)), "told")
        finally:
            script_path.parent.chmod(0o755)
        assert screen.modified


async def test_a_file_deleted_while_open_is_created_again(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        script_path.unlink()
        screen._poll_disk()
        await pilot.pause()
        assert any("deleted on disk" in n for n in notes(app))
        assert screen.modified
        await pilot.press("ctrl+s")
        await until(pilot, script_path.exists, "file written again")
        assert script_path.read_text(encoding="utf-8") == SCRIPT
        assert any("created again" in n for n in notes(app))


async def test_a_file_changed_on_disk_is_reloaded_when_nothing_is_unsaved(
    script_path: Path,
) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        changed = SCRIPT.replace("Editor test", "Changed outside")
        script_path.write_text(changed, encoding="utf-8")
        os.utime(script_path, ns=(1, 1))
        screen._poll_disk()
        await pilot.pause()
        assert screen.source.text == changed
        assert not screen.modified


async def test_a_file_that_is_not_utf8_opens_and_asks_before_saving(coach_home: Path) -> None:
    path = coach_home / "latin.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    original = "title: Caf\xe9 call\nnodes:\n  a: {say: Hi, end: done}\n".encode("latin-1")
    path.write_bytes(original)
    app = RecordingApp(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        assert "\ufffd" in screen.source.text
        assert "not UTF-8" in str(screen.query_one("#editor-notice").render())
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked")
        await pilot.press("n")
        await pilot.pause()
        assert path.read_bytes() == original


async def test_an_unreadable_path_opens_empty_and_refuses_to_save(coach_home: Path) -> None:
    folder = coach_home / "a-folder.yaml"
    folder.mkdir(parents=True)
    app = RecordingApp(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        assert screen.source.text == ""
        assert any("is a folder" in n for n in notes(app))
        await pilot.press("x", "ctrl+s")
        await until(
            pilot,
            lambda: any("Not saved" in (n.title or "") for n in app._notifications),
            "refused",
        )
        assert folder.is_dir()


# ------------------------------------------------------------------ leave guard
async def test_leaving_with_unsaved_changes_asks(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await type_at(pilot, screen, 0, "!")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked")
        await pilot.press("n")
        await until(pilot, lambda: app.screen is screen, "still editing")
        assert not app.left
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked again")
        await pilot.press("y")
        await until(pilot, lambda: app.left, "left")
    assert script_path.read_text(encoding="utf-8") == SCRIPT


async def test_leaving_without_changes_does_not_ask(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await until(pilot, lambda: app.left, "left")


# --------------------------------------------------------------------- rehearse
async def test_ctrl_r_asks_to_rehearse_from_the_node_under_the_cursor(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        screen.source.move_cursor((NEXT_THANKS_ROW, 4))  # inside node 'status'
        await pilot.press("ctrl+r")
        await until(pilot, lambda: bool(app.rehearse), "rehearse requested")
        assert app.rehearse == [("Editor test", "status")]
        screen.source.move_cursor((0, 0))  # above every node: the start
        await pilot.press("ctrl+r")
        await until(pilot, lambda: len(app.rehearse) == 2, "asked again")
        assert app.rehearse[1] == ("Editor test", "hello")


async def test_ctrl_r_with_errors_says_what_to_fix(script_path: Path) -> None:
    app = RecordingApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = editor(app)
        await break_a_target(pilot, screen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert not app.rehearse
        assert any("Fix the errors before rehearsing" in n for n in notes(app))


def test_read_for_editing_never_raises(tmp_path: Path) -> None:
    assert read_for_editing(tmp_path / "missing.yaml").exists is False
    assert read_for_editing(tmp_path).error is not None


def _tree_nodes(tree: StructurePanel) -> list[TreeNode[Place]]:
    out: list[TreeNode[Place]] = []
    stack = list(reversed(tree.root.children))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


async def test_a_check_that_ends_after_the_editor_closed_is_dropped(script_path: Path) -> None:
    """The check runs in a thread: its result may come back once the editor's
    widgets are gone (the user left at once). It is dropped, not shown."""
    from coach.script.editing import analyse

    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = editor(app)
        result = analyse("title: Changed\n", script_path)
    screen._check_done(result)  # no NoMatches: the editor is closed
    assert screen.analysis is not result
