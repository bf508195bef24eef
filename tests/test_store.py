"""The SQLite call record: migrations, write-through, crashes, sharing, bad files."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.call.nextstep import NextStep, next_step
from coach.call.snapshot import SNAPSHOT_VERSION, decode, encode
from coach.store import SCHEMA_VERSION, CallRecord, NothingRecorded, Store, StoreError
from coach.store import connection as store_module

ROOT = Path(__file__).resolve().parents[1]
HAS_PROC = Path("/proc/self/stat").exists()

LOG_FIELDS = {
    "id",
    "job",
    "company",
    "position",
    "script",
    "title",
    "mode",
    "scenario",
    "started_at",
    "ended_at",
    "duration_s",
    "status",
    "outcome",
    "path",
    "values",
    "captures",
    "checklist",
    "notes",
    "score",
    "rating",
}


def snapshot(
    *,
    script: str = "follow-up",
    mode: str = "live",
    started_at: str = "2026-03-02T10:00:00+01:00",
    outcome: str | None = None,
    values: dict[str, str] | None = None,
    captures: dict[str, str] | None = None,
    notes: str = "",
    finished: bool = False,
) -> dict[str, Any]:
    return {
        "version": 1,
        "script": script,
        "title": script.replace("-", " ").title(),
        "script_path": None,
        "mode": mode,
        "scenario": "busy_manager" if mode == "practice" else None,
        "started_at": started_at,
        "ended_at": "2026-03-02T10:04:00+01:00" if finished else None,
        "duration_s": 240.0 if finished else 12.5,
        "outcome": outcome,
        "finished": finished,
        "path": ["hello", "status", "repeat", "status"],
        "values": values if values is not None else {"company": "Acme", "position": "Analyst"},
        "captures": captures or {},
        "checklist": {"resume": True, "quiet": False},
        "notes": notes,
        "score": {"matched": 2, "total": 3} if mode == "practice" else None,
        "rating": None,
        "rating_note": "",
        "current": "status",
        "return_stack": [],
        "history": [{"kind": "choice", "src": "hello", "dst": "status", "stack": []}],
    }


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "coach.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store(db) as s:
        yield s


def finished_call(store: Store, **kwargs: Any) -> int:
    snap = snapshot(finished=True, **kwargs)
    call_id = store.start_call(snap)
    store.finish(call_id, snap)
    return call_id


# -- opening and migrations --


def test_fresh_database_is_migrated_and_in_wal_mode(db: Path) -> None:
    with Store(db):
        pass
    assert db.exists()
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        columns = {row[1] for row in conn.execute("PRAGMA table_info(calls)")}
        assert {"snapshot", "pid", "proc_marker", "dismissed", "status", "started_at"} <= columns
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(calls)")}
        assert "calls_started" in indexes
    finally:
        conn.close()


def test_default_location_follows_coach_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    with Store() as s:
        assert s.path == tmp_path / "home" / "data" / "coach.db"
    assert s.path.exists()


def test_reopening_keeps_the_data_and_the_version(db: Path) -> None:
    with Store(db) as s:
        call_id = s.start_call(snapshot(notes="first"))
    with Store(db) as s:
        record = s.get(call_id)
        assert record is not None
        assert record.snapshot["notes"] == "first"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_database_from_a_newer_version_is_kept_aside(db: Path) -> None:
    with Store(db) as s:
        s.start_call(snapshot())
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with Store(db) as s:
        assert s.calls() == []  # a new, empty record
        aside = s.moved_aside
        assert aside is not None and aside.name.startswith("coach.db.unusable-")
        assert "newer Call Coach" in (s.moved_notice or "")
        assert str(aside) in (s.moved_notice or "")
    kept = sqlite3.connect(aside)
    assert kept.execute("SELECT count(*) FROM calls").fetchone()[0] == 1
    assert kept.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    kept.close()


def test_migrations_run_from_any_older_version(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(db) as s:
        call_id = s.start_call(snapshot())

    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE calls ADD COLUMN extra TEXT DEFAULT 'x'")

    from coach.store import migrations

    monkeypatch.setattr(migrations, "STEPS", [*migrations.STEPS, add_column])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store(db) as s:
        assert s.get(call_id) is not None
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert conn.execute("SELECT extra FROM calls").fetchone()[0] == "x"
    conn.close()


def test_the_schema_version_counts_the_steps() -> None:
    from coach.store import migrations

    assert len(migrations.STEPS) == SCHEMA_VERSION
    assert [getattr(migrations, f"migrate_{n}") for n in range(1, 8)] == migrations.STEPS


# -- writing and reading back --


def test_write_through_is_visible_to_another_instance_at_once(db: Path) -> None:
    with Store(db) as writer, Store(db) as reader:
        snap = snapshot()
        call_id = writer.start_call(snap)
        record = reader.get(call_id)
        assert record is not None
        assert record.status == "running"
        assert record.snapshot == snap
        snap["notes"] = "They will decide on Friday."
        snap["captures"] = {"decision_date": "2026-03-06"}
        writer.save(call_id, snap)
        record = reader.get(call_id)
        assert record is not None
        assert record.snapshot == snap


def test_finish_makes_the_record_final(store: Store) -> None:
    snap = snapshot()
    call_id = store.start_call(snap)
    done = snapshot(finished=True, outcome="pending", captures={"decision_date": "2026-03-06"})
    store.finish(call_id, done)
    record = store.get(call_id)
    assert record is not None
    assert record.status == "done"
    assert record.outcome == "pending"
    assert record.ended_at == "2026-03-02T10:04:00+01:00"
    assert record.duration_s == 240.0
    assert record.snapshot == done
    assert record.job is not None
    assert next_step_of(store, record.job, date(2026, 3, 2)).earliest == date(2026, 3, 9)


def test_abandoned_call(store: Store) -> None:
    call_id = store.start_call(snapshot())
    store.finish(call_id, snapshot(), status="abandoned")
    record = store.get(call_id)
    assert record is not None
    assert record.status == "abandoned"
    assert store.interrupted() == []


def test_bad_arguments_raise_store_error(store: Store) -> None:
    call_id = store.start_call(snapshot())
    with pytest.raises(StoreError, match="done or abandoned"):
        store.finish(call_id, snapshot(), status="interrupted")
    with pytest.raises(StoreError, match="not in"):
        store.save(call_id + 100, snapshot())
    bad = snapshot()
    bad["notes"] = object()
    with pytest.raises(StoreError, match="JSON"):
        store.save(call_id, bad)
    assert store.get(call_id + 100) is None
    with pytest.raises(StoreError):
        store.resume(call_id + 100)
    with pytest.raises(StoreError):
        store.dismiss(call_id + 100)


def test_closed_store_raises_store_error(db: Path) -> None:
    s = Store(db)
    s.close()
    s.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        s.calls()


def test_log_entry_has_every_documented_field(store: Store) -> None:
    live = finished_call(store, outcome="pending")
    practice = finished_call(store, mode="practice", outcome="pending")
    live_entry = store.get(live).log_entry()  # type: ignore[union-attr]
    practice_entry = store.get(practice).log_entry()  # type: ignore[union-attr]
    for entry in (live_entry, practice_entry):
        assert set(entry) >= LOG_FIELDS
        json.dumps(entry)  # JSON-able
    assert live_entry["path"] == ["hello", "status", "repeat", "status"]
    assert live_entry["checklist"] == {"resume": True, "quiet": False}
    assert live_entry["status"] == "done"
    assert live_entry["job"] is not None and live_entry["company"] == "Acme"
    assert practice_entry["mode"] == "practice"
    assert practice_entry["scenario"] == "busy_manager"
    assert practice_entry["score"] == {"matched": 2, "total": 3}
    assert practice_entry["job"] is None


# -- listing --


def test_calls_are_newest_first_with_limit_and_filters(store: Store) -> None:
    a = store.start_call(snapshot(started_at="2026-03-01T09:00:00+01:00"))
    b = store.start_call(snapshot(started_at="2026-03-03T09:00:00+01:00", mode="practice"))
    # Written earlier than ``b`` but later in time than ``a``; inserted last.
    c = store.start_call(snapshot(started_at="2026-03-02T09:00:00+01:00", script="other"))
    # Half an hour after ``b`` (08:00 UTC), though its text sorts before it.
    d = store.start_call(snapshot(started_at="2026-03-03T08:30:00+00:00"))
    assert [r.id for r in store.calls()] == [d, b, c, a]
    assert [r.id for r in store.calls(limit=2)] == [d, b]
    assert [r.id for r in store.calls(mode="practice")] == [b]
    assert [r.id for r in store.calls(mode="live")] == [d, c, a]
    assert [r.id for r in store.calls(script="other")] == [c]
    assert store.calls(limit=0) == []
    assert all(isinstance(r, CallRecord) for r in store.calls())


# -- sharing the file --


def test_two_instances_writing_from_threads(db: Path) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            with Store(db) as s:
                for i in range(40):
                    snap = snapshot(notes=f"{n}-{i}")
                    call_id = s.start_call(snap)
                    s.save(call_id, snap)
                    s.finish(call_id, snapshot(finished=True, outcome="pending"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(db) as s:
        assert len(s.calls()) == 80
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


WORKER = """
import json, sys
from pathlib import Path
from coach.store import Store
path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
snap = json.loads(sys.argv[4])
with Store(path) as store:
    for i in range(count):
        snap["notes"] = f"{tag}-{i}"
        call_id = store.start_call(snap)
        for j in range(5):
            snap["notes"] += "."
            store.save(call_id, snap)
        store.finish(call_id, snap)
        store.calls(limit=5)
