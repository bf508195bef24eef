"""Benchmark `coach due --json` (and other job commands) on a big call record.

Builds a record of 1,000 jobs and 10,000 live calls in a temporary COACH_HOME
(the schema made by the store itself, the rows written in one transaction),
then times whole processes, in rounds that alternate the commands so that a
busy machine slows them alike:

  floor:   python -c "import sqlite3"
  stdlib:  python -c "import sqlite3, argparse, json, datetime, pathlib, typing"
           (what any job command imports before a line of its own runs)
  due:     python -m coach due --json
  due GB:  the same with [follow_up] country = "GB" in settings.toml
  due XDG: the same without COACH_HOME, the record found through XDG_DATA_HOME
  coach:   the installed `coach due --json` script (no runpy), if there is one
  list:    python -m coach job list --json
  log:     python -m coach log --json --limit 20

and prints each one's median and its ratio to the floor measured in the same
run. The target for `due --json` without a country is a ratio of at most 2.

To time another checkout of the code (before a change, say), put it first on
the path: `PYTHONPATH=/tmp/old python scripts/bench_jobs.py`; the record is
then built, and the commands run, by that code.

Usage: python scripts/bench_jobs.py [--rounds N] [--jobs 1000] [--calls 10]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

OUTCOMES = ("voicemail", "no_answer", "pending", "call_back", "pending", "voicemail")


def build(home: Path, jobs: int, calls_per_job: int) -> None:
    """``jobs`` jobs with ``calls_per_job`` live calls each, dated around today."""
    os.environ["COACH_HOME"] = str(home)
    from coach.call.snapshot import CallSnapshot, encode
    from coach.store import Store

    with Store() as store:
        path = store.path
    today = date.today()
    conn = sqlite3.connect(path)
    stamp = f"{today.isoformat()}T09:00:00+00:00"
    job_rows = []
    for i in range(1, jobs + 1):
        interview = today - timedelta(days=i % 60)
        decision = interview + timedelta(days=7) if i % 3 == 0 else None
        status = "closed" if i % 10 == 0 else "heard" if i % 10 == 5 else "open"
        job_rows.append(
            (
                i,
                f"Company {i}",
                "Analyst",
                f"Person {i}",
                interview.isoformat(),
                decision.isoformat() if decision else None,
                status,
                "rejected" if status == "closed" else None,
                json.dumps({"concerns": "travel"}),
                stamp,
                stamp,
                f"job:company {i}|analyst",
            )
        )
    conn.executemany(
        "INSERT INTO jobs (id, company, position, interviewer, interview_date, decision_date, "
        "status, outcome, captured, created_at, updated_at, prospect) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        job_rows,
    )
    call_rows = []
    for n in range(jobs * calls_per_job):
        job_id = n % jobs + 1
        day = today - timedelta(days=60 - n // jobs * 5 + job_id % 7)
        started = f"{day.isoformat()}T10:{n % 60:02d}:00+00:00"
        outcome = OUTCOMES[n % len(OUTCOMES)]
        captures = {"decision_date": (day + timedelta(days=5)).isoformat()} if n % 4 == 0 else {}
        snap = CallSnapshot(
            script="follow-up",
            title="Follow-up call",
            mode="live",
            job=job_id,
            started_at=started,
            outcome=outcome,
            values={"company": f"Company {job_id}", "position": "Analyst"},
            captures=captures,
            notes=f"note {n}",
            finished=True,
        )
        call_rows.append(
            (
                started,
                started,
                outcome,
                job_id,
                json.dumps(captures),
                f"note {n}",
                json.dumps(encode(snap)),
            )
        )
    conn.executemany(
        "INSERT INTO calls (script, title, mode, started_at, started_utc, ended_at, duration_s, "
        "status, outcome, job_id, captures, notes, snapshot) "
        "VALUES ('follow-up', 'Follow-up call', 'live', ?, ?, ?, 180, 'done', ?, ?, ?, ?, ?)",
        [(s, s, s, o, j, c, nt, sn) for s, _, o, j, c, nt, sn in call_rows],
    )
    conn.commit()
    conn.close()


def compile_package() -> Path:
    """Bytecode first, as installing a wheel does (the floor's stdlib has its own).

    The package imported here (the one on PYTHONPATH, if set); its folder.
    """
    import compileall

    import coach

    folder = Path(coach.__file__).parent
    compileall.compile_dir(str(folder), quiet=1)
    return folder


def once(argv: list[str], env: dict[str, str]) -> float:
    """One run's seconds, from a temporary folder (so ``-m coach`` finds no checkout there)."""
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=env["BENCH_CWD"])
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): {argv}\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=10, help="calls per job")
    args = parser.parse_args()
    package = compile_package()
    py = sys.executable
    script = Path(py).with_name("coach")
    with tempfile.TemporaryDirectory() as plain_dir, tempfile.TemporaryDirectory() as gb_dir:
        plain, gb = Path(plain_dir), Path(gb_dir)
        build(plain, args.jobs, args.calls)
        build(gb, args.jobs, args.calls)
        (gb / "config").mkdir(parents=True, exist_ok=True)
        (gb / "config" / "settings.toml").write_text('[follow_up]\ncountry = "GB"\n')
        env_plain = {**os.environ, "COACH_HOME": str(plain), "BENCH_CWD": str(plain)}
        env_gb = {**os.environ, "COACH_HOME": str(gb), "BENCH_CWD": str(plain)}
        # As a user has it: no COACH_HOME, the folders from XDG_DATA_HOME/XDG_CONFIG_HOME.
        (plain / "xdg-data").mkdir()
        (plain / "xdg-data" / "call-coach").symlink_to(plain / "data")
        env_xdg = {k: v for k, v in env_plain.items() if k != "COACH_HOME"}
        env_xdg.update(XDG_DATA_HOME=str(plain / "xdg-data"), XDG_CONFIG_HOME=str(plain / "xdg"))
        due = [py, "-m", "coach", "due", "--json"]
        stdlib = "import sqlite3, argparse, json, datetime, pathlib, typing"
        commands = {
            "floor": ([py, "-c", "import sqlite3"], env_plain),
            "stdlib": ([py, "-c", stdlib], env_plain),
            "due --json": (due, env_plain),
            "due --json, GB": (due, env_gb),
            "due --json, XDG dirs": (due, env_xdg),
            "job list --json": ([py, "-m", "coach", "job", "list", "--json"], env_plain),
            "log --json --limit 20": (
                [py, "-m", "coach", "log", "--json", "--limit", "20"],
                env_plain,
            ),
        }
        if script.is_file():
            commands["coach due --json"] = ([str(script), "due", "--json"], env_plain)
        out = subprocess.run(due, capture_output=True, text=True, env=env_plain, cwd=plain).stdout
        print(
            f"{package}: {args.jobs} jobs, {args.jobs * args.calls} calls; "
            f"due lists {len(json.loads(out))}"
        )
        for argv, env in commands.values():  # warm the file cache
            once(argv, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(args.rounds):
            names = list(commands)
            if round_number % 2:
                names.reverse()
            for name in names:
                samples[name].append(once(*commands[name]))
    floor = statistics.median(samples["floor"])
    print(f"{'command':<22} {'median (ms)':>12} {'ratio':>6}")
    for name, times in samples.items():
        median = statistics.median(times)
        print(f"{name:<22} {median * 1000:>12.1f} {median / floor:>6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
