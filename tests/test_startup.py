"""coach.tui.startup: the collector is paused while the TUI starts, then back on."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
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
def test_call_and_practice_load_their_script_paused_and_start_with_it_frozen(
    monkeypatch: pytest.MonkeyPatch, command: list[str], runner: str
) -> None:
    # The script is loaded with the collector paused; the app starts with it
    # on again, the loaded script frozen (no collection walks it).
    import coach.script.library
    from coach.cli import main

    resolve = coach.script.library.resolve
    seen: list[object] = []

    def resolve_seen(ref: str) -> object:
        seen.append(("load", gc.isenabled()))
        return resolve(ref)

    def fake_run(*args: object, **kwargs: object) -> int:
        seen.append(("run", gc.isenabled(), startup.gc_paused(), gc.get_freeze_count() > 0))
        return 0

    monkeypatch.setattr(coach.script.library, "resolve", resolve_seen)
    monkeypatch.setattr(f"coach.tui.run.{runner}", fake_run)
    gc.unfreeze()
    gc.enable()
    assert main([*command, "--set", "interviewer=Dana"]) == 0
    assert seen == [("load", False), ("run", True, False, True)]
    assert gc.isenabled() and not startup.gc_paused()


def test_resume_loaded_collects_what_the_pause_left_then_freezes() -> None:
    class Cycle:
        def __init__(self) -> None:
            self.me = self

    gc.unfreeze()
    gc.enable()
    startup.pause_gc()
    garbage = weakref.ref(Cycle())  # a cycle: only the collector frees it
    assert garbage() is not None
    startup.resume_gc_loaded()
    assert garbage() is None
    assert gc.isenabled() and not startup.gc_paused() and gc.get_freeze_count() > 0
    startup.resume_gc_loaded()  # not paused: nothing
    assert gc.isenabled()


def test_leave_out_tls_keeps_openssl_out_of_a_textual_app() -> None:
    # A fresh process, as `coach` is: ssl marked missing before Textual (and
    # asyncio) are imported; an app still starts, draws and ends.
    code = """
import sys
from coach.tui.startup import leave_out_tls
leave_out_tls()
import asyncio
from textual.app import App
from textual.widgets import Static

class Tiny(App[None]):
    def compose(self):
        yield Static("hello", id="hello")

async def main():
    app = Tiny()
    async with app.run_test() as pilot:
        await pilot.pause()
        print(app.query_one("#hello", Static).visual)

asyncio.run(main())
maps = open("/proc/self/maps").read()
print(sys.modules["ssl"] is None, "libssl" in maps, "libcrypto" in maps)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["hello", "True", "False", "False"]


def test_leave_out_tls_does_nothing_once_ssl_is_imported() -> None:
    import ssl

    startup.leave_out_tls()
    assert sys.modules["ssl"] is ssl


@pytest.mark.parametrize(
    ("argv", "runner"),
    [
        ([], "coach.tui.run.run_home"),
        (["call", "follow-up", "--set", "interviewer=Dana"], "coach.tui.run.run_call"),
        (["practice", "follow-up", "--set", "interviewer=Dana"], "coach.tui.run.run_practice"),
        (["edit", "follow-up"], "coach.tui.run.run_editor"),
        (["partner"], "coach.tui.partner.run_partner"),
    ],
)
def test_the_terminal_commands_leave_out_tls_before_their_app(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, argv: list[str], runner: str
) -> None:
    from coach.cli import main

    calls: list[str] = []

    def run(*args: object, **kwargs: object) -> int:
        calls.append("run")
        return 0

    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    monkeypatch.setattr(startup, "leave_out_tls", lambda: calls.append("tls"))
    monkeypatch.setattr(runner, run)
    assert main(argv) == 0
    assert calls == ["tls", "run"]
