"""``coach due [--today YYYY-MM-DD] [--json]``: each open job's next step.

Open jobs are those with status ``open`` or ``heard``. The text lists what
is due (overdue first), then what is coming up, then the jobs with nothing
due, one line each; ``--json`` prints DESIGN's array (``id``, ``company``,
``position``, ``status``, ``action``, ``next_from``, ``next_until``,
``reason``, ``due``, ``overdue``), by id. Holidays are those of the
settings' country. It must start fast: no Textual, no YAML, no script.
"""

from __future__ import annotations

import argparse
from datetime import date

from coach.cli.jobdata import (
    OPEN_STATUSES,
    date_arg,
    json_lines,
    read_overview,
    settings,
    step_line,
    steps,
)
from coach.cli.status import SUCCESS

#: The fields of each object of ``coach due --json``, in DESIGN's order, and only those.
DUE_FIELDS = (
    "id",
    "company",
    "position",
    "status",
    "action",
    "next_from",
    "next_until",
    "reason",
    "due",
    "overdue",
)


def add_due_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--today", metavar="YYYY-MM-DD", type=date_arg, help="as if today were this day")
    p.add_argument("--json", action="store_true", help="print JSON")


def cmd_due(args: argparse.Namespace) -> int:
    today: date = args.today or date.today()
    # The settings first: with a country, the read keeps the days that say
    # which years of holidays to load.
    country = settings().country
    overview = read_overview(OPEN_STATUSES, for_steps=True, country=country)
    if isinstance(overview, int):
        return overview
    found = steps(overview, today, country)
    if args.json:
        rows = []
        for (job, _calls), step in zip(overview, found, strict=True):
            fields = {
                "id": job.id,
                "company": job.company,
                "position": job.position,
                "status": job.status,
                **step.as_json(today),
            }
            rows.append({name: fields[name] for name in DUE_FIELDS})
        print(json_lines(rows))
        return SUCCESS
    from coach.call.dates import long_date

    if not overview:
        print("No open jobs. Add one with: coach job add --company C --position P")
        return SUCCESS

    due: list[tuple[tuple[bool, date, int], str]] = []
    coming: list[tuple[tuple[date, int], str]] = []
    idle: list[str] = []
    for (job, _calls), step in zip(overview, found, strict=True):
        line = f"{job.id:>4}  {job.label}: {step_line(step, today)}. {step.reason}"
        if step.earliest is None or step.latest is None or step.action == "none":
            idle.append(line)
        elif step.is_due(today):  # overdue first, then by the last day
            due.append(((not step.is_overdue(today), step.latest, job.id), line))
        else:
            coming.append(((step.earliest, job.id), line))
    sections = (
        ("Due now", [line for _, line in sorted(due)]),
        ("Coming up", [line for _, line in sorted(coming)]),
        ("Nothing due", idle),
    )
    printed = False
    for title, lines in sections:
        if lines:
            if printed:
                print()
            print(f"{title}:")
            print("\n".join(lines))
            printed = True
    if not due:
        print(f"\nNothing is due on {long_date(today)}.")
    return SUCCESS
