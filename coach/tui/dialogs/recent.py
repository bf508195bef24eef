"""The recent calls, from anywhere (command palette)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.tui.widgets.footer import CoachFooter


class RecentCallsDialog(ModalScreen[None]):
    """Recent calls, from anywhere (command palette)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, body: Content) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content.styled("Recent calls", "bold"), classes="dialog-title")
            with VerticalScroll():
                yield Static(self.body)
        yield CoachFooter()

    def action_close(self) -> None:
        self.dismiss(None)
