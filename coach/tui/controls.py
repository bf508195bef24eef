"""No control character reaches the terminal from what the app draws.

Textual passes a segment's text to the terminal as it is, so an ESC in a
value, a note, a record or a job field (``ESC[2J``, an OSC 52 clipboard
write) was obeyed on every redraw. :class:`NoControls` is a line filter that
every app of the project applies last: a segment holding control characters
has them removed (they take no cell, so nothing moves; what follows them,
such as ``[2J``, stays visible as text). Scripts show them as pictures
already (the loader, :mod:`coach.script.controls`).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from coach.script.controls import CONTROLS


class NoControls(LineFilter):
    """Remove control characters from every segment of a line."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        # The common case, a clean line: one search over the line's text.
        if CONTROLS.search("".join([segment.text for segment in segments])) is None:
            return segments
        sub = CONTROLS.sub
        return [
            segment
            if segment.control
            else Segment(sub("", segment.text), segment.style, segment.control)
            for segment in segments
        ]
