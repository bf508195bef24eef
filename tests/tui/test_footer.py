"""The footer of every screen but the call's (coach/tui/widgets/footer.py) follows
the terminal's width: the command palette's key goes below 60 columns and comes
back above, when the terminal is resized too."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from coach.tui.base import BaseApp
from coach.tui.widgets.footer import PALETTE_WIDTH, CoachFooter


class Footed(BaseApp[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("a", "bell", "Add")]

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield CoachFooter()


def keys(app: Footed) -> list[str]:
    return [key.key for key in app.query(FooterKey)]


async def test_the_palette_key_follows_a_resize_both_ways() -> None:
    app = Footed()
    palette = app.COMMAND_PALETTE_BINDING
    async with app.run_test(size=(PALETTE_WIDTH + 40, 20)) as pilot:
        await pilot.pause()
        assert "a" in keys(app) and palette in keys(app)
        await pilot.resize_terminal(PALETTE_WIDTH - 10, 20)
        await pilot.pause()
        await pilot.pause()
        assert "a" in keys(app) and palette not in keys(app)
        await pilot.resize_terminal(PALETTE_WIDTH + 40, 20)
        await pilot.pause()
        await pilot.pause()
        assert palette in keys(app)


async def test_a_narrow_start_has_no_palette_key() -> None:
    app = Footed()
    async with app.run_test(size=(PALETTE_WIDTH - 10, 20)) as pilot:
        await pilot.pause()
        assert keys(app) == ["a"]
