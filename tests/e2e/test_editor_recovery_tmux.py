"""The editor's unsaved text outlives the process (issue 14 point 2): SIGKILL,
SIGTERM, SIGHUP (the terminal closed) and SIGINT, also while "Quit without
saving?" is up, leave it in a recovery file, and the next `coach edit` of that
script offers it back ("Restore unsaved changes?") and restores it unsaved."""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_driver import Tmux, flat

from coach.store.editor_recovery import RecoveryFiles
from tests.e2e.test_call_tmux import _coach_pid as coach_pid
from tests.e2e.test_signals_tmux import gone

SCRIPT = """\
title: Kept text
nodes:
  hello:
    say: Hello, is this a good time?
    choices:
      - {label: "Yes", next: thanks}
  thanks:
    say: Thank you.
    end: pending
"""

SIGNALS = {
    "kill": signal.SIGKILL,
    "term": signal.SIGTERM,
    "hup": signal.SIGHUP,
    "int": signal.SIGINT,
}


@pytest.fixture
def script(coach_home: Path) -> Path:
    path = coach_home / "config" / "scripts" / "kept.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def kept_text(coach_home: Path, script: Path) -> str | None:
    """The newest text kept for ``script`` (None: no recovery file)."""
    found = RecoveryFiles(coach_home / "data" / "recovery").found(script)
    return found[0].recovery.text if found else None


def wait_kept(coach_home: Path, script: Path, typed: str, timeout: float = 15.0) -> bool:
    """Poll until the recovery file holds ``typed`` (it is written within half a second)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if typed in (kept_text(coach_home, script) or ""):
            return True
        time.sleep(0.05)
    return False


def open_editor(run_tmux: Callable[..., Tmux]) -> Tmux:
    tmux = run_tmux("edit kept")
    tmux.wait_for("Editing kept.yaml", timeout=30)
    tmux.wait_for(lambda s: "saved" in s and "Structure" in s)
    return tmux


def stop(tmux: Tmux, name: str) -> None:
    """End coach with signal ``name``; closing the terminal (tmux gone) is the hang-up."""
    pid = coach_pid(tmux)
    if name == "hup":
        tmux.kill()
    else:
        os.kill(pid, SIGNALS[name])
    assert gone(pid), f"coach still running after SIG{name.upper()}"
    if name != "hup":
        screen = tmux.wait_for("[exited", timeout=15)
        assert "Traceback" not in screen
        tmux.kill()


def restore(run_tmux: Callable[..., Tmux], script: Path, typed: str) -> None:
    """Open the script again: the kept text is offered, and restored as unsaved."""
    again = run_tmux("edit kept")
    screen = again.wait_for("Restore unsaved changes?", timeout=30)
    # When they were kept ("yesterday" if midnight fell between the kill and now).
    assert re.search(r"kept (today|yesterday) at \d\d:\d\d", flat(screen)), screen
    again.send("y")
    # The title follows the text a frame later: both are waited for.
    again.wait_for(lambda s: "Restore unsaved" not in s and typed in s and "● modified" in s)
    assert script.read_text(encoding="utf-8") == SCRIPT  # restored, not saved


@pytest.mark.parametrize("name", list(SIGNALS))
def test_a_signal_keeps_the_unsaved_text_for_the_next_opening(
    run_tmux: Callable[..., Tmux], coach_home: Path, script: Path, name: str
) -> None:
    tmux = open_editor(run_tmux)
    first = f"# before SIG{name.upper()}"
    tmux.type(first)
    tmux.wait_for(first)
    assert wait_kept(coach_home, script, first), "the typed text was never written through"
    later = " and just before"
    tmux.type(later)
    tmux.wait_for(first + later)
    stop(tmux, name)
    kept = kept_text(coach_home, script) or ""
    if name == "kill":
        assert kept.startswith(first)  # what was written before the kill
    else:
        assert kept.startswith(first + later)  # the latest, written on the way out
    restore(run_tmux, script, first)


@pytest.mark.parametrize("name", ["term", "hup"])
def test_a_signal_while_quit_without_saving_is_asked_keeps_the_text(
    run_tmux: Callable[..., Tmux], coach_home: Path, script: Path, name: str
) -> None:
    tmux = open_editor(run_tmux)
    typed = f"# asked, then SIG{name.upper()}"
    tmux.type(typed)
    tmux.wait_for(typed)
    tmux.send("C-q")
    tmux.wait_for("Quit without saving?")
    assert wait_kept(coach_home, script, typed), "the typed text was never written through"
    stop(tmux, name)
    restore(run_tmux, script, typed)
