"""Markup and escape sequences from values, notes and scripts (issue 14 point 4):
``[@click=app.quit]``, ``[link=file:///etc/passwd]``, ``[bold]``, ``[/]``, an OSC 52
clipboard write and ESC[2J show literally or as harmless pictures, and clicking
on them triggers nothing."""

from __future__ import annotations

from collections.abc import Callable

from textual.strip import Strip

from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.widgets.step import StepView
from tests.tui.call.test_call_screen import VALUES, say_text
from tests.tui.scripts import no_checklist_script

MakeApp = Callable[..., CoachApp]
CLICK = "[@click=app.quit]quit[/]"
LINK = "[link=file:///etc/passwd]secrets[/link]"
OSC52 = "\x1b]52;c;aGVsbG8=\x07"
CLEAR = "\x1b[2J"


def links_and_actions(strips: list[Strip]) -> list[object]:
    found: list[object] = []
    for strip in strips:
        for segment in strip:
            style = segment.style
            if style is None:
                continue
            if style.link:
                found.append(style.link)
            if style.meta and any("click" in str(key) for key in style.meta):
                found.append(style.meta)
    return found


async def test_markup_and_escapes_in_values_and_the_script_do_nothing(make_app: MakeApp) -> None:
    script = no_checklist_script()
    hello = script.nodes["hello"]
    say = f"Hello {{interviewer}} {LINK} {OSC52}{CLEAR}[bold]."
    nodes = {**script.nodes, "hello": hello._replace(say=say)}
    values = {**VALUES, "interviewer": CLICK}
    app = make_app(script=script._replace(nodes=nodes), values=values)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = say_text(app)
        assert CLICK in shown
        assert LINK in shown
        assert "\x1b" not in "".join(strip.text for strip in app.screen._compositor.render_strips())
        assert links_and_actions(list(app.screen._compositor.render_strips())) == []
        step = app.screen.query_one(StepView)
        for y in range(step.region.y, step.region.bottom):
            await pilot.click(offset=(10, y))
            await pilot.click(offset=(30, y))
        await pilot.press("n", *f"{CLICK} {LINK}", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert app.screen.session.notes == f"{CLICK} {LINK}"
        assert links_and_actions(list(app.screen._compositor.render_strips())) == []
        assert app.is_running
