"""Measure every figure of issue 13's targets table against its floor, in one run.

Each figure and its floor take turns (the order reversed every other round),
several rounds, so a change in the machine's load weighs on both alike; the
table shows the medians, their ratio, the target and a pass/fail mark.

  group   figure                                         floor
  home    launch to home in tmux, empty store and        an empty Textual app
          10,000 calls + 1,000 jobs                      showing one Static
  keys    key to next step (in tmux), 100- and           the empty app updating
          10,000-node scripts; the 10,000-node           its Static per key (and
          call's start-up                                its start-up)
  check   coach check, 1,000 and 10,000 nodes            python -c composing the
                                                         file (yaml.CSafeLoader)
  memory  peak RSS (VmHWM) during a call on the          the empty app after a
          bundled follow-up script                       few keys
  editor  the editor on 1,000 nodes: a key to the        the editor on 10 nodes
          problems panel updated (also < 0.5 s)
  cli     coach log --json --limit 20 and coach due      python -c "import
          --json with 10,000 calls                       sqlite3"

The scripts (10 to 10,000 nodes, from ``bench_check.generate``) and the store
(``bench_jobs.build``) are made in a temporary folder; every app runs with its
own COACH_HOME there. Key times are measured inside the app (key event to the
refresh that shows the step, see ``bench_tui.child_coach``); start-ups, the
editor's problems and memory from outside, in tmux.

Usage: python scripts/bench.py [--quick] [--rounds N] [--keys N]
           [--figures home,keys,check,memory,editor,cli] [--json]
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
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_check import FLOOR as COMPOSE  # noqa: E402
from bench_check import compile_package, generate  # noqa: E402
from bench_jobs import build, once  # noqa: E402
from bench_tui import (  # noqa: E402
    BIG_HOME,
    EMPTY_HOME,
    FORWARD,
    _child_of,
    _python,
    floor_command,
    key_times,
    time_startup,
)
from follow_up import set_options  # noqa: E402
from tmux_driver import Tmux, TmuxError  # noqa: E402

SIZES = (10, 100, 1000, 10000)
#: ``--set`` for the generated scripts' variables (the call skips its details screen).
GEN_SETS = "--set interviewer=Dana --set position=Analyst"
GEN_READY = "Your resume is in front of you"
GEN_OPENING = [("s", "Start anyway"), ("y", "Step 0.")]
FOLLOW_UP_READY = "resume in front of you"


def gen_walk(steps: int) -> list[str]:
    """Down a generated script ``steps`` steps (``next`` every third step, else
    the first choice), then back (``b``) as many."""
    forward = ["Enter" if i % 3 == 0 else "1" for i in range(steps)]
    return forward + ["b"] * steps


@dataclass(frozen=True)
class Row:
    group: str
    figure: str
    floor: str  # the sample names
    measured: str
    target: float | None  # the largest ratio that passes (None: shown, not a target)
    unit: str = "ms"
    limit: float | None = None  # and the largest median that passes, in ``unit``


ROWS = (
    Row("home", "launch to home, empty store", "start floor", "start home", 1.15),
    Row("home", "launch to home, 10k calls + 1k jobs", "start floor", "start home big", 1.2),
    Row("keys", "key to next step, 100 nodes", "key floor", "key call 100", 1.25),
    Row("keys", "key to next step, 10,000 nodes", "key floor", "key call 10000", 1.25),
    Row("keys", "start-up of a call, 10,000 nodes", "start floor", "start call 10000", 1.5),
    Row("check", "coach check, 1,000 nodes", "compose 1000", "check 1000", 1.3),
    Row("check", "coach check, 10,000 nodes", "compose 10000", "check 10000", 1.0),
    Row("check", "  the same, 1,000, file just edited", "compose 1000", "check 1000 new", None),
    Row("check", "  the same, 10,000, file just edited", "compose 10000", "check 10000 new", None),
    Row("memory", "peak memory in a call (follow-up)", "rss floor", "rss call", 1.25, "MiB"),
    Row("memory", "  the same, script cache kept", "rss floor", "rss call warm", None, "MiB"),
    Row("editor", "editor 1,000 nodes: key to problems", "editor 10", "editor 1000", 2.0,
        limit=500.0),
    Row("cli", "coach log --json --limit 20, 10k calls", "import sqlite3", "log", 2.0),
    Row("cli", "coach due --json, 10k calls", "import sqlite3", "due", 2.0),
)  # fmt: skip
GROUPS = tuple(dict.fromkeys(row.group for row in ROWS))


class Bench:
    """The run's folder, its inputs and what it measured."""

    def __init__(self, tmp: Path, rounds: int, keys: int, quick: bool) -> None:
        self.tmp, self.rounds, self.keys, self.quick = tmp, rounds, keys, quick
        self.samples: dict[str, list[float]] = {}
        self.failures: dict[str, str] = {}
        #: CPU times of start-ups (kept apart: the warm-up's are among them).
        self.cpu: dict[str, list[float]] = {}
        self.log = tmp / "keys.log"
        self.scripts = {n: tmp / f"gen-{n}.yaml" for n in SIZES}
        for n, path in self.scripts.items():
            path.write_text(generate(n), encoding="utf-8")
        self.env = self.home_env("home")
        self._big: dict[str, str] | None = None

    def home_env(self, name: str) -> dict[str, str]:
        return {
            "COACH_HOME": str(self.tmp / name),
            "PYTHONPATH": str(ROOT),
            "TEXTUAL_ANIMATIONS": "none",
        }

    @property
    def big_env(self) -> dict[str, str]:
        """A store of 1,000 jobs with 10 calls each, built on first use."""
        if self._big is None:
            self._big = self.home_env("big")
            saved = os.environ.get("COACH_HOME")
            build(Path(self._big["COACH_HOME"]), 1000, 10)
            if saved is None:
                os.environ.pop("COACH_HOME", None)
            else:
                os.environ["COACH_HOME"] = saved
        return self._big

    def add(self, name: str, *values: float) -> None:
        self.samples.setdefault(name, []).extend(values)

    def turns(self, measures: list[tuple[str, Callable[[], object]]], warm: bool = True) -> None:
        """Each measure once per round, in turns; the first round's order reversed
        in the next. A warm-up round first (untimed) unless ``--quick``."""
        if warm and not self.quick:
            for _name, measure in measures:
                measure()
        for round_number in range(self.rounds):
            for name, measure in measures[:: -1 if round_number % 2 else 1]:
                if name in self.failures:
                    continue
                try:
                    value = measure()
                except (TmuxError, AppCrashed) as exc:
                    self.failures[name] = f"{name}: " + str(exc).splitlines()[0][:200]
                    continue
                if isinstance(value, list):
                    self.add(name, *value)
                else:
                    self.add(name, float(value))  # type: ignore[arg-type]


