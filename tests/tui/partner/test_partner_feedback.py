"""Pilot tests of the partner's feedback in ``coach partner``: marks at the step,
a rating and a note once it is over, written to the store and only there."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from coach.call.feedback import Mark
from coach.script.model import Script
from coach.store import Store
from coach.store.feedback import FeedbackWriter
from coach.tui.partner import PartnerApp
from coach.tui.partner_feedback import MARK_HINT
from tests.call.practice_fixtures import small_script
from tests.tui.partner.test_partner import Clock, loader, practice, text


async def until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Let the app poll until ``condition`` holds (fails after ten seconds or so)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def make_app(db: Path, script: Script) -> PartnerApp:
    """The partner view polling every 0.1 s: often enough to follow, idle enough
    between polls for the pilot's key presses (it waits for an idle process)."""
    return PartnerApp(db_path=db, poll_seconds=0.1, load=loader(script), monotonic=Clock())


def footer_keys(app: PartnerApp) -> set[str]:
    """The keys the footer offers now (enabled and shown)."""
    return {
        key
        for key, active in app.screen.active_bindings.items()
        if active.enabled and active.binding.show
    }


def stored(store: Store, call_id: int) -> list[tuple[str, str]]:
    given = store.partner_feedback([call_id]).get(call_id)
    return [(m.node, m.kind) for m in given.marks] if given else []


async def test_marks_go_to_the_step_the_caller_is_on(db: Path, store: Store) -> None:
    script = small_script()
    session = practice(script)
    call_id = store.start_call(session.snapshot())
    app = make_app(db, script)
    app.FLASH_SECONDS = 60  # stays while the test reads it
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view is not None and app.view.node == "hello")
        assert text(app, "#marks") == MARK_HINT
        assert footer_keys(app) == {"f", "r", "s", "q"}
        await pilot.press("f", "f", "s")
        assert "Marked: strong point" in text(app, "#marks")
        assert "2 filler words · 1 strong point" in text(app, "#marks")
        await until(pilot, lambda: len(stored(store, call_id)) == 3)

        session.choose(1)
        saved = session.snapshot()
        store.save(call_id, saved)
        await until(pilot, lambda: app.view is not None and app.view.node == "status")
        app.FLASH_SECONDS = 0.05
        await pilot.press("r")
        await until(pilot, lambda: len(stored(store, call_id)) == 4)
        assert stored(store, call_id) == [
            ("hello", "filler"),
            ("hello", "filler"),
            ("hello", "strong"),
            ("status", "rambling"),
        ]
        # the flash passes; the count of this step stays
        await until(pilot, lambda: text(app, "#marks") == "Marked here: 1 rambling")
        # The rest of the record is untouched: the caller's snapshot is as saved.
        record = store.get(call_id)
        assert record is not None and record.snapshot == json.loads(json.dumps(saved))


async def test_rating_and_note_once_it_is_over(db: Path, store: Store) -> None:
    script = small_script()
    session = practice(script)
    call_id = store.start_call(session.snapshot())
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view is not None)
        await pilot.press("4")  # no rating while the rehearsal runs
        assert app.given.rating is None
        session.choose(1)
        session.choose(2)  # the role is filled
        session.advance()
        store.finish(call_id, {**session.snapshot(), "rating": 2})  # the caller's own rating
        await until(pilot, lambda: "Rehearsal finished" in text(app, "#result"))
        assert footer_keys(app) == {"1", "n", "q"}
        await pilot.press("f")  # no marks once it is over
        assert app.given.marks == ()
        await pilot.press("4")
        assert "4/5" in text(app, "#review")
        await pilot.press("n")
        assert isinstance(app.focused, Input)
        assert footer_keys(app) == {"escape"}  # what is typed goes to the note
        await pilot.press(*"Slow start, q fine", "enter")
        assert app.focused is None
        assert "Your note   Slow start, q fine" in text(app, "#review")
        assert app.is_running  # the q went into the note

        def reviewed() -> bool:
            given = store.partner_feedback([call_id]).get(call_id)
            return given is not None and (given.rating, given.note) == (4, "Slow start, q fine")

        await until(pilot, reviewed)
        await pilot.press("n", "backspace", "backspace", "escape")  # escape keeps it too
        await until(
            pilot, lambda: store.partner_feedback([call_id])[call_id].note == "Slow start, q fi"
        )
        entry = store.get(call_id).log_entry()
        assert entry["rating"] == 2  # the caller's rating is the caller's


async def test_a_busy_file_keeps_the_marks_until_they_can_be_written(
    db: Path, store: Store
) -> None:
    script = small_script()
    call_id = store.start_call(practice(script).snapshot())
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view is not None)
        hog = sqlite3.connect(db, isolation_level=None)
        hog.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        try:
            await pilot.press("f", "s")
            assert "1 filler word · 1 strong point" in text(app, "#marks")
            await until(pilot, lambda: app._write_warned)
            assert stored(store, call_id) == []
        finally:
            hog.execute("ROLLBACK")
            hog.close()
        await until(pilot, lambda: len(stored(store, call_id)) == 2)
        await until(pilot, lambda: not app._queue.waiting)  # the worker reports back
        assert "1 filler word · 1 strong point" in text(app, "#marks")  # shown once, not twice


async def test_marks_given_before_a_restart_are_shown(db: Path, store: Store) -> None:
    script = small_script()
    call_id = store.start_call(practice(script).snapshot())
    writer = FeedbackWriter(db)
    writer.add_marks(call_id, [Mark("hello", "strong")])
    writer.close()
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: text(app, "#marks") == "Marked here: 1 strong point")


async def test_nothing_to_mark_while_waiting(db: Path) -> None:
    app = make_app(db, small_script())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f", "4", "n")
        assert footer_keys(app) == {"q"}
        assert not isinstance(app.focused, Input)
    assert not db.exists()


async def test_a_note_after_a_rating_keeps_the_rating(db: Path, store: Store) -> None:
    """The rating is written, and no read of the store has come back since: the
    note written next must not take the rating back out."""
    script = small_script()
    session = practice(script)
    call_id = store.start_call(session.snapshot())
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view is not None)
        session.choose(1)
        session.choose(2)
        session.advance()
        store.finish(call_id, session.snapshot())
        await until(pilot, lambda: "Rehearsal finished" in text(app, "#result"))
        app._reading = True  # no more reads from here on: only what the view wrote
        await pilot.press("4")
        await until(pilot, lambda: not app._queue.waiting and not app._queue.writing)
        await pilot.press("n", *"Calm", "enter")
        await until(pilot, lambda: not app._queue.waiting and not app._queue.writing)
    given = store.partner_feedback([call_id])[call_id]
    assert (given.rating, given.note) == (4, "Calm")