print("ok")
"""


def run_python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_at_once(db: Path) -> None:
    # No database yet: the processes also race to create and migrate it.
    snap = json.dumps(snapshot())
    procs = [run_python(WORKER, str(db), tag, "30", snap) for tag in ("a", "b", "c")]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "ok"
    with Store(db) as s:
        records = s.calls()
    assert len(records) == 90
    assert {r.status for r in records} == {"done"}
    notes = sorted(r.snapshot["notes"] for r in records)
    assert notes[0] == "a-0....." and notes[-1] == "c-9....."
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


# -- crashes and resuming --

CRASHER = """
import json, sys, time
from pathlib import Path
from coach.store import Store
store = Store(Path(sys.argv[1]))
snap = json.loads(sys.argv[2])
call_id = store.start_call(snap)
snap["notes"] = "written just before the crash"
snap["captures"] = {"decision_date": "2026-03-06"}
store.save(call_id, snap)
print(call_id, flush=True)
time.sleep(120)
"""


def crash_a_call(db: Path) -> int:
    proc = run_python(CRASHER, str(db), json.dumps(snapshot()))
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip(), proc.stderr.read() if proc.stderr else ""
        call_id = int(line)
        with Store(db) as s:
            record = s.get(call_id)
            assert record is not None and record.status == "running"
            assert call_id not in [r.id for r in s.interrupted()]
    finally:
        proc.kill()  # SIGKILL: no cleanup runs in the child
        proc.communicate()
    return call_id


def test_killed_process_leaves_an_interrupted_call(db: Path) -> None:
    call_id = crash_a_call(db)
    with Store(db) as s:
        interrupted = s.interrupted()
        assert [r.id for r in interrupted] == [call_id]
        record = interrupted[0]
        assert record.status == "interrupted"
        assert record.snapshot["notes"] == "written just before the crash"
        assert record.snapshot["captures"] == {"decision_date": "2026-03-06"}
        assert record.snapshot["path"] == ["hello", "status", "repeat", "status"]
        assert [r.status for r in s.calls()] == ["interrupted"]
        assert s.interrupted()[0].id == call_id  # offered again until resumed or dismissed


def test_dead_running_call_reads_as_interrupted_in_the_log(db: Path) -> None:
    call_id = crash_a_call(db)
    with Store(db) as s:
        record = s.get(call_id)
        assert record is not None and record.status == "interrupted"
        assert s.calls()[0].log_entry()["status"] == "interrupted"


def test_own_running_call_is_not_interrupted(store: Store) -> None:
    call_id = store.start_call(snapshot())
    assert store.interrupted() == []
    assert store.calls()[0].status == "running"
    assert store.resume(call_id).status == "running"  # already ours: harmless


@pytest.mark.skipif(not HAS_PROC, reason="needs /proc to tell processes apart")
def test_reused_pid_is_not_mistaken_for_the_call_process(store: Store, db: Path) -> None:
    call_id = store.start_call(snapshot())
    conn = sqlite3.connect(db)
    # The recorded process had our pid but started at another time.
    conn.execute("UPDATE calls SET proc_marker = 'another-boot:1' WHERE id = ?", (call_id,))
    conn.commit()
    conn.close()
    assert [r.id for r in store.interrupted()] == [call_id]


def test_resume_takes_the_call_over(db: Path) -> None:
    call_id = crash_a_call(db)
    with Store(db) as s:
        record = s.resume(call_id)
        assert record.status == "running"
        assert record.snapshot["notes"] == "written just before the crash"
        assert s.interrupted() == []
        assert s.calls()[0].status == "running"
        s.finish(call_id, snapshot(finished=True, outcome="pending"))
        with pytest.raises(StoreError, match="already done"):
            s.resume(call_id)


def test_call_running_in_another_live_process_cannot_be_resumed(db: Path) -> None:
    proc = run_python(CRASHER, str(db), json.dumps(snapshot()))
    try:
        assert proc.stdout is not None
        call_id = int(proc.stdout.readline())
        with Store(db) as s:
            with pytest.raises(StoreError, match="another Call Coach window"):
                s.resume(call_id)
            with pytest.raises(StoreError, match="still open"):
                s.dismiss(call_id)
    finally:
        proc.kill()
        proc.communicate()


def test_dismissed_call_is_never_offered_again(db: Path) -> None:
    first = crash_a_call(db)
    second = crash_a_call(db)
    with Store(db) as s:
        assert [r.id for r in s.interrupted()] == [second, first]
        s.dismiss(first)
        assert [r.id for r in s.interrupted()] == [second]
        record = s.get(first)
        assert record is not None
        assert record.status == "interrupted" and record.dismissed
    with Store(db) as s:
        assert [r.id for r in s.interrupted()] == [second]


# -- bad files --


def test_a_corrupt_file_is_kept_aside_and_a_new_one_starts(db: Path) -> None:
    db.parent.mkdir(parents=True)
    junk = b"This is certainly not an SQLite database.\n" * 100
    db.write_bytes(junk)
    with Store(db) as s:
        s.start_call(snapshot())
        aside = s.moved_aside
        assert aside is not None and aside.read_bytes() == junk
        assert "damaged" in (s.moved_notice or "")
    with Store(db) as s:
        assert len(s.calls()) == 1 and s.moved_aside is None


def test_a_read_only_reader_says_what_to_do_with_a_corrupt_file(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"x" * 5000)
    with pytest.raises(StoreError) as info:
        Store(db, read_only=True)
    message = str(info.value)
    assert str(db) in message and "not a Call Coach database" in message
    assert "keeps the file aside" in message
    assert db.read_bytes() == b"x" * 5000  # a reader never moves it


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot create the folder"):
        Store(blocker / "data" / "coach.db")


@contextmanager
def as_unprivileged() -> Iterator[None]:
    """Run the block without root's power to write anything (or as ourselves)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)  # nobody
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged user can read (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="coach-store-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        path.chmod(0o755)
        shutil.rmtree(path)


def test_read_only_file_gives_a_clear_error(shared_dir: Path) -> None:
    db = shared_dir / "coach.db"
    with Store(db) as s:
        s.start_call(snapshot())
    db.chmod(0o444)
    with as_unprivileged(), pytest.raises(StoreError) as info:
        Store(db)
    message = str(info.value)
    assert str(db) in message
    assert "read-only" in message
    assert "COACH_HOME" in message


def test_read_only_folder_gives_a_clear_error(shared_dir: Path) -> None:
    shared_dir.chmod(0o555)
    db = shared_dir / "coach.db"
    with as_unprivileged(), pytest.raises(StoreError) as info:
        Store(db)
    message = str(info.value)
    assert str(db) in message
    assert "folder" in message and "read-only" in message


def test_full_disk_gives_a_clear_error_and_keeps_the_last_save(store: Store) -> None:
    call_id = store.start_call(snapshot(notes="safe"))
    conn = store._conn
    assert conn is not None
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StoreError, match="disk is full"):
        store.save(call_id, snapshot(notes="x" * 200_000))
    record = store.get(call_id)
    assert record is not None and record.snapshot["notes"] == "safe"


