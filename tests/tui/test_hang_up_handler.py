"""The hang-up handler (coach.tui.signals): SIGHUP, SIGTERM and SIGINT run the
save-and-exit in the event loop (SIGINT was asyncio's: it cancelled the app
with no turn to write the editor's unsaved text)."""

from __future__ import annotations

import asyncio
import os
import pty
import signal
import sys
import tty

import pytest

from coach.tui import signals
from coach.tui.signals import HangUpHandler


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_each_signal_runs_the_hang_up_in_the_loop(
    signum: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signals, "keys_make_signals", lambda: False)  # as while Textual runs
    before = {s: signal.getsignal(s) for s in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)}
    ran: list[str] = []
    done = asyncio.Event()

    def hang_up() -> None:
        ran.append("hang up")
        done.set()

    handler = HangUpHandler(hang_up, grace=3600)

    async def main() -> None:
        handler.install()
        os.kill(os.getpid(), signum)
        await asyncio.wait_for(done.wait(), 5)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pytest.fail("asyncio's own SIGINT handler ran: the app would be cancelled unsaved")
    finally:
        if handler._watchdog is not None:
            handler._watchdog.cancel()  # the exit it guards never comes in a test
        for number, old in before.items():
            signal.signal(number, old)
    assert ran == ["hang up"]
    assert handler._watchdog is not None  # and the process would be ended if it hung


def test_ctrl_c_for_the_program_the_terminal_was_handed_to_is_let_be(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While ``$EDITOR`` has the terminal, ctrl+c there reaches coach too: not a hang-up."""
    monkeypatch.setattr(signals, "keys_make_signals", lambda: True)
    before = signal.getsignal(signal.SIGINT)
    ran: list[str] = []
    handler = HangUpHandler(lambda: ran.append("hang up"), grace=3600)

    async def main() -> None:
        handler.install()
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(0)
        await asyncio.sleep(0)

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pytest.fail("the SIGINT went to asyncio's handler")
    finally:
        signal.signal(signal.SIGINT, before)
    assert ran == []
    assert handler._watchdog is None  # nothing will end the process


def test_keys_make_signals_reads_the_terminal_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_ALLOW_SIGNALS", raising=False)
    leader, follower = pty.openpty()
    with os.fdopen(follower, "r") as terminal:
        monkeypatch.setattr(sys, "stdin", terminal)
        assert signals.keys_make_signals()  # cooked: ctrl+c is a signal
        tty.setraw(follower)  # what Textual does while it runs
        assert not signals.keys_make_signals()
        monkeypatch.setenv("TEXTUAL_ALLOW_SIGNALS", "1")
        assert not signals.keys_make_signals()
    os.close(leader)
    monkeypatch.setattr(sys, "stdin", None)
    monkeypatch.delenv("TEXTUAL_ALLOW_SIGNALS")
    assert not signals.keys_make_signals()  # no terminal at all
