"""What the store's errors say reads as sentences (issue 14: messages ended
with ".." when a message ending in a full stop went inside another)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coach.call.session import CallSession
from coach.script.library import resolve
from coach.store.calls import Store
from coach.store.errors import StoreError, clause, sqlite_problem
from coach.store.recorder import CallRecorder

PROBLEMS = [
    sqlite3.OperationalError("database or disk is full"),
    sqlite3.OperationalError("database is locked"),
    sqlite3.OperationalError("disk I/O error"),
    sqlite3.DatabaseError("file is not a database"),
    sqlite3.OperationalError("attempt to write a readonly database"),
]


@pytest.mark.parametrize("problem", PROBLEMS, ids=str)
def test_a_failed_save_is_said_in_sentences(tmp_path: Path, problem: sqlite3.Error) -> None:
    error = sqlite_problem(tmp_path / "coach.db", problem)
    warnings: list[str] = []

    def failing() -> Store:
        raise error

    recorder = CallRecorder(failing, warnings.append)
    recorder.start(CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"}))
    recorder.finish(CallSession(resolve("follow-up"), {}), "done")
    assert warnings
    for warning in warnings:
        assert ".." not in warning.replace("...", ""), warning
        assert warning.endswith("."), warning


def test_clause_drops_one_closing_full_stop() -> None:
    assert clause(StoreError("Free some space and try again.")) == "Free some space and try again"
    assert clause(StoreError("locked")) == "locked"
    assert clause(StoreError("wait...")) == "wait..."
