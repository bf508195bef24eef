"""Solo rehearsal in a real terminal: the other side's own lines, a hidden scenario,
and a score that a wrong turn undone with `b` lowers.

Every run uses `coach practice follow-up --scenario position_filled` with the
values of scripts/follow_up.py; the screens are read as a person would read them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from follow_up import VALUES
from tmux_driver import Tmux

from coach.script import template
from coach.script.library import resolve
from tests.e2e.conftest import coach_log, sets
from tests.e2e.test_practice_tmux import flat, key_for, tick_all_and_start, to_summary, words

SCENARIO = "position_filled"


def start(run_tmux: Callable[..., Tmux], *flags: str) -> Tmux:
    """Past the prep checklist: only what a rehearsal needs is on it."""
    caller = run_tmux(f"practice follow-up --scenario {SCENARIO} {' '.join(flags)} {sets()}")
    prep = flat(caller.wait_for("resume in front of you"))
    assert "About a week has passed" not in prep  # only a live call needs it
    tick_all_and_start(caller, resolve("follow-up"))
    return caller


def test_solo_plays_the_scenario_lines_and_keeps_it_hidden(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    script = resolve("follow-up")
    scenario = script.scenario(SCENARIO)
    assert scenario is not None
    caller = start(run_tmux, "--solo")
    card = flat(caller.wait_for(lambda s: "Rehearsal card" in s and "Show scenario" in s))
    assert "The scenario is hidden until the summary" in card
    assert scenario.title not in card
    caller.send("Enter")
    for src, dst in scenario.expect.items():
        line = words(template.render(scenario.says[src], VALUES), 6)

        def says(screen: str, line: str = line) -> bool:
            return line in flat(screen)

        screen = flat(caller.wait_for(says))
        assert "They say" in screen
        assert scenario.title not in screen  # not even in the header
        assert "Pick up as" not in screen and "Tell the caller" not in screen
        caller.send(key_for(script, src, dst))
    summary = to_summary(caller)
    assert f"Scenario {scenario.title} (hidden until now)" in summary
    caller.send("q")
    caller.wait_for("[exited 0]")


def test_a_wrong_turn_undone_with_b_lowers_the_score(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    script = resolve("follow-up")
    scenario = script.scenario(SCENARIO)
    assert scenario is not None
    caller = start(run_tmux)
    caller.wait_for("Partner card")
    caller.send("Enter")
    caller.wait_for("May I speak with")
    caller.send(key_for(script, "hello", "voicemail"))  # the wrong turn
    caller.wait_for("Again, that's")
    caller.send("b")
    caller.wait_for("May I speak with")
    for src, dst in scenario.expect.items():
        caller.send(key_for(script, src, dst))
        say = words(template.render(script.nodes[dst].say, VALUES), 4)
        caller.wait_for(lambda s, say=say: say in flat(s))  # type: ignore[misc]
    summary = to_summary(caller)
    total = len(scenario.expect)
    assert f"{total - 1}/{total} expected moves right first time" in summary
    assert "rushed" in summary  # a few seconds on each step: well under their budgets
    caller.send("q")
    caller.wait_for("[exited 0]")
    entry = coach_log(coach_home)[0]
    assert entry["score"] == {"matched": total - 1, "total": total}
    path = entry["path"]
    assert isinstance(path, list) and path[:3] == ["hello", "voicemail", "hello"]
    pace = entry["pace"]
    assert isinstance(pace, dict) and "hello" in pace["rushed"]
