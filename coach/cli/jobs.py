"""``coach job add|list|show|edit|heard|close``: the jobs, from the command line.

Dates are ``YYYY-MM-DD``; a wrong date, a decision date before the
interview, or an id that names no job is a message and exit 2. Reading
commands open the store read only (no file yet: no jobs); ``show`` folds a
long call list to the newest :data:`SHOWN_CALLS` unless ``--all``. No Textual.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.cli.jobdata import (
    CLEAR,
    OPEN_STATUSES,
    date_arg,
    date_or_clear_arg,
    dates_problem,
    job_id_arg,
    json_lines,
    no_job,
    read_job,
    read_overview,
    settings,
    step_line,
    steps,
)
from coach.cli.status import SUCCESS, USAGE, err, exit_code

if TYPE_CHECKING:
    from coach.call.jobs import Job, JobCall
    from coach.call.nextstep import NextStep
    from coach.store import Store

#: ``coach job show`` lists this many calls, newest first, unless ``--all``.
SHOWN_CALLS = 10
_LABEL_WIDTH = 40
_STATUS_WIDTH = 12

_EDITS = (
    ("company", "the company"),
    ("position", "the position"),
    ("interviewer", "who interviewed you (the name you will ask for)"),
    ("phone", "their phone number"),
    ("notes", "your notes (replaces them)"),
)


# ---------------------------------------------------------------------- parser
def add_job_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="job_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="a new job; prints its id on the last line")
    add.add_argument("--company", metavar="C", default="", help="the company")
    add.add_argument("--position", metavar="P", default="", help="the position")
    add.add_argument("--interviewer", metavar="I", default="", help="who interviewed you")
    add.add_argument("--phone", metavar="N", default="", help="their phone number")
    add.add_argument("--interview-date", metavar="D", type=date_arg, help="YYYY-MM-DD")
    add.add_argument(
        "--decision-date", metavar="D", type=date_arg, help="the day they said they decide by"
    )
    add.add_argument("--notes", metavar="T", default="", help="anything worth keeping")

    listing = sub.add_parser("list", help="open jobs (and those heard from)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--all", action="store_true", help="closed jobs too")

    show = sub.add_parser("show", help="one job, its calls and its next step")
    show.add_argument("id", metavar="ID", type=job_id_arg)
    show.add_argument("--json", action="store_true", help="print JSON (every call)")
    show.add_argument(
        "--all", action="store_true", help=f"every call, not only the newest {SHOWN_CALLS}"
    )

    edit = sub.add_parser("edit", help="change a job's details")
    edit.add_argument("id", metavar="ID", type=job_id_arg)
    for name, text in _EDITS:
        edit.add_argument(f"--{name}", metavar="TEXT", help=text)
    edit.add_argument("--interview-date", metavar="D", type=date_or_clear_arg, help='"" clears')
    edit.add_argument("--decision-date", metavar="D", type=date_or_clear_arg, help='"" clears')

    heard = sub.add_parser("heard", help="they contacted you first: nothing more is due")
    heard.add_argument("id", metavar="ID", type=job_id_arg)
    heard.add_argument("--note", metavar="T", help="what they said (added to the notes)")

    close = sub.add_parser("close", help="the job is decided: offer, rejected, withdrawn...")
    close.add_argument("id", metavar="ID", type=job_id_arg)
    close.add_argument(
        "--outcome",
        metavar="O",
        required=True,
        help="offer, rejected, withdrawn, or your own words",
    )
    close.add_argument("--note", metavar="T", help="anything to keep (added to the notes)")


# ----------------------------------------------------------------- formatting
def _short(d: date | None, today: date) -> str:
    from coach.call.dates import short_date

    return short_date(d, today) if d else "-"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _status(job: Job) -> str:
    """``open``, ``heard``, or a closed job's outcome."""
    return job.status if job.status != "closed" else job.outcome or "closed"


def _list_json(overview: Sequence[tuple[Job, Sequence[JobCall]]], today: date) -> str:
    from coach.call.export import job_json, step_json

    rows: list[dict[str, Any]] = []
    for (job, calls), step in zip(
        overview, steps(overview, today, settings().country), strict=True
    ):
        rows.append(
            {
                **job_json(job),
                "call_count": len(calls),
                "last_call": calls[0].called_on.isoformat() if calls else None,
                "next_step": step_json(step, today),
            }
        )
    return json_lines(rows)


