"""Commands that open the TUI on a call: ``call``, ``practice``, and ``coach`` alone (home).

What can be checked without a screen is checked first (the script loads,
each ``--set`` names one of its variables, a date is a date), so a mistake is
a message on stderr and an exit code, never a screen. Textual is imported
only after that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from coach.cli.commands import SCRIPT_HELP
from coach.cli.status import USAGE, err, exit_code, print_findings, refuse_dumb_terminal

if TYPE_CHECKING:
    # Only in annotations: ``coach`` alone (cmd_home) never imports argparse.
    import argparse

    from coach.call.jobstart import JobCallStart
    from coach.script.model import Script


# ---------------------------------------------------------------------- parser
def add_call_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("script", metavar="SCRIPT", help=SCRIPT_HELP)
    p.add_argument(
        "--job",
        type=int,
        metavar="ID",
        help="the job this call is about (its details are filled in, its next step set)",
    )
    p.add_argument(
        "--set",
        action="append",
        metavar="ID=VALUE",
        help="fill a variable of the script (repeatable)",
    )


def add_practice_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("script", metavar="SCRIPT", help=SCRIPT_HELP)
    p.add_argument(
        "--scenario", metavar="ID", help="the scenario to rehearse (default: least rehearsed)"
    )
    p.add_argument("--seed", type=int, metavar="N", help="make the scenario pick repeatable")
    p.add_argument(
        "--solo", action="store_true", help="rehearse alone: the app plays the other side"
    )
    p.add_argument(
        "--set", action="append", metavar="ID=VALUE", help="fill a variable (repeatable)"
    )


# ------------------------------------------------------------- script, values
def _parse_sets(pairs: Sequence[str], script: Script) -> dict[str, str] | None:
    """The ``--set ID=VALUE`` pairs as values, or None after saying what is wrong."""
    known = {v.id for v in script.variables}
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            err(f"--set takes ID=VALUE, got '{pair}'")
            return None
        if key not in known:
            names = ", ".join(sorted(known)) or "none"
            err(f"--set {key}: '{script.id}' has no variable '{key}' (its variables: {names})")
            return None
        if script.variable(key).type == "date" and value.strip():  # type: ignore[union-attr]
            # What people say ("last Tuesday", "14 Nov") or ISO, read from today;
            # the text is kept as given, like a date typed on the details screen.
            from datetime import date

            from coach.call.saydate import read_date
            from coach.cli.jobdata import settings

            settings()  # numeric dates read in the order the settings give
            reading = read_date(value, date.today())
            if reading.day is None:
                why = f" ({reading.problem})" if reading.problem else ""
                err(
                    f"--set {key}: '{value}' is not a date I know{why}; write it as people "
                    "say it (yesterday, last Tuesday, 14 Nov) or as YYYY-MM-DD"
                )
                return None
        values[key] = value
    return values


def _script_and_values(args: argparse.Namespace) -> tuple[Script, dict[str, str]] | int:
    """SCRIPT and its ``--set`` values, or the exit code after saying what is wrong."""
    from coach.script.library import resolve
    from coach.script.model import ScriptError

    try:
        script = resolve(args.script)
    except ScriptError as exc:
        print_findings(exc.findings)
        return exit_code(exc)
    values = _parse_sets(args.set or [], script)
    if values is None:
        return USAGE
    return script, values


# -------------------------------------------------------------------- commands
def _job_start(script: Script, job_id: int, given: dict[str, str]) -> JobCallStart | int:
    """A call on job ``job_id``: its values and timing, or the exit code after saying why not."""
    from datetime import date

    from coach.call.jobstart import job_call_start
    from coach.cli.jobdata import business_days, settings
    from coach.store import NothingRecorded, Store, StoreError

    try:
        with Store(read_only=True) as store:
            job = store.job(job_id)
            calls = store.job_calls(job_id) if job is not None else []
    except NothingRecorded:
        job, calls = None, []
    except StoreError as exc:
        err(str(exc))
        return exit_code(exc)
    if job is None:
        err(f"--job {job_id}: there is no job {job_id}; `coach job list` shows them")
        return USAGE
    loaded = settings()
    today = date.today()
    days = business_days(loaded.country, today, [(job, calls)])
    return job_call_start(script, job, calls, today, days=days, profile=loaded.profile, given=given)


def cmd_call(args: argparse.Namespace) -> int:
    """``coach call SCRIPT [--job ID] [--set ID=VALUE]...``: details, checklist, live call."""
    return _collector_paused(_call, args)


def _collector_paused(
    command: Callable[[argparse.Namespace], int], args: argparse.Namespace
) -> int:
    """``command(args)`` with the cyclic garbage collector paused while it loads
    its script, which is then frozen before Textual starts
    (``coach.tui.startup.resume_gc_loaded``).

    Loading a big script leaves its model alive (a 10,000-step script is some
    150,000 objects) while Textual starts, which allocates as much again: every
    full collection walked them all, and Textual's parse of ``coach.tcss``,
    15 ms in a fresh process, took 140 ms on that heap (measured in tmux).
    """
    from coach.tui.startup import leave_out_tls, pause_gc, resume_gc

    leave_out_tls()
    pause_gc()
    try:
        return command(args)
    finally:
        resume_gc(collect=False)


def _call(args: argparse.Namespace) -> int:
    loaded = _script_and_values(args)
    if isinstance(loaded, int):
        return loaded
    script, values = loaded
    start: JobCallStart | None = None
    if args.job is not None:
        found = _job_start(script, args.job, values)
        if isinstance(found, int):
            return found
        start, values = found, found.values
    else:
        values = _with_profile(script, values)
    if refuse_dumb_terminal():
        return USAGE
    from coach.tui.startup import resume_gc_loaded

    resume_gc_loaded()  # the script is loaded: frozen, and the collector on
    from coach.tui.run import run_call

    return run_call(script, values, mode="live", job=args.job, start=start)


def _with_profile(script: Script, given: dict[str, str]) -> dict[str, str]:
    """``given`` over the profile's values (a call without a job still knows your name)."""
    from coach.call.values import chain_values
    from coach.cli.jobdata import settings

    return chain_values(script, profile=settings().profile, given=given)


