"""The call screen's footer: the keys that work at this step, on one line.

Textual's ``Footer`` rebuilds all its widgets every time the bindings may have
changed, which on the call screen is every move: that cost more than the rest
of a move put together. This bar is one line drawn like the step panels (a
``LinesView``: a footer seen before is not rendered again) that shows the
keys it is given (``coach.call.stepkeys``: only those that work here, in this
step's words) and repaints only when they differ. Keys that are off for now
(while a field has them) are drawn dimmed.

On a narrow terminal every key stays in sight: where the line does not fit,
the words shrink to their first word, then the last keys lose their words
(``q`` alone is still ``q``), rather than the end of the line being cut.
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

    @property
    def hints(self) -> tuple[KeyHint, ...]:
        """The keys shown (for tests and tools)."""
        return self._shown or ()

    def show_hints(self, hints: Sequence[KeyHint]) -> None:
        shown = tuple(hints)
        if shown == self._shown:
            return
        self._shown = shown
        key = ("keys", shown)
        self.set_lines(lambda width: self.memo((*key, width), lambda: [footer_line(shown, width)]))


def _part(hint: KeyHint, words: str) -> Content:
    key_style = "bold $footer-key-foreground" if hint.live else "$foreground-disabled"
    text_style = "" if hint.live else "$foreground-disabled"
    if not words:
        return Content.styled(f" {hint.key}", key_style)
    return Content.assemble((f" {hint.key} ", key_style), (words, text_style))


def footer_line(hints: Sequence[KeyHint], width: int) -> Content:
    """The footer for ``hints`` in ``width`` cells, every key in sight if it can be.

    Words give way from the end of the line first: the last keys' words shrink
    to their first word, then lose their words altogether, and the first key
    (what Enter or a choice does here) keeps its words longest. Only when even
    the bare keys are too wide is the line cut.
    """
    count = len(hints)
    full = [hint.words for hint in hints]
    short = [hint.words.split(" ", 1)[0] for hint in hints]
    tries: list[list[str]] = [full]
    tries += [full[:k] + short[k:] for k in range(count - 1, 0, -1)]
    tries += [full[:1] + short[1:k] + [""] * (count - k) for k in range(count - 1, 0, -1)]
    tries += [short[:1] + [""] * (count - 1), [""] * count]
    line = Content("")
    for words in tries:
        line = Content(" ").join(_part(hint, said) for hint, said in zip(hints, words, strict=True))
        if line.cell_length <= width:
            return fit(line, width)
    return fit(line, width)
