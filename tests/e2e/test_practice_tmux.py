"""A rehearsal in a real terminal with the partner's view in a second one.

Two tmux sessions share one COACH_HOME: the caller runs `coach practice`, the
friend `coach partner`. The partner pane must follow every step of the caller
(the partner line and the move to steer toward), and the finished rehearsal
must be logged as practice with its scenario, score and rating.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from follow_up import VALUES
from tmux_driver import Tmux

from coach.call.checklist import checklist_items
from coach.call.practice import their_line
from coach.script import template
from coach.script.library import resolve
from coach.script.model import Script
from tests.e2e.conftest import coach_log, sets

SCENARIO = "position_filled"
#: How long the partner pane may take to show the caller's step (it polls twice a second).
FOLLOW_TIMEOUT = 3.0


def flat(screen: str) -> str:
    """The pane's text with line breaks and runs of spaces made single spaces."""
    return re.sub(r"\s+", " ", screen)


def words(text: str, count: int = 5) -> str:
    """The first few words of a line: enough to recognise it, short enough not to wrap."""
    return " ".join(text.split()[:count])


def to_summary(caller: Tmux) -> str:
    """Walk on to the summary (Enter through `next` steps, the first choice
    elsewhere) and return its text, flattened."""
    for _ in range(15):
        if "Practice summary" in caller.screen():
            break
        caller.send("Enter")
        time.sleep(0.3)
        if "Practice summary" in caller.screen():
            break
        caller.send("1")
        time.sleep(0.3)
    return flat(caller.wait_for("Practice summary"))


def tick_all_and_start(caller: Tmux, script: Script) -> None:
    """Tick every item of the rehearsal's checklist, then start.

    Waits for the checklist's count first (keys sent before the list has the
    focus were lost) and for every tick before `s`.
    """
    count = len(checklist_items(script, "practice"))
    caller.wait_for(f"0 of {count} ready")
    for _ in range(count):
        caller.send("Space", "Down")
    caller.wait_for(f"{count} of {count} ready")
    caller.send("s")


def key_for(script: Script, node_id: str, target: str) -> str:
    node = script.nodes[node_id]
    shown = [c for c in node.choices if c.if_ is None or VALUES.get(c.if_, "").strip()]
    return str(next(i for i, c in enumerate(shown, start=1) if c.next == target))


def test_partner_pane_follows_the_practice(run_tmux: Callable[..., Tmux], coach_home: Path) -> None:
    script = resolve("follow-up")
    scenario = script.scenario(SCENARIO)
    assert scenario is not None

    partner = run_tmux("partner", width=100, height=30)
    partner.wait_for(lambda s: "practice" in s.lower())  # it says nothing runs, and waits

    caller = run_tmux(f"practice follow-up --scenario {SCENARIO} {sets()}")
    caller.wait_for("resume in front of you")
    # A rehearsal's checklist leaves out the items only a live call needs.
    tick_all_and_start(caller, script)
    card = flat(caller.wait_for(lambda s: "Partner card" in s))
    assert scenario.title in card
    caller.send("Enter")
    caller.wait_for(lambda s: "Partner card" not in s and "May I speak with" in s)
    # The caller never sees the partner's line.
    assert words(template.render(scenario.says["hello"], VALUES)) not in caller.screen()

    for src, dst in scenario.expect.items():
        node = script.nodes[src]
        # The scenario's own line for the step (its `says`), else the step's partner text.
        line = words(template.render(their_line(scenario, node) or "", VALUES))
        label = template.render(next(c.label for c in node.choices if c.next == dst), VALUES)

        def follows(screen: str, line: str = line, label: str = label) -> bool:
            return line in flat(screen) and label in flat(screen)

        screen = partner.wait_for(follows, timeout=FOLLOW_TIMEOUT)
        assert "steer toward" in flat(screen).lower()
        assert line not in flat(caller.screen())
        caller.send(key_for(script, src, dst))
        say = words(template.render(script.nodes[dst].say, VALUES), 4)

        def shows(screen: str, say: str = say) -> bool:
            return say in flat(screen)

        caller.wait_for(shows)

    summary = to_summary(caller)
    total = len(scenario.expect)
    assert f"{total}/{total} expected moves right first time" in summary
    assert "slowest" in summary
    caller.send("4")
    caller.wait_for("4/5")
    caller.send("n")
    caller.type("Kept calm")
    caller.wait_for(lambda s: "Kept calm" in s and "Leave field" in s)
    caller.send("Escape")
    caller.wait_for(lambda s: "Leave field" not in s)  # out of the field: keys act again
    # The partner sees the rehearsal end, with its score.
    partner.wait_for(lambda s: f"{total}/{total}" in s, timeout=FOLLOW_TIMEOUT)
    caller.send("q")
    caller.wait_for("[exited 0]")
    assert "Traceback" not in partner.screen()

    entry = coach_log(coach_home)[0]
    assert entry["mode"] == "practice"
    assert entry["scenario"] == SCENARIO
    assert entry["status"] == "done"
    assert entry["score"] == {"matched": total, "total": total}
    assert entry["rating"] == 4
    assert entry["rating_note"] == "Kept calm"
    path = entry["path"]
    assert isinstance(path, list)
    assert path[: total + 1] == ["hello", *scenario.expect.values()]
