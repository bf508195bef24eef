"""Measure the app on a 10,000-node script, and 12,800 characters typed as keys.

Issue 14 (point 4) and issue 13's scale figures, each from outside the app,
in a real terminal (tmux) or as a whole process:

  call     launch ``coach call`` until its prep screen is readable, then
           ``s`` ``y`` until the first step shows ("call first screen")
  editor   launch ``coach edit`` until the text and "Problems: none" show
  graph    ``coach graph --format text`` as a whole process
  keys     in the call's notes (``n``), N characters sent as single keys
           (tmux ``send-keys -l``, not a bracketed paste), in chunks, until
           the last chunk's end shows and the app answers ``escape``
  floor    the empty Textual app's start-up (``bench_floor.py``), for the ratio

The scripts come from ``bench_check.generate`` (a chain of steps: every step
leads on to the next), made in a temporary folder with its own COACH_HOME.

Usage: python scripts/bench_scale.py [--nodes 10000] [--chars 12800]
           [--figures floor,call,editor,graph,keys] [--runs 1] [--app-root DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_check import generate  # noqa: E402
from bench_tui import _child_of, _cpu_seconds, floor_command  # noqa: E402
from tmux_driver import Tmux  # noqa: E402

SETS = "--set interviewer=Dana --set position=Analyst"
PREP = "Your resume is in front of you"
#: Wide enough for the notes to show beside the step (the call's wide layout).
SIZE = (120, 40)


def coach(args: str) -> str:
    return f"{sys.executable} -m coach {args}"


class Run:
    """One app in tmux: the seconds since launch, and the CPU seconds the app
    has used (steadier than the wall time on a machine other programs load),
    at each ``mark``."""

    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.t0 = time.perf_counter()
        self.tmux = Tmux(command, width=SIZE[0], height=SIZE[1], env=env, cwd=env["PYTHONPATH"])
        pane = self.tmux.pane_pid()
        self.pid = None
        while self.pid is None and time.perf_counter() - self.t0 < 5:
            self.pid = _child_of(pane)
        self.marks: dict[str, tuple[float, float]] = {}

    def wait(self, text: str, timeout: float = 900) -> None:
        self.tmux.wait_for(text, timeout=timeout, interval=0.01)

    def mark(self, name: str) -> None:
        self.marks[name] = (time.perf_counter() - self.t0, _cpu_seconds(self.pid) or 0.0)

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: object) -> None:
        self.tmux.kill()
        time.sleep(0.3)  # its exit out of the way of the next one


def time_floor(env: dict[str, str]) -> dict[str, tuple[float, float]]:
    with Run(floor_command(), env) as run:
        run.wait("ready")
        run.mark("floor start-up")
        return run.marks


def into_call(run: Run) -> None:
    run.wait(PREP)
    run.mark("call: launch to prep")
    run.tmux.send("s")
    run.wait("Start anyway", 60)
    run.tmux.send("y")
    run.wait("Step 0.")
    run.mark("call: launch to first step")


def time_call(path: Path, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    with Run(coach(f"call {path} {SETS}"), env) as run:
        into_call(run)
        return run.marks


def time_editor(path: Path, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Launch until the text shows, and until its problems do; then a key at
    the top (an unknown key: one error) until the problems say so, and 200
    characters typed as keys until the last shows."""
    with Run(coach(f"edit {path}"), env) as run:
        run.wait("Generated call with")
        run.mark("editor: launch to text")
        run.wait("Problems: none")
        run.mark("editor: launch to problems")
        run.tmux.send("x")
        run.mark("key")
        run.wait("Problems: 1 error")
        run.mark("key shown")
        run.tmux.send("BSpace")
        run.wait("Problems: none")
        run.mark("typing")
        run.tmux.type("abcdefghij" * 19 + "abcdefgEND")
        run.wait("abcdefgENDformat")
        run.mark("typed")
        marks = {k: v for k, v in run.marks.items() if k.startswith("editor")}
        for name, start, end in (
            ("editor: key to its problem shown", "key", "key shown"),
            ("editor: 200 keys typed, shown", "typing", "typed"),
        ):
            (w0, c0), (w1, c1) = run.marks[start], run.marks[end]
            marks[name] = (w1 - w0, c1 - c0)
        return marks


def time_graph(path: Path, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    t0 = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "coach", "graph", str(path), "--format", "text"],
        env={**os.environ, **env},
        cwd=env["PYTHONPATH"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        raise RuntimeError(f"coach graph failed: {result.stderr[-500:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - sum(_children_cpu)
    _children_cpu.append(cpu)
    return {"graph --format text": (elapsed, cpu)}


_children_cpu: list[float] = []


def time_keys(path: Path, env: dict[str, str], chars: int) -> dict[str, tuple[float, float]]:
    """From the first key sent until all ``chars`` are in the notes and the
    app has taken ``escape`` after them."""
    with Run(coach(f"call {path} {SETS}"), env) as run:
        into_call(run)
        run.tmux.send("n")
        run.wait("Typing", 30)
        chunk = "abcdefghij" * 20  # 200 characters a send-keys
        run.mark("keys start")
        sent = 0
        while sent < chars:
            piece = chunk[: min(len(chunk), chars - sent)]
            run.tmux.type(piece)
            sent += len(piece)
        run.tmux.type(" END")
        run.wait("END")
        run.tmux.send("Escape")
        run.wait("Notes (n)", 60)
        run.mark("keys end")
        (w0, c0), (w1, c1) = run.marks["keys start"], run.marks["keys end"]
        return {f"{chars} keys into notes": (w1 - w0, c1 - c0)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10000)
    parser.add_argument("--chars", type=int, default=12800)
    parser.add_argument("--figures", default="floor,call,editor,graph,keys")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--app-root", type=Path, default=ROOT, help="the checkout whose coach runs (before/after)"
    )
    args = parser.parse_args(argv)
    figures = args.figures.split(",")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        path = tmp / f"gen-{args.nodes}.yaml"
        path.write_text(generate(args.nodes), encoding="utf-8")
        results: dict[str, list[tuple[float, float]]] = {}
        for run in range(args.runs):
            env = {
                "COACH_HOME": str(tmp / f"home-{run}"),
                "PYTHONPATH": str(args.app_root),
                "TEXTUAL_ANIMATIONS": "none",
            }
            marks: dict[str, tuple[float, float]] = {}
            if "floor" in figures:
                marks.update(time_floor(env))
            if "call" in figures:
                marks.update(time_call(path, env))
            if "editor" in figures:
                marks.update(time_editor(path, env))
            if "graph" in figures:
                marks.update(time_graph(path, env))
            if "keys" in figures:
                env = {**env, "COACH_HOME": str(tmp / f"keys-{run}")}
                marks.update(time_keys(path, env, args.chars))
            for name, value in marks.items():
                results.setdefault(name, []).append(value)
            print(f"run {run + 1} done", file=sys.stderr)
    print(f"{args.nodes} nodes, medians of {args.runs} run(s):        wall     cpu")
    for name, values in results.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"  {name:34} {wall:8.2f} s {cpu:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
