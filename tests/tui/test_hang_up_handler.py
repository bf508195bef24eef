"""The hang-up handler (coach.tui.signals): SIGHUP, SIGTERM and SIGINT run the
save-and-exit in the event loop (SIGINT was asyncio's: it cancelled the app
with no turn to write the editor's unsaved text)."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest

from coach.tui.signals import HangUpHandler


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_each_signal_runs_the_hang_up_in_the_loop(signum: int) -> None:
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
