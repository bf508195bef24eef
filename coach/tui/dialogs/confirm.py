"""A yes/no question answered with ``y`` or ``n`` (escape means no)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.tui.widgets.footer import CoachFooter


class ConfirmDialog(ModalScreen[bool]):
    """Ask a question; dismisses with True for yes and False for no."""

    CSS_PART = "call"  # styled by the rules a call reads (coach.tui.base.CALL_CSS)

    AUTO_FOCUS = ""
    # Priority bindings: the answer is taken as the key is read, so a key
    # typed right after it goes to the screen below, not to this dialog.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", priority=True),
        Binding("n", "answer(False)", "No", priority=True),
        Binding("escape", "answer(False)", "No", show=False, priority=True),
    ]

    def __init__(
        self, question: str, detail: str = "", *, yes: str = "Yes", no: str = "No"
    ) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no
        # The footer says what the buttons say ("y Start anyway"), not a bare Yes/No.
        for key, answer, words in (("y", True, yes), ("n", False, no)):
            self._bindings.key_to_bindings[key] = [
                Binding(key, f"answer({answer})", words, priority=True)
            ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.question, "bold"), classes="dialog-title")
            if self.detail:
                yield Static(Content(self.detail), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")
        yield CoachFooter()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
