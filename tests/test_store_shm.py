"""The ``-shm`` file cut short mid-call (issue 14): SQLite maps it in WAL mode,
and touching it past its new end killed the process with SIGBUS (exit 135).
Run in a child process: the old code dies there, not in pytest."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.call.session import CallSession
from coach.script.library import resolve
from coach.store import Store
from coach.store.recorder import CallRecorder

CHILD = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from coach.call.session import CallSession
    from coach.script.library import resolve
    from coach.store import Store
    from coach.store.recorder import CallRecorder

    db = Path(sys.argv[1])
    store = Store(db)
    warnings = []
    recorder = CallRecorder(lambda: store, warnings.append)
    session = CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"})
    recorder.start(session)
    os.truncate(f"{db}-shm", 0)  # another program cuts the index short
    session.set_notes("after the cut")
    recorder.save(session)
    assert not recorder.failing and warnings == [], warnings
    store.close()
    print(Store(db).get(recorder.call_id).snapshot["notes"])
    """
)


def test_a_shm_file_cut_short_mid_call_does_not_kill_the_process(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "coach.db")],
        capture_output=True,
        text=True,
        cwd=root,
        timeout=60,
    )
    assert done.returncode == 0, (done.returncode, done.stderr)
    assert done.stdout.strip() == "after the cut"


def test_a_shm_that_cannot_be_mended_keeps_the_call_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk as it is mended: the mapping is never touched (that would be
    SIGBUS), the user is told, and the next save once space is back writes it."""
    import coach.store.connection as connection

    db = tmp_path / "coach.db"
    store = Store(db)
    warnings: list[str] = []
    recorder = CallRecorder(lambda: store, warnings.append)
    session = CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"})
    recorder.start(session)
    os.truncate(f"{db}-shm", 0)

    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(connection.os, "pwrite", full)
    session.set_notes("typed while the disk was full")
    recorder.save_if_changed(session)
    assert recorder.failing and len(warnings) == 1 and "cut short" in warnings[0]
    monkeypatch.undo()
    recorder.save_if_changed(session)  # the next tick
    assert not recorder.failing
    store.close()
    record = Store(db).get(recorder.call_id or 0)
    assert record is not None and record.snapshot["notes"] == "typed while the disk was full"
