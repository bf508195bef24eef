"""The footer of every screen but the call's (which has ``KeyBar``).

Textual's ``Footer`` cuts the keys off at the right edge of a narrow
terminal, so on a dialog 40 columns wide ``s Just stop`` was gone. This one
goes compact (less space between keys) below :data:`COMPACT_WIDTH` columns and
drops the command palette's key below :data:`PALETTE_WIDTH`, so that the keys
of the screen stay in sight.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.reactive import Reactive
from textual.widgets import Footer

from coach.tui import compat

#: Below this many columns the keys sit closer together.
COMPACT_WIDTH = 80
#: Below this many columns the command palette's ``^p`` gives up its room.
PALETTE_WIDTH = 60


class CoachFooter(Footer):
    """A ``Footer`` that fits the terminal's width (see the module)."""

    def __init__(self, *, show_command_palette: bool = True, compact: bool = False) -> None:
        super().__init__(show_command_palette=show_command_palette, compact=compact)
        self._palette = show_command_palette
        self._compact = compact

    def compose(self) -> ComposeResult:
        """Textual's keys, each already styled as compact as its data binding
        will make it.

        Textual's keys start compact and their binding to the footer's
        ``compact`` switches them once mounted: each key was styled three
        times (two more passes of the stylesheet over it), 13 ms of a call's
        start-up to its checklist, for every footer composed. A key not bound
        (the command palette's) keeps its own. The bindings are read from a
        private attribute: on a Textual not tested, Textual's way.
        """
        if not compat.private_ok():
            yield from super().compose()
            return
        compact = self.compact
        for widget in super().compose():
            reactive = getattr(type(widget), "compact", None)
            if isinstance(reactive, Reactive) and "compact" in (widget._reactive_connect or {}):
                widget.set_reactive(reactive, compact)
                widget.set_class(compact, "-compact", update=False)
            yield widget

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(self.app.size.width)

    def _fit(self, width: int) -> None:
        self.compact = self._compact or width < COMPACT_WIDTH
        self.show_command_palette = self._palette and width >= PALETTE_WIDTH
