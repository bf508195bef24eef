"""Snapshots of the end of a call: the summary at 60x15, 80x24, 100x30 and 140x40 in
both themes (its top, and at the small sizes its end, scrolled to), and the question
``q`` asks.

The call is on a job (company, position, interviewer), so the summary names them.
Clocks and dates are fixed. Update with
``pytest tests/tui/call/test_summary_snapshots.py --snapshot-update`` and look at
each picture before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.store import Store
from coach.tui.app import CoachApp
from tests.tui.conftest import FakeClock
from tests.tui.scripts import small_script

SIZES = [(60, 15), (80, 24), (100, 30), (140, 40)]
THEMES = ["textual-dark", "textual-light"]
VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}

SnapCompare = Callable[..., bool]
size_id = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
theme_id = pytest.mark.parametrize("theme", THEMES)


def job_app(make_app: Callable[..., CoachApp], store: Store) -> CoachApp:
    job = store.add_job(
        "Acme Ltd", "Data analyst", interviewer="Ms Lee", interview_date=date(2026, 2, 24)
    )
    return make_app(script=small_script(), values=VALUES, job=job.id)


def to_summary(theme: str, fake_clock: FakeClock, *, end: bool = False) -> Any:
    async def before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await pilot.pause()
        await pilot.press("space", "down", "space", "s")  # tick both, start
        fake_clock.now += 40
        await pilot.press("1", "tab", *"2026-03-10", "escape", "n", *"Team grows", "escape")
        fake_clock.now += 85
        await pilot.press("1", "enter")  # still deciding; finish on the end step
        if end:
            await pilot.press("end")
        await pilot.pause()

    return before


@theme_id
@size_id
def test_summary(
    size: tuple[int, int],
    theme: str,
    snap_compare: SnapCompare,
    make_app: Callable[..., CoachApp],
    store: Store,
    fake_clock: FakeClock,
) -> None:
    app = job_app(make_app, store)
    assert snap_compare(app, terminal_size=size, run_before=to_summary(theme, fake_clock))


@theme_id
@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
def test_summary_scrolled_to_its_end(
    size: tuple[int, int],
    theme: str,
    snap_compare: SnapCompare,
    make_app: Callable[..., CoachApp],
    store: Store,
    fake_clock: FakeClock,
) -> None:
    app = job_app(make_app, store)
    before = to_summary(theme, fake_clock, end=True)
    assert snap_compare(app, terminal_size=size, run_before=before)


@theme_id
@pytest.mark.parametrize("size", [(60, 15), (100, 30)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_how_did_the_call_end(
    size: tuple[int, int],
    theme: str,
    snap_compare: SnapCompare,
    make_app: Callable[..., CoachApp],
    store: Store,
) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await pilot.pause()
        await pilot.press("space", "down", "space", "s", "1", "q")
        await pilot.pause()

    assert snap_compare(job_app(make_app, store), terminal_size=size, run_before=before)