def cmd_practice(args: argparse.Namespace) -> int:
    """``coach practice SCRIPT [--scenario ID] [--seed N] [--solo] [--set ...]``."""
    return _collector_paused(_practice, args)


def _practice(args: argparse.Namespace) -> int:
    loaded = _script_and_values(args)
    if isinstance(loaded, int):
        return loaded
    from coach.call.practice import PracticeError
    from coach.store.rehearsals import pick_scenario

    script, values = loaded
    values = _with_profile(script, values)
    try:
        pick = pick_scenario(script, args.scenario, args.seed)
    except PracticeError as exc:
        err(str(exc))
        return exit_code(exc)
    if refuse_dumb_terminal():
        return USAGE
    from coach.tui.startup import resume_gc_loaded

    resume_gc_loaded()  # the script is loaded: frozen, and the collector on
    from coach.tui.run import run_practice

    return run_practice(script, values, pick, solo=args.solo)


def cmd_home(args: argparse.Namespace) -> int:
    """``coach``: the home screen."""
    # Importing coach.tui.startup imports no Textual (coach/tui/__init__.py is
    # empty), so the collector is paused before the bulk of start-up.
    from coach.tui.startup import leave_out_tls, pause_gc, resume_gc

    leave_out_tls()  # no TLS in a terminal app (see coach.tui.startup)
    pause_gc()  # until the home screen is drawn (see coach.tui.startup)

    try:
        if refuse_dumb_terminal():
            return USAGE
        from coach.tui.run import run_home

        return run_home()
    finally:
        resume_gc(collect=False)
