"""Benchmark the TUI in a real terminal (tmux) against an empty Textual app.

Three figures, each with a floor measured in the same run:

1. Start-up: from launching the command in a fresh tmux pane until its first
   screen is readable there (polled with capture-pane).
   floor: an empty Textual app showing one Static; measured: ``coach`` (home).
2. A key that moves the call: from the app reading the key to the refresh that
   shows the new step (measured inside the app: key event -> call_after_refresh).
   floor: an empty Textual app updating one Static per key; measured: ``coach
   call follow-up`` walking down the script to a final step and back (WALK).
3. Home on a big store: start-up to home readable (the scripts and the jobs
   list drawn) with 1,000 jobs (some due, some coming up, some closed) and
   10,000 calls, against the same with an empty store (target: at most 1.2);
   the empty Textual app is the floor of both. Then keys on home with the big
   store (key event -> the refresh that shows the result): ``down`` moving the
   cursor, ``enter`` opening a job, ``escape`` back to home (which reads every
   job again). Each start-up also gives the CPU time the app had used by the
   time its screen was readable (Linux): on a machine other programs keep
   busy, the wall times swing and the CPU times do not.

Prints medians and the ratios (target: at most 1.5 each, 1.2 for home).

Usage: python scripts/bench_tui.py [--runs N] [--keys N] [--rounds N]
           [--figures startup,keys,home] [--jobs 1000] [--calls 10] [--json]
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_check import compile_package  # noqa: E402
from bench_floor import record  # noqa: E402
from bench_jobs import build  # noqa: E402
from follow_up import set_options  # noqa: E402
from tmux_driver import Tmux, flat  # noqa: E402

#: The call's moves: down the follow-up script (the first choice, or Enter)
#: to its final step, then back (``b``) to the start; every step on the way is
#: new the first time, and several show capture fields (a layout change).
FORWARD = ["1", "1", "1", "Enter", "Enter", "1", "Enter", "1", "Enter"]
WALK = FORWARD + ["b"] * len(FORWARD)
MOVE_KEYS = {"1", "b", "enter"}

#: Home's keys with 1,000 jobs: down the list, open the job, back to home.
HOME_WALK = ["Down", "Down", "Down", "Enter", "Escape"]
HOME_KEYS = {"down": "down", "enter": "open", "escape": "back"}

#: Seconds between two start-ups (the last app's exit out of the way).
SETTLE = 0.3

#: On home whatever the store: the scripts list drawn, with its first (bundled) script.
#: (Not a given title: which script comes first, and how many fit, changes.)
SCRIPTS_MARKS = ("Call scripts", "bundled")


def home_readable(*jobs_marks: str) -> Callable[[str], bool]:
    """Home is readable: the scripts list and the jobs (or the empty text) are drawn."""
    wanted = [flat(mark) for mark in (*SCRIPTS_MARKS, *jobs_marks)]

    def check(screen: str) -> bool:
        text = flat(screen)
        return all(mark in text for mark in wanted)

    return check


#: With an empty store the jobs list is the empty text; with a big one, the
#: first section's heading and its first job (the bench store names them so).
EMPTY_HOME = home_readable("No jobs yet")
BIG_HOME = home_readable("Due now", "Company ", "Analyst")


# --------------------------------------------------------------- in the pane
def _record(log: Path, t0: float, name: str = "") -> None:
    record(str(log), t0, name)


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


def child_home(log: Path) -> None:
    """``coach`` on home, with each of :data:`HOME_KEYS` logged (key -> result drawn)."""
    from textual import events

    from coach.cli import main
    from coach.tui.app import CoachApp
    from coach.tui.screens.home import HomeScreen
    from coach.tui.screens.job import JobScreen

    pending: list[tuple[str, float]] = []
    original_on_event = CoachApp.on_event
    original_move = HomeScreen.action_move
    original_job_refresh = JobScreen.refresh_data
    original_home_refresh = HomeScreen.refresh_data

    async def on_event(self: CoachApp, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and event.key in HOME_KEYS:
            pending.append((HOME_KEYS[event.key], time.perf_counter()))
        await original_on_event(self, event)

    def done(app: CoachApp, kind: str) -> None:
        if pending and pending[0][0] == kind:
            name, t0 = pending.pop(0)
            app.call_after_refresh(_record, log, t0, name)

    def move(self: HomeScreen, step: int) -> None:
        original_move(self, step)
        done(self.app, "down")  # type: ignore[arg-type]

    def job_refresh(self: JobScreen) -> None:
        original_job_refresh(self)
        done(self.app, "open")  # type: ignore[arg-type]

    def home_refresh(self: HomeScreen) -> None:
        original_home_refresh(self)
        done(self.app, "back")  # type: ignore[arg-type]

    CoachApp.on_event = on_event  # type: ignore[method-assign, assignment]
    HomeScreen.action_move = move  # type: ignore[method-assign]
    JobScreen.refresh_data = job_refresh  # type: ignore[method-assign]
    HomeScreen.refresh_data = home_refresh  # type: ignore[method-assign]
    raise SystemExit(main([]))


# ------------------------------------------------------------------- driving
def _python(args: str) -> str:
    return f"{sys.executable} {Path(__file__).resolve()} {args}"


def floor_command(log: Path | None = None) -> str:
    """The floor app's command line (``scripts/bench_floor.py``), logging its keys to ``log``."""
    floor = ROOT / "scripts" / "bench_floor.py"
    return f"{sys.executable} {floor}" + (f" --log {log}" if log else "")


