"""Home on its own: it is given its data and posts what the user picks (no CoachApp)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static

from coach.call.agenda import Agenda
from coach.tui.messages import EditScript, NewScript, StartCall, StartPractice
from coach.tui.screens.home import HomeData, HomeScreen
from tests.tui.conftest import TODAY, library_of
from tests.tui.scripts import small_script

SIZE = (100, 30)


class HomeOnly(App[None]):
    """Home as the only screen; remembers every message home posts and every read."""

    def __init__(self) -> None:
        super().__init__()
        self.posted: list[Message] = []
        self.reads: list[bool] = []
        self.entries = library_of(small_script(), broken=True)()

    def source(self, reload: bool) -> HomeData:
        self.reads.append(reload)
        return HomeData(
            self.entries, {"small": "Rehearsed twice"}, Agenda(()), Content("no calls yet"), TODAY
        )

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen(self.source)

    def on_start_call(self, message: StartCall) -> None:
        self.posted.append(message)

    def on_start_practice(self, message: StartPractice) -> None:
        self.posted.append(message)

    def on_edit_script(self, message: EditScript) -> None:
        self.posted.append(message)

    def on_new_script(self, message: NewScript) -> None:
        self.posted.append(message)


async def test_home_shows_what_it_is_given() -> None:
    app = HomeOnly()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert app.reads == [False]
        options = home.query_one("#scripts", OptionList)
        assert options.option_count == 2
        assert "Rehearsed twice" in str(options.get_option_at_index(0).prompt)
        # No jobs: home says how to add one, and the scripts list takes the keys.
        assert "Press a to add" in str(home.query_one("#jobs-empty", Static).visual)
        assert home.focused is options
        assert str(home.query_one("#recent", Static).visual) == "no calls yet"
        await pilot.press("r")  # every script file is read again
        assert app.reads == [False, True]


async def test_home_posts_what_the_user_picks() -> None:
    app = HomeOnly()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "p", "e", "n")
        await pilot.pause()
        assert app.posted == [
            StartCall("small"),
            StartPractice("small"),
            EditScript(str(Path("/bundled/small.yaml"))),
            NewScript(),
        ]


async def test_a_broken_script_is_edited_not_started() -> None:
    app = HomeOnly()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter", "p", "e")
        await pilot.pause()
        assert app.posted == [EditScript("broken.yaml")]
        assert any("Cannot start" in (n.title or "") for n in app._notifications)
