"""Migration 2 on a real version-1 file: live calls grouped into jobs, nothing lost."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.call.followup import merged_fields, prospect_key
from coach.call.snapshot import CallSnapshot
from coach.store import SCHEMA_VERSION, Store, StoreError
from coach.store.migrations import migrate_1
from coach.store.records import utc_key

ROOT = Path(__file__).resolve().parents[1]
ACME_KEY = "job:acme ltd|data analyst"


def v1_snapshot(
    started_at: str,
    values: dict[str, str],
    captures: dict[str, str],
    *,
    mode: str = "live",
    outcome: str | None = None,
    notes: str = "",
) -> dict[str, Any]:
    """A snapshot as version 1 wrote it (no ``job`` key)."""
    return {
        "version": 1,
        "script": "follow-up",
        "title": "Follow-up call",
        "script_path": None,
        "mode": mode,
        "scenario": "busy_manager" if mode == "practice" else None,
        "started_at": started_at,
        "ended_at": None,
        "duration_s": 60.0,
        "outcome": outcome,
        "finished": outcome is not None,
        "path": ["hello"],
        "values": values,
        "captures": captures,
        "checklist": {},
        "notes": notes,
        "score": None,
        "rating": None,
        "rating_note": "",
        "current": "hello",
        "return_stack": [],
        "history": [],
    }


def add_v1_call(
    conn: sqlite3.Connection,
    started_at: str,
    values: dict[str, str],
    captures: dict[str, str] | None = None,
    *,
    status: str = "done",
    outcome: str | None = None,
    mode: str = "live",
    notes: str = "",
    text: str | None = None,
    prospect: str | None = None,
) -> int:
    """One row as version 1 stored it (``text``: the snapshot column as it is, even bad)."""
    captures = captures or {}
    snap = v1_snapshot(started_at, values, captures, mode=mode, outcome=outcome, notes=notes)
    if mode == "live" and prospect is None:
        prospect = prospect_key("follow-up", merged_fields(values, captures))
    cursor = conn.execute(
        "INSERT INTO calls (script, title, mode, scenario, started_at, started_utc, ended_at, "
        "duration_s, status, outcome, prospect, follow_up, pid, proc_marker, dismissed, snapshot) "
        "VALUES ('follow-up', 'Follow-up call', ?, ?, ?, ?, NULL, 60.0, ?, ?, ?, "
        '\'{"earliest": "2026-03-02", "latest": "2026-03-03", "reason": "r"}\', '
        "NULL, NULL, 0, ?)",
        (
            mode,
            snap["scenario"],
            started_at,
            utc_key(started_at),
            status,
            outcome,
            prospect,
            text if text is not None else json.dumps(snap),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def build_v1(path: Path) -> dict[str, int]:
    """A version-1 file with old-style rows; the ids of the calls by name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    migrate_1(conn)
    acme = {"company": "Acme Ltd.", "position": "Data analyst"}
    first = {**acme, "interviewer": "Dana", "their_phone": "555 0100"}
    first["interview_date"] = "2026-01-30"
    ids = {
        "acme1": add_v1_call(
            conn,
            "2026-02-02T10:00:00+01:00",
            first,
            {"receptionist": "Lee", "decision_date": "next week"},
            outcome="pending",
            notes="Lee put me through.",
        ),
        "globex1": add_v1_call(
            conn,
            "2026-02-05T10:00:00+01:00",
            {"company": "Globex"},
            {"decision_date": "2026-02-20"},
            outcome="rejected",
        ),
        "globex2": add_v1_call(
            conn, "2026-02-06T10:00:00+01:00", {"company": "globex"}, status="abandoned"
        ),
        "pat": add_v1_call(conn, "2026-02-07T10:00:00+01:00", {"interviewer": "Pat"}),
        "nobody": add_v1_call(conn, "2026-02-08T10:00:00+01:00", {}, outcome="voicemail"),
        "practice": add_v1_call(
            conn, "2026-02-09T10:00:00+01:00", acme, mode="practice", outcome="offer"
        ),
        "acme2": add_v1_call(
            conn,
            "2026-02-10T10:00:00+01:00",
            {"company": " acme  ltd", "position": "data analyst", "interviewer": " "},
            {"direct_line": "123", "receptionist": "Lee Chan"},
            outcome="voicemail",
        ),
        "acme_bad": add_v1_call(
            conn,
            "2026-02-12T10:00:00+01:00",
            {},
            status="interrupted",
            text="{not json",
            prospect=ACME_KEY,
        ),
        "initech1": add_v1_call(
            conn, "2026-02-13T10:00:00+01:00", {"company": "Initech"}, outcome="offer"
        ),
        "initech2": add_v1_call(
            conn, "2026-02-14T10:00:00+01:00", {"company": "Initech"}, outcome="pending"
        ),
    }
    conn.execute("PRAGMA user_version = 1")
    conn.execute("COMMIT")
    conn.close()
    return ids


def table(path: Path, query: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(query)]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "coach.db"


def test_an_older_file_read_only_says_run_coach_once(db: Path) -> None:
    build_v1(db)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="older Call Coach") as info:
        Store(db, read_only=True)
    assert "Run `coach` once" in str(info.value)
    assert db.read_bytes() == before
    assert table(db, "PRAGMA user_version")[0]["user_version"] == 1


