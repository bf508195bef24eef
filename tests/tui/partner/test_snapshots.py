"""Snapshots of the partner view with feedback: marks during the rehearsal, the
rating and note after it, at 80x24 (and the live view at 120x40).

Clocks are frozen. Update with
``pytest tests/tui/partner/test_snapshots.py --snapshot-update`` after looking.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.call.feedback import Mark
from coach.store import Store
from coach.store.feedback import FeedbackWriter
from coach.tui.partner import PartnerApp
from tests.call.practice_fixtures import small_script
from tests.tui.partner.test_partner import Clock, loader, practice

SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            break
        await pilot.pause(0.05)
    assert condition()
    await pilot.pause(0.2)


def app_on(db: Path) -> tuple[PartnerApp, Callable[[], None]]:
    """The view of a rehearsal on its second step, and what ends it (marks given)."""
    script = small_script()
    session = practice(script)
    with Store(db) as store:
        call_id = store.start_call(session.snapshot())
        session.choose(1)
        store.save(call_id, session.snapshot())

    def finish() -> None:
        session.choose(2)
        session.advance()
        with Store(db) as store:
            store.finish(call_id, session.snapshot())
        writer = FeedbackWriter(db)  # marked while it ran
        writer.add_marks(call_id, [Mark("hello", "filler"), Mark("status", "strong")])
        writer.close()

    app = PartnerApp(db_path=db, poll_seconds=0.1, load=loader(script), monotonic=Clock())
    app.FLASH_SECONDS = 0.05
    return app, finish


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_marks_during_the_rehearsal(
    tmp_path: Path, snap_compare: SnapCompare, size: tuple[int, int]
) -> None:
    app, _finish = app_on(tmp_path / "coach.db")

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: app.view is not None and app.view.node == "status")
        await pilot.press("f", "f", "s")
        await settle(pilot, lambda: not app._queue.waiting and app._flash is None)

    assert snap_compare(app, terminal_size=size, run_before=before)


def test_rating_and_note_after_it(tmp_path: Path, snap_compare: SnapCompare) -> None:
    app, finish = app_on(tmp_path / "coach.db")

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: app.view is not None)
        finish()
        await settle(pilot, lambda: app.view is not None and app.view.finished)
        await pilot.press("4", "n", *"Good pace; say the role's name", "enter")
        await settle(pilot, lambda: not app._queue.waiting)

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)