def test_locked_database_gives_a_clear_error(db: Path) -> None:
    with Store(db):
        pass
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store(db, busy_timeout_ms=50) as s, pytest.raises(StoreError, match="locked"):
            s.start_call(snapshot())
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# -- follow-ups: each live call joins its job, whose next step the rules decide --


def next_step_of(store: Store, job_id: int, today: date) -> NextStep:
    job = store.job(job_id)
    assert job is not None
    return next_step(job, store.job_calls(job_id), today)


def test_practice_calls_never_make_or_touch_a_job(store: Store) -> None:
    finished_call(store, mode="practice", outcome="pending")
    assert store.jobs() == []
    live = finished_call(store, outcome="pending")
    [job] = store.jobs()
    assert job.label == "Acme, Analyst"
    assert [c.id for c in store.job_calls(job.id)] == [live]


def test_a_decision_date_captured_opens_the_window_after_it(store: Store) -> None:
    call_id = finished_call(store, outcome="pending", captures={"decision_date": "2026-03-06"})
    job_id = store.get(call_id).job  # type: ignore[union-attr]
    assert job_id is not None
    step = next_step_of(store, job_id, date(2026, 3, 6))
    assert (step.earliest, step.latest) == (date(2026, 3, 9), date(2026, 3, 10))
    assert not step.is_due(date(2026, 3, 6)) and step.is_due(date(2026, 3, 9))
    assert next_step_of(store, job_id, date(2026, 4, 1)).is_overdue(date(2026, 4, 1))


