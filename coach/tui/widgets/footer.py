"""The footer of every screen but the call's (which has ``KeyBar``).

Textual's ``Footer`` cuts the keys off at the right edge of a narrow
terminal, so on a dialog 40 columns wide ``s Just stop`` was gone. This one
goes compact (less space between keys) below :data:`COMPACT_WIDTH` columns and
drops the command palette's key below :data:`PALETTE_WIDTH`, so that the keys
of the screen stay in sight.

It also costs less to show (home's start-up measured it: the footer's keys
were a third of the style updates before the first frame). Textual's footer
builds its keys again after every change of the screen's bindings; a screen
that starts changes them two or three times before its first frame (focus,
then each list it picks), and each rebuild styled every key anew. So the
rebuilds asked for before one happens are one, and each key is made with its
``compact`` look already set: made with Textual's default (compact) and bound
to the footer's (not compact) after mounting, every key was styled twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

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
        #: A rebuild of the keys is asked for and has not happened yet.
        self._rebuild_pending = False

    def on_mount(self) -> None:
        self._fit(self.app.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(self.app.size.width)

    def _fit(self, width: int) -> None:
        self.compact = self._compact or width < COMPACT_WIDTH  # the keys follow (bound)
        palette = self._palette and width >= PALETTE_WIDTH
        if palette != self.show_command_palette:
            # Textual's footer reads it only as it builds its keys: build them
            # again, or a terminal made narrower keeps the palette's key (and
            # one made wider goes without it) until the bindings next change.
            self.show_command_palette = palette
            if self.is_attached and self._bindings_ready:
                self._ask_rebuild()

    def _ask_rebuild(self) -> None:
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def bindings_changed(self, screen: Screen) -> None:
        # Textual's asks for a rebuild after the next refresh each time; one
        # pending rebuild reads the bindings as they are when it runs.
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._ask_rebuild()

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()

    def compose(self) -> ComposeResult:
        # Each key (grouped ones too: they pass through here as they are made)
        # gets the footer's look before it is mounted, so that its binding to
        # the footer's ``compact`` finds it set and it is styled once.
        # The palette's key is bound to nothing: it keeps FooterKey's default.
        compact = self.compact
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                look = True if widget.has_class("-command-palette") else compact
                widget.set_reactive(FooterKey.compact, look)
                widget.set_class(look, "-compact", update=False)
            yield widget
