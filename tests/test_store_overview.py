"""The jobs' light read path (coach.store.overview) and migration 3 (the overview index)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from coach.call.jobs import Job, JobCall
from coach.call.snapshot import CallSnapshot
from coach.store import SCHEMA_VERSION, NothingRecorded, Store, StoreError
from coach.store.migrations import STEPS
from coach.store.overview import (
    CALL_COLUMNS,
    CALL_ORDER,
    JsonTexts,
    job,
    job_call_from_row,
    job_calls,
    jobs_overview,
    read_jobs,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "coach.db"


def snap(job_id: int, started_at: str, **fields: object) -> CallSnapshot:
    return CallSnapshot(
        script="follow-up",
        title="Follow-up call",
        mode="live",
        job=job_id,
        started_at=started_at,
        values={"company": "Acme"},
        **fields,  # type: ignore[arg-type]
    )


def filled(db: Path) -> tuple[int, int]:
    """Two jobs, three calls on the first (one with captures and notes); the ids."""
    with Store(db) as store:
        acme = store.add_job("Acme", "Analyst", interview_date=date(2026, 3, 2))
        globex = store.add_job("Globex")
        for day, outcome in (("03", "voicemail"), ("05", "pending"), ("09", None)):
            call_id = store.start_call(snap(acme.id, f"2026-03-{day}T10:00:00+01:00"))
            if outcome is not None:
                done = snap(
                    acme.id,
                    f"2026-03-{day}T10:00:00+01:00",
                    outcome=outcome,
                    captures={"decision_date": "2026-03-20"} if outcome == "pending" else {},
                    notes="Lee put me through." if outcome == "pending" else "",
                    finished=True,
                )
                store.finish(call_id, done, "done")
        store.close_job(globex.id, "withdrawn", today=date(2026, 3, 4))
    return acme.id, globex.id


def test_read_jobs_reads_what_the_store_reads(db: Path) -> None:
    acme, globex = filled(db)
    with Store(db, read_only=True) as store:
        expected = (store.jobs_overview(), store.jobs_overview(["open"]))
        one = (store.job(acme), store.job_calls(acme))
    assert read_jobs(lambda conn: (jobs_overview(conn), jobs_overview(conn, ["open"])), db) == (
        expected
    )
    assert read_jobs(lambda conn: (job(conn, acme), job_calls(conn, acme)), db) == one
    assert read_jobs(lambda conn: job(conn, 99), db) is None
    query = f"SELECT {CALL_COLUMNS} FROM calls"
    columns = read_jobs(lambda conn: conn.execute(query).description, db)
    assert len(columns) == len(call_row("", "")) + 2  # + pid, proc_marker
    overview = expected[0]
    assert [j.id for j, _ in overview] == [acme, globex]
    calls = overview[0][1]
    assert [c.called_on for c in calls] == [date(2026, 3, 9), date(2026, 3, 5), date(2026, 3, 3)]
    assert calls[0].status == "running" and calls[1].captures == {"decision_date": "2026-03-20"}
    assert calls[1].notes == "Lee put me through." and calls[2].captures == {}
    assert isinstance(overview[0][0], Job) and isinstance(calls[0], JobCall)


def test_home_overview_tallies_settled_jobs_and_home_shows_the_same(db: Path) -> None:
    from coach.call.agenda import LiveCalls
    from coach.tui.jobdesk import jobs_agenda

    acme, globex = filled(db)
    with Store(db) as store:
        heard = store.add_job("Initech", interview_date=date(2026, 3, 2))
        for day in ("04", "02"):
            call_id = store.start_call(snap(heard.id, f"2026-03-{day}T23:30:00-05:00"))
            done = snap(heard.id, f"2026-03-{day}T23:30:00-05:00", outcome="pending")
            store.finish(call_id, replace(done, finished=True), "done")
        store.mark_heard(heard.id, today=date(2026, 3, 7))
        none = store.add_job("Umbrella")
        store.close_job(none.id, "rejected", today=date(2026, 3, 8))
        home, full = store.home_overview(), store.jobs_overview()
    assert [j for j, _, _ in home] == [j for j, _ in full]
    assert [j.id for j, _, _ in home] == [acme, globex, heard.id, none.id]
    # Open: the calls from the day of the newest answered one (the 5th) on, as
    # `coach due` reads them; the row's tally counts every live call.
    assert home[0][1] == full[0][1][:2] and [c.called_on.day for c in full[0][1]] == [9, 5, 3]
    assert home[0][2] == LiveCalls(3, date(2026, 3, 9))
    assert full[2][0].status == "heard" and len(full[2][1]) == 2
    assert home[1][1:] == ([], LiveCalls(0, None))
    assert home[2][1:] == ([], LiveCalls(2, date(2026, 3, 4)))  # the day in its own offset
    assert home[3][1:] == ([], LiveCalls()) and LiveCalls() != LiveCalls(1, None)
    for today in (date(2026, 3, 3), date(2026, 3, 10), date(2026, 4, 1)):
        assert jobs_agenda(home, today, None) == jobs_agenda(full, today, None)
    assert len(jobs_agenda(home, date(2026, 3, 10), None).rows()) == 4


def test_home_tallies_a_call_whose_day_sql_cannot_tell_as_python_does(db: Path) -> None:
    from coach.call.agenda import LiveCalls
    from coach.tui.jobdesk import jobs_agenda

    acme, _globex = filled(db)
    with Store(db) as store:
        late = store.start_call(snap(acme, "2026-03-10T10:00:00+01:00"))
        heard = store.add_job("Initech")
        early = store.start_call(snap(heard.id, "2026-03-01T10:00:00+01:00"))
        store.mark_heard(heard.id, today=date(2026, 3, 7))
    conn = sqlite3.connect(db)
    # Blanks around it: Python still reads its day (the 12th), SQL's substr does not.
    conn.execute(
        "UPDATE calls SET started_at = ' 2026-03-12T23:30:00-05:00 ' WHERE id = ?", (late,)
    )
    conn.execute(
        "UPDATE calls SET started_at = ' 2026-02-27T09:00:00+00:00' WHERE id = ?", (early,)
    )
    conn.commit()
    conn.close()
    with Store(db) as store:
        home, full = store.home_overview(), store.jobs_overview()
    assert home[0][2] == LiveCalls(4, date(2026, 3, 12))
    assert home[2][2] == LiveCalls(1, date(2026, 2, 27))  # only odd calls: none from SQL
    for today in (date(2026, 3, 3), date(2026, 3, 13), date(2026, 4, 1)):
        assert jobs_agenda(home, today, None) == jobs_agenda(full, today, None)


def test_read_jobs_says_what_the_store_says(db: Path, tmp_path: Path) -> None:
    with pytest.raises(NothingRecorded):
        read_jobs(jobs_overview, tmp_path / "none" / "coach.db")
    filled(db)
    with pytest.raises(StoreError, match="There is no job status"):
        read_jobs(lambda conn: jobs_overview(conn, ["lost"]), db)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer Call Coach"):
        read_jobs(jobs_overview, db)
    bad = tmp_path / "bad.db"
    bad.write_text("not a database, not at all" * 100)
    with pytest.raises(StoreError, match="damaged"):
        read_jobs(jobs_overview, bad)


def call_row(started_at: str, started_utc: str, captures: str | None = None) -> tuple[object, ...]:
    """A live call's row in CALL_COLUMNS' order (no notes: NULL), without pid and marker."""
    return (1, 1, "s", "", 0, started_at, started_utc, "done", None, captures, None, None)


def test_a_call_whose_day_does_not_read_falls_back_as_before() -> None:
    cases = {
        " 2026-03-02T23:30:00-05:00 ": date(2026, 3, 2),  # blanks around: still its own day
        "yesterday": date(2026, 3, 1),  # unreadable: the UTC key's day
        "2026-03-02": date(2026, 3, 2),
    }
    for started_at, day in cases.items():
        row = (*call_row(started_at, "2026-03-01T12:00:00+00:00"), None, None)
        called = job_call_from_row(row)
        assert called.called_on == day and called.notes == "" and called.captures == {}
        assert called.mode == "live"
    assert job_call_from_row((*call_row("never", "never"), None, None)).called_on == date.min
    bad = call_row("2026-03-02T10:00:00+00:00", "", '["not", "a map"]')
    assert job_call_from_row((*bad, None, None)).captures == {}
    assert job_call_from_row((*call_row("x", "x", "{}"), None, None)).captures == {}
    running = list(call_row("2026-03-02T10:00:00+00:00", ""))
    running[4], running[7] = 1, "running"
    dead = job_call_from_row((*running, 999_999_999, "gone"))
    assert dead.status == "interrupted" and dead.mode == "practice"


def test_captures_decode_on_first_read_and_compare_by_content() -> None:
    row = call_row("2026-03-02T10:00:00+00:00", "", '{"decision_date": "2026-03-09", "x": " "}')
    captures = job_call_from_row((*row, None, None)).captures
    assert isinstance(captures, JsonTexts) and captures._data is None  # not decoded yet
    assert captures == {"decision_date": "2026-03-09"} == dict(captures)  # blanks left out
    assert captures.get("decision_date") == "2026-03-09" and captures.get("x") is None
    assert "x" not in captures and len(captures) == 1 and list(captures) == ["decision_date"]
    assert captures == JsonTexts('{"decision_date": "2026-03-09"}') != JsonTexts("{}")
    assert captures != {"decision_date": "2026-03-10"} and captures != ["decision_date"]
    assert json.loads(json.dumps(dict(captures))) == {"decision_date": "2026-03-09"}
    with pytest.raises(KeyError):
        captures["x"]
    with pytest.raises(TypeError):
        hash(captures)
    assert JsonTexts("not json") == {} and JsonTexts("[1]") == {}
    same = job_call_from_row((*row, None, None))
    assert same == job_call_from_row((*row, None, None))  # JobCalls still equal by value
    assert repr(JsonTexts('{"a": "b"}')) == "JsonTexts({'a': 'b'})"


def test_the_overview_reads_only_the_index(db: Path) -> None:
    filled(db)
    conn = sqlite3.connect(db)
    for where in ("job_id IS NOT NULL", "job_id IN (SELECT id FROM jobs WHERE status = 'open')"):
        plan = " ".join(
            row[3]
            for row in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT {CALL_COLUMNS} FROM calls WHERE {where} {CALL_ORDER}"
            )
        )
        assert "COVERING INDEX calls_job_overview" in plan and "TEMP B-TREE" not in plan
    conn.close()


def test_a_version_2_file_gets_the_overview_index(db: Path) -> None:
    db.parent.mkdir(parents=True)
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    for step in STEPS[:2]:
        step(conn)
    conn.execute(
        "INSERT INTO jobs (company, created_at, updated_at) VALUES ('Acme', '2026-03-01', '')"
    )
    conn.execute(
        "INSERT INTO calls (script, started_at, started_utc, status, outcome, job_id, "
        "captures, notes, snapshot) VALUES ('follow-up', '2026-03-02T10:00:00+01:00', "
        "'2026-03-02T09:00:00.000000+00:00', 'done', 'voicemail', 1, ?, 'hi', '{}')",
        (json.dumps({"who": "Lee"}),),
    )
    conn.execute("PRAGMA user_version = 2")
    conn.execute("COMMIT")
    conn.close()
    # Reading never migrates, and needs no index: a version-2 file reads as it is.
    before = read_jobs(jobs_overview, db)
    with Store(db, read_only=True) as reader:
        assert reader.jobs_overview() == before
    with Store(db) as store:
        overview = store.jobs_overview()
    assert read_jobs(jobs_overview, db) == overview == before
    [(acme, [called])] = overview
    assert acme.company == "Acme" and called.captures == {"who": "Lee"} and called.notes == "hi"
    conn = sqlite3.connect(db)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert version == SCHEMA_VERSION == 7
    assert "calls_job_overview" in indexes and "calls_job" not in indexes


def test_the_index_keeps_up_with_saves(db: Path) -> None:
    acme, _ = filled(db)
    with Store(db) as store:
        running = store.job_calls(acme)[0]
        store.save(running.id, snap(acme, running.started_at, notes="Asked for Lee."))
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    calls = read_jobs(lambda conn: job_calls(conn, acme), db)
    assert calls[0].notes == "Asked for Lee."


def test_recent_calls_and_rehearsals_are_read_along_an_index(db: Path) -> None:
    """Home's newest live calls and its rehearsals: the rows asked for, no sort of them all."""
    from coach.store.calllog import COLUMNS, ORDER

    filled(db)
    Store(db).close()
    conn = sqlite3.connect(db)
    for tail in (" LIMIT 8", ""):
        plan = conn.execute(
            f"EXPLAIN QUERY PLAN SELECT {COLUMNS} FROM calls WHERE mode = ? {ORDER}{tail}",
            ("live",),
        ).fetchall()
        steps = [row[-1] for row in plan]
        assert any("calls_mode_started" in step for step in steps), steps
        assert not any("TEMP B-TREE" in step for step in steps), steps
    conn.close()
