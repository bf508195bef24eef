"""Practice mode's rules: scenario choice, the partner's card and live view."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from typing import Any

import pytest

from coach import locations
from coach.call.practice import (
    FREE_TITLE,
    PracticeError,
    PracticeRun,
    choose_scenario,
    expected_path,
    find_scenario,
    partner_card,
    partner_view,
    runs_from_records,
    scenario_problems,
    usable_scenarios,
)
from coach.call.session import CallSession
from coach.script.model import Scenario, Script, Variable
from tests.call.practice_fixtures import FakeRecord, run, small_script

VALUES = {"interviewer": "Ms Rivera", "position": "Data analyst"}


# ---------------------------------------------------------------- choice
def test_never_rehearsed_scenario_comes_first() -> None:
    script = small_script()
    history = [run("deciding", 5), run("filled", 5), run("deciding", 2)]
    for seed in range(20):
        chosen = choose_scenario(script, history, seed=seed)
        assert chosen is not None and chosen.id == "vm"


def test_least_rehearsed_wins_over_low_rating() -> None:
    script = small_script()
    history = [run("deciding", 1), run("deciding", 1), run("filled", 5), run("vm", 5)]
    picks = {getattr(choose_scenario(script, history, seed=s), "id", None) for s in range(30)}
    # Twice-rehearsed `deciding` is never picked, however badly it went.
    assert picks == {"filled", "vm"}


def test_tie_goes_to_lowest_average_rating() -> None:
    script = small_script()
    history = [run("deciding", 4), run("filled", 2), run("filled", None), run("vm", 3)]
    history += [run("deciding", 4), run("vm", 3)]
    # Each is rehearsed twice; filled averages 2 (its unrated run is not counted).
    for seed in range(10):
        chosen = choose_scenario(script, history, seed=seed)
        assert chosen is not None and chosen.id == "filled"


def test_unrated_counts_as_lowest() -> None:
    script = small_script()
    history = [run("deciding", 1), run("filled", None), run("vm", 2)]
    for seed in range(10):
        chosen = choose_scenario(script, history, seed=seed)
        assert chosen is not None and chosen.id == "filled"


def test_seed_makes_the_random_pick_repeatable() -> None:
    script = small_script()
    first = [choose_scenario(script, [], seed=s) for s in range(30)]
    again = [choose_scenario(script, [], seed=s) for s in range(30)]
    assert first == again
    # Among ties the pick really is random: different seeds reach every scenario.
    assert {s.id for s in first if s} == {"deciding", "filled", "vm"}


def test_runs_of_scenarios_no_longer_in_the_script_are_ignored() -> None:
    script = small_script()
    history = [run("gone"), run("gone"), run("deciding"), run("filled")]
    chosen = choose_scenario(script, history, seed=1)
    assert chosen is not None and chosen.id == "vm"


def test_no_scenarios_means_free_rehearsal() -> None:
    assert choose_scenario(small_script(scenarios=()), [], seed=3) is None


def test_broken_scenarios_are_skipped_with_a_message() -> None:
    broken = Scenario("broken", "Broken", "x", {"status": "thanks"})
    script = small_script(
        scenarios=(broken, Scenario("vm", "Voicemail", "b", {"hello": "voicemail"}))
    )
    usable, messages = usable_scenarios(script)
    assert [s.id for s in usable] == ["vm"]
    assert len(messages) == 1 and "broken" in messages[0] and "coach check" in messages[0]
    for seed in range(10):
        chosen = choose_scenario(script, [], seed=seed)
        assert chosen is not None and chosen.id == "vm"
    only_broken = small_script(scenarios=(broken,))
    assert choose_scenario(only_broken, [], seed=0) is None


def test_runs_from_records_keeps_finished_practice_of_this_script_only() -> None:
    good = {
        "rating": 4,
        "score": {"matched": 1, "total": 2},
        "steps": [{"node": "hello", "seconds": 3.5}, {"node": "status", "seconds": 7}],
    }
    records = [
        FakeRecord(1, snapshot=good),
        FakeRecord(2, mode="live", snapshot=good),
        FakeRecord(3, script="other", snapshot=good),
        FakeRecord(4, status="running", snapshot=good),
        FakeRecord(5, status="abandoned", snapshot=good),
        FakeRecord(6, status="interrupted", snapshot=good),
        FakeRecord(7, scenario=None, snapshot={"rating": 9, "score": "junk", "steps": [1, {}]}),
    ]
    runs = runs_from_records(records, "small")
    assert [r.call_id for r in runs] == [1, 7]
    first, free = runs
    assert first.scenario == "deciding" and first.rating == 4
    assert first.score is not None and (first.score.matched, first.score.total) == (1, 2)
    assert first.fraction == 0.5
    assert first.node_times() == {"hello": 3.5, "status": 7.0}
    # Bad stored data is dropped, not trusted: a rating out of range, a score that is not one.
    assert free.scenario is None and free.rating is None and free.score is None
    assert free.steps == ()


def test_choice_from_store_records() -> None:
    script = small_script()
    records = [
        FakeRecord(1, scenario="deciding"),
        FakeRecord(2, scenario="filled"),
        FakeRecord(3, scenario="vm", status="abandoned"),  # did not count as rehearsed
        FakeRecord(4, scenario="vm", mode="live"),
    ]
    chosen = choose_scenario(script, runs_from_records(records, "small"), seed=0)
    assert chosen is not None and chosen.id == "vm"


# ------------------------------------------------------------- problems
def test_scenario_problems_name_what_no_longer_fits() -> None:
    script = small_script()
    assert scenario_problems(script, script.scenarios[0]) == []
    bad = Scenario("old", "Old", "b", {"gone": "status", "hello": "nowhere", "pending": "thanks"})
    problems = scenario_problems(script, bad)
    assert len(problems) == 3
    assert "'gone' is not a step" in problems[0]
    assert "'nowhere' is not a step" in problems[1]
    assert "'pending' cannot move to 'thanks'" in problems[2] and "no choices" in problems[2]


def test_find_scenario_messages() -> None:
    script = small_script()
    assert find_scenario(script, "filled").id == "filled"
    with pytest.raises(PracticeError, match="did you mean 'filled'"):
        find_scenario(script, "filed")
    with pytest.raises(PracticeError, match="no practice scenarios"):
        find_scenario(small_script(scenarios=()), "x")
    broken = small_script(scenarios=(Scenario("b", "B", "x", {"status": "thanks"}),))
    with pytest.raises(PracticeError, match="cannot move to 'thanks'"):
        find_scenario(broken, "b")


# ------------------------------------------------------------ the card
def test_expected_path_follows_expect_then_next_links() -> None:
    script = small_script()
    filled = script.scenario("filled")
    assert expected_path(script, filled) == ["hello", "status", "filled"]
    assert expected_path(script, script.scenario("deciding")) == [
        "hello",
        "status",
        "pending",
        "thanks",
    ]
    # Free rehearsal: the first choice shown (an `if` choice only when its field is filled).
    assert expected_path(script, None) == ["hello", "status", "pending", "thanks"]


def test_partner_card_for_a_scenario() -> None:
    script = small_script()
    card = partner_card(script, script.scenario("filled"), VALUES)
    assert card.title == "Position filled"
    assert card.brief == "You are Ms Rivera; the Data analyst role is gone."
    assert not card.free and card.scenario == "filled"
    assert [s.node for s in card.steps] == ["hello", "status", "filled"]
    hello, status, filled = card.steps
    assert hello.partner == "Pick up as Ms Rivera."
    assert hello.steer == "Ms Rivera is on the line"
    assert status.steer == "Position filled"
    assert filled.partner == "Be kind." and filled.steer is None
    text = card.text()
    assert "steer toward: Position filled" in text and "Be kind." in text


def test_partner_card_shows_placeholders_for_missing_values() -> None:
    script = small_script()
    card = partner_card(script, script.scenario("deciding"), {})
    assert card.brief == "You are [interviewer]; you have not decided."
    # `thanks` has no partner line and no expected move: it is not a key step.
    assert [s.node for s in card.steps] == ["hello", "status", "pending"]


def test_partner_card_free_rehearsal() -> None:
    script = small_script(scenarios=())
    card = partner_card(script, None, {**VALUES, "extra": "my portfolio"})
    assert card.free and card.title == FREE_TITLE
    assert [s.node for s in card.steps] == ["hello", "status", "pending"]
    assert all(s.steer is None for s in card.steps)


def _dated_script() -> Script:
    """The small script with an interview date said at its first step."""

    script = small_script()
    nodes = dict(script.nodes)
    nodes["hello"] = nodes["hello"]._replace(say="We met on {met}.", partner="Recall {met}.")
    return script._replace(
        nodes=nodes, variables=(*script.variables, Variable("met", "When?", "date"))
    )


def test_partner_card_says_dates_as_people_do() -> None:
    script = _dated_script()
    card = partner_card(script, script.scenario("filled"), {**VALUES, "met": "2026-11-23"},
                        today=date(2026, 12, 1))  # fmt: skip
    hello = card.steps[0]
    assert hello.say == "We met on Monday 23 November."  # no year: it is this year's
    assert hello.partner == "Recall Monday 23 November."
    card = partner_card(script, None, {**VALUES, "met": "last Monday"}, today=date(2027, 1, 6))
    assert card.steps[0].say == "We met on Monday 4 January."
    card = partner_card(script, None, {**VALUES, "met": "the day we met"}, today=date(2027, 1, 6))
    assert card.steps[0].say == "We met on the day we met."  # no date: as typed


def test_partner_view_says_dates_from_the_calls_day() -> None:
    script = _dated_script()
    tuesday = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    session = CallSession(script, {**VALUES, "met": "last Monday"}, mode="practice",
                          wall=lambda: tuesday)  # fmt: skip
    view = partner_view(script, session.snapshot())
    assert view.say == "We met on Monday 30 November."


# ------------------------------------------------------------ the view
class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _session(scenario_id: str | None = "filled") -> tuple[CallSession, FakeClock]:
    script = small_script()
    clock = FakeClock()
    scenario = script.scenario(scenario_id) if scenario_id else None
    session = CallSession(script, VALUES, mode="practice", scenario=scenario, clock=clock)
    return session, clock


def test_partner_view_follows_the_session() -> None:
    session, clock = _session()
    script = session.script
    view = partner_view(script, session.snapshot())
    assert view.title == "Position filled"
    assert view.brief == "You are Ms Rivera; the Data analyst role is gone."
    assert view.node == "hello" and view.step_number == 1
    assert view.say == "Hello, may I speak with Ms Rivera?"
    assert view.partner == "Pick up as Ms Rivera."
    assert view.steer == "Ms Rivera is on the line"
    assert view.budget_s == 20 and not view.finished and view.problems == ()

    clock.now = 25.0
    session.choose(1)
    view = partner_view(script, session.snapshot())
    assert view.node == "status" and view.step_number == 2
    assert view.say == "I am calling about the Data analyst role."
    assert view.steer == "Position filled"
    assert view.elapsed_s == pytest.approx(25.0)

    clock.now = 30.0
    snap = session.snapshot()
    view = partner_view(script, snap, since=4.0)
    assert view.elapsed_s == pytest.approx(34.0)
    assert view.step_s == pytest.approx(9.0)

    session.open_side_flow("r")
    view = partner_view(script, session.snapshot())
    assert view.node == "repeat" and view.in_side_flow and view.steer is None
    assert view.partner == "Say it again."

    session.advance()  # back from the side flow
    session.choose(2)  # Position filled (choice 1 is hidden: `extra` is empty)
    session.advance()
    view = partner_view(script, session.snapshot(), since=100.0)
    assert view.finished and view.outcome == "rejected"
    assert view.score is not None and (view.score.matched, view.score.total) == (2, 2)
    assert view.elapsed_s == pytest.approx(30.0)  # `since` is ignored once finished


def test_partner_view_over_budget() -> None:
    session, clock = _session()
    clock.now = 21.0
    view = partner_view(session.script, session.snapshot())
    assert view.over_budget


def test_partner_view_free_rehearsal_and_missing_values() -> None:
    script = small_script(scenarios=())
    session = CallSession(script, {}, mode="practice")
    view = partner_view(script, session.snapshot())
    assert view.title == FREE_TITLE and view.steer is None and view.score is None
    assert view.partner == "Pick up as [interviewer]."
    assert any(seg.missing for seg in view.partner_segments)


def test_partner_view_survives_a_script_that_changed() -> None:
    session, _clock = _session()
    snap: dict[str, Any] = session.snapshot()
    snap["current"] = "removed_step"
    snap["scenario"] = "removed_scenario"
    view = partner_view(session.script, snap)
    assert view.say == "" and view.partner == "" and view.steer is None
    assert len(view.problems) == 2
    assert "removed_scenario" in view.problems[0] and "removed_step" in view.problems[1]


def test_practice_modules_import_no_textual_or_sqlite() -> None:
    code = (
        "import sys, coach.call.practice, coach.call.stats;"
        "print(','.join(sorted(m for m in sys.modules"
        " if m.split('.')[0] in {'textual', 'sqlite3', '_sqlite3', 'rich'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


# ------------------------------------------------ the bundled follow-up script
def _bundled() -> Script:
    from coach.script.library import resolve

    return resolve(str(locations.bundled_scripts_dir() / "follow-up.yaml"))


def test_bundled_scenarios_all_fit_and_steer_at_every_expected_step() -> None:
    script = _bundled()
    usable, messages = usable_scenarios(script)
    assert messages == [] and len(usable) == len(script.scenarios) >= 2
    for scenario in script.scenarios:
        card = partner_card(script, scenario, VALUES)
        steered = {step.node for step in card.steps if step.steer}
        assert steered == set(scenario.expect), scenario.id
        path = expected_path(script, scenario, VALUES)
        assert script.nodes[path[-1]].is_end, scenario.id
        assert "{" not in card.brief


def test_repeated_practice_goes_through_every_bundled_scenario() -> None:
    script = _bundled()
    history: list[PracticeRun] = []
    for _ in script.scenarios:
        chosen = choose_scenario(script, history, seed=7)
        assert chosen is not None
        history.append(run(chosen.id, rating=3))
    assert sorted(r.scenario or "" for r in history) == sorted(s.id for s in script.scenarios)
