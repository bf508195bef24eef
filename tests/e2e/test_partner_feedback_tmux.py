"""A friend's feedback in a real terminal: the partner marks steps in one tmux
session while the caller rehearses in another; the caller's summary shows the
marks by step with the partner's rating and note, and `coach log --json` has
them as `feedback` and `partner_rating`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from follow_up import VALUES
from tmux_driver import Tmux

from coach.call.practice import their_line
from coach.call.words import step_words
from coach.script import template
from coach.script.library import resolve
from tests.e2e.conftest import coach_log, sets
from tests.e2e.test_practice_tmux import (
    FOLLOW_TIMEOUT,
    flat,
    key_for,
    tick_all_and_start,
    to_summary,
    words,
)

SCENARIO = "position_filled"


def test_partner_marks_reach_the_callers_summary_and_the_log(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    script = resolve("follow-up")
    scenario = script.scenario(SCENARIO)
    assert scenario is not None
    first, second = list(scenario.expect)[:2]

    partner = run_tmux("partner", width=80, height=24)
    partner.wait_for(lambda s: "practice" in s.lower())
    assert "Filler" not in partner.screen()  # nothing to mark yet: not offered

    caller = run_tmux(f"practice follow-up --scenario {SCENARIO} {sets()}")
    caller.wait_for("resume in front of you")
    tick_all_and_start(caller, script)
    caller.wait_for(lambda s: "Partner card" in s)
    caller.send("Enter")
    caller.wait_for(lambda s: "Partner card" not in s and "May I speak with" in s)

    def on_step(node_id: str) -> None:
        # The partner reads the scenario's line for the step (the node's own
        # partner text where the scenario has none).
        said = their_line(scenario, script.nodes[node_id]) or ""
        line = words(template.render(said, VALUES))
        partner.wait_for(lambda s: line in flat(s), timeout=FOLLOW_TIMEOUT)

    # At the first step: a filler word.
    on_step(first)
    screen = partner.wait_for(lambda s: "Filler word" in s)  # offered in the footer now
    assert "Rate" not in screen
    partner.send("f")
    partner.wait_for(lambda s: "1 filler word" in s)
    caller.send(key_for(script, first, scenario.expect[first]))

    # At the second: two strong points.
    on_step(second)
    partner.send("s")
    partner.send("s")
    partner.wait_for(lambda s: "2 strong points" in s)
    caller.send(key_for(script, second, scenario.expect[second]))

    to_summary(caller)  # on to the end

    # The rehearsal is over: the partner rates it and leaves a note.
    screen = partner.wait_for(lambda s: "Rehearsal finished" in s, timeout=FOLLOW_TIMEOUT)
    assert "Filler word" not in screen and "Rate" in screen
    partner.send("4")
    partner.wait_for(lambda s: "4/5" in s)
    partner.send("n")
    partner.wait_for(lambda s: "Leave note" in s)  # the field is open: type into it
    partner.type("Slow down at the start")
    partner.send("Enter")
    partner.wait_for(lambda s: "Your note" in s and "Slow down at the start" in s)

    # The caller's summary, still open, shows it all by step in words.
    # (It reads the feedback once a second and grows: go to its end each time.)
    deadline = time.monotonic() + FOLLOW_TIMEOUT + 5
    while "Slow down at the start" not in caller.screen() and time.monotonic() < deadline:
        caller.send("End")
        time.sleep(0.5)
    summary = caller.wait_for("Slow down at the start")
    lines = summary.splitlines()
    assert any(step_words(first) in line and "1 filler word" in line for line in lines)
    assert any(step_words(second) in line and "2 strong points" in line for line in lines)
    assert "4/5" in summary
    caller.send("q")
    caller.wait_for("[exited 0]")
    assert "Traceback" not in partner.screen()

    entry = coach_log(coach_home)[0]
    assert entry["mode"] == "practice"
    assert entry["feedback"] == [
        {"node": first, "kind": "filler"},
        {"node": second, "kind": "strong"},
        {"node": second, "kind": "strong"},
    ]
    assert entry["partner_rating"] == 4
    assert entry["partner_note"] == "Slow down at the start"
    assert entry["rating"] is None  # the caller did not rate it: the partner's is apart
