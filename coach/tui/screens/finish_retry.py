"""A summary whose call could not be saved keeps trying while it is shown.

The store failed as the call ended (a full disk, a lock held elsewhere): the
record stays *interrupted* with what was last written. While the summary is
up the finish is tried again every :data:`RETRY_S` seconds and once more on
leaving; the user is told when it lands, or that it still did not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.timer import Timer

#: Seconds between tries to save a finished call that could not be saved.
RETRY_S = 1.0


class FinishRetry:
    """Retries ``retry`` (True once saved) for ``screen``; ``saved`` runs when it lands."""

    def __init__(
        self, screen: Screen[Any], retry: Callable[[], bool], saved: Callable[[], None]
    ) -> None:
        self._screen = screen
        self._retry = retry
        self._saved = saved
        self.done = False
        self._timer: Timer | None = screen.set_interval(RETRY_S, self.attempt)

    def attempt(self) -> bool:
        """One try; True once the call is saved (then it is never tried again)."""
        if self.done:
            return True
        if not self._retry():
            return False
        self.done = True
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._saved()
        self._screen.notify("The call is saved now, in the call history.", timeout=6)
        return True

    def last_try(self) -> None:
        """On leaving: one more try, and the user told if it still did not land."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.attempt():
            self._screen.notify(
                "The call is still not saved: it is kept as interrupted, "
                "with what was written before the store failed.",
                severity="error",
                timeout=10,
            )
