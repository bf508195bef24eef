"""coach.tui.startup: the collector is paused while the TUI starts, then back on."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest

from coach.tui import startup


@pytest.fixture(autouse=True)
def restore_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    startup.resume_gc(collect=False)
    gc.unfreeze()
    if was_enabled:
        gc.enable()


def test_pause_and_resume() -> None:
    gc.enable()
    startup.pause_gc()
    assert startup.gc_paused() and not gc.isenabled()
    startup.pause_gc()  # idempotent
    startup.resume_gc()
    assert not startup.gc_paused() and gc.isenabled()
    assert gc.get_freeze_count() > 0  # what start-up built is frozen


def test_resume_may_collect_without_freezing() -> None:
    gc.unfreeze()
    gc.enable()
    startup.pause_gc()
    startup.resume_gc(freeze=False)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_resume_does_nothing_unless_paused() -> None:
    gc.disable()  # someone else turned it off: not ours to turn on
    startup.pause_gc()
    assert not startup.gc_paused()
    startup.resume_gc()
    assert not gc.isenabled()


def test_resume_soon_sets_a_timer_only_when_paused() -> None:
    timers: list[tuple[float, Callable[[], None]]] = []

    def set_timer(delay: float, callback: Callable[[], None]) -> None:
        timers.append((delay, callback))

    gc.enable()
    startup.resume_gc_soon(set_timer)
    assert timers == []
    startup.pause_gc()
    startup.resume_gc_soon(set_timer)
    ((delay, callback),) = timers
    assert delay == startup.COLLECT_AFTER
    callback()
    assert gc.isenabled() and not startup.gc_paused()


def test_coach_home_pauses_the_collector_before_importing_the_tui() -> None:
    # cmd_home imports coach.tui.startup, then pauses: that import must not
    # already have loaded Textual (coach/tui/__init__.py has no side effects).
    code = "import sys, coach.tui.startup; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("command", "runner"),
    [(["call", "follow-up"], "run_call"), (["practice", "follow-up"], "run_practice")],
)
def test_call_and_practice_start_with_the_collector_paused(
    monkeypatch: pytest.MonkeyPatch, command: list[str], runner: str
) -> None:
    # The script is loaded, and the TUI started, with the collector paused;
    # the walk's first screen resumes it (tests/tui/walk); if the app ends
    # before that, the command turns it back on.
    from coach.cli import main

    seen: list[bool] = []

    def fake_run(*args: object, **kwargs: object) -> int:
        seen.append(gc.isenabled() or not startup.gc_paused())
        return 0

    monkeypatch.setattr(f"coach.tui.run.{runner}", fake_run)
    gc.enable()
    assert main([*command, "--set", "interviewer=Dana"]) == 0
    assert seen == [False]
    assert gc.isenabled() and not startup.gc_paused()
