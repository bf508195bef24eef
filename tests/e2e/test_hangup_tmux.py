"""Closing the terminal (SIGHUP): what was typed is kept and coach does not linger.

Textual's exit can block for ever writing to a terminal that is gone; coach's
own hang-up handler saves first and ends the process if the exit is stuck.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tmux_driver import Tmux

from tests.e2e.conftest import coach_log, sets
from tests.e2e.test_call_tmux import _coach_pid as coach_pid
from tests.e2e.test_call_tmux import start_call, tick_all_and_start


def _gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        except OSError:
            return True
        if state == "Z":  # exited, not yet reaped
            return True
        time.sleep(0.05)
    return False


def test_closed_terminal_saves_the_call_and_the_process_exits(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    """Closing the terminal (SIGHUP) mid-call: the notes are kept, the call can be
    resumed, and coach does not linger (Textual's exit can block writing to a
    terminal that is gone)."""
    for attempt in range(3):  # the hang, when it happens, depends on timing
        if attempt == 0:
            tmux = start_call(run_tmux)
        else:
            tmux = run_tmux(f"call follow-up {sets()}")
            tmux.wait_for("Resume it?")  # the call closed before
            tmux.send("n")
            tmux.wait_for("resume in front of you")
        tick_all_and_start(tmux)
        tmux.send("1")
        tmux.wait_for("Do you have two minutes?")
        tmux.send("n")
        tmux.type(f"Closed the lid {attempt}.")
        tmux.wait_for(f"Closed the lid {attempt}.")
        pid = coach_pid(tmux)
        tmux.kill()  # the terminal goes away: SIGHUP
        assert _gone(pid, timeout=10), f"coach still running after its terminal closed ({pid})"
        call = coach_log(coach_home)[0]  # the newest
        assert call["status"] == "interrupted"
        assert call["notes"] == f"Closed the lid {attempt}."
        assert call["path"] == ["hello", "introduce"]


def test_terminal_closed_as_home_appears(run_tmux: Callable[..., Tmux]) -> None:
    """The moment the first frame is written is when the exit used to hang."""
    for _ in range(5):
        tmux = run_tmux("")
        tmux.wait_for("Follow-up call after", interval=0.005)
        pid = coach_pid(tmux)
        tmux.kill()
        assert _gone(pid, timeout=10), f"coach still running after its terminal closed ({pid})"
