"""``f4`` in the editor: $EDITOR failing in every way keeps the text and the app.

The test terminal cannot hand over (Textual's headless driver), so the
driver is told it can and its suspend and resume are recorded: Textual's own
``App.suspend()`` runs, and a resume that was skipped shows as a missing
``"resume"``. The fake editors are small shell scripts run for real.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.tui.editor_app import EditorApp
from tests.tui.editor.test_editor import SCRIPT, editor, notes, until
from tests.tui.editor.test_keys import app_of

SIZE = (100, 30)


@pytest.fixture
def script_path(coach_home: Path) -> Path:
    path = coach_home / "config" / "scripts" / "outside.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SCRIPT, encoding="utf-8")
    return path


@pytest.fixture
def handed_over(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Let the headless driver suspend; the list gets "suspend" and "resume" as they happen."""
    from textual.drivers.headless_driver import HeadlessDriver

    events: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "can_suspend", True, raising=False)
    monkeypatch.setattr(
        HeadlessDriver, "suspend_application_mode", lambda self: events.append("suspend")
    )
    monkeypatch.setattr(
        HeadlessDriver, "resume_application_mode", lambda self: events.append("resume")
    )
    yield events


def fake_editor(tmp_path: Path, body: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$EDITOR becomes a shell script running ``body``; it logs the file it was given."""
    log = tmp_path / "given.txt"
    program = tmp_path / "fake-editor"
    program.write_text(f'#!/bin/sh\necho "$1" >> "{log}"\n{body}\n', encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(program))
    return log


async def press_f4(pilot: Pilot[Any]) -> None:
    screen = editor(app_of(pilot))
    await until(pilot, lambda: screen.structure.script is not None, "the script checked")
    screen.source.focus()
    await pilot.press("f4")
    await pilot.pause()


async def still_typing(pilot: Pilot[Any]) -> None:
    """The app answers keys: a letter typed now lands in the text."""
    area = editor(app_of(pilot)).source
    area.move_cursor((0, 0))
    await pilot.press("Z")
    assert area.text == "Z" + SCRIPT


def given_files(log: Path) -> list[Path]:
    return [Path(line) for line in log.read_text(encoding="utf-8").splitlines()]


# ---------------------------------------------- refused before handing over
@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("EDITOR", "no-such-editor-7", "$EDITOR is 'no-such-editor-7', but there is no program"),
        ("VISUAL", 'vim "', "$VISUAL is 'vim \"', which is not a command"),
        ("EDITOR", "/nowhere/vim -f", "$EDITOR is '/nowhere/vim -f', but there is no /nowhere/vim"),
    ],
)
async def test_an_editor_that_cannot_run_is_named_and_the_terminal_never_handed_over(
    script_path: Path,
    handed_over: list[str],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    words: str,
) -> None:
    monkeypatch.setenv(variable, value)
    async with EditorApp(script_path).run_test(size=SIZE) as pilot:
        await press_f4(pilot)
        said = notes(app_of(pilot))
        assert any(words in note and "Your text is unchanged." in note for note in said), said
        assert handed_over == []
        await still_typing(pilot)


# ------------------------------------------------------- after handing over
@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('echo "broken: [" > "$1"\nexit 3', "fake-editor exited with code 3"),
        ('rm "$1"', "fake-editor deleted the file it was given"),
        (': > "$1"', "fake-editor left the file empty"),
        ('rm "$1"\nexit 1', "fake-editor exited with code 1"),
    ],
)
async def test_a_failing_editor_leaves_the_text_as_it_was_and_the_app_resumed(
    script_path: Path,
    handed_over: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    body: str,
    words: str,
) -> None:
    log = fake_editor(tmp_path, body, monkeypatch)
    async with EditorApp(script_path).run_test(size=SIZE) as pilot:
        await press_f4(pilot)
        assert handed_over == ["suspend", "resume"]
        said = notes(app_of(pilot))
        assert any(words in note for note in said), said
        screen = editor(app_of(pilot))
        assert screen.source.text == SCRIPT
        await still_typing(pilot)
    [given] = given_files(log)
    assert given.name == "outside.yaml"
    assert not given.exists() and not given.parent.exists()


async def test_a_program_that_will_not_start_still_resumes_the_app(
    script_path: Path, handed_over: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by ``which`` (executable) but no shebang: exec fails inside the suspend."""
    program = tmp_path / "no-shebang"
    program.write_text('echo "never runs" > "$1"\n', encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(program))
    async with EditorApp(script_path).run_test(size=SIZE) as pilot:
        await press_f4(pilot)
        assert handed_over == ["suspend", "resume"]
        said = notes(app_of(pilot))
        words = "Could not start no-shebang: it is not a program (a script needs a first line"
        assert any(words in note for note in said), said
        await still_typing(pilot)


async def test_a_good_edit_comes_back_as_one_undoable_change(
    script_path: Path, handed_over: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = fake_editor(tmp_path, 'echo "# from outside" >> "$1"', monkeypatch)
    async with EditorApp(script_path).run_test(size=SIZE) as pilot:
        await press_f4(pilot)
        assert handed_over == ["suspend", "resume"]
        area = editor(app_of(pilot)).source
        assert area.text == SCRIPT + "# from outside\n"
        assert any("Text updated from fake-editor" in n for n in notes(app_of(pilot)))
        await pilot.press("ctrl+z")
        assert area.text == SCRIPT
    assert not any(path.parent.exists() for path in given_files(log))
    assert not os.path.exists(given_files(log)[0])


async def test_a_terminal_that_cannot_hand_over_says_so_and_leaves_no_temp_file(
    script_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    log = fake_editor(tmp_path, 'echo "# never" >> "$1"', monkeypatch)
    async with EditorApp(script_path).run_test(size=SIZE) as pilot:  # headless: no suspend
        await press_f4(pilot)
        said = notes(app_of(pilot))
        assert any("This terminal cannot hand over to another editor." in n for n in said), said
        assert editor(app_of(pilot)).source.text == SCRIPT
        await still_typing(pilot)
    assert not log.exists()  # the editor never ran
    assert list(temp.iterdir()) == []


async def test_ctrl_c_while_the_editor_runs_is_the_editors(
    script_path: Path, handed_over: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The terminal sends ctrl+c to the app too (SIGINT): the app must not take
    it (asyncio's handler would cancel the app). The fake editor sends it to
    the app and goes on; a handler of the test's own records a SIGINT that
    reached the app, so a regression fails here instead of stopping pytest."""
    import signal

    reached_the_app: list[int] = []
    fake_editor(tmp_path, 'kill -INT "$PPID"\necho "# after ctrl+c" >> "$1"', monkeypatch)
    previous = signal.signal(signal.SIGINT, lambda signum, frame: reached_the_app.append(signum))
    try:
        async with EditorApp(script_path).run_test(size=SIZE) as pilot:
            await press_f4(pilot)
            assert handed_over == ["suspend", "resume"]
            said = notes(app_of(pilot))
            assert any("Text updated from fake-editor" in note for note in said), said
            assert editor(app_of(pilot)).source.text == SCRIPT + "# after ctrl+c\n"
    finally:
        signal.signal(signal.SIGINT, previous)
    assert reached_the_app == []