def cmd_job_list(args: argparse.Namespace) -> int:
    today = date.today()
    overview = read_overview(None if args.all else OPEN_STATUSES)
    if isinstance(overview, int):
        return overview
    if args.json:
        print(_list_json(overview, today))
        return SUCCESS
    if not overview:
        if args.all:
            print("No jobs yet. Add one with: coach job add --company C --position P")
        else:
            print("No open jobs. `coach job list --all` shows closed ones too;")
            print("add one with: coach job add --company C --position P")
        return SUCCESS
    found = steps(overview, today, settings().country)
    width = min(_LABEL_WIDTH, max(len(job.label) for job, _ in overview))
    statuses = [_status(job) for job, _ in overview]
    status_width = min(_STATUS_WIDTH, max(len(s) for s in [*statuses, "STATUS"]))
    print(
        f"{'ID':>4}  {'STATUS':<{status_width}}  {'JOB':<{width}}  "
        f"{'INTERVIEW':<13} {'CALLS':>5}  NEXT"
    )
    for (job, calls), step, status in zip(overview, found, statuses, strict=True):
        print(
            f"{job.id:>4}  {_clip(status, status_width):<{status_width}}  "
            f"{_clip(job.label, width):<{width}}  "
            f"{_short(job.interview_date, today):<13} {len(calls):>5}  {step_line(step, today)}"
        )
    return SUCCESS


