"""``coach log``'s light read (coach.store.calllog): the objects the typed records give.

:func:`~coach.store.calllog.read_log` reads the rows and snapshot dicts
without :class:`~coach.store.records.CallRecord` and
:class:`~coach.call.snapshot.CallSnapshot`; what it prints must be what
``CallRecord.log_entry`` prints, for any row: generated snapshots with
values of every wrong type, rows edited by hand, rehearsals with a partner's
marks and review, running calls whose process died, calls of a job.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from coach.store import Store, StoreError
from coach.store.calllog import NoJob, read_log
from coach.store.overview import read_jobs

ODD: tuple[Any, ...] = (None, 3, 2.5, True, "x", "", [], {}, [1, "a"], {"a": 1, "b": "c"}, -1)


def maybe(rng: random.Random, good: Any) -> Any:
    return good if rng.random() < 0.7 else rng.choice(ODD)


#: What a row edited by hand may hold in a column (NOT NULL ones: no None).
ODD_CELLS: tuple[Any, ...] = (3, 2.5, "", b"bytes \xff", "  ")


def cell(rng: random.Random, good: Any, null: bool = True) -> Any:
    if rng.random() < 0.75:
        return good
    return rng.choice((*ODD_CELLS, None) if null else ODD_CELLS)


def snapshot(rng: random.Random) -> dict[str, Any]:
    data = {
        "version": rng.choice((1, 1, 1, None, "2", 0)),
        "script": "follow-up",
        "script_path": maybe(rng, "/s/follow-up.yaml"),
        "path": maybe(rng, ["hello", 3, "ask", None]),
        "values": maybe(rng, {"company": "  Acme ", "position": "Analyst", "n": 3}),
        "captures": maybe(rng, {"company": rng.choice(("Globex", " ", "")), "when": "Fri"}),
        "checklist": maybe(rng, {"cv": 1, "notes": "", 3: True}),
        "notes": maybe(rng, "Lee said Friday"),
        "score": maybe(rng, rng.choice(({"matched": 2, "total": 3}, {"matched": 4, "total": 3}))),
        "pace": maybe(rng, {"rushed": ["hello", 1], "over_budget": "ask", "timed": 2}),
        "rating": maybe(rng, rng.choice((1, 5, 6, 0))),
        "rating_note": maybe(rng, "ok"),
    }
    return {k: v for k, v in data.items() if rng.random() < 0.95}


def build(db: Path, seed: int) -> None:
    rng = random.Random(seed)
    with Store(db) as store:
        store.add_job("Acme Ltd", "Analyst")
        store.add_job(" ", "Intern ")
    conn = sqlite3.connect(db)
    for n in range(60):
        mode = rng.choice(("live", "practice", "practice", 5, ""))
        status = rng.choice(("done", "abandoned", "interrupted", "running"))
        text = json.dumps(snapshot(rng)) if rng.random() < 0.9 else rng.choice(("[]", "{", ""))
        cursor = conn.execute(
            "INSERT INTO calls (script, title, mode, scenario, started_at, started_utc, "
            "ended_at, duration_s, status, outcome, job_id, pid, proc_marker, dismissed, snapshot) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cell(rng, "follow-up", null=False),
                cell(rng, "Follow-up call", null=False),
                mode,
                cell(rng, "busy"),
                f"2026-03-{n % 28 + 1:02d}T10:00:00+01:00",
                rng.choice((f"2026-03-{n % 28 + 1:02d}T09:00:00", "same")),
                cell(rng, "2026-03-05T10:03:00+01:00"),
                rng.choice((180, 59.5, "abc", None, "12", float("nan"))),
                status,
                cell(rng, "pending"),
                rng.choice((1, 2, None, 7)),
                2**22 + 12345 if status == "running" else None,
                "gone" if status == "running" else None,
                rng.choice((0, 1, "x")),
                text,
            ),
        )
        call_id = cursor.lastrowid
        if mode == "practice" and rng.random() < 0.6:
            for _ in range(rng.randrange(3)):
                conn.execute(
                    "INSERT INTO feedback (call_id, node, kind, at) VALUES (?, ?, ?, '')",
                    (call_id, rng.choice(("hello", "ask")), rng.choice(("filler", "strong"))),
                )
            if rng.random() < 0.5:
                conn.execute(
                    "INSERT INTO partner_reviews (call_id, rating, note, updated_at) "
                    "VALUES (?, ?, ?, '')",
                    (call_id, rng.choice((None, 4)), rng.choice(("", "good pace"))),
                )
    conn.commit()
    conn.close()


def old_log(db: Path, limit: int | None, job: int | None) -> Any:
    """What ``coach log`` printed before: the typed records' ``log_entry``."""
    with Store(db, read_only=True) as store:
        found = store.job(job) if job is not None else None
        records = store.calls(limit=limit, job=job)
        given = store.partner_feedback(r.id for r in records if r.mode == "practice")
        try:
            entries = [r.log_entry(given.get(r.id)) for r in records]
        except StoreError as exc:
            return str(exc)
        hidden = not entries and limit == 0 and bool(store.calls(limit=1, job=job))
    return found, entries, hidden


def new_log(db: Path, limit: int | None, job: int | None) -> Any:
    try:
        return read_jobs(lambda conn: read_log(conn, limit, job), db)
    except StoreError as exc:
        return str(exc)


@pytest.mark.parametrize("seed", range(6))
def test_the_light_log_prints_what_the_records_print(tmp_path: Path, seed: int) -> None:
    db = tmp_path / "coach.db"
    build(db, seed)
    for limit in (None, 0, 1, 20, 2**70):
        for job in (None, 1, 2):
            old, new = old_log(db, limit, job), new_log(db, limit, job)
            # The same JSON, key order included.
            assert json.dumps(new, default=repr) == json.dumps(old, default=repr)


def test_a_newer_snapshot_is_refused_in_the_same_words(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    with Store(db):
        pass
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO calls (script, started_at, started_utc, status, snapshot) "
        "VALUES ('s', '2026-03-02T10:00:00+01:00', 'x', 'done', ?)",
        (json.dumps({"version": 9}),),
    )
    conn.commit()
    conn.close()
    assert new_log(db, None, None) == old_log(db, None, None)
    assert "newer Call Coach" in new_log(db, None, None)


def test_a_job_that_is_not_there(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    with Store(db):
        pass
    with pytest.raises(NoJob):
        read_jobs(lambda conn: read_log(conn, None, 3), db)


def test_coach_log_never_imports_the_typed_records(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "data" / "coach.db"
    db.parent.mkdir()
    build(db, 0)
    code = (
        "import contextlib, io, os, sys\n"
        f"os.environ['COACH_HOME'] = {str(tmp_path)!r}\n"
        "from coach.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    main(['log', '--json', '--limit', '20'])\n"
        "assert out.getvalue().startswith('[')\n"
        "typed = {'dataclasses', 'coach.call.snapshot', 'coach.call.feedback',\n"
        "         'coach.store.records', 'coach.store.calls'}\n"
        "heavy = {'textual', 'rich', 'yaml'}\n"
        "print(sorted(m for m in sys.modules if m in typed or m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
