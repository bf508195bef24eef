"""Snapshots of the partner card and the practice summary at 80x24 and 120x40.

Clocks and dates are frozen (the fake clock moves only where a test moves it).
Update with ``pytest tests/tui/practice/test_snapshots.py --snapshot-update``
after looking at the report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.tui.app import CoachApp
from tests.tui.conftest import FakeClock, library_of
from tests.tui.practice.scripts import VALUES, practice_script

SIZES = [(80, 24), (120, 40)]
SnapCompare = Callable[..., bool]


def app_for(make_app: Callable[..., CoachApp], solo: bool = False) -> CoachApp:
    script = practice_script()
    return make_app(
        script=script,
        values=VALUES,
        mode="practice",
        scenario=script.scenario("reached"),
        library=library_of(script),
        solo=solo,
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_partner_card(
    size: tuple[int, int], snap_compare: SnapCompare, make_app: Callable[..., CoachApp]
) -> None:
    assert snap_compare(app_for(make_app), terminal_size=size, press=["s", "y"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_practice_summary(
    size: tuple[int, int],
    snap_compare: SnapCompare,
    make_app: Callable[..., CoachApp],
    fake_clock: FakeClock,
) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await pilot.press("s", "y", "enter")
        for key, seconds in (("1", 14), ("b", 3), ("1", 6), ("1", 52), ("enter", 4)):
            fake_clock.now += seconds
            await pilot.press(key)
        await pilot.press("4", "n", *"Slow on the status question", "escape")
        await pilot.pause()

    assert snap_compare(app_for(make_app), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_solo_call_screen(
    size: tuple[int, int], snap_compare: SnapCompare, make_app: Callable[..., CoachApp]
) -> None:
    """At the second step: what you say, then what they answer (no scenario named)."""
    assert snap_compare(
        app_for(make_app, solo=True), terminal_size=size, press=["s", "y", "enter", "1"]
    )


def test_solo_card_hides_the_scenario(
    snap_compare: SnapCompare, make_app: Callable[..., CoachApp]
) -> None:
    assert snap_compare(app_for(make_app, solo=True), terminal_size=(80, 24), press=["s", "y"])
