"""Unsaved editor text kept in a recovery file (issue 14): written through while it
differs from the file, offered back on the next opening, forgotten on save or discard."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from coach.store.editor_recovery import Recovery, RecoveryFiles, encode, text_hash
from coach.tui.app import CoachApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.dialogs.restore import TITLE, RestoreDialog
from coach.tui.editor_app import EditorApp
from coach.tui.screens.editor import EditorScreen
from coach.tui.signals import keep_editor_text
from tests.tui.editor.test_editor import SCRIPT, SIZE, editor, until

ADDED = "# a note typed and never saved\n"


@pytest.fixture
def script_path(coach_home: Path) -> Path:
    path = coach_home / "config" / "scripts" / "kept.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SCRIPT, encoding="utf-8")
    return path


@pytest.fixture
def files(coach_home: Path) -> RecoveryFiles:
    return RecoveryFiles(coach_home / "data" / "recovery")


def kept_texts(files: RecoveryFiles, path: Path) -> list[str]:
    return [found.recovery.text for found in files.found(path)]


def plant(files: RecoveryFiles, path: Path, text: str, *, saved: str = SCRIPT) -> Path:
    """A recovery file as a dead editor session left it, written an hour ago."""
    file = files.new_file(path)
    recovery = Recovery(
        str(path.resolve()),
        text,
        text_hash(saved),
        datetime.now(UTC) - timedelta(hours=1),
        pid=2**22 + 1,  # above pid_max's default: no process has it
    )
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(encode(recovery), encoding="utf-8")
    return file


async def type_at_top(pilot: Pilot[Any], app: EditorApp | CoachApp, text: str) -> EditorScreen:
    screen = app.screen
    assert isinstance(screen, EditorScreen)
    screen.source.focus()
    screen.source.move_cursor((0, 0))
    await pilot.press(*("enter" if ch == "\n" else ch for ch in text))
    return screen


def dialog_text(app: Any) -> str:
    return " ".join(str(s.render()) for s in app.screen.query(Static))


async def test_unsaved_text_is_written_through_and_saving_forgets_it(
    script_path: Path, files: RecoveryFiles
) -> None:
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await type_at_top(pilot, app, "# x\n")
        await until(pilot, lambda: kept_texts(files, script_path) == ["# x\n" + SCRIPT], "kept")
        [found] = files.found(script_path)
        assert found.recovery.path == str(script_path.resolve())
        assert found.recovery.saved_hash == text_hash(SCRIPT)
        await pilot.press("left", "y")
        await until(pilot, lambda: kept_texts(files, script_path) == ["# xy\n" + SCRIPT], "newer")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.saved_text == "# xy\n" + SCRIPT, "saved")
        assert files.found(script_path) == []
        assert list(files.folder.iterdir()) == []  # no temporary file left either
        await pilot.press("z", "backspace")  # back to the saved text: nothing to keep
        await pilot.pause(0.7)
        assert files.found(script_path) == []


async def test_text_typed_back_to_the_saved_text_forgets_the_file(
    script_path: Path, files: RecoveryFiles
) -> None:
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_at_top(pilot, app, "#")
        await until(pilot, lambda: kept_texts(files, script_path) == ["#" + SCRIPT], "kept")
        await pilot.press("backspace")
        await until(pilot, lambda: files.found(script_path) == [], "forgotten")


async def test_leaving_and_losing_the_changes_forgets_them(
    script_path: Path, files: RecoveryFiles
) -> None:
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_at_top(pilot, app, "#")
        await until(pilot, lambda: kept_texts(files, script_path) == ["#" + SCRIPT], "kept")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked")
        await pilot.press("n")  # keep editing: still kept
        await pilot.pause()
        assert kept_texts(files, script_path) == ["#" + SCRIPT]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked again")
        await pilot.press("y")
        await pilot.pause()
    assert files.found(script_path) == []
    assert script_path.read_text(encoding="utf-8") == SCRIPT


async def test_quit_without_saving_keeps_the_text_until_quit_is_said(
    make_app: Callable[..., CoachApp], script_path: Path, files: RecoveryFiles
) -> None:
    """The app's "Quit without saving?": a hang-up while it is up keeps the text;
    answering Quit forgets it."""
    app = make_app(edit=script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await type_at_top(pilot, app, "#a")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked")
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.question == "Quit without saving?"
        await pilot.press("b")  # not an answer: the dialog stays
        keep_editor_text(app.screen_stack)  # what a hang-up does first
        assert kept_texts(files, script_path) == ["#a" + SCRIPT]
        assert screen.is_mounted
        await pilot.press("y")
        await pilot.pause()
    assert files.found(script_path) == []


async def test_a_signal_writes_the_latest_text_at_once(
    script_path: Path, files: RecoveryFiles
) -> None:
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await type_at_top(pilot, app, "#")
        await until(pilot, lambda: screen.source.text == "#" + SCRIPT, "typed")
        screen.source.insert("typed a moment ago ")  # after the cursor; no tick since
        keep_editor_text(app.screen_stack)
        assert kept_texts(files, script_path) == ["#typed a moment ago " + SCRIPT]


async def test_kept_text_is_offered_and_restored_unsaved(
    script_path: Path, files: RecoveryFiles
) -> None:
    old = plant(files, script_path, ADDED + SCRIPT)
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RestoreDialog), "offered")
        shown = dialog_text(app)
        assert TITLE in shown
        assert "today at" in shown or "yesterday at" in shown  # when they were made
        assert "line 1" in shown and "a note typed and never saved" in shown
        assert "changed on disk" not in shown
        await pilot.press("y")
        await pilot.pause()
        screen = editor(app)
        assert screen.source.text == ADDED + SCRIPT
        assert screen.modified  # restored as unsaved text
        assert "modified" in str(screen.query_one("#editor-title", Static).render())
        # Kept under this session before the old file went: one file, the same text.
        assert not old.exists()
        assert kept_texts(files, script_path) == [ADDED + SCRIPT]
        await pilot.press("ctrl+z")  # one edit: undo gives the saved text back
        await until(pilot, lambda: screen.source.text == SCRIPT, "undone")
    assert script_path.read_text(encoding="utf-8") == SCRIPT  # nothing written to disk


async def test_discard_deletes_the_kept_text(script_path: Path, files: RecoveryFiles) -> None:
    plant(files, script_path, ADDED + SCRIPT)
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RestoreDialog), "offered")
        await pilot.press("d")
        await pilot.pause()
        assert editor(app).source.text == SCRIPT
        assert files.found(script_path) == []


async def test_keep_for_later_keeps_it_even_after_typing(
    script_path: Path, files: RecoveryFiles
) -> None:
    """A new session writes its own file: the one kept for later is never written over."""
    old = plant(files, script_path, ADDED + SCRIPT)
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RestoreDialog), "offered")
        await pilot.press("n")
        await pilot.pause()
        assert editor(app).source.text == SCRIPT
        await type_at_top(pilot, app, "#")
        await until(pilot, lambda: len(files.found(script_path)) == 2, "own file")
        assert sorted(kept_texts(files, script_path)) == sorted(["#" + SCRIPT, ADDED + SCRIPT])
    assert json.loads(old.read_text(encoding="utf-8"))["text"] == ADDED + SCRIPT


async def test_the_offer_says_the_file_changed_on_disk(
    script_path: Path, files: RecoveryFiles
) -> None:
    plant(files, script_path, ADDED + SCRIPT, saved="title: what it was then\n")
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RestoreDialog), "offered")
        assert "changed on disk since" in dialog_text(app)
        await pilot.press("escape")  # keep for later
        await pilot.pause()
        assert kept_texts(files, script_path) == [ADDED + SCRIPT]


async def test_kept_text_equal_to_the_file_is_not_offered(
    script_path: Path, files: RecoveryFiles
) -> None:
    plant(files, script_path, SCRIPT)  # it was saved after all
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        assert files.found(script_path) == []


async def test_a_broken_recovery_file_opens_the_editor_as_usual(
    script_path: Path, files: RecoveryFiles
) -> None:
    good = plant(files, script_path, ADDED + SCRIPT)
    broken = good.with_name(good.name.replace(".json", "0.json"))
    broken.write_text('{"kind": "call-coach-editor-recovery", "version": 1, "text": 3}')
    good.unlink()
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
    assert broken.exists()  # not ours to judge: left alone


async def test_a_folder_that_cannot_be_written_warns_once_and_keeps_the_text(
    script_path: Path, coach_home: Path
) -> None:
    (coach_home / "data").mkdir(parents=True)
    (coach_home / "data" / "recovery").write_text("a file in the way")
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await type_at_top(pilot, app, "#")
        await until(
            pilot,
            lambda: any("cannot be kept" in str(n.message) for n in app._notifications),
            "warned",
        )
        await pilot.press("y")
        await pilot.pause(0.7)
        warned = [n for n in app._notifications if "cannot be kept" in str(n.message)]
        assert len(warned) == 1
        assert screen.source.text == "#y" + SCRIPT


async def test_a_bundled_copy_not_saved_yet_is_kept_and_offered(
    coach_home: Path, files: RecoveryFiles
) -> None:
    """``coach edit`` of a bundled script edits a copy written on the first save:
    its unsaved text is kept under the copy's path, and the copy is still not made."""
    copy = coach_home / "config" / "scripts" / "bundled-copy.yaml"
    app = EditorApp(copy, initial_text=SCRIPT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_at_top(pilot, app, "#")
        await until(pilot, lambda: kept_texts(files, copy) == ["#" + SCRIPT], "kept")
    assert not copy.exists()
    again = EditorApp(copy, initial_text=SCRIPT)
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(again.screen, RestoreDialog), "offered")
        assert "changed on disk" not in dialog_text(again)
        await pilot.press("y")
        await pilot.pause()
        assert editor(again).source.text == "#" + SCRIPT
    assert not copy.exists()


async def test_an_unexpected_failure_while_keeping_never_ends_the_editor(
    script_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(file: Path, kept: Recovery) -> OSError | None:
        raise ValueError("not foreseen")

    monkeypatch.setattr(RecoveryFiles, "write", staticmethod(broken))
    app = EditorApp(script_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await type_at_top(pilot, app, "#")
        await pilot.pause(0.7)
        await pilot.press("y")
        await pilot.pause(0.7)  # the next tick tries again: the first worker let go
        assert app.is_running
        assert screen.source.text == "#y" + SCRIPT
        assert screen.kept.written is None
