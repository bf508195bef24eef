"""Home keeps rehearsals apart: live calls under "Recent calls", rehearsals under their own."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static

from coach.call.session import CallSession
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from tests.tui.conftest import WALL
from tests.tui.practice.scripts import VALUES, practice_script

MakeApp = Callable[..., CoachApp]


def record(store: Store, session: CallSession) -> None:
    call_id = store.start_call(session.snapshot())
    session.advance()  # on the final step: the call ends
    store.finish(call_id, session.snapshot())


async def test_a_rehearsal_is_listed_apart_from_the_live_calls(
    make_app: MakeApp, store: Store
) -> None:
    script = practice_script()
    live = CallSession(script, VALUES, wall=lambda: WALL)
    live.choose(2)  # voicemail
    record(store, live)
    rehearsal = CallSession(
        script, VALUES, mode="practice", scenario=script.scenario("reached"), wall=lambda: WALL
    )
    rehearsal.choose(1)
    rehearsal.choose(1)
    record(store, rehearsal)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        recent = str(home.query_one("#recent", Static).visual)
        practised = str(home.query_one("#practised", Static).visual)
    assert "Left a voicemail" in recent and "practice" not in recent
    assert recent.count("\n") == 0  # the rehearsal is not among the recent calls
    assert "Follow-up call: Reached" in practised and "2/2" in practised
    assert "Left a voicemail" not in practised


async def test_home_says_when_nothing_was_rehearsed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        practised = str(app.screen.query_one("#practised", Static).visual)
    assert practised.startswith("No rehearsals yet")
