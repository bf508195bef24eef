"""Snapshots of the call screen at the extremes, 40x12 and 200x60 (the four
moments of ``tests/tui/call/test_call_snapshots.py``, which covers 60x15 to
140x40 in both themes). Look at each as PNG before committing an update."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.script.library import resolve
from coach.tui.app import CoachApp
from tests.tui.call.test_call_snapshots import JOURNEYS
from tests.tui.call.test_glance import VALUES

SnapCompare = Callable[..., bool]


@pytest.mark.parametrize("size", [(40, 12), (200, 60)], ids=["40x12", "200x60"])
@pytest.mark.parametrize("moment", list(JOURNEYS))
def test_call_screen_at_the_extremes(
    moment: str,
    size: tuple[int, int],
    snap_compare: SnapCompare,
    make_app: Callable[..., CoachApp],
) -> None:
    app = make_app(script=resolve("follow-up")._replace(checklist=()), values=VALUES)

    async def before(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press(*JOURNEYS[moment])
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)
