"""Hot reload in a real terminal: the script file changes on disk during a call."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from tmux_driver import Tmux, flat

from coach import locations
from tests.e2e.test_call_tmux import start_call, tick_all_and_start

OLD_SAY = "Have you reached a decision yet?"
NEW_SAY = "Has the team settled on someone yet?"


def user_copy(coach_home: Path) -> Path:
    """The bundled follow-up script, copied to the user's folder (it shadows the bundled one)."""
    target = coach_home / "config" / "scripts" / "follow-up.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(locations.bundled_scripts_dir() / "follow-up.yaml", target)
    return target


def crumb_line(screen: str) -> str:
    """The breadcrumb: the first line that names the step before this one
    (the side column beside it left out: a notice shows there), clocks left out:
    they tick on while the file reloads."""
    line = next(line for line in screen.splitlines() if "introduce" in line.lower())
    return re.sub(r"\d+:\d\d", "m:ss", line.split("│")[0])


def test_changed_say_appears_at_the_same_step(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    script = user_copy(coach_home)
    tmux = start_call(run_tmux)
    tick_all_and_start(tmux)
    tmux.send("1")  # Dana is on the line
    tmux.wait_for("Do you have two minutes?")
    tmux.send("1")  # yes, go ahead
    before = tmux.wait_for(OLD_SAY)

    text = script.read_text(encoding="utf-8")
    assert text.count(OLD_SAY) == 1
    script.write_text(text.replace(OLD_SAY, NEW_SAY), encoding="utf-8")

    after = tmux.wait_for(NEW_SAY, timeout=10)
    assert OLD_SAY not in flat(after)
    assert "Traceback" not in after
    assert crumb_line(after) == crumb_line(before)

    # The call goes on from the same step with the new version.
    tmux.send("1")  # not decided yet
    tmux.wait_for("make a decision?")


def test_broken_file_keeps_the_call_going(run_tmux: Callable[..., Tmux], coach_home: Path) -> None:
    script = user_copy(coach_home)
    tmux = start_call(run_tmux)
    tick_all_and_start(tmux)
    tmux.send("1")
    tmux.wait_for("Do you have two minutes?")

    script.write_text(script.read_text(encoding="utf-8") + "\n  oops: [\n", encoding="utf-8")
    screen = tmux.wait_for("has errors", timeout=10)
    assert re.search(r"follow-up\.yaml:\d+:\d+:", flat(screen)), flat(screen)
    tmux.send("1")  # the last good version still runs
    tmux.wait_for(OLD_SAY)