def test_the_latest_live_call_of_a_job_counts(store: Store) -> None:
    finished_call(store, outcome="pending", started_at="2026-03-02T10:00:00+01:00")
    rejected = finished_call(
        store,
        outcome="rejected",
        started_at="2026-03-09T10:00:00+01:00",
        values={"company": "ACME", "position": "analyst "},
    )
    job_id = store.get(rejected).job  # type: ignore[union-attr]
    assert job_id is not None and len(store.job_calls(job_id)) == 2  # one prospect, one job
    assert next_step_of(store, job_id, date(2026, 4, 1)).action == "none"
    other = finished_call(
        store, outcome="pending", values={"company": "Globex", "position": "Analyst"}
    )
    # A practice call after it changes nothing.
    finished_call(store, mode="practice", outcome="offer", started_at="2026-03-10T10:00:00+01:00")
    other_job = store.get(other).job  # type: ignore[union-attr]
    assert other_job not in (None, job_id)
    assert [job.status for job in store.jobs()] == ["closed", "open"]


def test_two_unanswered_calls_suggest_email(store: Store) -> None:
    first = finished_call(store, outcome="voicemail", started_at="2026-03-05T10:00:00+01:00")
    job_id = store.get(first).job  # type: ignore[union-attr]
    assert job_id is not None
    assert next_step_of(store, job_id, date(2026, 3, 9)).action == "call"
    finished_call(store, outcome="no_answer", started_at="2026-03-09T10:00:00+01:00")
    assert next_step_of(store, job_id, date(2026, 3, 11)).action == "email"


