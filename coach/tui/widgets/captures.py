"""What to note down at this step, drawn as lines (see ``lines.LinesView``)."""

from __future__ import annotations

from textual.content import Content

from coach.call.session import CallSession
from coach.script.model import Node
from coach.tui.text import segments_content
from coach.tui.widgets.datehint import date_hint
from coach.tui.widgets.lines import Laid, fit, wrap
from coach.tui.widgets.panel import StepPanel, fields_key


class CapturesPanel(StepPanel):
    """What to note down at this step: each capture's prompt, what was typed
    (or what to type), and the day a date names (or that it is kept as typed).

    Drawn as lines like the other panels, so a move shows another step's
    fields without a layout pass; ``tab`` swaps it for the real fields while
    the user types (see ``CallScreen``). Every line is wrapped to the panel.
    """

    #: The compact layouts draw nothing at a step without captures (the panel
    #: then takes no room); the wide one says there is nothing to note.
    compact = False
    #: Lines of a multiline value shown before it is cut with ``…``.
    VALUE_LINES = 3

    def laid_for(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> Laid:
        key = (fields_key(session), node.id, width, self.compact)
        return self.memo(key, lambda: self._build(session, node, width))

    def rows_at(self, session: CallSession, node: Node, width: int) -> int:
        """Rows the panel takes at ``node``."""
        return len(self.laid_for(session, node, width, None).lines)

    def _build(self, session: CallSession, node: Node, width: int) -> list[Content]:
        muted = "$foreground-muted"
        if not node.capture:
            if self.compact:
                return []
            return [
                *wrap(Content.styled("Note down", muted), width),
                *wrap(Content.styled("Nothing to note at this step.", f"italic {muted}"), width),
            ]
        lines = wrap(Content.styled("Note down (tab)", muted), width)
        bar = Content.styled("▎", "$primary")
        for index, capture in enumerate(node.capture):
            if index:
                lines.append(Content(""))
            prompt = segments_content(session.render_segments(capture.prompt))
            lines.extend(wrap(prompt, width))
            value = session.captures.get(capture.id, "")
            if not value:
                lines.extend(
                    wrap(Content.styled("nothing yet", "italic $foreground-disabled"), width, bar)
                )
                continue
            shown: list[Content] = []
            for text_line in value.splitlines() or [""]:
                shown.extend(wrap(Content(text_line), width, bar))
            if len(shown) > self.VALUE_LINES:
                shown = [
                    *shown[: self.VALUE_LINES - 1],
                    fit(shown[self.VALUE_LINES - 1] + " …", width),
                ]
            lines.extend(shown)
            hint = date_hint(value, session.day) if capture.type == "date" else None
            if hint is not None:
                lines.extend(wrap(hint, width, Content(" ")))
        return lines
