"""An unusable call record is kept aside, never deleted, and a new one starts
(issue 14): random bytes, a truncated file, another program's SQLite file, a
file from a newer Call Coach; a -wal left behind by a file moved by hand."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from coach.call.session import CallSession
from coach.cli import main
from coach.locations import database_path
from coach.script.library import resolve
from coach.store import Store
from coach.store.aside import move_orphans


def a_call() -> dict[str, object]:
    return CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"}).snapshot()


def filled(path: Path, calls: int = 50) -> None:
    with Store(path) as store:
        for _ in range(calls):
            store.start_call(a_call())
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def foreign(path: Path, kind: str) -> None:
    conn = sqlite3.connect(path)
    if kind == "unrelated tables":
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    elif kind == "a different calls table":
        conn.execute("CREATE TABLE calls (who TEXT, at TEXT)")
    elif kind == "a version and no calls":
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "kind",
    ["random bytes", "truncated", "unrelated tables", "a different calls table",
     "a version and no calls"],
)  # fmt: skip
def test_an_unusable_file_is_kept_and_a_new_one_starts(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "coach.db"
    if kind == "random bytes":
        db.write_bytes(os.urandom(20_000))
    elif kind == "truncated":
        filled(db)
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    else:
        foreign(db, kind)
    before = db.read_bytes()
    with Store(db) as store:
        assert store.moved_aside is not None
        assert store.moved_aside.read_bytes() == before  # kept exactly
        assert str(store.moved_aside) in (store.moved_notice or "")
        store.start_call(a_call())
    with Store(db) as store:
        assert len(store.calls()) == 1 and store.moved_aside is None


def test_a_wal_left_by_a_file_moved_by_hand_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    with Store(db) as store:
        store.start_call(a_call())
        # The WAL holds the call now; the user moves only the main file away.
        wal = Path(f"{db}-wal")
        assert wal.stat().st_size > 0
        db.rename(tmp_path / "moved.db")
        frames = wal.read_bytes()
    moved = move_orphans(db)
    assert [p.read_bytes() for p in moved if p.name.endswith("-wal")] == [frames]
    assert not wal.exists()
    with Store(db) as store:
        assert store.calls() == []


def test_move_orphans_leaves_a_live_file_alone(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    with Store(db) as store:
        store.start_call(a_call())
        assert move_orphans(db) == []
        assert Path(f"{db}-wal").exists()


def _open_and_write(path: str, ready: Any, report: Any) -> None:
    import traceback

    try:
        ready.wait()
        with Store(Path(path)) as store:
            store.start_call(a_call())
        report.put("ok")
    except BaseException:
        report.put(traceback.format_exc())


def test_three_instances_finding_one_damaged_file_move_it_once(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    db.write_bytes(b"not a database " * 1000)
    context = multiprocessing.get_context("spawn")
    ready, report = context.Event(), context.Queue()
    workers = [
        context.Process(target=_open_and_write, args=(str(db), ready, report)) for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    ready.set()
    outcomes = [report.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(60)
    assert outcomes == ["ok"] * 3, outcomes
    kept = sorted(p.name for p in tmp_path.iterdir() if ".unusable-" in p.name)
    assert len([name for name in kept if not name.endswith(("-wal", "-shm"))]) == 1, kept
    with Store(db) as store:
        assert len(store.calls()) == 3  # all three wrote to the one new file


def test_commands_say_where_it_went(capsys: pytest.CaptureFixture[str]) -> None:
    db = database_path()
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"junk" * 2000)
    assert main(["log"]) == 1  # a reader never moves it, and says what to do
    assert "keeps the file aside" in capsys.readouterr().err
    assert main(["job", "add", "--company", "Acme", "--position", "Analyst"]) == 0
    err = capsys.readouterr().err
    assert "could not be used: it is damaged" in err and ".unusable-" in err


@pytest.mark.parametrize("kind", ["unrelated tables", "a version and no calls"])
def test_a_reader_says_a_foreign_file_is_not_ours(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database_path()
    db.parent.mkdir(parents=True, exist_ok=True)
    foreign(db, kind)
    before = db.read_bytes()
    assert main(["log"]) == 1
    err = capsys.readouterr().err
    assert "another program" in err or "not a Call Coach database" in err
    assert "keeps the file aside" in err and "Traceback" not in err
    assert db.read_bytes() == before


def test_instances_creating_one_new_file_at_once_never_move_it_aside(tmp_path: Path) -> None:
    """A new file is never taken for someone else's: its version and tables were
    read apart, so an instance could see version 0, then the tables another
    instance had just committed, and move that instance's new record aside."""
    import threading

    for round_ in range(25):
        db = tmp_path / f"round{round_}" / "coach.db"
        db.parent.mkdir()
        barrier = threading.Barrier(4)
        moved: list[Path | None] = []

        def work(
            db: Path = db,
            barrier: threading.Barrier = barrier,
            moved: list[Path | None] = moved,
        ) -> None:
            barrier.wait()
            with Store(db) as store:
                moved.append(store.moved_aside)
                store.start_call(a_call())

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert moved == [None] * 4
        assert not [p for p in db.parent.iterdir() if ".unusable-" in p.name]
        with Store(db) as store:
            assert len(store.calls()) == 4
