""" "Restore unsaved changes?": the editor offers back text it kept when it was stopped.

Three answers: ``y`` restore (the text goes into the editor, not saved),
``n`` or ``escape`` keep for later (nothing changes; it is offered again next
time), ``d`` discard (the kept text is deleted). What is said (when the text
was kept, whether the file changed on disk since, the first changed line) is
worked out by the editor screen from :mod:`coach.store.editor_recovery`.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.tui.widgets.footer import CoachFooter

#: What the user chose.
Answer = Literal["restore", "later", "discard"]

TITLE = "Restore unsaved changes?"


class RestoreDialog(ModalScreen[Answer]):
    """Ask what to do with kept unsaved text; dismisses with the :data:`Answer`."""

    CSS_PART = "call"  # styled by the rules a call reads (coach.tui.base.CALL_CSS)

    AUTO_FOCUS = ""
    # Priority: the answer is taken as the key is read (see ConfirmDialog).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('restore')", "Restore", priority=True),
        Binding("n", "answer('later')", "Keep for later", priority=True),
        Binding("d", "answer('discard')", "Discard", priority=True),
        Binding("escape", "answer('later')", "Keep for later", show=False, priority=True),
    ]

    def __init__(self, detail: Content, *, warning: str = "") -> None:
        super().__init__()
        self.detail = detail
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="restore-dialog"):
            yield Static(Content.styled(TITLE, "bold"), classes="dialog-title")
            yield Static(self.detail, classes="dialog-detail")
            if self.warning:
                yield Static(Content.styled(self.warning, "$text-warning"), classes="dialog-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Restore (y)", id="restore", variant="primary")
                yield Button("Keep for later (n)", id="later")
                yield Button("Discard (d)", id="discard", variant="error")
        yield CoachFooter()

    def action_answer(self, answer: Answer) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answer: Answer = "restore"
        if event.button.id == "later":
            answer = "later"
        elif event.button.id == "discard":
            answer = "discard"
        self.dismiss(answer)
