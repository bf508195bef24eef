"""``q`` on the call screen: how did the call end? One key per outcome, or just stop.

The answers come from :func:`coach.call.ending.end_choices`; the dialog only
shows them and says which one was picked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.call.ending import EndChoice
from coach.tui.widgets.footer import CoachFooter

#: Below this many rows the question leaves out its explanation.
SHORT_HEIGHT = 20


def choice_line(choice: EndChoice) -> Content:
    """``1  Decision pending``; "just stop" says what it means."""
    parts: list[tuple[str, str] | str] = [(f" {choice.key} ", "bold reverse $accent"), "  "]
    if choice.outcome is None:
        parts += [(choice.words, "bold"), ("  saved as ended early, no next step", "$text-muted")]
    else:
        parts.append((choice.words, "bold"))
        if choice.here:
            parts.append(("  · this step", "$text-muted"))
    return Content.assemble(*parts)


class EndCallDialog(ModalScreen[EndChoice | None]):
    """Ask how the call ended; dismisses with the answer, or None to keep calling."""

    CSS_PART = "call"  # styled by the rules a call reads (coach.tui.base.CALL_CSS)

    AUTO_FOCUS = ""
    # Priority bindings, as on the call screen: the answer is taken as the key
    # is read, so a key typed right after ``q`` answers the question.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "Keep calling", priority=True),
    ]

    def __init__(self, choices: Sequence[EndChoice], *, practice: bool = False) -> None:
        super().__init__()
        self.choices = list(choices)
        self.practice = practice
        outcomes = [c for c in self.choices if c.outcome is not None]
        for choice in self.choices:
            # The first outcome's key stands for all of them in the footer.
            shown = choice.outcome is None or choice is outcomes[0]
            if choice.outcome is None:
                description = "Just stop"
                display = None
            else:
                description = "Outcome"
                display = f"{outcomes[0].key}-{outcomes[-1].key}" if len(outcomes) > 1 else None
            self._bindings.bind(
                choice.key,
                f"pick('{choice.key}')",
                description,
                show=shown,
                key_display=display,
                priority=True,
            )

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="end-call"):
            yield Static(Content.styled("How did the call end?", "bold"), classes="dialog-title")
            with VerticalScroll(id="end-choices", can_focus=False):
                for choice in self.choices:
                    yield Static(choice_line(choice), classes="end-choice")
            if self.practice:
                detail = "The rehearsal is saved with the outcome you pick."
            else:
                detail = "An outcome counts as if the call had reached it: it sets the next step."
            yield Static(detail, classes="dialog-detail")
        yield CoachFooter()

    def on_mount(self) -> None:
        self._fit(self.app.size.height)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """On a short terminal every answer stays in sight: the explanation gives way."""
        self.set_class(height < SHORT_HEIGHT, "-short")

    def action_pick(self, key: str) -> None:
        picked = next((c for c in self.choices if c.key == key), None)
        if picked is not None:
            self.dismiss(picked)

    def action_keep(self) -> None:
        self.dismiss(None)
