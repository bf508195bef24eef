"""A real call in a real terminal maps no OpenSSL (coach.tui.startup.leave_out_tls)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench_tui import _child_of
from tmux_driver import Tmux

from tests.e2e.conftest import sets


def test_a_call_runs_without_openssl(run_tmux: Callable[..., Tmux]) -> None:
    tmux = run_tmux(f"call follow-up {sets()}")
    tmux.wait_for("resume in front of you")
    tmux.send("s")
    tmux.wait_for("Start anyway")
    tmux.send("y")
    tmux.wait_for("May I speak with")
    pid = _child_of(tmux.pane_pid())
    assert pid is not None
    maps = Path(f"/proc/{pid}/maps").read_text()
    assert "python" in maps  # the app's own process, not the shell
    assert "libssl" not in maps and "libcrypto" not in maps
