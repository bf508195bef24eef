"""Benchmark the TUI in a real terminal (tmux) against an empty Textual app.

Two figures, each with a floor measured in the same run:

1. Start-up: from launching the command in a fresh tmux pane until its first
   screen is readable there (polled with capture-pane).
   floor: an empty Textual app showing one Static; measured: ``coach`` (home).
2. A key that moves the call: from the app reading the key to the refresh that
   shows the new step (measured inside the app: key event -> call_after_refresh).
   floor: an empty Textual app updating one Static per key; measured: ``coach
   call follow-up`` walking down the script to a final step and back (WALK).

Prints medians and the ratios (target: at most 1.5 each).

Usage: python scripts/bench_tui.py [--runs N] [--keys N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_check import compile_package  # noqa: E402
from follow_up import set_options  # noqa: E402
from tmux_driver import Tmux  # noqa: E402

#: The call's moves: down the follow-up script (the first choice, or Enter)
#: to its final step, then back (``b``) to the start; every step on the way is
#: new the first time, and several show capture fields (a layout change).
FORWARD = ["1", "1", "1", "Enter", "Enter", "1", "Enter", "1", "Enter"]
WALK = FORWARD + ["b"] * len(FORWARD)
MOVE_KEYS = {"1", "b", "enter"}


# --------------------------------------------------------------- in the pane
def child_floor(log: Path) -> None:
    """An empty Textual app: one Static, updated on every key."""
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("ready", id="s")

        async def on_event(self, event: events.Event) -> None:
            if isinstance(event, events.Key) and not event.is_forwarded and event.key == "x":
                t0 = time.perf_counter()
                self.count += 1
                self.query_one("#s", Static).update(f"step {self.count}")
                self.call_after_refresh(_record, log, t0)
                return
            await super().on_event(event)

    Floor().run()


def _record(log: Path, t0: float) -> None:
    with log.open("a") as f:
        f.write(f"{time.perf_counter() - t0}\n")


def child_coach(log: Path, argv: list[str]) -> None:
    """The real ``coach``, with the key-to-refresh time of each move logged."""
    from textual import events

    from coach.cli import main
    from coach.tui.app import CoachApp
    from coach.tui.screens.call import CallScreen

    pending: list[float] = []
    original_on_event = CoachApp.on_event
    original_show = CallScreen.show_step

    async def on_event(self: CoachApp, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and event.key in MOVE_KEYS:
            pending.append(time.perf_counter())
        await original_on_event(self, event)

    def show_step(self: CallScreen) -> None:
        original_show(self)
        if pending:
            self.app.call_after_refresh(_record, log, pending.pop())

    CoachApp.on_event = on_event  # type: ignore[method-assign, assignment]
    CallScreen.show_step = show_step  # type: ignore[method-assign]
    raise SystemExit(main(argv))


# ------------------------------------------------------------------- driving
def _python(args: str) -> str:
    return f"{sys.executable} {Path(__file__).resolve()} {args}"


def time_startup(command: str, marker: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    with Tmux(command, width=100, height=30, env=env, cwd=ROOT) as tmux:
        tmux.wait_for(marker, timeout=30, interval=0.005)
        return time.perf_counter() - start


def key_times(command: str, ready: str, key: str, keys: int, env: dict[str, str], log: Path):
    log.write_text("")
    with Tmux(command, width=100, height=30, env=env, cwd=ROOT) as tmux:
        tmux.wait_for(ready, timeout=30)
        if key == "call":
            tmux.send("s")
            tmux.wait_for("Start anyway")
            tmux.send("y")
            tmux.wait_for("May I speak with")
        for i in range(keys):
            tmux.send("x" if key != "call" else WALK[i % len(WALK)])
            deadline = time.monotonic() + 5
            while len(log.read_text().split()) < i + 1 and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.05)
    return [float(x) for x in log.read_text().split()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-ups of each app")
    parser.add_argument("--keys", type=int, default=72, help="key presses in each app, per round")
    parser.add_argument("--rounds", type=int, default=3, help="turns of floor then coach keys")
    parser.add_argument("--child", choices=["floor", "coach"], help=argparse.SUPPRESS)
    parser.add_argument("--log", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.child == "floor":
        child_floor(Path(args.log))
        return 0
    if args.child == "coach":
        child_coach(Path(args.log), rest)
        return 0

    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "COACH_HOME": str(Path(tmp) / "home"),
            "PYTHONPATH": str(ROOT),
            "TEXTUAL_ANIMATIONS": "none",
        }
        log = Path(tmp) / "keys.log"
        floor_start, coach_start = [], []
        for _ in range(args.runs):
            floor_start.append(time_startup(_python(f"--child floor --log {log}"), "ready", env))
            coach_start.append(
                time_startup(f"{sys.executable} -m coach", "Follow-up call after", env)
            )
        # Floor and coach take turns, a round each, so a change in the
        # machine's load while the benchmark runs weighs on both alike.
        floor_keys: list[float] = []
        coach_keys: list[float] = []
        sets = set_options()
        for _ in range(args.rounds):
            floor_keys += key_times(
                _python(f"--child floor --log {log}"), "ready", "x", args.keys, env, log
            )
            coach_keys += key_times(
                _python(f"--child coach --log {log} call follow-up {sets}"),
                "resume in front of you",
                "call",
                args.keys,
                env,
                log,
            )
            shutil.rmtree(env["COACH_HOME"], ignore_errors=True)  # each call starts afresh

    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1000

    rows = [
        ("start-up to first screen", ms(floor_start), ms(coach_start)),
        ("key to next step shown", ms(floor_keys), ms(coach_keys)),
    ]
    print(f"{'':<26} {'floor (ms)':>11} {'coach (ms)':>11} {'ratio':>6}")
    for name, floor, coach in rows:
        print(f"{name:<26} {floor:>11.1f} {coach:>11.1f} {coach / floor:>6.2f}")
    print(
        json.dumps(
            {
                "runs": args.runs,
                "rounds": args.rounds,
                "keys": [len(floor_keys), len(coach_keys)],
                "python_dont_write_bytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
