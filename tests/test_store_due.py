"""``coach due``'s read (``due_overview``): the same next steps as from every call.

``due_overview`` keeps of each job's calls only those from the day of its
last answered call on (and its newest and oldest); the steps must be those
:func:`~coach.store.overview.jobs_overview` gives, for any store. The store
here is generated: odd timestamps (offsets across midnight, hand-edited
text, other formats), every outcome and status, running calls whose process
died, practice calls, interview dates before and after the calls, captured
dates as typed. Then migration 5's indexes are checked: used, and made for
an older file.
"""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import date, timedelta
from functools import partial
from pathlib import Path

import pytest

from coach.cli.jobdata import steps
from coach.store import Store
from coach.store.migrations import migrate_1, migrate_2, migrate_3, migrate_4
from coach.store.overview import due_overview, jobs_overview, read_jobs
from coach.store.records import utc_key

TODAY = date(2026, 3, 16)
OUTCOMES = (
    "voicemail", "no_answer", "pending", "call_back", "interview", "screening_booked",
    "offer", "rejected", "declined", "other", None,
)  # fmt: skip
STATUSES = ("done", "done", "done", "abandoned", "interrupted", "running")
OFFSETS = ("+00:00", "+01:00", "-08:00", "+05:30", "+13:00", "-11:00")
ODD_STARTS = (
    "2026-03-05T10:00:00Z",
    "2026-03-05T10:00:00.250000+01:00",
    "2026-03-05T10:00:00",
    "2026-03-05 23:30:00-05:00",
    "2026-02-30T10:00:00+00:00",
    "2026-03-05T24:00:00+00:00",
    "20260305T100000+0000",
    "yesterday",
    "",
    "2026-W10-4T10:00:00+00:00",
)
CAPTURES: tuple[dict[str, str], ...] = (
    {},
    {},
    {"decision_date": "2026-03-20"},
    {"callback_date": "2026-03-12"},
    {"callback_date": "Thursday"},
    {"decision_date": "next Friday"},
    {"decision_date": "soon"},
)


def started(rng: random.Random) -> str:
    if rng.random() < 0.04:
        return rng.choice(ODD_STARTS)
    moment = TODAY - timedelta(days=rng.randrange(0, 60))
    hour = rng.choice((0, 1, 9, 10, 22, 23))
    return f"{moment.isoformat()}T{hour:02d}:{rng.randrange(60):02d}:00{rng.choice(OFFSETS)}"


def build(db: Path, seed: int, jobs: int = 120) -> None:
    """A store of ``jobs`` jobs with 0 to 12 calls each, drawn from ``seed``."""
    rng = random.Random(seed)
    with Store(db):
        pass
    conn = sqlite3.connect(db)
    for job_id in range(1, jobs + 1):
        interview = rng.choice(
            (None, (TODAY - timedelta(days=rng.randrange(0, 70))).isoformat(), "someday")
        )
        decision = rng.choice((None, None, (TODAY + timedelta(days=rng.randrange(-20, 20)))))
        conn.execute(
            "INSERT INTO jobs (id, company, position, interview_date, decision_date, status, "
            "captured, created_at, updated_at) VALUES (?, ?, 'Analyst', ?, ?, ?, '{}', '', '')",
            (
                job_id,
                f"Company {job_id}",
                interview,
                decision.isoformat() if decision else None,
                rng.choice(("open", "open", "open", "heard", "closed")),
            ),
        )
        for _ in range(rng.randrange(0, 13)):
            start = started(rng)
            status = rng.choice(STATUSES)
            utc = utc_key(start) if rng.random() < 0.95 else rng.choice(("", "x", start))
            conn.execute(
                "INSERT INTO calls (script, title, mode, started_at, started_utc, status, "
                "outcome, job_id, captures, notes, pid, proc_marker, snapshot) "
                "VALUES ('follow-up', 'Follow-up', ?, ?, ?, ?, ?, ?, ?, '', ?, ?, '{}')",
                (
                    "practice" if rng.random() < 0.1 else "live",
                    start,
                    utc,
                    status,
                    rng.choice(OUTCOMES) if status == "done" else None,
                    job_id,
                    json.dumps(rng.choice(CAPTURES)),
                    # A running call's process is gone: it reads as interrupted.
                    2**22 + 12345 if status == "running" else None,
                    "gone" if status == "running" else None,
                ),
            )
    conn.commit()
    conn.close()


