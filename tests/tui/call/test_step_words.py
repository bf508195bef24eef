"""Steps in words on the call screen: the breadcrumb (never into the clock) and the
side step's way back; raw ids are never shown."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

import pytest

from coach.script.model import Choice, Node, Script, SideFlow
from coach.tui.app import CoachApp
from coach.tui.widgets.step import ChoicesPanel, StepView


def long_steps() -> Script:
    """A walk through steps whose ids are long."""

    from tests.tui.scripts import no_checklist_script

    ids = [
        "hello",
        "introduce_yourself_and_the_role",
        "ask_whether_they_have_decided",
        "when_they_expect_to_decide_on_it",
    ]
    nodes = {a: Node(a, f"Step {a}.", choices=(Choice("On", b),)) for a, b in pairwise(ids)}
    nodes[ids[-1]] = Node(ids[-1], "Thanks.", end="pending")
    nodes["could_you_repeat_that"] = Node("could_you_repeat_that", "Sorry?", next="return")
    return no_checklist_script()._replace(
        nodes=nodes,
        start="hello",
        variables=(),
        anytime=(SideFlow("could_you_repeat_that", "r"),),
        answers=(),
    )


@pytest.mark.parametrize("size", [(100, 30), (60, 15), (140, 40)])
async def test_the_breadcrumb_is_in_words_and_stops_before_the_clock(
    size: tuple[int, int], make_app: Callable[..., CoachApp]
) -> None:
    app = make_app(script=long_steps(), values={})
    async with app.run_test(size=size) as pilot:
        for key in ("1", "1", "1", "r"):
            await pilot.press(key)
            await pilot.pause()
            top = app.screen.query_one(StepView).text.splitlines()[0]
            assert "  call " in top, f"the steps run into the clock: {top!r}"
            assert "_" not in top, top
        top = app.screen.query_one(StepView).text.splitlines()[0]
        assert "Could you repeat that" in top
        assert "_" not in app.screen.query_one(StepView).text
        assert "back to When they expect" in app.screen.query_one(ChoicesPanel).text


def test_breadcrumb_drops_old_steps_first_then_cuts_the_current_one() -> None:
    from coach.tui.text import breadcrumb

    route = ["Hello", "Introduce", "Purpose", "Pending when"]
    assert breadcrumb(route) == "Hello › Introduce › Purpose › Pending when"
    assert breadcrumb(route, width=30) == "… › Purpose › Pending when"
    assert breadcrumb(route, width=12) == "Pending when"  # alone, without "… ›"
    assert breadcrumb(route, width=8) == "Pending…"
    assert breadcrumb(["Start", *route], last=4) == "… › Hello › Introduce › Purpose › Pending when"
