"""Huge text in a call (issue 14 point 4): a 1 MB paste into the notes is kept
whole and saved, a 5,000-character `say` is shown whole (the step scrolls) with
its choices, and a value that long wraps without an exception."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import TextArea

from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.widgets.step import ChoicesPanel, StepView
from tests.tui.call.test_call_screen import VALUES, call_app
from tests.tui.scripts import no_checklist_script

MakeApp = Callable[..., CoachApp]


async def test_a_megabyte_pasted_into_the_notes_is_kept_and_saved(
    make_app: MakeApp, store: Store
) -> None:
    pasted = ("They liked the dashboard; ask about the team. " * 22_000)[:1_000_000]
    app = call_app(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        notes = app.screen.query_one("#notes", TextArea)
        assert app.focused is notes
        app.post_message(events.Paste(pasted))  # as the terminal sends it
        await pilot.pause()
        await pilot.press(*"!")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScreen)
        screen.save_now()
        assert screen.session.notes == pasted + "!"
    saved = store.calls()[0].snapshot["notes"]
    assert len(saved) == len(pasted) + 1, (len(saved), len(pasted))
    assert saved == pasted + "!"


async def test_a_five_thousand_character_say_is_shown_whole(make_app: MakeApp) -> None:
    script = no_checklist_script()
    hello = script.nodes["hello"]
    long_say = " ".join(f"word{index}" for index in range(900))[:5000]
    nodes = {**script.nodes, "hello": hello._replace(say=long_say)}
    app = make_app(
        script=script._replace(nodes=nodes), values={**VALUES, "interviewer": "x" * 5000}
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        step = app.screen.query_one(StepView)
        shown = step.say_content.plain
        assert shown == long_say
        assert "1 " in app.screen.query_one(ChoicesPanel).text  # the choices still show
        step.scroll_end(animate=False)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.query_one(StepView).say_content.plain.startswith("I interviewed")
