"""The caller's practice summary shows a partner's feedback by step, as it arrives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from coach.call.feedback import Mark
from coach.store import Store
from coach.store.feedback import FeedbackWriter
from coach.tui.app import CoachApp
from coach.tui.screens.summary import PracticeSummaryScreen
from coach.tui.widgets.partner_feedback import WAITING
from tests.tui.conftest import FakeClock
from tests.tui.practice.test_practice import SIZE, practice_app, to_card, walk

MakeApp = Callable[..., CoachApp]


def panel_text(app: CoachApp) -> str:
    return str(app.screen.query_one("#partner-feedback", Static).content)


async def until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    for _ in range(100):
        if condition():
            return
        await pilot.pause(0.1)
    assert condition()


async def test_feedback_given_while_the_summary_is_open_shows_up(
    make_app: MakeApp, fake_clock: FakeClock, store: Store, tmp_path: Path
) -> None:
    app = practice_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await walk(pilot, app, fake_clock, [("1", 12), ("1", 45), ("enter", 5)])
        assert isinstance(app.screen, PracticeSummaryScreen)
        await until(pilot, lambda: WAITING in " ".join(panel_text(app).split()))
        await pilot.press("3")  # the caller's own rating
        call_id = store.calls()[0].id
        writer = FeedbackWriter(tmp_path / "coach.db")  # the partner, in another window
        writer.add_marks(
            call_id,
            [Mark("status", "filler"), Mark("hello", "strong"), Mark("status", "filler")],
        )
        writer.set_review(call_id, 4, "Good pace")
        writer.close()
        await until(pilot, lambda: "Good pace" in panel_text(app))
        lines = panel_text(app).splitlines()
        # In the order of the call's path, in words, not ids.
        hello = next(i for i, line in enumerate(lines) if line.startswith("Hello"))
        status = next(i for i, line in enumerate(lines) if line.startswith("Status"))
        assert hello < status
        assert lines[hello].endswith("1 strong point")
        assert lines[status].endswith("2 filler words")
        assert any("4/5" in line and "Their rating" in line for line in lines)
        assert "3/5" in str(app.screen.query_one("#rating", Static).content)  # still theirs
    entry = store.calls()[0].log_entry()
    assert entry["rating"] == 3
