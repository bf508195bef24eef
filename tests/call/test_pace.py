"""The honest score: first moves, pace against the time budgets, earlier runs."""

from __future__ import annotations

import json

from coach.call.pace import (
    RUSHED_FRACTION,
    Mark,
    compare_runs,
    compare_with_runs,
    first_move_score,
    pace_of,
    pace_words,
    step_pace,
)
from coach.call.scenarios import PracticeRun
from coach.call.session import CallSession
from coach.call.snapshot import Pace, Score, decode
from coach.script.model import Choice, Node, Scenario, Script


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def script() -> Script:
    nodes = {
        "hello": Node(
            "hello",
            "Hello",
            choices=(Choice("Them", "status"), Choice("Voicemail", "vm")),
            seconds=30,
        ),
        "status": Node(
            "status", "Decided?", choices=(Choice("No", "thanks"), Choice("Yes", "vm")), seconds=60
        ),
        "thanks": Node("thanks", "Thanks", end="pending"),
        "vm": Node("vm", "Message", end="voicemail", seconds=30),
    }
    scenario = Scenario("deciding", "Deciding", "b", {"hello": "status", "status": "thanks"})
    return Script(id="t", title="T", nodes=nodes, start="hello", scenarios=(scenario,))


def walk(moves: list[tuple[str, float]]) -> CallSession:
    s = script()
    clock = Clock()
    session = CallSession(s, {}, mode="practice", scenario=s.scenarios[0], clock=clock)
    for key, seconds in moves:
        clock.now += seconds
        if key == "b":
            session.back()
        elif key == "enter":
            session.advance()
        else:
            session.choose(key)
    return session


def test_a_step_is_rushed_under_a_third_of_its_budget_and_over_past_it() -> None:
    assert abs(RUSHED_FRACTION - 1 / 3) < 1e-9
    assert step_pace(30, 9.9) == "rushed"
    assert step_pace(30, 10) is None
    assert step_pace(30, 30) is None
    assert step_pace(30, 30.5) == "over"
    assert step_pace(None, 0) is None


def test_the_first_move_at_each_expected_step_counts() -> None:
    expect = {"hello": "status", "status": "thanks"}
    assert first_move_score(expect, {"hello": "status", "status": "thanks"}) == Score(2, 2)
    assert first_move_score(expect, {"hello": "vm"}) == Score(0, 2)
    assert first_move_score({}, {}) is None


def test_a_wrong_turn_undone_with_b_is_a_miss_and_survives_a_restore() -> None:
    straight = walk([("1", 20), ("1", 30), ("enter", 1)])
    assert straight.score() == Score(2, 2)
    undone = walk([("2", 20), ("b", 1), ("1", 20), ("1", 30), ("enter", 1)])
    assert undone.score() == Score(1, 2)
    assert undone.path == ["hello", "vm", "hello", "status", "thanks"]
    stored = json.loads(json.dumps(undone.snapshot()))
    assert stored["score"] == {"matched": 1, "total": 2}
    assert stored["first_moves"] == {"hello": "vm", "status": "thanks"}
    restored = CallSession.restore(script(), stored)
    assert restored.score() == Score(1, 2)


def test_pace_counts_the_timed_steps_on_the_way_taken() -> None:
    # Ten seconds for the whole call: both timed steps rushed.
    rushed = walk([("1", 3), ("1", 5), ("enter", 2)])
    assert rushed.pace() == Pace(("hello", "status"), (), 2)
    slow = walk([("1", 40), ("1", 30), ("enter", 2)])
    assert slow.pace() == Pace((), ("hello",), 2)
    # The undone voicemail step is not on the way taken; hello's time is its total.
    undone = walk([("2", 3), ("b", 1), ("1", 5), ("1", 30), ("enter", 1)])
    assert undone.pace() == Pace(("hello",), (), 2)
    assert decode(undone.snapshot()).pace == undone.pace()


def test_pace_of_leaves_out_steps_without_a_budget_or_gone() -> None:
    s = script()
    assert pace_of(s, ["hello", "thanks", "gone"], {"hello": 12}) == Pace((), (), 1)


def test_pace_words() -> None:
    assert pace_words(Pace((), (), 0)) == "No step has a time budget"
    assert pace_words(Pace((), (), 1)) == "On pace"
    assert pace_words(Pace((), (), 3)) == "All 3 timed steps on pace"
    assert (
        pace_words(Pace(("hello", "pending_when"), ("status",), 4))
        == "Of 4 timed steps: 2 rushed (Hello, Pending when), 1 over budget (Status)"
    )


def mark(matched: int, total: int = 2, off: int | None = 0) -> Mark:
    pace = None if off is None else Pace(tuple(f"s{i}" for i in range(off)), (), 3)
    return Mark(Score(matched, total), pace)


def test_runs_compare_by_moves_first_then_by_steps_off_pace() -> None:
    assert compare_runs(mark(1), []) is not None
    first = compare_runs(mark(1), [])
    assert first is not None and first.runs == 0 and "First scored run" in first.words()
    now = compare_runs(mark(2, off=1), [mark(1, off=0), mark(2, off=0)])
    assert now is not None
    assert (now.than_last, now.than_best) == ("better", "worse")
    assert now.words() == (
        "Better than last time (1/2, 0 off pace); short of your best (2/2, 0 off pace)."
    )
    same = compare_runs(mark(2, off=1), [mark(2, off=1)])
    assert same is not None and same.words() == "The same as last time (2/2, 1 off pace)."
    worse = compare_runs(mark(2, off=2), [mark(2, off=1), mark(0)])
    assert worse is not None and worse.than_last == "worse" and worse.than_best == "worse"
    best = compare_runs(mark(2, off=0), [mark(1), mark(2, off=2)])
    assert best is not None and best.than_best == "better" and "your best so far" in best.words()
    # A run stored before pace was kept compares by its moves only.
    old = compare_runs(mark(2, off=3), [mark(2, off=None)])
    assert old is not None and old.than_last == "same"
    assert compare_runs(Mark(None), [mark(1)]) is None


def test_compare_with_runs_takes_the_same_scenario_and_leaves_this_run_out() -> None:
    runs = [
        PracticeRun("deciding", None, Score(2, 2), "t3", call_id=3, pace=Pace((), (), 2)),
        PracticeRun("voicemail", None, Score(1, 1), "t2", call_id=2),
        PracticeRun("deciding", None, Score(1, 2), "t1", call_id=1, pace=Pace((), (), 2)),
    ]
    result = compare_with_runs(mark(2), "deciding", runs, call_id=3)
    assert result is not None and result.runs == 1 and result.than_last == "better"
    assert compare_with_runs(mark(2), None, runs) is None
