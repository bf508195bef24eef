"""Ask for a new script's id and create it (the home screen's "New script")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from coach.script.newscript import NewScriptError, check_script_id
from coach.tui.widgets.footer import CoachFooter


class NewScriptDialog(ModalScreen[Path | None]):
    """An id field; ``enter`` creates the script, ``escape`` cancels.

    Args:
        create: makes the file for an id and returns its path; raises
            ``NewScriptError`` (shown under the field, the dialog stays open).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, create: Callable[[str], Path]) -> None:
        super().__init__()
        self.create = create

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("New script", "bold"), classes="dialog-title")
            yield Static(
                Content(
                    "Its id names the file and is what you type after 'coach call'. "
                    "Lowercase letters, digits, '-' and '_'."
                ),
                classes="dialog-detail",
            )
            yield Input(placeholder="for example acme-follow-up", id="new-id")
            yield Static("", id="new-error", classes="dialog-detail")
        yield CoachFooter()

    def _show_error(self, message: str) -> None:
        self.query_one("#new-error", Static).update(Content.styled(message, "$text-error"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self._show_error("")
            return
        try:
            check_script_id(value)
        except NewScriptError as exc:
            self._show_error(str(exc))
        else:
            self._show_error("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self._show_error("Type an id first, or press escape.")
            return
        try:
            path = self.create(value)
        except NewScriptError as exc:
            self._show_error(str(exc))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
