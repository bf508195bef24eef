"""A whole follow-up call in a real terminal, checked through `coach log --json`."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from tmux_driver import Tmux, flat

from tests.e2e.conftest import coach_log, sets


def breadcrumb(screen: str) -> str:
    """The steps shown in the call screen's top line (the clock after them left out)."""
    return screen.splitlines()[0].split(" call ")[0].strip()


def start_call(run_tmux: Callable[..., Tmux]) -> Tmux:
    tmux = run_tmux(f"call follow-up {sets()}")
    # Every variable has a value, so the details screen is skipped: the checklist opens.
    tmux.wait_for("resume in front of you")
    return tmux


def tick_all_and_start(tmux: Tmux, items: int = 8) -> None:
    for _ in range(items):
        tmux.send("Space", "Down")
    tmux.send("s")
    tmux.wait_for("May I speak with Dana Lee")


def test_whole_follow_up_call(run_tmux: Callable[..., Tmux], coach_home: Path) -> None:
    tmux = start_call(run_tmux)
    tick_all_and_start(tmux)

    tmux.send("1")  # Dana is on the line
    tmux.wait_for("Do you have two minutes?")
    tmux.send("r")  # side flow: could you repeat that?
    tmux.wait_for(lambda s: "Do you have two minutes?" not in flat(s))
    tmux.send("b")  # undo opening the side flow
    tmux.wait_for("Do you have two minutes?")
    tmux.send("1")  # yes, go ahead
    tmux.wait_for("Have you reached a decision yet?")
    tmux.send("1")  # not decided yet
    tmux.wait_for("When do you expect")
    tmux.send("Tab")
    tmux.type("2026-12-04")
    tmux.send("Escape")
    tmux.send("n")
    tmux.type("Team grows in January.")
    tmux.send("Escape")
    tmux.send("Enter")  # on to when we may call back
    tmux.wait_for(lambda s: "When do you expect" not in flat(s))
    screen = tmux.screen()
    assert "Traceback" not in screen

    # Walk on to the end: Enter for `next` steps, choice 2 where it is offered.
    # After each key, wait for the step (the breadcrumb line) to change.
    for _ in range(12):
        screen = tmux.screen()
        if "I look forward to hearing" in flat(screen):
            break
        crumb = breadcrumb(screen)
        if "No concerns" in flat(screen) or "Offer more information" in flat(screen):
            tmux.send("2")
        else:
            tmux.send("Enter")

        def moved(screen: str, before: str = crumb) -> bool:
            return breadcrumb(screen) != before

        tmux.wait_for(moved)
    tmux.wait_for("I look forward to hearing")
    tmux.send("Enter")  # finish on the end node
    tmux.wait_for("pending", timeout=10)

    calls = coach_log(coach_home)
    assert len(calls) == 1
    call = calls[0]
    assert call["status"] == "done"
    assert call["outcome"] == "pending"
    assert call["mode"] == "live"
    assert call["script"] == "follow-up"
    path = call["path"]
    assert isinstance(path, list)
    assert path[:5] == ["hello", "introduce", "repeat", "introduce", "purpose"]
    assert path[-1] == "pending_close"
    captures = call["captures"]
    assert isinstance(captures, dict) and captures["decision_date"] == "2026-12-04"
    assert "Team grows in January." in str(call["notes"])
    checklist = call["checklist"]
    assert isinstance(checklist, dict) and all(checklist.values())
    values = call["values"]
    assert isinstance(values, dict) and values["interviewer"] == "Dana Lee"
    assert call["ended_at"] and call["started_at"]
    assert isinstance(call["duration_s"], int | float) and call["duration_s"] > 0


def test_quit_asks_and_records_abandoned(run_tmux: Callable[..., Tmux], coach_home: Path) -> None:
    tmux = start_call(run_tmux)
    tick_all_and_start(tmux)
    tmux.send("q")
    tmux.send("n")  # stay: the question comes and goes at once
    tmux.send("1")
    tmux.wait_for("Do you have two minutes?")
    tmux.send("q")
    tmux.wait_for("End the call now?")
    tmux.send("y")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        calls = coach_log(coach_home)
        if calls and calls[0]["status"] == "abandoned":
            break
        time.sleep(0.2)
    assert calls[0]["status"] == "abandoned"
    assert calls[0]["path"] == ["hello", "introduce"]


def _coach_pid(tmux: Tmux) -> int:
    """The python process running coach inside the pane (a child of the pane's shell)."""
    shell = tmux.pane_pid()
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    for pid in children:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"coach" in cmdline:
            return int(pid)
    raise AssertionError("coach process not found")


def test_sigkill_mid_call_loses_nothing_older_than_a_second(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    tmux = start_call(run_tmux)
    tick_all_and_start(tmux)
    tmux.send("1")
    tmux.wait_for("Do you have two minutes?")
    tmux.send("1")
    tmux.wait_for("Have you reached a decision yet?")
    tmux.send("1")
    tmux.wait_for("When do you expect")
    tmux.send("Tab")
    tmux.type("2026-12-04")
    tmux.send("Escape")
    tmux.send("n")
    tmux.type("They liked the dashboard.")
    time.sleep(1.5)  # notes may be up to a second late
    os.kill(_coach_pid(tmux), signal.SIGKILL)
    tmux.wait_for("[exited")

    calls = coach_log(coach_home)
    assert len(calls) == 1
    call = calls[0]
    assert call["status"] == "interrupted"
    assert call["path"] == ["hello", "introduce", "purpose", "pending_when"]
    captures = call["captures"]
    assert isinstance(captures, dict) and captures.get("decision_date") == "2026-12-04"
    assert call["notes"] == "They liked the dashboard."

    # The next start offers to resume, and the call goes on where it stopped.
    tmux.kill()
    again = run_tmux(f"call follow-up {sets()}")
    again.wait_for(lambda s: "resume" in s.lower())
    again.send("y")
    again.wait_for("When do you expect")
    again.send("Enter")
    again.wait_for(lambda s: "When do you expect" not in flat(s))
    time.sleep(0.5)
    resumed = coach_log(coach_home)[0]
    assert resumed["id"] == call["id"]
    assert resumed["status"] == "running"
    assert resumed["notes"] == "They liked the dashboard."
    assert resumed["path"] == ["hello", "introduce", "purpose", "pending_when", "pending_callback"]
