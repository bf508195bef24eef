"""Commands that read what was recorded, and where: ``log``, ``stats``, ``where``.

None of them imports Textual (they must start fast).
"""

from __future__ import annotations

import argparse
import json

from coach import locations
from coach.cli.status import SUCCESS, USAGE, err, exit_code, print_findings


# ------------------------------------------------------------------------- log
def add_log_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, metavar="N", help="at most N calls")
    p.add_argument("--job", type=int, metavar="ID", help="only the calls on job ID")


def _fmt_duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


def cmd_log(args: argparse.Namespace) -> int:
    """``coach log [--json] [--limit N] [--job ID]``: past calls, newest first."""
    from coach.store.calllog import NoJob, read_log
    from coach.store.connection import read_jobs
    from coach.store.errors import NothingRecorded, StoreError

    if args.limit is not None and args.limit < 0:
        err("--limit takes a number of calls, 0 or more")
        return USAGE
    job_id = getattr(args, "job", None)
    label = None
    hidden = False
    try:
        job, entries, hidden = read_jobs(lambda conn: read_log(conn, args.limit, job_id))
        label = job.label if job is not None else None
    except NoJob:
        err(f"there is no job {job_id}: `coach job list --all` shows them all")
        return USAGE
    except NothingRecorded:
        if job_id is not None:
            err(f"there is no job {job_id}: no job has been added yet")
            return USAGE
        entries = []  # no call yet (reading never creates the file)
    except StoreError as exc:
        err(str(exc))
        return exit_code(exc)
    if args.json:
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return SUCCESS
    if hidden:
        print("--limit 0 shows no calls; there are some: leave out --limit to see them.")
        return SUCCESS
    if label is not None:
        print(f"Calls on job {job_id} ({label}):" if entries else f"No calls on job {job_id} yet.")
    elif not entries:
        print("No calls yet. Start one with: coach call follow-up")
        return SUCCESS
    for e in entries:
        when = (e.get("started_at") or "")[:16].replace("T", " ")
        outcome = e.get("outcome") or "-"
        mode = "" if e.get("mode") == "live" else f" [{e.get('mode')}]"
        about = ", ".join(p for p in (e.get("company") or "", e.get("position") or "") if p)
        what = f"{about} · {e.get('title', '')}" if about and label is None else e.get("title", "")
        print(
            f"{e['id']:>4}  {when}  {_fmt_duration(e.get('duration_s')):>6}  "
            f"{e.get('status', ''):<11}  {outcome:<10}  {what}{mode}"
        )
    return SUCCESS


# ----------------------------------------------------------------------- stats
def add_stats_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("script", metavar="SCRIPT")
    p.add_argument("--json", action="store_true", help="print JSON")


def cmd_stats(args: argparse.Namespace) -> int:
    """``coach stats SCRIPT [--json]``: practice stats per scenario and per step."""
    from coach.call.practice import runs_from_records
    from coach.call.stats import format_stats_text, script_stats, stats_json
    from coach.script.library import resolve
    from coach.script.model import ScriptError

    try:
        script = resolve(args.script)
    except ScriptError as exc:
        print_findings(exc.findings)
        return exit_code(exc)

    from coach.store import NothingRecorded, Store, StoreError

    try:
        with Store(read_only=True) as store:
            records = store.calls(mode="practice", script=script.id)
    except NothingRecorded:
        records = []  # no rehearsal yet (reading never creates the file)
    except StoreError as exc:
        err(f"cannot read the call record: {exc}")
        return exit_code(exc)
    stats = script_stats(script, runs_from_records(records, script.id))
    if getattr(args, "json", False):
        print(json.dumps(stats_json(stats), indent=2, ensure_ascii=False))
    else:
        print(format_stats_text(stats))
    return SUCCESS


# ----------------------------------------------------------------------- where
def cmd_where(args: argparse.Namespace) -> int:
    """``coach where``: the folders and files in use."""
    rows = [
        ("config", locations.config_dir()),
        ("scripts", locations.user_scripts_dir()),
        ("settings", locations.config_dir() / "settings.toml"),
        ("drafts", locations.user_drafts_dir()),
        ("data", locations.data_dir()),
        ("database", locations.database_path()),
        ("cache", locations.cache_dir()),
        ("recovery", locations.recovery_dir()),
        ("bundled", locations.bundled_scripts_dir()),
    ]
    for name, path in rows:
        print(f"{name:<9} {path}")
    return SUCCESS
