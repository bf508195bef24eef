"""The script's quick answers, beside the step (or under it on a narrow screen).

Numbered, so one key shows one: it is brought to the top of the panel and
marked. The panel scrolls, so every answer can be reached. It opens in the
side column, in the place of the fields and the notes, and never over what to
say or the choices (see ``CallScreen``).
"""

from __future__ import annotations

from textual.content import Content

from coach.call.session import CallSession
from coach.tui.text import segments_content
from coach.tui.widgets.lines import Laid, LinesView, wrap


class AnswersPanel(LinesView):
    """Every quick answer, numbered 1-9; ``pick`` brings one to the top."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._session: CallSession | None = None
        #: The answer picked (0-based), marked and scrolled to.
        self.picked: int | None = None
        #: The line each answer starts on, for the width laid out last.
        self._starts: list[int] = []

    @property
    def count(self) -> int:
        return len(self._session.script.answers) if self._session is not None else 0

    def _build(self, width: int) -> Laid:
        session = self._session
        if session is None:
            return Laid.of([])
        answers = session.script.answers[:9]
        lines: list[Content] = [Content.styled("Quick answers", "bold $text-primary")]
        if not answers:
            lines.extend(
                wrap(
                    Content.styled("This script has no quick answers.", "$foreground-muted"), width
                )
            )
        self._starts = []
        for index, answer in enumerate(answers):
            picked = index == self.picked
            lines.append(Content(""))
            self._starts.append(len(lines))
            mark = Content.styled("▌", "$accent") if picked else Content(" ")
            title = segments_content(session.render_segments(answer.title), "bold")
            number = Content.styled(f"{index + 1} ", "bold $accent")
            lines.extend(mark + line for line in wrap(title, width - 1, number))
            text = segments_content(session.render_segments(answer.text))
            lines.extend(mark + line for line in wrap(text, width - 1, Content("  ")))
        return Laid.of(lines)

    def show(self, session: CallSession) -> None:
        """Lay the answers out with the call's values (none picked)."""
        self._session = session
        self.picked = None
        self.set_lines(self._build)
        self.scroll_to(y=0, animate=False, immediate=True)

    def pick(self, number: int) -> bool:
        """Mark answer ``number`` (1-based) and bring it to the top; False if
        there is no such answer."""
        if not 1 <= number <= min(self.count, 9):
            return False
        self.picked = number - 1
        self.set_lines(self._build)
        self._scroll_to_picked()
        # Opened a moment ago, the panel may not be laid out yet: once more after.
        self.call_after_refresh(self._scroll_to_picked)
        return True

    def _scroll_to_picked(self) -> None:
        if self.picked is not None and self.picked < len(self._starts):
            # The blank line above it stays in view as a gap.
            top = max(0, self._starts[self.picked] - 1)
            self.scroll_to(y=top, animate=False, immediate=True)