def test_live_calls_are_grouped_into_jobs_and_nothing_is_lost(db: Path) -> None:
    ids = build_v1(db)
    old_calls = table(db, "SELECT * FROM calls ORDER BY id")
    with Store(db) as store:
        jobs = store.jobs()
        by_call = {r.id: r.job for r in store.calls()}
        entries = {e["id"]: e for e in (r.log_entry() for r in store.calls())}
    assert table(db, "PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION == 7

    # Nothing lost: every row, every old column, every snapshot byte.
    new_calls = table(db, "SELECT * FROM calls ORDER BY id")
    assert len(new_calls) == len(old_calls) == 10
    for old, new in zip(old_calls, new_calls, strict=True):
        assert {k: new[k] for k in old} == old

    # One job per prospect, numbered by their first calls.
    assert [(j.company, j.position, j.interviewer) for j in jobs] == [
        ("acme  ltd", "data analyst", "Dana"),
        ("globex", "", ""),
        ("", "", "Pat"),
        ("", "", ""),
        ("Initech", "", ""),
    ]
    acme, globex, pat, nobody, initech = jobs
    assert by_call == {
        ids["acme1"]: acme.id,
        ids["acme2"]: acme.id,
        ids["acme_bad"]: acme.id,
        ids["globex1"]: globex.id,
        ids["globex2"]: globex.id,
        ids["pat"]: pat.id,
        ids["nobody"]: nobody.id,
        ids["initech1"]: initech.id,
        ids["initech2"]: initech.id,
        ids["practice"]: None,
    }

    # Filled from the newest values; a date only where one reads as a date.
    assert acme.phone == "555 0100" and acme.interview_date == date(2026, 1, 30)
    assert acme.decision_date is None
    assert dict(acme.captured) == {
        "receptionist": "Lee Chan",
        "decision_date": "next week",
        "direct_line": "123",
    }
    assert acme.created_at == "2026-02-02T10:00:00+01:00"
    assert acme.status == "open" and acme.outcome is None
    # The newest *done* call decides: a later abandoned one does not reopen it.
    assert (globex.status, globex.outcome, globex.closed_on) == (
        "closed",
        "rejected",
        date(2026, 2, 5),
    )
    assert globex.decision_date == date(2026, 2, 20)
    assert initech.status == "open"  # the offer came first, then a pending call
    assert all(j.heard_on is None and j.notes == "" for j in jobs)

    # The light columns were filled from the snapshots (the bad one reads as empty).
    light = {row["id"]: row for row in table(db, "SELECT id, captures, notes FROM calls")}
    assert json.loads(light[ids["acme1"]]["captures"]) == {
        "receptionist": "Lee",
        "decision_date": "next week",
    }
    assert light[ids["acme1"]]["notes"] == "Lee put me through."
    assert (light[ids["acme_bad"]]["captures"], light[ids["acme_bad"]]["notes"]) == ("{}", "")

    # coach log now names the job, and the bad row is still listed.
    assert entries[ids["acme_bad"]]["job"] == acme.id
    assert entries[ids["acme_bad"]]["company"] == "acme  ltd"
    assert entries[ids["practice"]]["job"] is None
    assert entries[ids["practice"]]["company"] == "Acme Ltd."


def test_migrated_jobs_list_their_calls_and_take_new_ones(db: Path) -> None:
    ids = build_v1(db)
    with Store(db) as store:
        acme = store.jobs()[0]
        overview = dict((job.id, calls) for job, calls in store.jobs_overview())
        assert [c.id for c in overview[acme.id]] == [ids["acme_bad"], ids["acme2"], ids["acme1"]]
        oldest = overview[acme.id][2]
        assert oldest.captures == {"receptionist": "Lee", "decision_date": "next week"}
        # A resumed old call keeps its job although its snapshot names none.
        record = store.get(ids["acme_bad"])
        assert record is not None and record.call.job == acme.id
        store.save(ids["acme_bad"], CallSnapshot(script="follow-up", notes="resumed"))
        assert store.get(ids["acme_bad"]).job == acme.id  # type: ignore[union-attr]
        # A new call on the same prospect, without a job, joins the migrated one.
        snap = CallSnapshot(
            script="follow-up",
            started_at="2026-03-02T10:00:00+01:00",
            values={"company": "ACME LTD", "position": "Data Analyst"},
            captures={"decision_date": "2026-03-06"},
            outcome="pending",
        )
        new = store.start_call(snap)
        store.finish(new, replace(snap, finished=True))
        assert store.get(new).job == acme.id  # type: ignore[union-attr]
        after = store.job(acme.id)
        assert after is not None and after.decision_date == date(2026, 3, 6)
        assert after.captured["direct_line"] == "123"
        assert new in {c.id for c in store.job_calls(acme.id)}


def test_migrating_is_done_once(db: Path) -> None:
    build_v1(db)
    with Store(db) as store:
        first = store.jobs_overview()
    with Store(db) as store:
        assert store.jobs_overview() == first
    with Store(db, read_only=True) as reader:
        assert reader.jobs_overview() == first
    assert len(table(db, "SELECT id FROM jobs")) == 5


OPENER = """
import sys
from pathlib import Path
from coach.store import Store
with Store(Path(sys.argv[1])) as store:
    print(len(store.jobs()))
"""


def test_two_processes_opening_an_old_file_migrate_it_once(db: Path) -> None:
    build_v1(db)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(db)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.strip() == "5"
    assert len(table(db, "SELECT id FROM jobs")) == 5
    assert table(db, "PRAGMA integrity_check")[0]["integrity_check"] == "ok"


def test_a_failing_migration_leaves_the_old_file_as_it_was(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_v1(db)
    before = table(db, "SELECT * FROM calls ORDER BY id")
    from coach.store import migrations

    def broken(*args: Any, **kwargs: Any) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "_insert_job", broken)
    with pytest.raises(StoreError):
        Store(db)
    assert table(db, "PRAGMA user_version")[0]["user_version"] == 1
    assert table(db, "SELECT * FROM calls ORDER BY id") == before
    assert table(db, "SELECT name FROM sqlite_master WHERE name = 'jobs'") == []
    monkeypatch.undo()
    with Store(db) as store:
        assert len(store.jobs()) == 5
