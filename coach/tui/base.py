"""The base of every Call Coach app: one stylesheet, the themes and the key fix.

``CoachApp`` (``coach``, ``coach call``, ``coach practice``, ``coach edit``) and
``PartnerApp`` (``coach partner``) derive from ``BaseApp``, so both load
``coach.tcss``, switch themes the same way, read "escape, key" typed in one
motion as the two keys it was, and handle keys in the order they were typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.filter import LineFilter

from coach.tui import keys
from coach.tui.controls import NoControls
from coach.tui.keyorder import KeyOrder

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"

ReturnType = TypeVar("ReturnType")


class BaseApp(App[ReturnType]):
    """What every app of the project shares.

    Keyword arguments are Textual's own (``App.__init__``).
    """

    # Absolute, so an app defined elsewhere (a test's subclass) finds it too:
    # Textual resolves a relative path against the module of the app's class.
    CSS_PATH = Path(__file__).with_name("coach.tcss")

    def __init__(self, **kwargs: Any) -> None:
        keys.install()  # before the driver starts reading keys (idempotent)
        super().__init__(**kwargs)
        self._no_controls = NoControls()
        self.key_order = KeyOrder(self, self._key_from_terminal)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, then the one that keeps control characters from
        the terminal (:mod:`coach.tui.controls`)."""
        return [*super().get_line_filters(), self._no_controls]

    async def on_event(self, event: events.Event) -> None:
        # "escape, then a key" typed in one motion arrives as alt+key: split it.
        # Each key from the terminal waits for the one before it (keyorder.py).
        if isinstance(event, events.Key) and not event.is_forwarded:
            for key in keys.split_escape(event) or [event]:
                await self.key_order.submit(key)
            return
        await super().on_event(event)

    async def _key_from_terminal(self, key: events.Key) -> None:
        await super().on_event(key)

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME
