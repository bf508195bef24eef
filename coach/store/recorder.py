"""Writing a call through to the store, without ever losing it to a store error.

The store may fail (a corrupt or read-only database). Then the user is told
once, the call goes on in memory, and every later change tries again.
No Textual here: the call screen drives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from coach.call.session import CallSession
from coach.store.calls import Store
from coach.store.errors import StoreError


class CallRecorder:
    """Keeps one call's record in the store current.

    Args:
        open_store: returns the store (may raise ``StoreError``).
        warn: shows an error to the user (called once per run of failures).
        call_id: the record of a resumed call, if any.
    """

    def __init__(
        self,
        open_store: Callable[[], Store],
        warn: Callable[[str], None],
        call_id: int | None = None,
    ) -> None:
        self._open_store = open_store
        self._warn = warn
        self.call_id: int | None = call_id
        #: ``session.version`` as last written (``-1``: nothing written yet).
        self.saved_version = -1
        self._failing = False
        self.finished = False

    @property
    def failing(self) -> bool:
        """True while the last write did not reach the store."""
        return self._failing

    def _fail(self, exc: StoreError) -> None:
        if not self._failing:
            self._warn(
                f"Could not save the call: {exc}. It goes on in memory and "
                "saving is retried on every change."
            )
        self._failing = True

    def _ok(self, session: CallSession) -> None:
        self.saved_version = session.version
        self._failing = False

    def start(self, session: CallSession) -> None:
        """Create the record (or, for a resumed call, write its state)."""
        self.save(session)

    def save(self, session: CallSession) -> None:
        """Write the current state now."""
        if self.finished:
            return
        snapshot = session.to_snapshot()
        try:
            store = self._open_store()
            if self.call_id is None:
                self.call_id = store.start_call(snapshot)
            else:
                store.save(self.call_id, snapshot)
        except StoreError as exc:
            self._fail(exc)
            return
        self._ok(session)

    def save_if_changed(self, session: CallSession) -> None:
        """Write only when something changed since the last write (the debounce tick)."""
        if session.version != self.saved_version or self._failing:
            self.save(session)

    def finish(self, session: CallSession, status: Literal["done", "abandoned"]) -> bool:
        """Make the record final. Returns False if the store could not be written."""
        snapshot = session.to_snapshot()
        try:
            store = self._open_store()
            if self.call_id is None:
                self.call_id = store.start_call(snapshot)
            store.finish(self.call_id, snapshot, status)
        except StoreError as exc:
            self._fail(exc)
            return False
        self._ok(session)
        self.finished = True
        return True