def test_a_running_call_has_no_job_until_it_finishes(store: Store) -> None:
    running = store.start_call(snapshot(outcome="pending"))
    assert store.get(running).job is None  # type: ignore[union-attr]
    assert store.jobs() == []


# -- read-only mode (coach partner) --


def _fake_dead_running_call(db: Path) -> int:
    """A running call whose process is gone (a pid that cannot exist)."""
    with Store(db) as s:
        call_id = s.start_call(snapshot(mode="practice"))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE calls SET pid = 999999999, proc_marker = 'gone' WHERE id = ?", (call_id,))
    conn.commit()
    conn.close()
    return call_id


def _status_column(db: Path, call_id: int) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("SELECT status FROM calls WHERE id = ?", (call_id,)).fetchone()[0])
    finally:
        conn.close()


def test_read_only_store_reads_what_a_writer_saves(db: Path) -> None:
    with Store(db) as writer, Store(db, read_only=True) as reader:
        call_id = writer.start_call(snapshot(mode="practice"))
        assert [r.id for r in reader.calls(mode="practice")] == [call_id]
        moved = snapshot(mode="practice")
        moved["current"] = "thanks"
        writer.save(call_id, moved)
        record = reader.get(call_id)
        assert record is not None and record.snapshot["current"] == "thanks"
        assert record.status == "running"


def test_read_only_store_reports_a_dead_call_without_updating_it(db: Path) -> None:
    call_id = _fake_dead_running_call(db)
    with Store(db, read_only=True) as reader:
        assert [r.status for r in reader.calls()] == ["interrupted"]
        assert [r.id for r in reader.interrupted()] == [call_id]
    assert _status_column(db, call_id) == "running"  # the row itself was not touched


