"""``f4`` in a real terminal: $EDITOR missing, failing or working, the app comes back.

Before, a missing ``$EDITOR`` left the app suspended for good (keys echoed
raw, the text lost). Each test types a letter after the editor is done and
waits for it in the text: only an app that resumed reads keys again.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tmux_driver import Tmux, flat, tmux_available

from tests.e2e.conftest import COACH, ROOT
from tests.tui.editor.test_editor import SCRIPT

pytestmark = pytest.mark.tmux

Start = Callable[[str], Tmux]


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "home" / "config" / "scripts" / "outside.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SCRIPT, encoding="utf-8")
    return path


@pytest.fixture
def edit(tmp_path: Path, script: Path) -> Iterator[Start]:
    """Start ``coach edit`` on the script with ``$EDITOR`` set to the value given."""
    if not tmux_available():
        pytest.fail("tmux is not installed: scripts/test installs it")
    temp = tmp_path / "tmp"
    temp.mkdir()
    sessions: list[Tmux] = []

    def start(editor: str) -> Tmux:
        env = {
            "COACH_HOME": str(tmp_path / "home"),
            "PYTHONPATH": str(ROOT),
            "TEXTUAL_ANIMATIONS": "none",
            "TMPDIR": str(temp),
            "EDITOR": editor,
        }
        command = f"env -u VISUAL {COACH} edit {shlex.quote(str(script))}"
        tmux = Tmux(command, width=100, height=30, env=env, cwd=ROOT)
        sessions.append(tmux)
        tmux.wait_for("Problems: none", timeout=30)  # loaded and checked (slow on a busy CI)
        return tmux

    yield start
    for tmux in sessions:
        tmux.kill()
    assert list(temp.glob("coach-edit-*")) == []  # no temp file or folder left behind


def says(words: str) -> Callable[[str], bool]:
    """The screen shows ``words``, a notification's left edge (▌) aside."""
    wanted = flat(words)
    return lambda screen: wanted in flat(screen.replace("▌", " "))


def fake_editor(tmp_path: Path, body: str, *, shebang: bool = True) -> Path:
    program = tmp_path / "fake-editor"
    log = tmp_path / "given.txt"
    head = "#!/bin/sh\n" if shebang else ""
    program.write_text(f'{head}echo "$1" >> "{log}"\n{body}\n', encoding="utf-8")
    program.chmod(0o755)
    return program


def type_and_see(tmux: Tmux) -> None:
    """The app reads keys again: a letter typed at the start shows in the text."""
    tmux.type("Z")
    tmux.wait_for("Ztitle: Editor test")


def leave_without_saving(tmux: Tmux) -> None:
    tmux.send("Escape")
    tmux.wait_for("Leave without saving?")
    tmux.send("y")
    tmux.wait_for("[exited 0]")


def test_a_missing_editor_is_named_and_the_app_stays_usable(edit: Start, script: Path) -> None:
    tmux = edit("no-such-editor-7 --wait")
    tmux.send("F4")
    tmux.wait_for(
        says("$EDITOR is 'no-such-editor-7 --wait', but there is no program 'no-such-editor-7'")
    )
    type_and_see(tmux)
    leave_without_saving(tmux)
    assert script.read_text(encoding="utf-8") == SCRIPT


def test_an_editor_that_cannot_be_parsed_is_named_and_the_app_stays_usable(
    edit: Start,
) -> None:
    tmux = edit('vim "')
    tmux.send("F4")
    tmux.wait_for(says("$EDITOR is 'vim \"', which is not a command"))
    type_and_see(tmux)
    leave_without_saving(tmux)


def test_an_editor_that_cannot_start_after_the_hand_over_still_gives_the_app_back(
    edit: Start, tmp_path: Path
) -> None:
    """Executable but no ``#!`` line: exec fails while the app is suspended."""
    tmux = edit(str(fake_editor(tmp_path, 'echo never >> "$1"', shebang=False)))
    tmux.send("F4")
    tmux.wait_for(says("Could not start fake-editor: it is not a program"))
    type_and_see(tmux)
    assert "never" not in flat(tmux.screen())
    leave_without_saving(tmux)


def test_an_editor_that_appends_a_line_gives_it_back_and_it_saves(
    edit: Start, tmp_path: Path, script: Path
) -> None:
    tmux = edit(str(fake_editor(tmp_path, 'echo "# added by the fake editor" >> "$1"')))
    tmux.send("F4")
    updated = says("Text updated from fake-editor")  # a 5 s notification: seen with the text
    tmux.wait_for(lambda screen: "# added by the fake editor" in screen and updated(screen))
    type_and_see(tmux)
    tmux.send("BSpace")  # the Z goes again: a script with errors would ask before saving
    tmux.wait_for(lambda screen: "Ztitle" not in screen and "title: Editor test" in screen)
    tmux.send("C-s")
    tmux.wait_for(lambda screen: "● modified" not in screen and "saved" in screen)
    assert script.read_text(encoding="utf-8") == SCRIPT + "# added by the fake editor\n"
    tmux.send("Escape")
    tmux.wait_for("[exited 0]")
    [given] = (tmp_path / "given.txt").read_text(encoding="utf-8").splitlines()
    assert not os.path.exists(given)


def test_an_editor_that_fails_keeps_the_text(edit: Start, tmp_path: Path) -> None:
    tmux = edit(str(fake_editor(tmp_path, ': > "$1"\nexit 4')))
    tmux.send("F4")
    tmux.wait_for(says("fake-editor exited with code 4, so nothing it wrote was taken."))
    screen = tmux.screen()
    assert "say: Please call me back." in screen  # the text is all there
    type_and_see(tmux)
    leave_without_saving(tmux)


def test_ctrl_c_stops_the_editor_not_the_app_and_unsaved_text_stays(
    edit: Start, tmp_path: Path
) -> None:
    """In the editor's turn the terminal sends ctrl+c as SIGINT to the app too;
    asyncio's handler would cancel the app and lose the unsaved text."""
    tmux = edit(str(fake_editor(tmp_path, "sleep 60")))
    tmux.type("Y")
    tmux.wait_for("Ytitle: Editor test")
    tmux.send("F4")
    log = tmp_path / "given.txt"
    tmux.wait_for(lambda _screen: log.exists())  # the fake editor is running
    tmux.send("C-c")
    tmux.wait_for(
        says("fake-editor was stopped by ctrl+c (SIGINT), so nothing it wrote was taken.")
    )
    tmux.type("Z")
    tmux.wait_for("YZtitle: Editor test")  # the unsaved Y is still there
    leave_without_saving(tmux)
