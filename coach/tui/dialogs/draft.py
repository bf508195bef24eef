"""Drafts for a job: pick the kind, read the text, copy it to the clipboard."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from coach.tui.widgets.footer import CoachFooter


class DraftPicker(ModalScreen[str | None]):
    """Which draft to write; dismisses with its kind, or None.

    Args:
        label: the job, as a person reads it.
        choices: (kind, name, what it is for), in the order shown.
        suggested: the kind highlighted at first.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "pick(0)", "Pick", key_display="1-3", priority=True),
        Binding("2", "pick(1)", show=False, priority=True),
        Binding("3", "pick(2)", show=False, priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(
        self, label: str, choices: Sequence[tuple[str, str, str]], suggested: str | None = None
    ) -> None:
        super().__init__()
        self.label = label
        self.choices = list(choices)
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content.styled(f"Draft for {self.label}", "bold"), classes="dialog-title")
            yield OptionList(
                *(
                    Option(
                        Content.assemble(
                            (f"{i}  ", "bold"),
                            (name, "bold"),
                            "\n   ",
                            (purpose, "$text-muted"),
                        ),
                        kind,
                    )
                    for i, (kind, name, purpose) in enumerate(self.choices, start=1)
                ),
                id="draft-kinds",
            )
        yield CoachFooter()

    def on_mount(self) -> None:
        kinds = [kind for kind, _name, _purpose in self.choices]
        options = self.query_one("#draft-kinds", OptionList)
        if self.suggested in kinds:
            options.highlighted = kinds.index(self.suggested)

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self.choices):
            self.dismiss(self.choices[index][0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DraftView(ModalScreen[None]):
    """A draft, read-only; ``y`` copies it to the clipboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy", "Copy", priority=True),
        Binding("escape", "close", "Close", priority=True),
        Binding("q", "close", "Close", show=False, priority=True),
    ]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.draft_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide", id="draft"):
            yield Static(Content.styled(self.draft_title, "bold"), classes="dialog-title")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="draft-text")
            yield Static(
                Content.styled(
                    "Read it through and make it yours: y copies it, then paste it into your mail.",
                    "$text-muted",
                ),
                classes="dialog-detail",
            )
        yield CoachFooter()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify(f"{self.draft_title}: copied to the clipboard.", timeout=4)

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["DraftPicker", "DraftView"]
