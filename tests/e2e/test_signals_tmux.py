"""Signals during a call and a rehearsal (issue 14 point 2): SIGKILL, SIGTERM,
SIGHUP and SIGINT each leave the record with everything typed until a second
before, the process gone, and the next start offering to resume."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_driver import Tmux

from coach.script.library import resolve
from tests.e2e.conftest import coach_log, sets
from tests.e2e.test_call_tmux import _coach_pid, tick_all_and_start
from tests.e2e.test_practice_tmux import tick_all_and_start as practice_start

SIGNALS = {
    "kill": signal.SIGKILL,
    "term": signal.SIGTERM,
    "hup": signal.SIGHUP,
    "int": signal.SIGINT,
}


def gone(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
        except (FileNotFoundError, IndexError):
            return True
        if state == "Z":  # exited; the pane's shell has yet to reap it
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("mode", ["call", "practice"])
@pytest.mark.parametrize("name", list(SIGNALS))
def test_a_signal_keeps_what_was_typed(
    run_tmux: Callable[..., Tmux], coach_home: Path, mode: str, name: str
) -> None:
    tmux = run_tmux(f"{mode} follow-up {sets()}")
    tmux.wait_for("in front of you", timeout=30)
    if mode == "practice":
        practice_start(tmux, resolve("follow-up"))
        tmux.wait_for(lambda s: "⏎" in s and "card" in s.lower())
        tmux.send("Enter")
        tmux.wait_for("May I speak with Dana Lee")
    else:
        tick_all_and_start(tmux)
    tmux.send("1")
    tmux.wait_for("two minutes?")
    tmux.send("n")
    tmux.type(f"Typed before the {name} signal.")
    time.sleep(1.5)  # notes may be up to a second late
    pid = _coach_pid(tmux)
    os.kill(pid, SIGNALS[name])
    assert gone(pid), f"coach still running after SIG{name.upper()}"
    screen = tmux.wait_for("[exited", timeout=15)
    assert "Traceback" not in screen

    [record] = coach_log(coach_home)
    assert record["status"] == "interrupted"
    assert record["mode"] == ("live" if mode == "call" else "practice")
    assert record["notes"] == f"Typed before the {name} signal."
    assert record["path"] == ["hello", "introduce"]
    tmux.kill()
    again = run_tmux(f"{mode} follow-up {sets()}")
    again.wait_for(lambda s: "resume" in s.lower(), timeout=30)
