"""Another program holding the call record's write lock never freezes the
call (issue 14: about 5 s per save, saves run on the UI thread): a save gives
up after a moment, the call goes on in memory, the next tick writes it, and
the user is told only if the lock lasts."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from coach.call.session import CallSession
from coach.script.library import resolve
from coach.store import Store
from coach.store.recorder import BUSY_GRACE_S, CallRecorder


def test_a_locked_file_costs_a_save_a_moment_and_the_next_tick_writes_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "coach.db"
    store = Store(db)
    warnings: list[str] = []
    recorder = CallRecorder(lambda: store, warnings.append)
    session = CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"})
    recorder.start(session)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program takes the write lock
    try:
        session.set_notes("they hire in January")
        started = time.monotonic()
        recorder.save(session)
        assert time.monotonic() - started < 1.0  # not the store's 5 s
        assert recorder.saved_version != session.version and warnings == []
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    recorder.save_if_changed(session)  # the next tick
    assert recorder.saved_version == session.version
    assert store.get(recorder.call_id or 0).snapshot["notes"] == "they hire in January"  # type: ignore[union-attr]
    store.close()


def test_a_lock_that_lasts_is_said_once(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    store = Store(db)
    warnings: list[str] = []
    recorder = CallRecorder(lambda: store, warnings.append)
    clock = [0.0]
    recorder._now = lambda: clock[0]
    session = CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"})
    recorder.start(session)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        for tick in range(10):
            clock[0] = tick * 0.5
            session.set_notes(f"note {tick}")
            recorder.save_if_changed(session)
        assert len(warnings) == 1 and "locked by another program" in warnings[0]
        assert clock[0] >= BUSY_GRACE_S and recorder.failing
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    recorder.save_if_changed(session)
    assert not recorder.failing and recorder.saved_version == session.version
    store.close()
