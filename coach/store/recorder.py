"""Writing a call through to the store, without ever losing it to a store error.

The store may fail (a corrupt or read-only database). Then the user is told
once, the call goes on in memory, and every later change tries again.
No Textual here: the call screen drives it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from coach.call.session import CallSession
from coach.store.calls import Store
from coach.store.errors import StoreBusy, StoreError, clause

#: How long a save during the call waits for another process's lock (ms).
#: Saves run on the UI thread: with the store's 5 s, a program holding the
#: lock froze the call about 5 s per save. Past this the state stays in
#: memory and the next tick (0.5 s) tries again.
SAVE_BUSY_MS = 40
#: How long the file may stay locked before the user is told (seconds).
BUSY_GRACE_S = 3.0


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
        #: How the call ended, while making its record final has not landed yet.
        self._pending: Literal["done", "abandoned"] | None = None
        #: When saves started finding the file locked (None: they are not).
        self._busy_since: float | None = None
        self._now = time.monotonic

    @property
    def failing(self) -> bool:
        """True while the last write did not reach the store."""
        return self._failing

    def _fail(self, exc: StoreError) -> None:
        if not self._failing:
            self._warn(
                f"Could not save the call: {clause(exc)}. It goes on in memory and "
                "saving is retried on every change."
            )
        self._failing = True

    def _ok(self, session: CallSession) -> None:
        self.saved_version = session.version
        self._failing = False
        self._busy_since = None

    def _busy(self, exc: StoreBusy) -> None:
        """The file is locked elsewhere: retried on the next tick; the user is
        told only once it has lasted :data:`BUSY_GRACE_S`."""
        now = self._now()
        if self._busy_since is None:
            self._busy_since = now
        if now - self._busy_since >= BUSY_GRACE_S:
            self._fail(exc)

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
                self.call_id = store.start_call(snapshot, busy_ms=SAVE_BUSY_MS)
            else:
                store.save(self.call_id, snapshot, busy_ms=SAVE_BUSY_MS)
        except StoreBusy as exc:
            self._busy(exc)
            return
        except StoreError as exc:
            self._fail(exc)
            return
        self._ok(session)

    def save_if_changed(self, session: CallSession) -> None:
        """Write only when something changed since the last write (the debounce tick)."""
        # A save skipped for a lock left saved_version behind: retried here.
        if session.version != self.saved_version or self._failing:
            self.save(session)

    def finish(self, session: CallSession, status: Literal["done", "abandoned"]) -> bool:
        """Make the record final. Returns False if the store could not be written
        (then :meth:`retry_finish` tries again)."""
        self._pending = status
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
        self._pending = None
        return True

    def retry_finish(self, session: CallSession) -> bool:
        """Try again to make the record final after :meth:`finish` failed (a full
        disk with space back, a lock released). True once the record is final."""
        if self.finished:
            return True
        if self._pending is None:
            return False
        return self.finish(session, self._pending)
