"""Ask where to write a file after writing it failed (a full disk, a read-only folder)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static


class SaveAsDialog(ModalScreen[Path | None]):
    """A path field, prefilled; ``enter`` writes there, ``escape`` cancels.

    Args:
        problem: why the first write failed, shown above the field.
        path: the path that failed (the field starts with it).
        write: writes the file at a path (a folder: a file in it) and returns
            where it went; an ``OSError`` is shown under the field and the
            dialog stays open for another path.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, problem: str, path: Path, write: Callable[[Path], Path]) -> None:
        super().__init__()
        self.problem = problem
        self.path = path
        self.write = write

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Save somewhere else?", "bold"), classes="dialog-title")
            yield Static(
                Content.assemble(
                    (self.problem, "$text-error"),
                    "\nType another file or folder (another disk, a USB stick) and press enter.",
                ),
                classes="dialog-detail",
            )
            yield Input(str(self.path), id="save-path", select_on_focus=False)
            yield Static("", id="save-error", classes="dialog-detail")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if not typed:
            self._show_error("Type a path first, or press escape.")
            return
        try:
            written = self.write(Path(typed).expanduser())
        except OSError as exc:
            self._show_error(f"Could not write there either: {exc.strerror or exc}.")
            return
        except ValueError:  # a NUL byte typed or pasted
            self._show_error("That is not a path a file can have.")
            return
        self.dismiss(written)

    def _show_error(self, message: str) -> None:
        self.query_one("#save-error", Static).update(Content.styled(message, "$text-error"))

    def action_cancel(self) -> None:
        self.dismiss(None)