class AppCrashed(RuntimeError):
    pass


# ------------------------------------------------------------------- figures
def start(
    b: Bench, name: str, command: str, marker: Callable[[str], bool] | str, env: dict[str, str]
) -> float:
    """A start-up's milliseconds; the CPU time the app had used by then goes to
    ``b.cpu[name + " cpu"]`` (steadier than the wall time on a busy machine)."""
    elapsed, cpu = time_startup(command, marker, env)
    if cpu is not None:
        b.cpu.setdefault(f"{name} cpu", []).append(cpu * 1000)
    return elapsed * 1000


def coach_cmd(args: str = "") -> str:
    return f"{sys.executable} -m coach {args}".rstrip()


def measure_home(b: Bench) -> None:
    big = b.big_env
    b.turns(
        [
            ("start floor", lambda: start(b, "start floor", floor_command(), "ready", b.env)),
            ("start home", lambda: start(b, "start home", coach_cmd(), EMPTY_HOME, b.env)),
            ("start home big", lambda: start(b, "start home big", coach_cmd(), BIG_HOME, big)),
        ]
    )


def measure_keys(b: Bench) -> None:
    call_env = b.home_env("calls")
    big_script = b.scripts[10000]

    def call_keys(n: int) -> list[float]:
        command = _python(f"--child coach --log {b.log} call {b.scripts[n]} {GEN_SETS}")
        walk = gen_walk(max(3, min(20, b.keys // 2)))
        try:
            return [
                t * 1000
                for t in key_times(
                    command, GEN_READY, "call", b.keys, call_env, b.log,
                    walk=walk, opening=GEN_OPENING,
                )
            ]  # fmt: skip
        finally:
            shutil.rmtree(call_env["COACH_HOME"], ignore_errors=True)  # no call to resume

    def floor_keys() -> list[float]:
        return [
            t * 1000 for t in key_times(floor_command(b.log), "ready", "x", b.keys, b.env, b.log)
        ]

    b.turns(
        [
            ("key floor", floor_keys),
            ("key call 100", lambda: call_keys(100)),
            ("key call 10000", lambda: call_keys(10000)),
        ],
        warm=False,
    )
    start_env = b.home_env("starts")  # no call is started here: nothing to resume
    b.turns(
        [
            ("start floor", lambda: start(b, "start floor", floor_command(), "ready", b.env)),
            (
                "start call 10000",
                lambda: start(
                    b,
                    "start call 10000",
                    coach_cmd(f"call {big_script} {GEN_SETS}"),
                    GEN_READY,
                    start_env,
                ),
            ),
        ]
    )


def measure_check(b: Bench) -> None:
    env = {**os.environ, "COACH_HOME": str(b.tmp / "home"), "BENCH_CWD": str(b.tmp)}
    py = sys.executable
    measures: list[tuple[str, Callable[[], object]]] = []
    for n in (1000, 10000):
        path = str(b.scripts[n])
        measures.append((f"compose {n}", lambda p=path: once([py, "-c", COMPOSE, p], env) * 1000))  # type: ignore[misc]
        measures.append(
            (f"check {n}", lambda p=path: once([py, "-m", "coach", "check", p], env) * 1000)  # type: ignore[misc]
        )
        measures.append((f"check {n} new", lambda p=path: check_edited(py, p, env)))  # type: ignore[misc]
    b.turns(measures)


def check_edited(py: str, path: str, env: dict[str, str]) -> float:
    """``coach check`` of a file just saved (a new modification time: nothing kept
    for it), in ms; the same file afterwards, as the other rows, checks kept."""
    os.utime(path, ns=(time.time_ns(), time.time_ns()))
    try:
        return once([py, "-m", "coach", "check", path], env) * 1000
    finally:
        once([py, "-m", "coach", "check", path], env)  # kept again for the "check N" row


def vm_hwm(pid: int | None) -> float:
    """The peak resident memory of ``pid`` (VmHWM, Linux), in MiB."""
    if pid is None:
        raise AppCrashed("the app's process was not found")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AppCrashed("no VmHWM in /proc (not Linux?)")


def peak_rss(command: str, ready: str, env: dict[str, str], play: Callable[[Tmux], None]) -> float:
    """Start ``command`` in tmux, wait for ``ready``, ``play`` keys; the app's VmHWM then."""
    with Tmux(command, width=100, height=30, env=env, cwd=ROOT) as tmux:
        tmux.wait_for(ready, timeout=30)
        play(tmux)
        time.sleep(0.3)
        return vm_hwm(_child_of(tmux.pane_pid()))


def measure_memory(b: Bench) -> None:
    call_env = b.home_env("memory")

    def floor_keys(tmux: Tmux) -> None:
        for i in range(len(FORWARD)):
            tmux.send("x")
            tmux.wait_for(f"step {i + 1}")

    def call_keys(tmux: Tmux) -> None:
        tmux.send("s")
        tmux.wait_for("Start anyway")
        tmux.send("y")
        tmux.wait_for("May I speak with")
        for key in FORWARD:
            tmux.send(key)
            time.sleep(0.15)

    warm_env = b.home_env("memory-warm")

    def call(env: dict[str, str], keep_cache: bool) -> float:
        """The call in a COACH_HOME of its own, removed after (its script cache
        kept if ``keep_cache``: a user's second call, the bundled script not
        read from YAML again)."""
        home = Path(env["COACH_HOME"])
        try:
            command = coach_cmd(f"call follow-up {set_options()}")
            return peak_rss(command, FOLLOW_UP_READY, env, call_keys)
        finally:
            _clear_home(home, keep=home / "data" / "cache" if keep_cache else None)

    call(warm_env, keep_cache=True)  # makes the cache the warm row reads (untimed)
    b.turns(
        [
            ("rss floor", lambda: peak_rss(floor_command(), "ready", b.env, floor_keys)),
            ("rss call", lambda: call(call_env, keep_cache=False)),
            ("rss call warm", lambda: call(warm_env, keep_cache=True)),
        ],
        warm=False,
    )


def _clear_home(home: Path, keep: Path | None) -> None:
    """Remove ``home`` (its calls, settings, scripts), all but the folder ``keep``."""
    if keep is None or not keep.is_dir():
        shutil.rmtree(home, ignore_errors=True)
        return
    for path in list(home.rglob("*")):
        if path == keep or keep in path.parents or path in keep.parents:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists():
            path.unlink()


def _wait_screen(tmux: Tmux, text: str, timeout: float = 60.0) -> None:
    """Until ``text`` is on the screen (polled every few ms); AppCrashed if the app exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = tmux.screen()
        if text in screen:
            return
        if "[exited " in screen:
            raise AppCrashed(f"the app exited before showing {text!r}")
        time.sleep(0.003)
    raise TmuxError(f"timed out waiting for {text!r}")


def editor_times(path: Path, env: dict[str, str], presses: int) -> list[float]:
    """``coach edit path``; then, ``presses`` times: type ``x`` at the top (an unknown
    key: one error) and rub it out, each time until the problems panel says so."""
    times = []
    with Tmux(coach_cmd(f"edit {path}"), width=100, height=30, env=env, cwd=ROOT) as tmux:
        _wait_screen(tmux, "Problems: none", timeout=30)
        for _ in range(presses):
            for key, shows in (("x", "Problems: 1 error"), ("BSpace", "Problems: none")):
                t0 = time.perf_counter()
                tmux.send(key)
                _wait_screen(tmux, shows, timeout=10)
                times.append((time.perf_counter() - t0) * 1000)
    return times


def measure_editor(b: Bench) -> None:
    presses = max(1, b.keys // 8)
    b.turns(
        [
            ("editor 10", lambda: editor_times(b.scripts[10], b.env, presses)),
            ("editor 1000", lambda: editor_times(b.scripts[1000], b.env, presses)),
        ],
        warm=False,
    )


def measure_cli(b: Bench) -> None:
    big = {**os.environ, **b.big_env, "BENCH_CWD": str(b.tmp)}
    py = sys.executable
    b.turns(
        [
            ("import sqlite3", lambda: once([py, "-c", "import sqlite3"], big) * 1000),
            (
                "log",
                lambda: once([py, "-m", "coach", "log", "--json", "--limit", "20"], big) * 1000,
            ),
            ("due", lambda: once([py, "-m", "coach", "due", "--json"], big) * 1000),
        ]
    )


MEASURES: dict[str, Callable[[Bench], None]] = {
    "home": measure_home,
    "keys": measure_keys,
    "check": measure_check,
    "memory": measure_memory,
    "editor": measure_editor,
    "cli": measure_cli,
}


# -------------------------------------------------------------------- report
def results(b: Bench, groups: list[str]) -> list[dict[str, Any]]:
    rows = []
    for row in ROWS:
        if row.group not in groups:
            continue
        floor = b.samples.get(row.floor)
        measured = b.samples.get(row.measured)
        entry: dict[str, Any] = {**asdict(row), "floor_median": None, "median": None}
        failure = b.failures.get(row.measured) or b.failures.get(row.floor)
        entry.update(ratio=None, passed=False, failure=failure)
        if floor and measured:
            f, m = statistics.median(floor), statistics.median(measured)
            ratio = m / f
            passed = row.target is None or (
                ratio <= row.target and (row.limit is None or m <= row.limit)
            )
            entry.update(floor_median=round(f, 1), median=round(m, 1), ratio=round(ratio, 2))
            entry.update(passed=passed, counts=[len(floor), len(measured)])
        cpu_floor, cpu = b.cpu.get(f"{row.floor} cpu"), b.cpu.get(f"{row.measured} cpu")
        if cpu_floor and cpu:
            entry["cpu_ratio"] = round(statistics.median(cpu) / statistics.median(cpu_floor), 2)
        rows.append(entry)
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a plain-text table (``cpu``: the CPU-time ratio of a start-up)."""
    width = max(len(str(r["figure"])) for r in rows) + 1
    head = f"{'figure':<{width}} {'floor':>7} {'coach':>7} {'unit':<4} {'ratio':>5} {'cpu':>5}"
    lines = [f"{head}  {'target':<15} ok"]
    for r in rows:
        if r["target"] is None:
            target = "(not one)"
        else:
            target = f"<= {r['target']}" + (f", < {r['limit']:.0f} ms" if r["limit"] else "")
        if r["median"] is None:
            why = r["failure"] or "not measured"
            lines.append(
                f"{r['figure']:<{width}} {'-':>7} {'-':>7} {r['unit']:<4} {'-':>5} {'-':>5}"
                f"  {target:<15} FAIL ({why})"
            )
            continue
        cpu = f"{r['cpu_ratio']:.2f}" if r.get("cpu_ratio") else "-"
        lines.append(
            f"{r['figure']:<{width}} {r['floor_median']:>7.1f} {r['median']:>7.1f} "
            f"{r['unit']:<4} {r['ratio']:>5.2f} {cpu:>5}  {target:<15} "
            + ("-" if r["target"] is None else "pass" if r["passed"] else "FAIL")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: one round, few keys")
    parser.add_argument("--rounds", type=int, help="turns of each floor and figure (default 7)")
    parser.add_argument("--keys", type=int, help="key presses per app and round (default 40)")
    parser.add_argument(
        "--figures",
        default=",".join(GROUPS),
        help=f"which rows, comma-separated groups: {', '.join(GROUPS)} (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    groups = [name.strip() for name in args.figures.split(",") if name.strip()]
    unknown = sorted(set(groups) - set(GROUPS))
    if not groups or unknown:
        parser.error(f"--figures takes some of: {', '.join(GROUPS)} (not {', '.join(unknown)})")
    rounds = args.rounds or (1 if args.quick else 7)
    keys = args.keys or (8 if args.quick else 40)
    if rounds < 1 or keys < 1:
        parser.error("--rounds and --keys take a number of at least 1")
    needs_tmux = set(groups) & {"home", "keys", "memory", "editor"}
    if needs_tmux and shutil.which("tmux") is None:
        parser.error("the home, keys, memory and editor figures need tmux on the PATH")
    compile_package()
    load_before = os.getloadavg()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as tmp:
        b = Bench(Path(tmp), rounds, keys, args.quick)
        for group in groups:
            MEASURES[group](b)
    rows = results(b, groups)
    summary = {
        "rows": rows,
        "rounds": rounds,
        "keys": keys,
        "seconds": round(time.perf_counter() - began, 1),
        "load_average": [round(x, 2) for x in (*load_before, *os.getloadavg())],
        "cpus": os.cpu_count(),
        "samples": {name: [round(v, 2) for v in values] for name, values in b.samples.items()},
        "cpu_samples": {name: [round(v, 1) for v in values] for name, values in b.cpu.items()},
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(table(rows))
        print(
            f"\n{rounds} round(s), {keys} keys each; medians (ms unless marked); "
            f"took {summary['seconds']} s; load average before "
            f"{load_before[0]:.2f}, after {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
        )
    return 0 if all(r["passed"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
