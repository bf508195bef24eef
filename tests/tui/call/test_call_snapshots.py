"""Snapshots of the call screen at 60x15, 80x24, 100x30 and 140x40, dark and light.

Three moments of the bundled follow-up script: its first step (five choices
and two tips), a step with a date noted down and notes typed, and the quick
answers open with the third picked, and a date being typed (the call's keys
off while a field has focus). Clocks are frozen. Update with
``pytest tests/tui/call/test_call_snapshots.py --snapshot-update`` and look at
every picture (as PNG: see scripts/screenshots.py) before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.script.library import resolve
from coach.tui.app import CoachApp
from tests.tui.call.test_glance import VALUES

SIZES = [(60, 15), (80, 24), (100, 30), (140, 40)]
THEMES = ["textual-dark", "textual-light"]
JOURNEYS: dict[str, tuple[str, ...]] = {
    "start": (),
    "fields": (
        *("1", "1", "1", "tab", *"2026-12-04", "escape"),
        *("n", *"Team grows in January.", "escape"),
    ),
    "answers": ("1", "a", "3"),
    "typing": ("1", "1", "1", "tab", *"next Friday 3pm"),
}

SnapCompare = Callable[..., bool]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("moment", list(JOURNEYS))
def test_call_screen(
    moment: str,
    size: tuple[int, int],
    theme: str,
    snap_compare: SnapCompare,
    make_app: Callable[..., CoachApp],
) -> None:
    app = make_app(script=resolve("follow-up")._replace(checklist=()), values=VALUES)

    async def before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await pilot.pause()
        await pilot.press(*JOURNEYS[moment])
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)
