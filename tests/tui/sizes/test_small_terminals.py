"""Small and large terminals (issue 14 point 5): at 40x12, 60x15, 80x24 and
200x60 every screen of a call comes up without an exception, and on the call
screen nothing essential is cut off: every word of what to say, the first
choice and every key of the footer stay in sight at every step."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coach.call.stepkeys import KeyHint
from coach.script.library import resolve
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.screens.details import DetailsScreen
from coach.tui.screens.prep import PrepScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.widgets.keybar import KeyBar, footer_line
from coach.tui.widgets.step import ChoicesPanel, StepView
from tests.tui.call.test_glance import VALUES, WALK, screen_rows

SIZES = [(40, 12), (60, 15), (80, 24), (200, 60)]
ids = [f"{w}x{h}" for w, h in SIZES]
MakeApp = Callable[..., CoachApp]

HINTS = (
    KeyHint("⏎", "Continue"),
    KeyHint("b", "Back"),
    KeyHint("tab", "Note down"),
    KeyHint("n", "Notes"),
    KeyHint("a", "Answers"),
    KeyHint("q", "End call"),
)


@pytest.mark.parametrize("width", [20, 30, 36, 40, 46, 60, 100])
def test_the_footer_keeps_every_key_in_sight(width: int) -> None:
    line = footer_line(HINTS, width)
    assert line.cell_length == width
    keys = line.plain.split()
    for hint in HINTS:
        assert hint.key in keys, (width, line.plain)
    if width >= 100:
        assert "End call" in line.plain  # words are kept while they fit


def test_a_footer_too_wide_even_bare_is_cut() -> None:
    assert footer_line(HINTS, 8).plain.endswith("…")


def words_of(step: StepView) -> list[str]:
    return step.say_content.plain.split()


@pytest.mark.parametrize("size", SIZES, ids=ids)
async def test_the_call_keeps_what_matters_in_sight(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = make_app(script=resolve("follow-up")._replace(checklist=()), values=VALUES)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in ["", *WALK]:
            if key:
                await pilot.press(key)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CallScreen)
            where = screen.session.current
            rows = screen_rows(app)
            shown = " ".join(rows).split()
            step = screen.query_one(StepView)
            assert all(word in shown for word in words_of(step)), where
            first = screen.query_one(ChoicesPanel).text.splitlines()[0].split()
            assert first and all(word in shown for word in first), where
            footer = rows[-1].split()
            for hint in screen.query_one(KeyBar).hints:
                assert hint.key in footer, (where, rows[-1])


@pytest.mark.parametrize("size", SIZES, ids=ids)
async def test_every_screen_of_a_call_comes_up(make_app: MakeApp, size: tuple[int, int]) -> None:
    """Details, prep, the call, the end-of-call question and the summary."""
    values = {k: v for k, v in VALUES.items() if k != "interviewer"}
    app = make_app(script=resolve("follow-up"), values=values)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        assert "ctrl+s" in " ".join(screen_rows(app)[-1:]) or "^s" in screen_rows(app)[-1]
        await pilot.press(*"Dana Lee", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        for _ in range(6):
            await pilot.press("space", "down")
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        await pilot.press("q")
        await pilot.pause()
        rows = " ".join(screen_rows(app))
        assert "just stop" in rows.lower() or "stop" in rows.lower()
        await pilot.press("escape")
        await pilot.pause()
        for key in WALK:
            await pilot.press(key)
            await pilot.pause()
        for _ in range(3):  # on to the final step, and past it
            if isinstance(app.screen, SummaryScreen):
                break
            await pilot.press("enter")
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), app.screen
        assert screen_rows(app)[-1].strip()  # its keys
        await pilot.resize_terminal(*reversed_size(size))
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert app.return_code in (None, 0)


def reversed_size(size: tuple[int, int]) -> tuple[int, int]:
    """Another size to resize to mid-screen: a small one for the large, and back."""
    return (200, 60) if size[0] < 100 else (40, 12)