@pytest.mark.parametrize("seed", range(8))
def test_due_overview_gives_the_steps_of_every_call(tmp_path: Path, seed: int) -> None:
    db = tmp_path / "coach.db"
    build(db, seed)
    for statuses in (("open", "heard"), None):
        every = read_jobs(partial(jobs_overview, statuses=statuses), db)
        needed = read_jobs(partial(due_overview, statuses=statuses), db)
        plain = read_jobs(partial(due_overview, statuses=statuses, ends=False), db)
        assert [job for job, _ in needed] == [job for job, _ in every]
        # Fewer calls, each one of the job's own, in the same order.
        for (_, some), (_, calls) in zip(needed, every, strict=True):
            assert [c for c in calls if c in some] == some
            if calls:
                assert some[0] == calls[0] and some[-1] == calls[-1]
        assert sum(map(len, (c for _, c in needed))) < sum(map(len, (c for _, c in every)))
        for offset in range(-40, 30, 3):
            today = TODAY + timedelta(days=offset)
            for country in (None, "GB"):
                assert steps(needed, today, country) == steps(every, today, country)
            # Without a country no holidays are loaded: the ends are not needed.
            assert steps(plain, today, None) == steps(every, today, None)


def test_a_job_with_a_timestamp_sql_cannot_read_keeps_all_its_calls(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    with Store(db) as store:
        odd = store.add_job("Odd").id
        plain = store.add_job("Plain").id
    conn = sqlite3.connect(db)
    for job_id in (odd, plain):
        for day, outcome in (("01", "pending"), ("02", "pending"), ("05", "pending"), ("09", None)):
            start = f"2026-03-{day}T10:00:00+01:00"
            if job_id == odd and day == "02":
                start = "2026-03-02 10:00:00+01:00"  # a space, not a T: Python reads it
            conn.execute(
                "INSERT INTO calls (script, started_at, started_utc, status, outcome, job_id, "
                "snapshot) VALUES ('follow-up', ?, ?, ?, ?, ?, '{}')",
                (start, utc_key(start), "done" if outcome else "abandoned", outcome, job_id),
            )
    conn.commit()
    conn.close()
    by_id = {job.id: calls for job, calls in read_jobs(due_overview, db)}
    assert [c.called_on.day for c in by_id[odd]] == [9, 5, 2, 1]
    # From the last answered call's day (the 5th) on, and the oldest call.
    assert [c.called_on.day for c in by_id[plain]] == [9, 5, 1]


def test_migration_5_makes_the_indexes_and_the_read_uses_them(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN")
    for step in (migrate_1, migrate_2, migrate_3, migrate_4):
        step(conn)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("COMMIT")
    conn.close()
    before = read_jobs(due_overview, db)  # a version-4 file reads as it is (slower)
    with Store(db):
        pass
    conn = sqlite3.connect(db)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"calls_job_decided", "calls_odd_start"} <= indexes
    from coach.store.migrations import ANSWERED, CALL_DAY, ODD_START

    plans = [
        " ".join(str(r[3]) for r in conn.execute(f"EXPLAIN QUERY PLAN {query}"))
        for query in (
            f"SELECT DISTINCT job_id FROM calls WHERE {ODD_START}",
            f"SELECT max({CALL_DAY}) FROM calls WHERE job_id = 1 AND {ANSWERED}",
        )
    ]
    conn.close()
    assert "calls_odd_start" in plans[0] and "calls_job_decided" in plans[1]
    assert read_jobs(due_overview, db) == before