def test_read_only_store_refuses_every_write(db: Path) -> None:
    with Store(db) as writer:
        call_id = writer.start_call(snapshot())
    before = db.read_bytes()
    with Store(db, read_only=True) as reader:
        attempts = [
            lambda: reader.start_call(snapshot()),
            lambda: reader.save(call_id, snapshot()),
            lambda: reader.finish(call_id, snapshot(finished=True)),
            lambda: reader.resume(call_id),
            lambda: reader.dismiss(call_id),
        ]
        for attempt in attempts:
            with pytest.raises(StoreError, match="read-only"):
                attempt()
    with Store(db) as s:
        assert [r.status for r in s.calls()] == ["running"]
    assert db.read_bytes() == before


def test_read_only_store_never_creates_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "coach.db"
    with pytest.raises(StoreError, match="no call record"):
        Store(missing, read_only=True)
    assert not missing.exists() and not missing.parent.exists()


def test_read_only_store_runs_no_migrations(db: Path) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE other (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        Store(db, read_only=True)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "calls" not in tables
    finally:
        conn.close()


def test_read_only_store_refuses_a_newer_version(db: Path) -> None:
    with Store(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer Call Coach"):
        Store(db, read_only=True)


def test_read_only_store_on_a_damaged_file(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="damaged"):
        Store(db, read_only=True)


# -- the one way to open, rows by name, typed snapshots --


def test_read_only_store_on_no_file_says_nothing_is_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    with pytest.raises(NothingRecorded):
        Store(read_only=True)
    assert not (tmp_path / "home").exists()
    with Store() as writer:
        writer.start_call(snapshot())
    with Store(read_only=True) as reader:
        assert reader.path == tmp_path / "home" / "data" / "coach.db"
        assert len(reader.calls()) == 1


def test_a_typed_snapshot_is_stored_as_its_encoding(store: Store) -> None:
    typed = decode(snapshot(notes="typed"))
    call_id = store.start_call(typed)
    record = store.get(call_id)
    assert record is not None
    assert record.snapshot == encode(typed)
    assert record.call == typed
    assert record.fields == {"company": "Acme", "position": "Analyst"}


def _newer(snap: dict[str, Any]) -> dict[str, Any]:
    return {**snap, "version": SNAPSHOT_VERSION + 1}


def test_a_call_from_a_newer_version_is_listed_but_not_read(db: Path) -> None:
    with Store(db) as s:
        call_id = s.start_call(snapshot())
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE calls SET snapshot = ?, pid = 999999999, proc_marker = 'gone' WHERE id = ?",
        (json.dumps(_newer(snapshot())), call_id),
    )
    conn.commit()
    conn.close()
    with Store(db) as s:
        [record] = s.calls()
        assert record.status == "interrupted" and not record.readable()
        with pytest.raises(StoreError, match=f"Call {call_id} cannot be read: .*newer Call Coach"):
            record.log_entry()
        assert s.interrupted() == []  # this version could not resume it
        with pytest.raises(StoreError, match="Update Call Coach"):
            s.resume(call_id)
        assert s.get(call_id).status == "interrupted"  # type: ignore[union-attr]
        with pytest.raises(StoreError, match="newer Call Coach"):
            s.save(call_id, _newer(snapshot()))


def test_the_store_imports_no_textual() -> None:
    code = (
        "import sys, coach.store, coach.store.recorder;"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_listing_calls_leaves_the_snapshot_format_until_one_is_read(tmp_path: Path) -> None:
    """Home lists calls and jobs without the snapshot format or the partners' feedback
    (their dataclasses were 10 ms of its start-up); a record's ``call`` brings them."""
    with Store(tmp_path / "coach.db") as s:
        s.finish(s.start_call(snapshot()), snapshot(), "done")
    code = (
        "import sys\n"
        "from coach.store import Store\n"
        f"s = Store({str(tmp_path / 'coach.db')!r})\n"
        "records = s.calls(mode='live', limit=8)\n"
        "s.home_overview()\n"
        "typed = ('coach.call.snapshot', 'coach.call.feedback')\n"
        "print(sorted(m for m in typed if m in sys.modules))\n"
        "assert records[0].call.script\n"
        "print(sorted(m for m in typed if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["[]", "['coach.call.snapshot']"]