def _child_of(pid: int) -> int | None:
    """The process ``pid`` started (the pane's shell runs the command as its child)."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                return int(entry)
    return None


def _cpu_seconds(pid: int | None) -> float | None:
    """User and system time of ``pid`` so far (Linux /proc; None elsewhere)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_startup(
    command: str, marker: str | Callable[[str], bool], env: dict[str, str]
) -> tuple[float, float | None]:
    """Seconds from launch until ``marker`` shows, and the CPU seconds the app used by then.

    The CPU time (in clock ticks, 10 ms) does not grow when other programs
    load the machine, as the wall time does: a cross-check of the wall figure.
    """
    start = time.perf_counter()
    with Tmux(command, width=100, height=30, env=env, cwd=ROOT) as tmux:
        pane = tmux.pane_pid() if sys.platform == "linux" else None
        app = None
        while pane is not None and app is None and time.perf_counter() - start < 5:
            app = _child_of(pane)
        tmux.wait_for(marker, timeout=30, interval=0.005)
        elapsed = time.perf_counter() - start
        cpu = _cpu_seconds(app)
    # The app ends after its tmux server does: let it go before the next one
    # starts, or the next start-up shares the machine with its exit.
    time.sleep(SETTLE)
    return elapsed, cpu


#: Into the follow-up call from its prep screen: (key, what shows after it).
CALL_OPENING = [("s", "Start anyway"), ("y", "May I speak with")]


def key_times(
    command: str,
    ready: str,
    key: str,
    keys: int,
    env: dict[str, str],
    log: Path,
    *,
    walk: list[str] | None = None,
    opening: list[tuple[str, str]] | None = None,
) -> list[float]:
    """Send ``keys`` keys once ``ready`` shows; the seconds the app logged for each.

    ``key`` is the one key to send (the floor's ``x``), or ``"call"``: first
    the ``opening`` keys (each waiting for its text; by default into the
    follow-up call), then ``walk`` over and over (by default :data:`WALK`).
    """
    log.write_text("")
    moves = walk or WALK
    with Tmux(command, width=100, height=30, env=env, cwd=ROOT) as tmux:
        tmux.wait_for(ready, timeout=30)
        if key == "call":
            for press, shows in CALL_OPENING if opening is None else opening:
                tmux.send(press)
                tmux.wait_for(shows, timeout=60)
        for i in range(keys):
            tmux.send(key if key != "call" else moves[i % len(moves)])
            deadline = time.monotonic() + 5
            while len(log.read_text().splitlines()) < i + 1 and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.05)
    return [float(x) for x in log.read_text().split()]


def home_key_times(command: str, keys: int, env: dict[str, str], log: Path) -> dict[str, list]:
    """Walk :data:`HOME_WALK` on home ``keys`` times; each key's time by its kind."""
    log.write_text("")
    with Tmux(command, width=100, height=30, env=env, cwd=ROOT) as tmux:
        tmux.wait_for(BIG_HOME, timeout=30)
        time.sleep(0.6)  # past start-up's one garbage collection (coach.tui.startup)
        for i in range(keys):
            tmux.send(HOME_WALK[i % len(HOME_WALK)])
            deadline = time.monotonic() + 5
            while len(log.read_text().splitlines()) < i + 1 and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.05)
    times: dict[str, list[float]] = {name: [] for name in HOME_KEYS.values()}
    for line in log.read_text().splitlines():
        value, name = line.split()
        times[name].append(float(value))
    return times


