"""Benchmark `coach check` against a bare compose of the same file.

Generates call scripts of 1,000 and 10,000 nodes, then times whole processes:
  floor:  python -c "yaml.compose(text, Loader=yaml.CSafeLoader)"
  check:  python -m coach check FILE
and prints both figures (median of N runs) and their ratio. The target is a
ratio of at most 1.5.

Usage: python scripts/bench_check.py [--runs N] [--sizes 1000,10000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def generate(n: int) -> str:
    """A valid script of n nodes: a chain of branching steps ending in outcomes."""
    lines = [
        "format: 1",
        f"title: Generated call with {n} nodes",
        "description: A long generated script for benchmarks.",
        "variables:",
        "  interviewer: {prompt: Who interviewed you?, required: true}",
        "  position: Position you interviewed for",
        "checklist:",
        "  - Your resume is in front of you",
        "  - {id: quiet, text: You are somewhere quiet, why: So you can hear, required: true}",
        "anytime: [repeat]",
        "answers:",
        "  - {title: Why you, text: 'I fit the {position} role well.'}",
        "nodes:",
    ]
    body = n - 3  # three fixed nodes at the end
    for i in range(body):
        nxt = f"step_{i + 1}" if i + 1 < body else "thanks"
        lines += [
            f"  step_{i}:",
            f"    say: Step {i}. Hello {{interviewer}}, about the {{position}} role.",
            "    tips:",
            "      - Speak slowly.",
            "      - Smile while you talk.",
            f"    seconds: {10 + i % 50}",
        ]
        if i % 10 == 0:
            lines += [
                "    capture:",
                f"      - {{id: note_{i}, prompt: 'What did they say at step {i}?'}}",
            ]
        if i % 3 == 0:
            lines += ["    next: " + nxt]
        else:
            lines += [
                "    choices:",
                f"      - {{label: 'Go on with {{interviewer}}', next: {nxt}}}",
                "      - {label: Voicemail, next: voicemail}",
                "      - label: They are done",
                "        next: thanks",
            ]
    lines += [
        "  thanks:",
        "    say: Thank you for your time, {interviewer}.",
        "    end: pending",
        "  voicemail:",
        "    say: Leave your name and number, slowly.",
        "    end: voicemail",
        "  repeat:",
        "    say: Sorry, could you repeat that?",
        "    next: return",
    ]
    return "\n".join(lines) + "\n"


FLOOR = (
    "import sys, yaml\n"
    "text = open(sys.argv[1], encoding='utf-8').read()\n"
    "yaml.compose(text, Loader=yaml.CSafeLoader)\n"
)


def time_runs(argv: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(argv, capture_output=True, text=True)
        samples.append(time.perf_counter() - start)
        if result.returncode not in (0,):
            out = result.stdout + result.stderr
            sys.exit(f"command failed ({result.returncode}): {argv}\n{out}")
    return statistics.median(samples)


def compile_package() -> None:
    """Write the package's bytecode first, as installing a wheel does.

    An editable install has no .pyc files, and with PYTHONDONTWRITEBYTECODE
    set every run would compile the whole package again; the floor (Textual,
    PyYAML) is installed with its bytecode, so measure both the same way.
    """
    import compileall

    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "coach"), quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    compile_package()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'nodes':>7} {'floor (s)':>10} {'check (s)':>10} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"gen-{n}.yaml"
            path.write_text(generate(n), encoding="utf-8")
            floor = time_runs([sys.executable, "-c", FLOOR, str(path)], args.runs)
            check = time_runs(
                [sys.executable, "-m", "coach", "check", "--strict", str(path)], args.runs
            )
            print(f"{n:>7} {floor:>10.3f} {check:>10.3f} {check / floor:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
