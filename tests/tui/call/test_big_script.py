"""A call on a 10,000-step script (issue 14): it opens, moves and takes typing
like a small one; what it does not show is not built."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input

from coach.script.load import load_text
from coach.script.model import Script
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.widgets.fields import FieldEditor
from coach.tui.widgets.step import StepView
from tests.tui.scripts import chain_text

SIZE = (120, 40)
VALUES = {"interviewer": "Dana", "position": "Analyst"}

MakeApp = Callable[..., CoachApp]


@pytest.fixture(scope="module")
def chain() -> Script:
    """The generated 10,000-step script, straight into the call (no checklist)."""
    return load_text(chain_text(10_000))._replace(checklist=())


def call_screen(app: CoachApp) -> CallScreen:
    screen = app.screen
    assert isinstance(screen, CallScreen), type(screen)
    return screen


async def test_a_10000_step_call_opens_moves_and_takes_a_capture(
    make_app: MakeApp, chain: Script
) -> None:
    app = make_app(script=chain, values=VALUES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = call_screen(app)
        assert "Step 0. Hello Dana, about the Analyst role." in str(
            screen.query_one(StepView).say_content
        )
        # No field is built before tab (the panel draws them as text; the
        # script has 1,000), then only those of the step shown.
        assert not screen.query(FieldEditor)
        # tab, typing and esc straight after it: the keys land in the field.
        await pilot.press("tab", *"keen", "escape")
        assert screen.session.captures["note_0"] == "keen"
        assert [f.id for f in screen.query(FieldEditor)] == ["capture-step_0-note_0"]
        # Ten steps on (next, then choice 1, twice): nothing built on the way;
        # tab right after the move builds the next capture's field and waits.
        await pilot.press(*["enter", "1", "1"] * 3, "enter")
        assert len(screen.query(FieldEditor)) == 1
        await pilot.press("tab", *"soon")
        assert screen.session.current == "step_10"
        assert isinstance(app.focused, Input)
        assert screen.session.captures["note_10"] == "soon"
        assert len(screen.query(FieldEditor)) == 2
        await pilot.press("escape", "b")
        assert screen.session.current == "step_9"


async def test_a_big_script_keeps_the_rows_of_its_longest_step(
    make_app: MakeApp, chain: Script
) -> None:
    """The say box is as tall as the step that needs the most (found among
    the steps with the longest text, not by laying out all 10,000)."""
    long_say = " ".join(["A long sentence to say, one of many."] * 40)
    nodes = dict(chain.nodes)
    nodes["step_7000"] = nodes["step_7000"]._replace(say=long_say)
    script = chain._replace(nodes=nodes)
    app = make_app(script=script, values=VALUES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = call_screen(app)
        step = screen.query_one(StepView)
        width = step.line_width
        longest = step.body_rows(screen.session, nodes["step_7000"], width)
        assert longest > step.body_rows(screen.session, nodes["step_1"], width) + 10
        assert step.most_rows(screen.session, width) == 1 + longest