# ------------------------------------------------------------------------ show
def _show_json(job: Job, calls: Sequence[JobCall], step: NextStep, today: date) -> str:
    from coach.call.export import call_json, job_json, step_json
    from coach.call.jobs import suggested_script

    document = {
        **job_json(job),
        "calls": [call_json(c) for c in calls],
        "next_step": step_json(step, today),
        "next_script": suggested_script(list(calls)),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _field_lines(job: Job, calls: Sequence[JobCall] = ()) -> list[tuple[str, str]]:
    from coach.call.dates import call_date, long_date, parse_iso_date
    from coach.call.jobs import is_date_id, said_date, said_on
    from coach.call.words import id_words

    rows = [
        ("Interviewer", job.interviewer),
        ("Their phone", job.phone),
        ("Interview", long_date(job.interview_date) if job.interview_date else ""),
        ("Decision by", long_date(job.decision_date) if job.decision_date else ""),
    ]
    added = call_date(job.created_at) if job.created_at else None
    rows.append(("Added", long_date(added) if added else ""))
    if job.heard_on:
        rows.append(("Heard from", long_date(job.heard_on)))
    if job.closed_on:
        rows.append(("Closed", f"{long_date(job.closed_on)}: {job.outcome or 'closed'}"))
    rows.append(("Notes", job.notes))
    for key, value in job.captured.items():
        day = parse_iso_date(value)
        shown = long_date(day) if day else value
        if day is None and is_date_id(key) and (on := said_on(calls, key, value)) is not None:
            day = said_date(value, on)  # as typed in its call: "next Monday"
            shown = f"{value} ({long_date(day)})" if day else value
        if key == "decision_date" and day == job.decision_date:
            continue  # shown above
        rows.append((id_words(key), shown))
    return [(name, value) for name, value in rows if str(value).strip()]


def _print_call(call: JobCall, today: date) -> None:
    from coach.call.export import call_outcome, learned

    when = _short(call.called_on, today)
    minutes = f"{round(call.duration_s / 60)} min" if call.duration_s is not None else ""
    mode = "  [practice]" if call.mode == "practice" else ""
    title = call.title or call.script
    print(f"  {call.id:>5}  {when:<15} {minutes:>7}  {call_outcome(call):<18}  {title}{mode}")
    if learned(call):
        print(f"{'':9}learned: {learned(call)}")
    if call.notes.strip():
        notes = " / ".join(line.strip() for line in call.notes.splitlines() if line.strip())
        print(f"{'':9}notes: {notes}")


def cmd_job_show(args: argparse.Namespace) -> int:
    today = date.today()
    found = read_job(args.id)
    if isinstance(found, int):
        return found
    job, calls = found
    (step,) = steps([(job, calls)], today, settings().country)
    if args.json:
        print(_show_json(job, calls, step, today))
        return SUCCESS
    status = job.status if job.status != "closed" else f"closed: {job.outcome or 'closed'}"
    print(f"Job {job.id}: {job.label}  [{status}]")
    rows = _field_lines(job, calls)
    width = max((len(name) for name, _ in rows), default=0)
    for name, value in rows:
        lines = value.splitlines() or [""]
        print(f"  {name:<{width}}  {lines[0]}")
        for more in lines[1:]:
            print(f"  {'':<{width}}  {more}")
    print()
    print(f"Next step: {step_line(step, today)}. {step.reason}")
    if step.suggestion:
        print(f"  {step.suggestion}")
    print()
    if not calls:
        print("No calls yet.")
        return SUCCESS
    shown = calls if args.all else calls[:SHOWN_CALLS]
    print(f"Calls ({len(calls)}, newest first):")
    for call in shown:
        _print_call(call, today)
    hidden = len(calls) - len(shown)
    if hidden:
        print(f"  ... and {hidden} earlier calls: coach job show {job.id} --all lists them")
    return SUCCESS


# ---------------------------------------------------------------- writing
def _writable_store() -> Store | int:
    from coach.store import Store, StoreError

    try:
        store = Store()
    except StoreError as exc:
        err(str(exc))
        return exit_code(exc)
    if store.moved_notice:
        err(store.moved_notice)
    return store


def _next_step_words(job: Job, calls: Sequence[JobCall]) -> str:
    today = date.today()
    (step,) = steps([(job, calls)], today, settings().country)
    return f"Next step: {step_line(step, today)}. {step.reason}"


def cmd_job_add(args: argparse.Namespace) -> int:
    company, position = args.company.strip(), args.position.strip()
    if not company and not position:
        err("a job needs --company or --position (or both)")
        return USAGE
    problem = dates_problem(args.interview_date, args.decision_date)
    if problem:
        err(problem)
        return USAGE
    from coach.store import StoreError

    store = _writable_store()
    if isinstance(store, int):
        return store
    try:
        with store:
            job = store.add_job(
                company,
                position,
                interviewer=args.interviewer.strip(),
                phone=args.phone.strip(),
                interview_date=args.interview_date,
                decision_date=args.decision_date,
                notes=args.notes,
            )
    except StoreError as exc:
        err(str(exc))
        return exit_code(exc)
    print(f"Added job {job.id}: {job.label}.")
    print(_next_step_words(job, []))
    print(job.id)
    return SUCCESS


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, _ in _EDITS:
        value = getattr(args, name)
        if value is not None:
            changes[name] = value if name == "notes" else value.strip()
    for name in ("interview_date", "decision_date"):
        value = getattr(args, name)
        if value is not None:
            changes[name] = None if value is CLEAR else value
    return changes


def cmd_job_edit(args: argparse.Namespace) -> int:
    changes = _changes(args)
    if not changes:
        err("nothing to change: give at least one of --company, --position, --interviewer, "
            "--phone, --interview-date, --decision-date, --notes")  # fmt: skip
        return USAGE
    from coach.store import StoreError

    store = _writable_store()
    if isinstance(store, int):
        return store
    try:
        with store:
            job = store.job(args.id)
            if job is None:
                no_job(args.id)
                return USAGE
            company = changes.get("company", job.company)
            position = changes.get("position", job.position)
            if not company.strip() and not position.strip():
                err(f"job {args.id} needs a company or a position; keep one of them")
                return USAGE
            problem = dates_problem(
                changes.get("interview_date", job.interview_date),
                changes.get("decision_date", job.decision_date),
            )
            if problem:
                err(problem)
                return USAGE
            job = store.update_job(args.id, **changes)
            calls = store.job_calls(args.id)
    except StoreError as exc:
        err(str(exc))
        return exit_code(exc)
    names = ", ".join(name.replace("_", " ") for name in changes)
    print(f"Job {job.id} ({job.label}): changed {names}.")
    print(_next_step_words(job, calls))
    return SUCCESS


def _status_change(
    args: argparse.Namespace, outcome: str | None
) -> tuple[Job, list[JobCall]] | int:
    from coach.store import StoreError

    store = _writable_store()
    if isinstance(store, int):
        return store
    try:
        with store:
            if store.job(args.id) is None:
                no_job(args.id)
                return USAGE
            if outcome is None:
                job = store.mark_heard(args.id, note=args.note)
            else:
                job = store.close_job(args.id, outcome, note=args.note)
            return job, store.job_calls(args.id)
    except StoreError as exc:
        err(str(exc))
        return exit_code(exc)


def cmd_job_heard(args: argparse.Namespace) -> int:
    done = _status_change(args, None)
    if isinstance(done, int):
        return done
    job, _calls = done
    print(f"Job {job.id} ({job.label}): they contacted you first, so nothing more is due.")
    print(f"When it is decided: coach job close {job.id} --outcome offer|rejected|withdrawn")
    return SUCCESS


def cmd_job_close(args: argparse.Namespace) -> int:
    from coach.call.jobs import CLOSE_OUTCOMES

    outcome = args.outcome.strip()
    if outcome.casefold() in CLOSE_OUTCOMES:
        outcome = outcome.casefold()  # "Rejected" is the rules' "rejected"
    if not outcome:
        err("--outcome needs a word: offer, rejected, withdrawn, or your own")
        return USAGE
    done = _status_change(args, outcome)
    if isinstance(done, int):
        return done
    job, calls = done
    print(f"Job {job.id} ({job.label}): closed, {job.outcome}.")
    today = date.today()
    (step,) = steps([(job, calls)], today, settings().country)
    if step.suggestion:
        print(step.suggestion)
    elif outcome.casefold() == "offer":
        print("Congratulations!")
    return SUCCESS


_ACTIONS = {
    "add": cmd_job_add,
    "list": cmd_job_list,
    "show": cmd_job_show,
    "edit": cmd_job_edit,
    "heard": cmd_job_heard,
    "close": cmd_job_close,
}


def cmd_job(args: argparse.Namespace) -> int:
    """``coach job ACTION ...``."""
    return _ACTIONS[args.job_command](args)
