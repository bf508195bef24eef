"""Snapshots of every screen at 80x24 and 120x40, in the dark and light theme
(the call screen has its own, at four sizes: test_call_snapshots.py).

Clocks, dates and the script library are fixed so the pictures are stable.
Update with ``pytest tests/tui/call/test_snapshots.py --snapshot-update`` and look
at the report before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.tui.app import CoachApp
from tests.tui.scripts import small_script

SIZES = [(80, 24), (120, 40)]
THEMES = ["textual-dark", "textual-light"]
VALUES = {"interviewer": "Ms [bold]Lee[/]", "position": "", "interview_date": "2026-02-24"}

#: screen -> (values given, keys pressed to reach it)
JOURNEYS: dict[str, tuple[dict[str, str] | None, tuple[str, ...]]] = {
    "home": (None, ()),
    "details": ({}, ("M", "s", " ", "L", "e", "e", "tab", "tab", "2", "0", "2", "6", "-", "1")),
    "prep": (
        {**VALUES, "position": "Analyst"},
        ("space", "down", "question_mark"),
    ),
    # The call screen and the summary have their own snapshots, at four sizes:
    # test_call_snapshots.py and test_summary_snapshots.py.
}

SnapCompare = Callable[..., bool]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(JOURNEYS))
def test_screen(
    screen: str,
    size: tuple[int, int],
    theme: str,
    snap_compare: SnapCompare,
    make_app: Callable[..., CoachApp],
) -> None:
    values, keys = JOURNEYS[screen]
    kwargs: dict[str, Any] = {}
    if values is not None:
        kwargs = {"script": small_script(), "values": values}
    app = make_app(**kwargs)

    async def before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)
