"""A full disk as the call ends (issue 14): the finish fails, the record stays
interrupted; once space is back a retry makes it final with everything typed."""

from __future__ import annotations

from pathlib import Path

from coach.call.session import CallSession
from coach.script.library import resolve
from coach.store import Store
from coach.store.recorder import CallRecorder
from tests.full_disk import full_disk


def test_a_finish_that_failed_on_a_full_disk_lands_once_space_is_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "coach.db")
    warnings: list[str] = []
    recorder = CallRecorder(lambda: store, warnings.append)
    session = CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"})
    recorder.start(session)
    with full_disk(store):
        session.set_notes("they hire in January")
        assert recorder.finish(session, "abandoned") is False
        assert recorder.retry_finish(session) is False
        assert not recorder.finished and len(warnings) == 1
        assert "disk is full" in warnings[0]
    call_id = recorder.call_id or 0
    before = store.get(call_id)
    # Still open (interrupted once this process is gone), without the new notes.
    assert before is not None and before.status == "running"
    assert before.snapshot["notes"] == ""
    assert recorder.retry_finish(session) is True
    record = store.get(call_id)
    assert record is not None and record.status == "abandoned"
    assert record.snapshot["notes"] == "they hire in January"
    assert recorder.retry_finish(session) is True  # final: nothing more to do
    store.close()


def test_retry_before_any_finish_does_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "coach.db")
    recorder = CallRecorder(lambda: store, lambda _m: None)
    session = CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"})
    recorder.start(session)
    assert recorder.retry_finish(session) is False
    assert store.get(recorder.call_id or 0).status == "running"  # type: ignore[union-attr]
    store.close()
