"""Home and the resume offer on a store with a row changed by hand (issue 14:
``duration_s='abc'`` showed a Textual traceback with other calls' data)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.call.session import CallSession
from coach.script.library import resolve
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen


@pytest.mark.parametrize(("column", "value"), [("duration_s", "abc"), ("title", 42)])
async def test_home_shows_the_calls_of_a_tampered_store(
    make_app: Callable[..., CoachApp],
    store: Store,
    tmp_path: Path,
    column: str,
    value: object,
) -> None:
    for _ in range(2):
        store.start_call(CallSession(resolve("follow-up"), {"interviewer": "Dana Lee"}).snapshot())
    conn = sqlite3.connect(tmp_path / "coach.db")
    with conn:
        conn.execute(f"UPDATE calls SET {column} = ?, pid = NULL WHERE id = 1", (value,))
    conn.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert app.return_code is None  # no crash
        assert isinstance(app.screen, HomeScreen) or app.screen.is_modal
