"""Pilot tests of the keys editor users expect, the folding panels and the bundled copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from coach.script.newscript import prepare_edit
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.editor_app import EditorApp
from coach.tui.screens.editor import EditorScreen
from coach.tui.screens.editor_keys import FoldLine
from tests.tui.editor.test_editor import SCRIPT, editor, notes, until

SMALL = (80, 24)
LARGE = (120, 40)


@pytest.fixture
def script_path(coach_home: Path) -> Path:
    path = coach_home / "config" / "scripts" / "editor-keys.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def app_of(pilot: Pilot[Any]) -> EditorApp:
    app = pilot.app
    assert isinstance(app, EditorApp)
    return app


async def opened(pilot: Pilot[Any]) -> EditorScreen:
    screen = editor(app_of(pilot))
    await until(pilot, lambda: screen.structure.script is not None, "the script checked")
    return screen


def footer_keys(screen: EditorScreen) -> dict[str, str]:
    """What the footer shows now: key -> description."""
    return {
        key: active.binding.description
        for key, active in screen.active_bindings.items()
        if active.binding.show
    }


# ------------------------------------------------------------------- moving
async def test_ctrl_home_and_ctrl_end_go_to_the_start_and_end(script_path: Path) -> None:
    async with EditorApp(script_path).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        area = screen.source
        area.move_cursor((5, 3))
        await pilot.press("ctrl+end")
        assert area.cursor_location == area.document.end
        await pilot.press("ctrl+home")
        assert area.cursor_location == (0, 0)
        await pilot.press("ctrl+shift+end")
        assert area.selected_text == area.text


async def test_ctrl_e_is_the_end_of_the_line_and_f4_the_external_editor(
    script_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    async with EditorApp(script_path).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        area = screen.source
        area.move_cursor((3, 2))
        await pilot.press("ctrl+e")
        assert area.cursor_location == (3, len(SCRIPT.splitlines()[3]))
        assert notes(app_of(pilot)) == []  # no other editor was started
        assert footer_keys(screen)["f4"] == "$EDITOR"
        assert "ctrl+e" not in footer_keys(screen)
        await pilot.press("f4")
        await pilot.pause()
        # The test terminal cannot hand over; a real one runs $EDITOR (the tmux test).
        assert any("cannot hand over" in n for n in notes(app_of(pilot)))


# ------------------------------------------------------------------ typing
async def test_enter_keeps_the_indentation_and_indents_after_a_colon(
    script_path: Path,
) -> None:
    async with EditorApp(script_path).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        area = screen.source
        row = SCRIPT.splitlines().index("    say: Where do things stand?")
        area.move_cursor((row, len(area.document.get_line(row))))
        await pilot.press("enter", *"tips: Smile", "enter", *"capture:  # fields", "enter")
        lines = area.text.splitlines()
        assert lines[row + 1 : row + 4] == ["    tips: Smile", "    capture:  # fields", "      "]
        assert area.cursor_location == (row + 3, 6)


async def test_enter_follows_a_file_indented_by_four(coach_home: Path) -> None:
    path = coach_home / "four.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SCRIPT.replace("  ", "    "), encoding="utf-8")
    async with EditorApp(path).run_test(size=SMALL) as pilot:
        screen = editor(app_of(pilot))
        area = screen.source
        assert area.indent_unit == 4
        area.move_cursor((1, len(area.document.get_line(1))))  # "nodes:"
        await pilot.press("enter")
        assert area.document.get_line(2) == "    "


# --------------------------------------------------------------------- copy
async def test_ctrl_c_copies_the_selection_and_never_quits(script_path: Path) -> None:
    app = EditorApp(script_path)
    async with app.run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        area = screen.source
        area.select_line(0)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == "title: Editor test"
        assert any(n.startswith("Copied 18 characters") for n in notes(app))
        area.move_cursor((2, 0))
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert any(n.startswith("Nothing is selected") for n in notes(app))
        assert app.is_running and app.screen is screen
        area.insert("x")
        await pilot.press("ctrl+q")  # the quit key asks about the unsaved text
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)


# --------------------------------------------------------------------- find
async def test_find_next_previous_wraps_and_says_so(script_path: Path) -> None:
    async with EditorApp(script_path).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        area = screen.source
        await pilot.press("ctrl+f")
        bar = screen.find_bar
        assert bar.is_open and bar.input.has_focus
        shown = {
            active.binding.key_display: active.binding.description
            for active in screen.active_bindings.values()
            if active.binding.show
        }
        assert shown["enter/↓"] == "Next" and shown["↑"] == "Previous"
        assert footer_keys(screen)["escape"] == "Close"
        await pilot.press(*"say")  # found as it is typed
        assert (area.selection.start, area.selection.end) == ((3, 4), (3, 7))
        assert bar.status == "1 of 4"
        await pilot.press("enter")
        assert area.selection.start == (8, 4) and bar.status == "2 of 4"
        await pilot.press("down", "down")
        assert bar.status == "4 of 4"
        await pilot.press("enter")
        assert area.selection.start == (3, 4)
        assert bar.status == "1 of 4; wrapped around to the top"
        await pilot.press("up")
        assert bar.status == "4 of 4; wrapped around to the end"
        await pilot.press("up")
        assert bar.status == "3 of 4"
        await pilot.press(*"zzz")
        assert bar.status == "No match for 'sayzzz'"
        await pilot.press("escape")
        assert not bar.is_open and area.has_focus
        assert editor(app_of(pilot)) is screen  # escape did not leave


# ------------------------------------------------------------- go to line
async def test_go_to_line_explains_bad_numbers(script_path: Path) -> None:
    async with EditorApp(script_path).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+g")
        bar = screen.line_bar
        assert bar.is_open and bar.input.has_focus
        count = screen.source.document.line_count
        assert bar.status == f"1 to {count}"
        await pilot.press(*"abc", "enter")
        assert bar.is_open and "'abc' is not a line number" in bar.status
        await pilot.press("ctrl+a", "ctrl+k", *"99", "enter")
        assert bar.status == f"There is no line 99: the text has {count} lines (1 to {count})"
        await pilot.press("ctrl+a", "ctrl+k", *"9:5", "enter")
        assert not bar.is_open and screen.source.has_focus
        assert screen.source.cursor_location == (8, 4)


# ------------------------------------------------------------------ folding
async def test_at_80x24_the_panels_start_folded_and_f2_f3_unfold_them(
    script_path: Path,
) -> None:
    async with EditorApp(script_path).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        assert screen.folded == {"problems", "structure"}
        assert not screen.problems.display and not screen.structure.display
        assert screen.source.size.height >= 18  # was 10 with the panels open
        fold = screen.query_one("#problems-fold", FoldLine)
        assert str(fold.content) == "▸ Problems: none  f2"
        assert str(screen.query_one("#structure-fold", FoldLine).content) == (
            "▸ Structure: 4 nodes  f3"
        )
        keys = footer_keys(screen)
        assert (keys["f2"], keys["f3"]) == ("Problems", "Tree")
        await pilot.press("f2")
        assert screen.folded == {"structure"}
        assert screen.problems.display and screen.problems.has_focus
        await pilot.press("escape")  # back to the text; the panel stays open
        assert screen.source.has_focus and screen.problems.display
        await pilot.press(*"# typing")
        await pilot.pause(0.5)
        assert screen.folded == {"structure"}  # the state holds while editing
        await pilot.press("f2")
        assert screen.folded == {"problems", "structure"} and screen.source.has_focus
        await pilot.press("f3")
        assert screen.structure.has_focus
        await pilot.press("f3")
        assert not screen.structure.display and screen.source.has_focus


async def test_a_folded_problems_line_shows_the_errors(script_path: Path) -> None:
    async with EditorApp(script_path).run_test(size=SMALL) as pilot:
        screen = await opened(pilot)
        area = screen.source
        area.move_cursor((9, len(area.document.get_line(9))))  # "    next: thanks"
        await pilot.press("x")
        fold = screen.query_one("#problems-fold", FoldLine)
        await until(pilot, lambda: "1 error" in str(fold.content), "the error in the line")
        assert "(last good)" in str(screen.query_one("#structure-fold", FoldLine).content)


async def test_at_120x40_the_panels_start_open(script_path: Path) -> None:
    async with EditorApp(script_path).run_test(size=LARGE) as pilot:
        screen = await opened(pilot)
        assert screen.folded == set()
        assert screen.problems.display and screen.structure.display
        await pilot.press("f3")
        assert screen.folded == {"structure"} and screen.problems.display


# ------------------------------------------------------------ bundled copy
async def test_a_bundled_copy_is_written_only_when_saved(coach_home: Path) -> None:
    target = prepare_edit("follow-up")
    assert not target.path.exists()
    app = EditorApp(target.path, notice=target.notice, initial_text=target.initial_text)
    async with app.run_test(size=SMALL) as pilot:
        screen = editor(app)
        notice = str(screen.query_one("#editor-notice", Static).content)
        assert notice == (
            "Editing a copy of the bundled script; it is saved to "
            "~/home/config/scripts/follow-up.yaml on first save."
        )
        assert not screen.modified
        await pilot.press("escape")  # unchanged: leaves without asking
        await pilot.pause()
    assert not target.path.exists()

    app = EditorApp(target.path, notice=target.notice, initial_text=target.initial_text)
    async with app.run_test(size=SMALL) as pilot:
        screen = editor(app)
        await pilot.press("ctrl+s")
        await until(pilot, target.path.exists, "the copy written")
        assert any("Saved your copy of the bundled script" in n for n in notes(app))
        assert str(screen.query_one("#editor-notice", Static).content) == ""
    assert target.path.read_text(encoding="utf-8") == target.initial_text
