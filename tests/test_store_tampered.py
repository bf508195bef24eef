"""Rows changed by hand or by another program are read as far as they make
sense: SQLite keeps whatever is written in any column (issue 14:
``duration_s='abc'`` crashed coach log, home and the resume offer)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from coach.call.session import CallSession
from coach.cli import main
from coach.locations import database_path
from coach.script.library import resolve
from coach.store import Store
from coach.store.records import number, text, whole

VALUES = {"interviewer": "Dana Lee", "position": "Analyst"}
TAMPERED = [
    ("duration_s", "abc"),
    ("duration_s", b"\x00\xff"),
    ("duration_s", "1e999"),
    ("title", 42),
    ("title", b"\xff\xfe"),
    ("dismissed", "yes"),
    ("ended_at", 3.5),
    ("outcome", 7),
    ("snapshot", "{not json"),
    ("job_id", "one"),
]


def three_calls(path: Path, column: str, value: object) -> None:
    with Store(path) as store:
        for _ in range(3):
            store.start_call(CallSession(resolve("follow-up"), VALUES).snapshot())
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"UPDATE calls SET {column} = ? WHERE id = 2", (value,))
    conn.close()


@pytest.mark.parametrize(("column", "value"), TAMPERED, ids=lambda v: repr(v)[:12])
def test_every_command_reads_a_tampered_row(
    column: str, value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    three_calls(database_path(), column, value)
    assert main(["log"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 3 and "Traceback" not in out
    assert main(["log", "--json"]) == 0
    calls = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in calls] == [3, 2, 1]
    assert main(["stats", "follow-up"]) == 0
    capsys.readouterr()
    with Store() as store:
        assert len(store.calls()) == 3
        store.interrupted()  # the resume offer reads the same rows


def test_a_limit_beyond_sqlite_is_every_call(capsys: pytest.CaptureFixture[str]) -> None:
    three_calls(database_path(), "title", "x")
    assert main(["log", "--limit", "99999999999999999999999"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_the_column_readers() -> None:
    assert [text(v) for v in (None, "a", b"\xffa", 3)] == [None, "a", "\ufffda", "3"]
    assert [number(v) for v in (None, 2, 2.5, "3", "abc", "inf", True)] == [
        None, 2.0, 2.5, 3.0, None, None, None,
    ]  # fmt: skip
    assert [whole(v) for v in (None, 4, 4.0, "5", 4.5, "x")] == [None, 4, 4, 5, None, None]
