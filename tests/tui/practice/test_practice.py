"""Pilot tests of practice mode: partner card, hidden/solo partner lines, score, rating."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from coach.call.practice import PracticeError
from coach.call.rehearsal import rehearsal_line
from coach.call.stats import script_stats
from coach.store import Store
from coach.store.rehearsals import pick_scenario
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.screens.details import DetailsScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.partner_card import PartnerCardScreen
from coach.tui.screens.prep import PrepScreen
from coach.tui.screens.summary import PracticeSummaryScreen
from tests.tui.conftest import FakeClock, library_of
from tests.tui.practice.scripts import VALUES, practice_script, screen_text

SIZE = (100, 30)
MakeApp = Callable[..., CoachApp]


def practice_app(
    make_app: MakeApp, scenario_id: str | None = "reached", **kwargs: object
) -> CoachApp:
    script = practice_script()
    scenario = script.scenario(scenario_id) if scenario_id else None
    return make_app(
        script=script,
        values=VALUES,
        mode="practice",
        scenario=scenario,
        library=library_of(script),
        **kwargs,
    )


async def to_card(pilot: Pilot[Any], app: CoachApp) -> None:
    await pilot.pause()
    assert isinstance(app.screen, PrepScreen)
    await pilot.press("s", "y")
    await pilot.pause()
    assert isinstance(app.screen, PartnerCardScreen)


async def test_card_shows_brief_and_partner_lines_and_enter_hides_it(make_app: MakeApp) -> None:
    app = practice_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        text = screen_text(app)
        assert "Hand this screen to your partner" in text
        assert "You reach the interviewer" in text
        assert "You are Ms Lee, hiring for the Analyst role." in text  # values filled in
        assert "Answer as Ms Lee, a little rushed." in text
        assert "Say the Analyst decision is still open." in text
        assert "steer toward: Ms Lee is on the line" in text
        assert "steer toward: Still deciding" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert app.screen.sub_title == "practice: You reach the interviewer"
        text = screen_text(app)
        assert "Hello, this is Sam" in text
        # The caller never sees the partner's lines or the expected move.
        assert "rushed" not in text and "steer toward" not in text
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "I interviewed for the Analyst role" in text
        assert "decision is still open" not in text


async def test_card_escape_goes_back_to_the_checklist(make_app: MakeApp) -> None:
    app = practice_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)


async def test_solo_shows_what_they_say_at_each_step(make_app: MakeApp) -> None:
    app = practice_app(make_app, solo=True)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        assert "the app plays the other side" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.sub_title == "practice (solo): scenario hidden until the summary"
        text = screen_text(app)
        assert "They say" in text and "Answer as Ms Lee, a little rushed." in text
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "Say the Analyst decision is still open." in text
        assert "rushed" not in text
        await pilot.press("1")  # thanks: an end node without a partner line
        await pilot.pause()
        assert "They say" not in screen_text(app)


async def walk(
    pilot: Pilot[Any], app: CoachApp, clock: FakeClock, keys: list[tuple[str, float]]
) -> None:
    """Press each key after spending ``seconds`` on the step it leaves."""
    await pilot.press("enter")
    await pilot.pause()
    for key, seconds in keys:
        clock.now += seconds
        await pilot.press(key)
        await pilot.pause()


async def test_summary_scores_an_expected_walk_and_marks_the_slowest_step(
    make_app: MakeApp, fake_clock: FakeClock, store: Store
) -> None:
    app = practice_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await walk(pilot, app, fake_clock, [("1", 12), ("1", 45), ("enter", 5)])
        screen = app.screen
        assert isinstance(screen, PracticeSummaryScreen)
        text = screen_text(app)
        assert "2/2 expected moves right first time" in text
        lines = text.splitlines()
        assert "Next follow-up" not in text  # no follow-up window for practice
        marked = [line for line in lines if "slowest" in line]
        assert len(marked) == 1 and "Status" in marked[0] and "0:45" in marked[0]
    record = store.calls()[0]
    assert (record.mode, record.scenario, record.status) == ("practice", "reached", "done")
    assert record.snapshot["score"] == {"matched": 2, "total": 2}
    assert record.job is None and store.jobs() == []  # a rehearsal never touches a job


async def test_enter_pressed_once_too_often_keeps_the_practice_summary(
    make_app: MakeApp, fake_clock: FakeClock
) -> None:
    app = practice_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await walk(pilot, app, fake_clock, [("2", 4), ("enter", 3), ("enter", 0)])
        assert isinstance(app.screen, PracticeSummaryScreen)
        assert app.return_code is None
        await pilot.press("q")
    assert app.return_code == 0


async def test_summary_scores_a_walk_that_deviates(
    make_app: MakeApp, fake_clock: FakeClock, store: Store
) -> None:
    app = practice_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await walk(pilot, app, fake_clock, [("2", 40), ("enter", 3)])  # voicemail
        assert isinstance(app.screen, PracticeSummaryScreen)
        text = screen_text(app)
        assert "0/2 expected moves right first time" in text
        assert "Left a voicemail" in text
        marked = [line for line in text.splitlines() if "slowest" in line]
        assert len(marked) == 1 and "Hello" in marked[0]
        assert "over budget" in marked[0]  # hello's budget is 30 s
    assert store.calls()[0].snapshot["score"] == {"matched": 0, "total": 2}


async def test_rating_keys_and_note_are_stored_at_once(
    make_app: MakeApp, fake_clock: FakeClock, store: Store, tmp_path: Path
) -> None:
    app = practice_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await walk(pilot, app, fake_clock, [("1", 2), ("1", 2), ("enter", 2)])
        assert isinstance(app.screen, PracticeSummaryScreen)
        with Store(tmp_path / "coach.db", read_only=True) as reader:
            for key in "52":
                await pilot.press(key)
                await pilot.pause()
                record = reader.calls()[0]
                assert record.snapshot["rating"] == int(key)
                assert record.status == "done"
            await pilot.press("n", *"slow start", "escape")
            await pilot.pause()
            assert reader.calls()[0].snapshot["rating_note"] == "slow start"
            await pilot.press("tab", "backspace", *"!", "enter")
            await pilot.pause()
            assert reader.calls()[0].snapshot["rating_note"] == "slow star!"
            await pilot.press("3")  # digits rate again once the field is left
            await pilot.pause()
            entry = reader.calls()[0].log_entry()
            assert (entry["rating"], entry["rating_note"]) == (3, "slow star!")
        assert "3/5" in screen_text(app)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_free_rehearsal_for_a_script_without_scenarios(
    make_app: MakeApp, fake_clock: FakeClock, store: Store
) -> None:
    script = practice_script()._replace(scenarios=())
    pick = pick_scenario(script, store=store)
    assert pick.scenario is None and "free rehearsal" in pick.messages[0]
    app = make_app(script=script, values=VALUES, mode="practice", scenario=None)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        assert "Free rehearsal" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.sub_title == "practice: free rehearsal"
        for key in ("1", "1", "enter"):
            fake_clock.now += 1
            await pilot.press(key)
            await pilot.pause()
        assert "Free rehearsal: no score" in screen_text(app)
    record = store.calls()[0]
    assert (record.mode, record.scenario, record.snapshot["score"]) == ("practice", None, None)


def finished_practice(store: Store, scenario: str, rating: int | None = None) -> None:
    snap = {
        "script": "small",
        "title": "Follow-up call",
        "mode": "practice",
        "scenario": scenario,
        "started_at": "2026-03-01T10:00:00+00:00",
        "finished": True,
        "rating": rating,
        "steps": [{"node": "hello", "seconds": 3.0}],
    }
    call_id = store.start_call(snap)
    store.finish(call_id, snap)


def test_least_rehearsed_scenario_is_picked(store: Store) -> None:
    script = practice_script()
    assert pick_scenario(script, store=store, seed=1).scenario is not None
    finished_practice(store, "reached", 5)
    assert pick_scenario(script, store=store, seed=1).scenario.id == "vm"  # type: ignore[union-attr]
    finished_practice(store, "vm", 2)
    finished_practice(store, "vm", 2)
    finished_practice(store, "reached", 5)
    # Both twice: the lower average rating goes first.
    assert pick_scenario(script, store=store, seed=7).scenario.id == "vm"  # type: ignore[union-attr]


def test_named_scenario_and_unknown_one(store: Store) -> None:
    script = practice_script()
    assert pick_scenario(script, "reached", store=store).scenario.id == "reached"  # type: ignore[union-attr]
    with pytest.raises(PracticeError, match="did you mean 'reached'"):
        pick_scenario(script, "reachd", store=store)


def test_pick_without_a_database_creates_none(tmp_path: Path) -> None:
    db = tmp_path / "none" / "coach.db"
    pick = pick_scenario(practice_script(), seed=3, db_path=db)
    assert pick.scenario is not None and pick.messages == []
    assert not db.exists()


async def test_home_shows_rehearsals_and_p_practises_the_least_rehearsed(
    make_app: MakeApp, store: Store
) -> None:
    script = practice_script()
    finished_practice(store, "reached", 4)
    stats_line = rehearsal_line(script_stats(script, []), True)
    assert stats_line == "Not rehearsed yet; scenarios: Reached, Vm"
    app = make_app(library=library_of(script))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "Rehearsed once; never rehearsed: Vm" in text
        # Rehearsals have their own section, apart from the recent (live) calls.
        assert "Rehearsals" in text and "Follow-up call: Reached" in text
        assert "(practice)" not in text
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)  # the interviewer is required
        await pilot.press(*"Ms Lee", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
        await pilot.press("s", "y")
        await pilot.pause()
        assert isinstance(app.screen, PartnerCardScreen)
        assert app.screen.card.scenario == "vm"
        assert "You are the voicemail of" in screen_text(app)