FIGURES = ("startup", "keys", "home")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-ups of each app")
    parser.add_argument("--keys", type=int, default=72, help="key presses in each app, per round")
    parser.add_argument("--rounds", type=int, default=3, help="turns of floor then coach keys")
    parser.add_argument(
        "--figures",
        default=",".join(FIGURES),
        help="which figures, comma-separated: startup, keys, home (default: all)",
    )
    parser.add_argument("--jobs", type=int, default=1000, help="jobs in home's big store")
    parser.add_argument("--calls", type=int, default=10, help="calls per job in the big store")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", choices=["coach", "home"], help=argparse.SUPPRESS)
    parser.add_argument("--log", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.child == "coach":
        child_coach(Path(args.log), rest)
        return 0
    if args.child == "home":
        child_home(Path(args.log))
        return 0
    figures = {name.strip() for name in args.figures.split(",") if name.strip()}
    if not figures or figures - set(FIGURES):
        parser.error(f"--figures takes some of: {', '.join(FIGURES)}")

    compile_package()
    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            "COACH_HOME": str(Path(tmp) / "home"),
            "PYTHONPATH": str(ROOT),
            "TEXTUAL_ANIMATIONS": "none",
        }
        big_env = {**env, "COACH_HOME": str(Path(tmp) / "big")}
        if "home" in figures:
            build(Path(big_env["COACH_HOME"]), args.jobs, args.calls)
        log = Path(tmp) / "keys.log"
        floor_cmd = floor_command(log)
        coach_cmd = f"{sys.executable} -m coach"
        # Each run starts every app once, in turns (the order reversed every
        # other run), so a change in the machine's load weighs on all alike.
        starts: list[tuple[str, str, Callable[[str], bool] | str, dict[str, str]]] = [
            ("start floor", floor_cmd, "ready", env),
            ("start empty", coach_cmd, EMPTY_HOME, env),
        ]
        if "home" in figures:
            starts.append(("start big", coach_cmd, BIG_HOME, big_env))
        if figures & {"startup", "home"}:
            for _name, command, marker, run_env in starts:  # warm the file cache, untimed
                time_startup(command, marker, run_env)
            for run in range(args.runs):
                for name, command, marker, run_env in starts[:: -1 if run % 2 else 1]:
                    elapsed, cpu = time_startup(command, marker, run_env)
                    samples.setdefault(name, []).append(elapsed)
                    if cpu is not None:
                        samples.setdefault(f"{name} cpu", []).append(cpu)
        # Floor and coach take turns, a round each, likewise.
        sets = set_options()
        if figures & {"keys", "home"}:
            for _ in range(args.rounds):
                samples.setdefault("key floor", []).extend(
                    key_times(floor_cmd, "ready", "x", args.keys, env, log)
                )
                if "keys" in figures:
                    samples.setdefault("key call", []).extend(
                        key_times(
                            _python(f"--child coach --log {log} call follow-up {sets}"),
                            "resume in front of you",
                            "call",
                            args.keys,
                            env,
                            log,
                        )
                    )
                    shutil.rmtree(env["COACH_HOME"], ignore_errors=True)  # each call afresh
                if "home" in figures:
                    home = home_key_times(
                        _python(f"--child home --log {log}"), args.keys, big_env, log
                    )
                    for kind, values in home.items():
                        samples.setdefault(f"key home {kind}", []).extend(values)

    medians = {name: statistics.median(values) * 1000 for name, values in samples.items() if values}
    rows: list[tuple[str, str, str]] = []  # (figure, floor sample, measured sample)
    if "startup" in figures:
        rows.append(("start-up to first screen", "start floor", "start empty"))
    if "keys" in figures:
        rows.append(("key to next step shown", "key floor", "key call"))
    if "home" in figures:
        rows += [
            (f"start-up to home, {args.jobs:,} jobs", "start floor", "start big"),
            (f"home, {args.jobs:,} jobs: down", "key floor", "key home down"),
            (f"home, {args.jobs:,} jobs: open job", "key floor", "key home open"),
            (f"home, {args.jobs:,} jobs: back home", "key floor", "key home back"),
        ]
    result: dict[str, object] = {
        "medians_ms": {name: round(value, 1) for name, value in medians.items()},
        "counts": {name: len(values) for name, values in samples.items()},
        "ratios_to_floor": {
            figure: round(medians[measured] / medians[floor], 2)
            for figure, floor, measured in rows
            if measured in medians
        },
        "runs": args.runs,
        "rounds": args.rounds,
        "python_dont_write_bytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
    }
    if "home" in figures:
        result["home_big_over_empty"] = round(medians["start big"] / medians["start empty"], 2)
        if "start big cpu" in medians:
            cpu = medians["start big cpu"] / medians["start empty cpu"]
            result["home_big_over_empty_cpu"] = round(cpu, 2)
        result["store"] = {"jobs": args.jobs, "calls": args.jobs * args.calls}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    width = max(len(figure) for figure, _, _ in rows) + 2
    print(f"{'':<{width}} {'floor (ms)':>11} {'coach (ms)':>11} {'ratio':>6}")
    for figure, floor, measured in rows:
        if measured not in medians:
            continue
        print(
            f"{figure:<{width}} {medians[floor]:>11.1f} {medians[measured]:>11.1f}"
            f" {medians[measured] / medians[floor]:>6.2f}"
        )
    if "home" in figures:
        empty, big = medians["start empty"], medians["start big"]
        print(
            f"\nstart-up to home: empty store {empty:.1f} ms, {args.jobs:,} jobs and "
            f"{args.jobs * args.calls:,} calls {big:.1f} ms: ratio {big / empty:.2f} "
            "(target at most 1.2)"
        )
        if "start big cpu" in medians:
            empty, big = medians["start empty cpu"], medians["start big cpu"]
            print(
                f"  CPU time of the app by then (10 ms ticks; steady when the machine is "
                f"busy): empty {empty:.0f} ms, {args.jobs:,} jobs {big:.0f} ms: "
                f"ratio {big / empty:.2f}"
            )
    print(json.dumps({k: result[k] for k in ("counts", "runs", "rounds")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
