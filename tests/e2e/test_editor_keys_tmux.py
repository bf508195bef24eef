"""The editor's keys in a real terminal (issue 12): the keys editor users expect,
typed as a person types them, often faster than a frame, then saved and read
back from the file (the file is the proof, not the screen's drawing of it).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.tui.editor.test_editor import SCRIPT

READY = "No problems"


@pytest.fixture
def script_path(coach_home: Path) -> Path:
    path = coach_home / "config" / "scripts" / "keys.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def saved_lines(path: Path, changed: Callable[[list[str]], bool], timeout: float = 10) -> list[str]:
    """The file's lines once ``changed`` holds for them (polled, never slept for)."""
    deadline = time.monotonic() + timeout
    while True:
        lines = path.read_text(encoding="utf-8").splitlines()
        if changed(lines) or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def differs(lines: list[str]) -> bool:
    return lines != SCRIPT.splitlines()


def test_start_and_end_of_text_end_of_line_and_enter_keep_the_indentation(
    run_tmux: Any, script_path: Path
) -> None:
    tmux = run_tmux(f"edit {script_path}")
    tmux.wait_for(READY)
    tmux.send("C-End")
    tmux.type("# last")
    tmux.send("C-Home")
    tmux.type("# first")
    tmux.send("Enter")  # a new line after a comment: no indentation
    tmux.send("Down", "Down", "Home")  # "  hello:" (3rd line of the script)
    tmux.send("C-e", "Enter")  # after a line ending with ':' one level deeper
    tmux.type("tips: Breathe.")
    tmux.send("Enter")  # keeps that indentation
    tmux.type("partner: Pick up.")
    tmux.send("C-s")
    lines = saved_lines(script_path, differs)
    assert lines[0] == "# first"
    assert lines[1] == "title: Editor test"
    assert lines[3] == "  hello:"
    assert lines[4] == "    tips: Breathe."
    assert lines[5] == "    partner: Pick up."
    assert lines[6] == "    say: Hello, is this a good time?"
    assert lines[-1] == "# last"
    tmux.wait_for(lambda screen: "modified" not in screen)


def test_go_to_line_then_typing_at_once_lands_on_that_line(
    run_tmux: Any, script_path: Path
) -> None:
    tmux = run_tmux(f"edit {script_path}")
    tmux.wait_for(READY)
    # All in one go, no pause: the bar opens, takes the number, closes, and the
    # next keys belong to the text at that line.
    tmux.send("C-g")
    tmux.type("12")
    tmux.send("Enter", "C-e")
    tmux.type("!")
    tmux.send("C-g")
    tmux.type("9:10")
    tmux.send("Enter")
    tmux.type("So, w")
    tmux.send("Delete")
    tmux.send("C-s")
    lines = saved_lines(script_path, differs)
    assert lines[11] == "    say: Thank you.!"
    assert lines[8] == "    say: So, where do things stand?"


def test_find_goes_to_the_next_and_previous_match(run_tmux: Any, script_path: Path) -> None:
    tmux = run_tmux(f"edit {script_path}")
    tmux.wait_for(READY)
    tmux.send("C-f")
    tmux.type("say")
    tmux.wait_for("1 of 4")
    tmux.send("Enter")
    tmux.wait_for("2 of 4")
    tmux.send("Enter")
    tmux.wait_for("3 of 4")
    tmux.send("Up")
    tmux.wait_for("2 of 4")
    tmux.send("Escape", "C-e")  # the bar closes; the match's line is the cursor's
    tmux.type("!")
    tmux.send("C-f", "BSpace", "BSpace", "BSpace")
    tmux.type("nowhere")
    tmux.wait_for("No match for 'nowhere'")
    tmux.send("Escape", "C-s")
    lines = saved_lines(script_path, differs)
    assert lines[8] == "    say: Where do things stand?!"


def test_ctrl_c_copies_and_never_quits_and_quitting_asks_when_unsaved(
    run_tmux: Any, script_path: Path
) -> None:
    tmux = run_tmux(f"edit {script_path}")
    tmux.wait_for(READY)
    tmux.send("C-c")
    tmux.wait_for("Nothing is selected")
    tmux.send("S-End", "C-c")  # "title: Editor test" selected
    tmux.wait_for("Copied 18 characters")
    tmux.send("End")
    tmux.type("!")
    tmux.wait_for("modified")
    tmux.send("C-c")  # nothing selected now: still no quitting
    tmux.send("C-q")
    tmux.wait_for("Quit without saving?")
    tmux.send("Escape")  # keep editing
    tmux.wait_for(lambda screen: "Quit without saving?" not in screen)
    tmux.send("C-s")
    lines = saved_lines(script_path, differs)
    assert lines[0] == "title: Editor test!"
    tmux.send("C-q")  # saved: leaves without asking
    tmux.wait_for(lambda screen: "Editing keys.yaml" not in screen)


def test_the_panels_fold_at_80x24_and_give_the_text_the_room(
    run_tmux: Any, script_path: Path
) -> None:
    tmux = run_tmux(f"edit {script_path}", width=80, height=24)
    # At 80x24 both panels start folded to one line each: the text has the room.
    screen = tmux.wait_for("▸ Structure: 4 nodes")
    assert "▸ Problems: none" in screen
    assert "16      end: voicemail" in screen
    assert "$EDITOR" in screen  # f4 is named in the footer
    tmux.send("F3")  # unfolds the tree and goes into it
    tmux.wait_for("Voicemail → voicemail")
    tmux.send("Escape")  # back to the text, where the cursor was
    tmux.send("F3")  # folds it again
    tmux.wait_for("▸ Structure: 4 nodes")
    tmux.send("F2")
    tmux.wait_for("No problems")
    tmux.send("F2")
    tmux.wait_for("▸ Problems: none")
    tmux.send("C-End")  # the text has the keys again
    tmux.type("# end")
    tmux.send("C-s")
    lines = saved_lines(script_path, differs)
    assert lines[-1] == "# end"
