"""Snapshots of the editor at 80x24 and 120x40: clean, and with a mistake typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.script.newscript import starter_text
from coach.tui.editor_app import EditorApp
from coach.tui.screens.editor import EditorScreen

SnapCompare = Callable[..., bool]


@pytest.fixture
def starter_path(coach_home: Path) -> Path:
    # The starter without its schema line, whose file URI names the temp folder.
    path = coach_home / "config" / "scripts" / "my-call.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(starter_text(), encoding="utf-8")
    return path


async def _settle(pilot: Pilot[Any]) -> EditorScreen:
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    screen.source.cursor_blink = False
    for _ in range(100):
        if screen.structure.script is not None or screen.analysis is not None:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    return screen


async def _type_mistake(pilot: Pilot[Any]) -> None:
    screen = await _settle(pilot)
    area = screen.source
    row = next(i for i, line in enumerate(area.text.splitlines()) if line == "    next: thanks")
    area.move_cursor((row, len(area.document.get_line(row))))
    await pilot.press("x")
    for _ in range(100):
        if any(f.severity == "error" for f in screen.problems.findings):
            break
        await pilot.pause(0.05)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_editor_snapshot(
    snap_compare: SnapCompare, starter_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(EditorApp(starter_path), terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_editor_snapshot_with_a_mistake(
    snap_compare: SnapCompare, starter_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(EditorApp(starter_path), terminal_size=size, run_before=_type_mistake)


async def _find_with_problems_open(pilot: Pilot[Any]) -> None:
    await _type_mistake(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EditorScreen)
    if "problems" in screen.folded:  # 80x24: unfold the problems, back to the text
        await pilot.press("f2", "escape")
    await pilot.press("ctrl+f", *"next", "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_editor_snapshot_finding_with_the_problems_unfolded(
    snap_compare: SnapCompare, starter_path: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(
        EditorApp(starter_path), terminal_size=size, run_before=_find_with_problems_open
    )
