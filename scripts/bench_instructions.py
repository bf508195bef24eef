"""Home's start-up in instructions: its first frame against the floor's, counted.

``bench.py`` measures start-up on the clock, as issue 13's targets are set;
on this machine (a virtual one) the same start-up swings by 10% from one
run to the next, so a change worth 5 ms cannot be told from noise without
dozens of rounds. Valgrind's callgrind counts the instructions a process
runs instead: two runs of one start-up agree within about 0.2%, whatever
else the machine is doing. This script counts, from launch to the first
frame written to the terminal (``first_frame.py`` ends the process there):

  the floor      the empty Textual app showing one Static (``bench_floor.py``)
  home, empty    ``coach`` on an empty store
  home, big      ``coach`` on 1,000 jobs with 10 calls each (``bench_jobs.build``)

and prints each count and its ratio to the floor's. Each app runs once
normally first (its caches filled, as a user's second start finds them);
the hash seed is fixed, so the apps do the same work every run. Under
callgrind a start-up takes some 20 seconds.

Not a target (the targets are on the clock) but a tool for A/B work: run it
on two checkouts and compare. Needs valgrind (Debian: ``apt install
valgrind``); without it, says so and exits 2.

Usage: python scripts/bench_instructions.py [--runs N] [--figures floor,empty,big] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_jobs import build  # noqa: E402
from bench_tui import BIG_HOME, EMPTY_HOME, floor_command, time_startup  # noqa: E402
from tmux_driver import Tmux, tmux_available  # noqa: E402

FIRST_FRAME = ROOT / "scripts" / "first_frame.py"
#: What ``--figures`` may name.
FIGURES = ("floor", "empty", "big")
#: The floor's count when it is not measured (``--figures`` without it): the
#: ratios are then rough, the counts exact.
FLOOR_GUESS = 881.9e6
#: Seconds a start-up under callgrind may take.
TIMEOUT = 300.0


def env_for(home: Path) -> dict[str, str]:
    return {
        "COACH_HOME": str(home),
        "PYTHONPATH": str(ROOT),
        "TEXTUAL_ANIMATIONS": "none",
        "PYTHONHASHSEED": "0",
    }


def counted(kind: str, env: dict[str, str], out: Path) -> int:
    """The instructions ``first_frame.py kind`` runs, under callgrind in tmux."""
    out.unlink(missing_ok=True)
    command = (
        "valgrind --tool=callgrind --callgrind-out-file=/dev/null "
        f"{sys.executable} {FIRST_FRAME} {kind} 2>{out}"
    )
    with Tmux(command, width=100, height=30, env=env, cwd=ROOT):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            text = out.read_text(errors="replace") if out.exists() else ""
            for line in text.splitlines():
                if "Collected :" in line:
                    return int(line.rsplit(":", 1)[1].strip().replace(",", ""))
            time.sleep(0.5)
    raise RuntimeError(f"{kind}: no count from callgrind in {TIMEOUT:.0f} s:\n{text[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2, help="counts of each (default 2)")
    parser.add_argument(
        "--figures", default="floor,empty,big", help="which: floor, empty, big (default all)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    wanted = set(args.figures.split(","))
    if not wanted or not wanted <= set(FIGURES):
        parser.error("--figures takes some of: " + ", ".join(FIGURES))
    if shutil.which("valgrind") is None:
        print("bench_instructions: valgrind is not installed (apt install valgrind)")
        return 2
    if not tmux_available():
        print("bench_instructions: tmux is not installed")
        return 2
    with tempfile.TemporaryDirectory(prefix="coach-instr-") as folder:
        tmp = Path(folder)
        empty, big = env_for(tmp / "home"), env_for(tmp / "big")
        figures: list[tuple[str, str, str, dict[str, str], Callable[[str], bool] | str]] = [
            ("floor", "floor", "floor", empty, "ready"),
            ("empty", "home, empty store", "coach", empty, EMPTY_HOME),
            ("big", "home, 1,000 jobs + 10,000 calls", "coach", big, BIG_HOME),
        ]
        if "big" in wanted:
            build(tmp / "big", 1000, 10)
        counts: dict[str, list[int]] = {}
        for key, name, kind, env, marker in figures:
            if key not in wanted:
                continue
            warm = floor_command() if kind == "floor" else f"{sys.executable} -m coach"
            time_startup(warm, marker, env)  # caches filled, as a second start finds them
            counts[name] = [counted(kind, env, tmp / "callgrind.txt") for _ in range(args.runs)]
    floor = statistics.median(counts["floor"]) if "floor" in counts else FLOOR_GUESS
    rows = [
        {
            "figure": name,
            "instructions": statistics.median(values),
            "runs": values,
            "ratio": round(statistics.median(values) / floor, 3),
        }
        for name, values in counts.items()
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'to the first frame':34} {'instructions':>14} {'ratio':>6}  spread")
    for name, values in counts.items():
        count = statistics.median(values)
        spread = (max(values) - min(values)) / min(values) * 100
        print(f"{name:34} {count / 1e6:12.1f} M {count / floor:6.3f}  {spread:.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
