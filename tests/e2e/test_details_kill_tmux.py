"""Call details typed and then kill -9 (issue 14): nothing of it was written
anywhere; now the next start of that call offers the values back."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from tmux_driver import Tmux

from tests.e2e.test_call_tmux import _coach_pid as coach_pid

ARGS = "call follow-up --set your_name=Sam --set position=Analyst --set interview_date=2026-02-24"


def _draft_holds(path: Path, name: str, timeout: float = 15.0) -> bool:
    """The written-through draft holds ``name`` (polled: it is written within a second)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if json.loads(path.read_text())["values"].get("interviewer") == name:
                return True
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)
    return False


def test_details_typed_then_kill_9_are_offered_back(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    tmux = run_tmux(ARGS)
    tmux.wait_for("Who interviewed you?")
    tmux.type("Dana Okafor")
    tmux.wait_for("Dana Okafor")
    draft = coach_home / "data" / "drafts" / "call-follow-up.json"
    assert _draft_holds(draft, "Dana Okafor"), "the typed name was never written through"
    os.kill(coach_pid(tmux), signal.SIGKILL)
    tmux.kill()

    again = run_tmux(ARGS)
    again.wait_for("Put back what you typed before?")
    assert "Dana Okafor" in again.screen()
    again.send("y")
    screen = again.wait_for(lambda s: "Put back" not in s and "Dana Okafor" in s)
    assert "Who interviewed you?" in screen
    again.send("C-c")  # typed values: ctrl+c asks first
    again.wait_for("Quit without saving?")
    again.send("n")
    again.wait_for(lambda s: "Quit without saving?" not in s and "Dana Okafor" in s)
