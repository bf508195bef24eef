"""A call in odd terminals (issue 14 point 5): 16 colours (``TERM=xterm``),
``NO_COLOR=1``, 40x12 and 200x60, and a resize mid-call: every step can be
read and answered, the call ends cleanly and is kept, and no traceback shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tmux_driver import Tmux, flat

from tests.e2e.conftest import COACH, ROOT, coach_log, sets

TERMINALS = {
    "16-colours": ({"TERM": "xterm", "COLORTERM": ""}, (80, 24)),
    "no-colour": ({"NO_COLOR": "1"}, (80, 24)),
    "40x12": ({}, (40, 12)),
    "200x60": ({}, (200, 60)),
}


def start(coach_home: Path, env: dict[str, str], size: tuple[int, int]) -> Tmux:
    env = {"COACH_HOME": str(coach_home), "PYTHONPATH": str(ROOT), **env}
    return Tmux(
        f"{COACH} call follow-up {sets()}", width=size[0], height=size[1], env=env, cwd=ROOT
    )


def colours(tmux: Tmux) -> set[str]:
    """The kinds of colour the pane was drawn with: ``16``, ``256``, ``rgb``."""
    drawn = tmux._run("capture-pane", "-p", "-e", "-t", tmux.name)
    kinds = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", drawn):
        codes = params.split(";")
        if "38" in codes or "48" in codes:
            kinds.add("rgb" if "2" in codes[1:2] else "256")
        elif any(c.isdigit() and (30 <= int(c) <= 37 or 90 <= int(c) <= 97) for c in codes):
            kinds.add("16")
    return kinds


@pytest.mark.parametrize("terminal", list(TERMINALS))
def test_a_call_in_an_odd_terminal(coach_home: Path, terminal: str) -> None:
    env, size = TERMINALS[terminal]
    with start(coach_home, env, size) as tmux:
        tmux.wait_for("in front of you", timeout=30)
        for _ in range(8):
            tmux.send("Space", "Down")
        tmux.send("s")
        tmux.wait_for("May I speak with Dana Lee")
        if terminal == "16-colours":
            assert colours(tmux) == {"16"}, "TERM=xterm must get 16 colours only"
        tmux.send("1")  # Dana Lee is on the line
        tmux.wait_for("two minutes?")
        if terminal == "40x12":
            tmux._run("resize-window", "-t", tmux.name, "-x", "200", "-y", "60")
        tmux.send("1")
        tmux.wait_for("reached a decision yet?")
        tmux.send("q")
        tmux.wait_for("How did the call end?")
        screen = tmux.wait_for(lambda s: "Just" in s or "just stop" in flat(s).lower())
        assert "Traceback" not in screen
        tmux.send("s")  # just stop
        # "Outcome" is on the end-of-call dialog too: wait for the summary's own title.
        tmux.wait_for(lambda s: "Call summary" in s or "summary ·" in flat(s), timeout=20)
        tmux.send("q")
        tmux.wait_for("[exited 0]", timeout=20)
        assert "Traceback" not in tmux.screen()
    [call] = coach_log(coach_home)
    assert call["status"] in ("done", "abandoned")
    assert call["path"][:3] == ["hello", "introduce", "purpose"]  # type: ignore[index]
