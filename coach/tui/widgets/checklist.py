"""A prep checklist whose ticks read as ticks, in colour or not.

Textual's ``SelectionList`` draws the same ``X`` for ticked and unticked items
and tells them apart by colour alone; beside a phone, in a monochrome terminal
or a screen capture, that is not enough. Here a ticked item shows ``✓`` and an
unticked one an empty box.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.strip import Strip
from textual.widgets import SelectionList

TICKED = "✓"
UNTICKED = " "


class Checklist(SelectionList[str]):
    """A ``SelectionList`` drawing ``✓`` for ticked items.

    ``space`` is bound here, on the list, and nowhere above it: a second
    binding on the screen would toggle the item back when keys come fast.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Tick", key_display="space"),
    ]

    def action_select(self) -> None:
        # SelectionList toggles later, in a message handler, whatever item is
        # highlighted by then: with fast typing (space, down, space) that is
        # the wrong one. Toggle the item under the cursor now, at this key.
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))

    def _on_option_list_option_selected(self, event: SelectionList.OptionSelected) -> None:
        event.stop()  # already toggled in action_select

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4:
            return strip
        _, scroll_y = self.scroll_offset
        try:
            option = self.get_option_at_index(scroll_y + y)
        except Exception:
            return strip
        inner = segments[1]
        mark = TICKED if option.value in self._selected else UNTICKED
        segments[1] = Segment(mark, inner.style, inner.control)
        return Strip(segments, strip.cell_length)
