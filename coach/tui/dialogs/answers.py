"""The script's quick answers, rendered with the call's values."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from coach.call.session import CallSession
from coach.tui.text import segments_content


class AnswersDialog(ModalScreen[None]):
    """Quick-reference cards; escape (or ``a`` again) closes them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", priority=True),
        Binding("a", "close", "Close", show=False, priority=True),
    ]

    def __init__(self, session: CallSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        answers = self.session.script.answers
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content.styled("Quick answers", "bold"), classes="dialog-title")
            with VerticalScroll(id="answers"):
                if not answers:
                    yield Static(
                        Content.styled("This script has no quick answers.", "$foreground-muted")
                    )
                for answer in answers:
                    yield Static(
                        segments_content(
                            self.session.render_segments(answer.title), "bold $accent"
                        ),
                        classes="answer-title",
                    )
                    yield Static(
                        segments_content(self.session.render_segments(answer.text)),
                        classes="answer-text",
                    )
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
