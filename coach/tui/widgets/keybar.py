"""The call screen's footer: the keys that work at this step, on one line.

Textual's ``Footer`` rebuilds all its widgets every time the bindings may have
changed, which on the call screen is every move: that cost more than the rest
of a move put together. This bar is one line drawn like the step panels (a
``LinesView``: a footer seen before is not rendered again) that shows the
keys it is given (``coach.call.stepkeys``: only those that work here, in this
step's words) and repaints only when they differ. Keys that are off for now
(while a field has them) are drawn dimmed.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from coach.call.stepkeys import KeyHint
from coach.tui.widgets.lines import LinesView, fit


class KeyBar(LinesView):
    """A compact footer of ``KeyHint``s."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
        overflow: hidden hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[KeyHint, ...] | None = None
        #: The footer's line for each set of keys shown before.
        self._lines_of: dict[tuple[KeyHint, ...], Content] = {}

    @property
    def hints(self) -> tuple[KeyHint, ...]:
        """The keys shown (for tests and tools)."""
        return self._shown or ()

    def show_hints(self, hints: Sequence[KeyHint]) -> None:
        shown = tuple(hints)
        if shown == self._shown:
            return
        self._shown = shown
        line = self._lines_of.get(shown)
        if line is None:
            if len(self._lines_of) >= 256:
                self._lines_of.clear()
            parts: list[Content] = []
            for hint in shown:
                key_style = "bold $footer-key-foreground" if hint.live else "$foreground-disabled"
                text_style = "" if hint.live else "$foreground-disabled"
                parts.append(
                    Content.assemble((f" {hint.key} ", key_style), (hint.words, text_style))
                )
            line = self._lines_of[shown] = Content(" ").join(parts)
        key = ("keys", shown)
        self.set_lines(lambda width: self.memo((*key, width), lambda: [fit(line, width)]))
