"""The partner's feedback in the store: its own rows, short writes, never in the caller's way."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coach.call.feedback import Mark, PartnerFeedback
from coach.store import NothingRecorded, Store, StoreError
from coach.store.feedback import PARTNER_BUSY_TIMEOUT_MS, FeedbackWriter
from tests.test_store import snapshot


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "coach.db"


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


@pytest.fixture
def writer(db: Path, store: Store) -> Iterator[FeedbackWriter]:
    opened = FeedbackWriter(db)
    yield opened
    opened.close()


def rehearsal(store: Store, **extra: Any) -> int:
    return store.start_call({**snapshot(mode="practice"), **extra})


def test_marks_and_review_are_read_back_in_order(store: Store, writer: FeedbackWriter) -> None:
    call = rehearsal(store)
    writer.add_marks(call, [Mark("hello", "filler"), Mark("status", "strong")])
    writer.add_marks(call, [Mark("status", "rambling", "2026-03-02T10:01:00+01:00")])
    writer.set_review(call, 4, "  Clear opening.  ")
    given = store.partner_feedback([call])[call]
    assert [(m.node, m.kind) for m in given.marks] == [
        ("hello", "filler"),
        ("status", "strong"),
        ("status", "rambling"),
    ]
    assert all(m.at for m in given.marks)  # a timestamp on each
    assert given.marks[2].at == "2026-03-02T10:01:00+01:00"
    assert (given.rating, given.note) == (4, "Clear opening.")
    assert writer.feedback(call) == given
    writer.set_review(call, None, "Changed my mind")  # replaces, never adds a second review
    assert store.partner_feedback([call])[call].rating is None


def test_log_entry_has_feedback_and_keeps_the_callers_rating(
    store: Store, writer: FeedbackWriter
) -> None:
    call = rehearsal(store)
    live = store.start_call(snapshot())
    writer.add_marks(call, [Mark("hello", "filler"), Mark("hello", "strong")])
    writer.set_review(call, 2, "Too fast")
    # The caller rates it 5 after the partner rated it: neither clobbers the other.
    store.save(call, {**snapshot(mode="practice"), "rating": 5, "rating_note": "Felt good"})
    given = store.partner_feedback([call, live])
    assert list(given) == [call]
    entry = store.get(call).log_entry(given.get(call))  # type: ignore[union-attr]
    assert entry["rating"] == 5 and entry["rating_note"] == "Felt good"
    assert entry["partner_rating"] == 2 and entry["partner_note"] == "Too fast"
    assert entry["feedback"] == [
        {"node": "hello", "kind": "filler"},
        {"node": "hello", "kind": "strong"},
    ]
    plain = store.get(live).log_entry()  # type: ignore[union-attr]
    assert plain["feedback"] == [] and plain["partner_rating"] is None
    json.dumps(entry)


def test_the_writer_touches_only_rehearsals(store: Store, writer: FeedbackWriter) -> None:
    live = store.start_call(snapshot())
    with pytest.raises(StoreError, match="not a rehearsal"):
        writer.add_marks(live, [Mark("hello", "filler")])
    with pytest.raises(StoreError, match="not a rehearsal"):
        writer.set_review(live, 3, "")
    with pytest.raises(StoreError, match="no call 999"):
        writer.add_marks(999, [Mark("hello", "filler")])
    call = rehearsal(store)
    with pytest.raises(StoreError, match="unknown kind"):
        writer.add_marks(call, [Mark("hello", "cough")])
    with pytest.raises(StoreError, match="1 to 5"):
        writer.set_review(call, 6, "")
    assert store.partner_feedback([live, call]) == {}


def test_the_writer_never_creates_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "coach.db"
    with pytest.raises(NothingRecorded):
        FeedbackWriter(missing)
    assert not missing.parent.exists()


def test_a_file_from_before_feedback_reads_as_none(db: Path, store: Store) -> None:
    call = rehearsal(store)
    store.close()
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE feedback")
    conn.execute("DROP TABLE partner_reviews")
    conn.execute("DROP INDEX calls_job_decided")  # migration 5's, made after the tables
    conn.execute("DROP INDEX calls_odd_start")
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")  # migration 6's, and its table
    conn.execute("DROP TABLE changes")
    conn.execute("DROP INDEX calls_mode_started")  # migration 7's
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with Store(db, read_only=True) as reader:  # never migrates
        assert reader.partner_feedback([call]) == {}
        assert reader.get(call).log_entry()["feedback"] == []  # type: ignore[union-attr]
    Store(db).close()  # the app opening it adds the tables; the partner can mark then
    writer = FeedbackWriter(db)
    writer.add_marks(call, [Mark("hello", "strong")])
    assert writer.feedback(call).marks[0].kind == "strong"
    writer.close()


def test_long_notes_are_cut(store: Store, writer: FeedbackWriter) -> None:
    call = rehearsal(store)
    writer.set_review(call, 3, "x" * 2000)
    assert len(store.partner_feedback([call])[call].note) == 500


# -- two processes' worth of writers at once ------------------------------------


def _timed(work: Any, times: list[float], errors: list[BaseException], rounds: int) -> None:
    try:
        for n in range(rounds):
            started = time.perf_counter()
            work(n)
            times.append(time.perf_counter() - started)
    except BaseException as exc:  # reported by the test
        errors.append(exc)


def test_caller_saving_and_partner_marking_at_once_never_wait_long(db: Path) -> None:
    """The caller's recorder saves its call while the partner marks it, each with its
    own connection in its own thread: every write of both lands, none waits a second."""
    with Store(db) as setup:
        call = rehearsal(setup)
    caller = Store(db)
    partner = FeedbackWriter(db)
    caller_times: list[float] = []
    partner_times: list[float] = []
    errors: list[BaseException] = []
    base = snapshot(mode="practice")

    def save(n: int) -> None:
        caller.save(call, {**base, "notes": f"note {n} " + "x" * 500})

    def mark(n: int) -> None:
        partner.add_marks(call, [Mark(f"step{n}", ("filler", "rambling", "strong")[n % 3])])
        if n % 10 == 0:
            partner.set_review(call, 1 + n % 5, f"review {n}")

    threads = [
        threading.Thread(target=_timed, args=(save, caller_times, errors, 300)),
        threading.Thread(target=_timed, args=(mark, partner_times, errors, 300)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    caller.close()
    partner.close()
    assert errors == []
    assert len(caller_times) == len(partner_times) == 300
    assert max(caller_times) < 1.0, max(caller_times)
    assert max(partner_times) < 1.0, max(partner_times)
    with Store(db, read_only=True) as reader:
        given = reader.partner_feedback([call])[call]
        record = reader.get(call)
    assert [m.node for m in given.marks] == [f"step{n}" for n in range(300)]
    assert given.rating == 1 + 290 % 5 and given.note == "review 290"
    assert record is not None and record.call.notes.startswith("note 299 ")


def test_a_partner_write_gives_up_quickly_when_the_file_stays_locked(
    db: Path, store: Store, writer: FeedbackWriter
) -> None:
    """Another program holding the write lock for long: the partner's write fails
    after its short busy timeout (the view keeps the mark and tries again), and
    succeeds as soon as the lock is gone."""
    call = rehearsal(store)
    hog = sqlite3.connect(db, isolation_level=None)
    hog.execute("BEGIN IMMEDIATE")
    try:
        started = time.perf_counter()
        with pytest.raises(StoreError, match="locked"):
            writer.add_marks(call, [Mark("hello", "filler")])
        waited = time.perf_counter() - started
    finally:
        hog.execute("ROLLBACK")
        hog.close()
    assert PARTNER_BUSY_TIMEOUT_MS / 1000 * 0.8 <= waited < 1.0
    writer.add_marks(call, [Mark("hello", "filler")])
    given = store.partner_feedback([call])[call]
    assert given == PartnerFeedback((Mark("hello", "filler", given.marks[0].at),), None, "")


def test_coach_log_json_has_the_partners_feedback(capsys: pytest.CaptureFixture[str]) -> None:
    from coach.cli import main

    with Store() as store:  # the test's own COACH_HOME
        call = rehearsal(store)
        live = store.start_call(snapshot())
        writer = FeedbackWriter()
        writer.add_marks(call, [Mark("status", "strong"), Mark("hello", "filler")])
        writer.set_review(call, 5, "Confident")
        writer.close()
    assert main(["log", "--json"]) == 0
    entries = {e["id"]: e for e in json.loads(capsys.readouterr().out)}
    assert entries[call]["feedback"] == [
        {"node": "status", "kind": "strong"},
        {"node": "hello", "kind": "filler"},
    ]
    assert entries[call]["partner_rating"] == 5
    assert entries[call]["partner_note"] == "Confident"
    assert entries[live]["feedback"] == [] and entries[live]["partner_rating"] is None
