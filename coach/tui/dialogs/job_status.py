"""A job's status changes, asked in a dialog: "they contacted me" and "it is over".

Each dialog is given the write to make (``apply``) and makes it itself, so a
store error shows in the dialog and keeps what was typed (the note, the outcome).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.store import StoreError
from coach.tui.widgets.footer import CoachFooter

#: How a job may end: (outcome stored, words shown). ``other`` asks for the words.
CLOSE_CHOICES: tuple[tuple[str, str], ...] = (
    ("offer", "Offer: they offered you the job"),
    ("rejected", "Not selected: they chose someone else"),
    ("withdrawn", "Withdrawn: you stepped back"),
    ("other", "Something else (you say what)"),
)


def _note(text: str) -> str | None:
    return text.strip() or None


class _StatusDialog(ModalScreen[bool]):
    """What both dialogs share: a message line, escape that leaves a field first."""

    def _show_error(self, message: str) -> None:
        self.query_one(".dialog-error", Static).update(Content.styled(message, "$text-error"))

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    def action_escape(self) -> None:
        """Escape leaves a field; outside one it closes the dialog without a change."""
        if self._typing():
            self.set_focus(None)
            self.refresh_bindings()
        else:
            self.dismiss(False)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.refresh_bindings)


class HeardDialog(_StatusDialog):
    """Mark a job heard (they contacted you first), with an optional note.

    Dismisses with True once marked, False when the user says no.
    """

    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Mark heard", priority=True),
        Binding("n", "no", "No", priority=True),
        Binding("tab", "note", "Write a note", priority=True),
        Binding("escape", "escape", "Back", show=False, priority=True),
    ]

    def __init__(self, label: str, apply: Callable[[str | None], None]) -> None:
        super().__init__()
        self.label = label
        self._apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Content.styled(f"Heard from {self.label}?", "bold"), classes="dialog-title"
            )
            yield Static(
                "They contacted you first: no more calls are suggested for this job.",
                classes="dialog-detail",
            )
            yield Input(placeholder="a note (optional): what they said", id="heard-note")
            yield Static("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Mark heard (y)", id="yes", variant="primary")
                yield Button("No (n)", id="no")
        yield CoachFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("confirm", "no", "note"):
            return not self._typing()  # y and n are typed into the note; enter saves it
        return True

    def action_no(self) -> None:
        self.dismiss(False)

    def action_note(self) -> None:
        self.query_one("#heard-note", Input).focus()

    def action_confirm(self) -> None:
        note = self.query_one("#heard-note", Input).value
        try:
            self._apply(_note(note))
        except StoreError as exc:
            self._show_error(f"Not saved: {exc}")
            return
        self.dismiss(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "yes":
            self.action_confirm()
        else:
            self.dismiss(False)


class CloseJobDialog(_StatusDialog):
    """Close a job: how it ended (a digit picks), an optional note, ``enter`` closes.

    Dismisses with True once closed, False when the user leaves.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(0)", "Pick", key_display="1-4", priority=True),
        *(Binding(str(i + 1), f"pick({i})", show=False, priority=True) for i in range(1, 4)),
        Binding("enter", "confirm", "Close job", key_display="⏎", priority=True),
        Binding("tab", "app.focus_next", "Next field", show=True, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
        Binding("escape", "escape", "Cancel", priority=True),
    ]

    def __init__(self, label: str, apply: Callable[[str, str | None], None]) -> None:
        super().__init__()
        self.label = label
        self._apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(f"Close {self.label}", "bold"), classes="dialog-title")
            yield Static("How did it end?", classes="dialog-detail")
            yield OptionList(
                *(
                    Option(Content.assemble((f"{i}  ", "bold"), words), outcome)
                    for i, (outcome, words) in enumerate(CLOSE_CHOICES, start=1)
                ),
                id="close-outcomes",
            )
            yield Input(placeholder="what happened, in a few words", id="close-other")
            yield Input(placeholder="a note (optional)", id="close-note")
            yield Static("", classes="dialog-error")
        yield CoachFooter()

    def on_mount(self) -> None:
        outcomes = self.query_one("#close-outcomes", OptionList)
        outcomes.highlighted = None  # nothing is picked for you
        self.query_one("#close-other", Input).display = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return not self._typing()  # digits are typed into a field
        return True

    def action_escape(self) -> None:
        if self._typing():
            self.query_one("#close-outcomes", OptionList).focus()  # back to the choices
        else:
            self.dismiss(False)

    def _picked(self) -> str | None:
        option = self.query_one("#close-outcomes", OptionList).highlighted_option
        return option.id if option is not None else None

    def action_pick(self, index: int) -> None:
        self.query_one("#close-outcomes", OptionList).highlighted = index
        self._show_choice()
        if self._picked() == "other":
            self.query_one("#close-other", Input).focus()  # the words come next

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_choice()

    def _show_choice(self) -> None:
        other = self.query_one("#close-other", Input)
        other.display = self._picked() == "other"
        self._show_error("")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_confirm()

    def action_confirm(self) -> None:
        picked = self._picked()
        if picked is None:
            self._show_error("Pick how it ended first (1-4).")
            self.query_one("#close-outcomes", OptionList).focus()
            return
        other = self.query_one("#close-other", Input)
        outcome = other.value.strip() if picked == "other" else picked
        if not outcome:
            self._show_error("Say in a few words how it ended.")
            other.focus()
            return
        note = self.query_one("#close-note", Input).value
        try:
            self._apply(outcome, _note(note))
        except StoreError as exc:
            self._show_error(f"Not saved: {exc}")
            return
        self.dismiss(True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()


__all__ = ["CLOSE_CHOICES", "CloseJobDialog", "HeardDialog"]
