"""The call walk through the real app: which screen follows which, going forward and back.

Written against the walk as ``CoachApp`` ran it before it moved to
``coach.call.walk``; the same rows are the pure rules' table in
``tests/call/test_walk.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from coach.tui.app import CoachApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.screens.call import CallScreen
from coach.tui.screens.details import DetailsScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.partner_card import PartnerCardScreen
from coach.tui.screens.prep import PrepScreen
from coach.tui.screens.summary import PracticeSummaryScreen, SummaryScreen
from tests.tui.conftest import library_of
from tests.tui.scripts import no_checklist_script, small_script

SIZE = (100, 30)
MakeApp = Callable[..., CoachApp]
FULL = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}
#: Only the required variable is missing.
PARTIAL = {"position": "Analyst", "interview_date": "2026-02-24"}

#: What the test presses on each screen to go on, or to go back.
FORWARD = {
    DetailsScreen: ("ctrl+s",),
    PrepScreen: ("down", "space", "s"),  # tick the required item, start
    PartnerCardScreen: ("enter",),
    CallScreen: ("2", "enter"),  # voicemail, then finish on that end step
    SummaryScreen: ("q",),
    PracticeSummaryScreen: ("q",),
}
BACK = {DetailsScreen: "escape", PrepScreen: "escape", PartnerCardScreen: "escape"}

OVER = "over"


def _name(app: CoachApp) -> str:
    if not app.is_running:
        return OVER
    return type(app.screen).__name__


async def _walk(app: CoachApp, pilot: Any, moves: str) -> list[str]:
    """Press ``>`` (go on) or ``<`` (go back) on each screen in turn; the screens seen."""
    seen = [_name(app)]
    for move in moves:
        screen = type(app.screen)
        if move == ">":
            if screen is DetailsScreen:
                await pilot.press(*"Ms Lee")
            await pilot.press(*FORWARD[screen])
        else:
            await pilot.press(BACK[screen])
        await pilot.pause()
        seen.append(_name(app))
        if seen[-1] == OVER:
            break
    return seen


@pytest.mark.parametrize(
    ("checklist", "values", "mode", "moves", "screens"),
    [
        # live: details (a value missing) -> prep -> call -> summary -> exit
        (
            True,
            PARTIAL,
            "live",
            ">>>>",
            ["DetailsScreen", "PrepScreen", "CallScreen", "SummaryScreen", OVER],
        ),
        # back from prep goes to the details shown before; back from them ends it
        (True, PARTIAL, "live", "><<", ["DetailsScreen", "PrepScreen", "DetailsScreen", OVER]),
        # no details needed: back from prep ends the walk
        (True, FULL, "live", "<", ["PrepScreen", OVER]),
        # no checklist: details -> call
        (False, PARTIAL, "live", ">", ["DetailsScreen", "CallScreen"]),
        # nothing to ask, nothing to tick: the call at once
        (False, FULL, "live", "", ["CallScreen"]),
        # practice: details -> prep -> card -> call -> practice summary -> exit
        (
            True,
            PARTIAL,
            "practice",
            ">>>>>",
            [
                "DetailsScreen",
                "PrepScreen",
                "PartnerCardScreen",
                "CallScreen",
                "PracticeSummaryScreen",
                OVER,
            ],
        ),
        # back from the card goes to the checklist, then the details, then ends
        (
            True,
            PARTIAL,
            "practice",
            ">><<<",
            [
                "DetailsScreen",
                "PrepScreen",
                "PartnerCardScreen",
                "PrepScreen",
                "DetailsScreen",
                OVER,
            ],
        ),
        # no checklist: back from the card goes to the details shown before
        (
            False,
            PARTIAL,
            "practice",
            "><<",
            ["DetailsScreen", "PartnerCardScreen", "DetailsScreen", OVER],
        ),
        # no checklist, no details: the card first, back ends it
        (False, FULL, "practice", "<", ["PartnerCardScreen", OVER]),
        (False, FULL, "practice", ">", ["PartnerCardScreen", "CallScreen"]),
        # with the checklist but no details: card back -> prep back -> ends
        (True, FULL, "practice", "><<", ["PrepScreen", "PartnerCardScreen", "PrepScreen", OVER]),
    ],
)
async def test_the_walk_of_one_call(
    make_app: MakeApp,
    checklist: bool,
    values: dict[str, str],
    mode: str,
    moves: str,
    screens: list[str],
) -> None:
    script = small_script() if checklist else no_checklist_script()
    app = make_app(script=script, values=values, mode=mode)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await _walk(app, pilot, moves) == screens
        if screens[-1] == OVER:
            assert app.return_code == 0


async def test_ticks_and_values_are_kept_going_back_and_forth(make_app: MakeApp) -> None:
    app = make_app(script=small_script(), values=PARTIAL, mode="practice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Ms Lee", "ctrl+s")
        await pilot.press("down", "space", "s")
        assert isinstance(app.screen, PartnerCardScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PrepScreen)
        assert app.screen.ticks() == {"resume": False, "quiet": True}
        await pilot.press("escape")
        details = app.screen
        assert isinstance(details, DetailsScreen)
        assert details.collect()["interviewer"] == "Ms Lee"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PrepScreen)
        assert app.screen.ticks() == {"resume": False, "quiet": True}
        await pilot.press("space", "s")  # tick "resume" too
        await pilot.press("enter")
        call = app.screen
        assert isinstance(call, CallScreen)
        assert call.session.checklist == {"resume": True, "quiet": True}
        assert call.session.values["interviewer"] == "Ms Lee"


async def test_starting_without_the_required_items_asks_first(make_app: MakeApp) -> None:
    app = make_app(script=small_script(), values=FULL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert isinstance(app.screen, CallScreen)


@pytest.mark.parametrize(
    ("mode", "moves", "screens"),
    [
        ("live", "<", ["DetailsScreen", "HomeScreen"]),
        ("live", "><", ["DetailsScreen", "PrepScreen", "DetailsScreen"]),
        (
            "live",
            ">>>>",
            ["DetailsScreen", "PrepScreen", "CallScreen", "SummaryScreen", "HomeScreen"],
        ),
        (
            "practice",
            ">>>>>",
            [
                "DetailsScreen",
                "PrepScreen",
                "PartnerCardScreen",
                "CallScreen",
                "PracticeSummaryScreen",
                "HomeScreen",
            ],
        ),
    ],
)
async def test_from_home_the_walk_ends_at_home(
    make_app: MakeApp, mode: str, moves: str, screens: list[str]
) -> None:
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter" if mode == "live" else "p")
        await pilot.pause()
        seen = await _walk(app, pilot, moves)
        assert seen == screens
        assert app.is_running
        # A new walk can start once the last one is over.
        if seen[-1] == "HomeScreen":
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DetailsScreen)


async def test_one_walk_at_a_time(make_app: MakeApp) -> None:
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, DetailsScreen)
        home = app.screen_stack[0]
        assert isinstance(home, HomeScreen)
        home.action_practise()  # as if home were reached while the walk runs
        await pilot.pause()
        assert any("Finish the current call first." in n.message for n in app._notifications)
        assert isinstance(app.screen, DetailsScreen)
