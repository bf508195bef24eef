"""The practice summary's honest score: first moves, pace, and the earlier runs."""

from __future__ import annotations

from coach.store import Store
from coach.tui.screens.summary import PracticeSummaryScreen
from tests.tui.conftest import FakeClock
from tests.tui.practice.scripts import screen_text
from tests.tui.practice.test_practice import SIZE, MakeApp, practice_app, to_card, walk

#: hello (its budget is 30 s, the only one) well within its budget.
STEADY: list[tuple[str, float]] = [("1", 15), ("1", 40), ("enter", 3)]


async def rehearse(make_app: MakeApp, clock: FakeClock, keys: list[tuple[str, float]]) -> str:
    app = practice_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await walk(pilot, app, clock, keys)
        assert isinstance(app.screen, PracticeSummaryScreen)
        text = screen_text(app)
        await pilot.press("q")
    return text


async def test_a_wrong_turn_undone_lowers_the_score_and_a_rush_shows(
    make_app: MakeApp, fake_clock: FakeClock, store: Store
) -> None:
    text = await rehearse(
        make_app, fake_clock, [("2", 2), ("b", 1), ("1", 2), ("1", 3), ("enter", 1)]
    )
    assert "1/2 expected moves right first time" in text
    assert "Of 1 timed step: 1 rushed (Hello)" in text
    assert "First scored run of this scenario" in text
    record = store.calls()[0]
    assert record.snapshot["score"] == {"matched": 1, "total": 2}
    assert record.log_entry()["pace"] == {
        "rushed": ["hello"],
        "over_budget": [],
        "timed": 1,
    }


async def test_the_summary_compares_with_the_last_and_the_best_run(
    make_app: MakeApp, fake_clock: FakeClock, store: Store
) -> None:
    first = await rehearse(make_app, fake_clock, STEADY)
    assert "2/2 expected moves right first time" in first
    assert "Pace     On pace" in first
    second = await rehearse(
        make_app, fake_clock, [("2", 20), ("b", 1), ("1", 10), ("1", 40), ("enter", 1)]
    )
    assert "Not as good as last time (2/2, 0 off pace)." in second
    third = await rehearse(make_app, fake_clock, STEADY)
    assert "Better than last time (1/2, 0 off pace); as good as your best (2/2" in third
