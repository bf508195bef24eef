"""``coach draft KIND ID`` and ``coach export --format md|csv|json|ics``. No Textual.

``draft`` prints an email or note for a job (:mod:`coach.call.drafts`): a
file ``<config>/drafts/<kind>.txt`` replaces the built-in text; placeholders
it does not know, and values nobody gave yet, are said on stderr.

``export`` writes jobs, calls and next steps (:mod:`coach.call.export`,
:mod:`coach.call.ics`) to stdout, or with ``--out FILE`` atomically to that
file (CSV then starts with a byte-order mark, so spreadsheets read it as
UTF-8). ``--from``/``--to`` keep the calls of those days.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coach import locations
from coach.cli.jobdata import date_arg, job_id_arg, read_job, read_overview, settings, steps
from coach.cli.status import ERROR, SUCCESS, USAGE, err

if TYPE_CHECKING:
    from coach.call.export import JobEntry, Period

_DRAFT_KINDS = ("thank-you", "check-in", "after-rejection")  # drafts.DRAFT_KINDS, not imported

DRAFT_EPILOG = """\
Write your own text for a kind in the drafts folder (coach where shows it) as
<kind>.txt. Placeholders: {your_name} {your_phone} {company} {position}
{interviewer} {their_phone} {interview_date} {decision_date} {callback_date}
{last_call_date} {requested} (what they asked you to send) {concerns}
{feedback}, any profile id, and anything a call captured. A line starting
with ? is left out when one of its values is missing; {{ and }} are braces."""

#: How to fill what a draft is missing, by placeholder id.
_HOW_TO_FILL = {
    "your_name": "coach profile --set your_name='...'",
    "your_phone": "coach profile --set phone='...'",
    "phone": "coach profile --set phone='...'",
    "company": "coach job edit {id} --company '...'",
    "position": "coach job edit {id} --position '...'",
    "interviewer": "coach job edit {id} --interviewer '...'",
    "their_phone": "coach job edit {id} --phone '...'",
    "interview_date": "coach job edit {id} --interview-date YYYY-MM-DD",
    "decision_date": "coach job edit {id} --decision-date YYYY-MM-DD",
}


# ----------------------------------------------------------------------- draft
def add_draft_arguments(p: argparse.ArgumentParser) -> None:
    from coach.cli.parser import RawDescriptionFormatter

    p.formatter_class = RawDescriptionFormatter
    p.epilog = DRAFT_EPILOG
    p.add_argument("kind", metavar="KIND", choices=_DRAFT_KINDS, help=" | ".join(_DRAFT_KINDS))
    p.add_argument("id", metavar="ID", type=job_id_arg, help="the job (coach job list)")


def cmd_draft(args: argparse.Namespace) -> int:
    from coach.call.drafts import DraftError, compose, placeholder, user_template

    found = read_job(args.id)
    if isinstance(found, int):
        return found
    job, calls = found
    try:
        own = user_template(args.kind)
    except DraftError as exc:
        err(f"{exc}; the built-in text is used")
        own = None
    result = compose(
        args.kind,
        job,
        calls,
        settings().profile,
        own.text if own else None,
        source=str(own.path) if own else None,
    )
    print(result.text, end="" if result.text.endswith("\n") else "\n")
    for problem in result.problems:
        err(problem)
    for missing in result.missing:
        how = _HOW_TO_FILL.get(missing)
        hint = f": {how.format(id=job.id)}" if how else ""
        err(f"{placeholder(missing)} is missing{hint}")
    return SUCCESS


# ---------------------------------------------------------------------- export
def add_export_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format", required=True, choices=("md", "csv", "json", "ics"), help="md|csv|json|ics"
    )
    p.add_argument("--out", metavar="FILE", type=Path, help="write to FILE (default: stdout)")
    p.add_argument(
        "--from", dest="start", metavar="D", type=date_arg, help="first day (YYYY-MM-DD)"
    )
    p.add_argument("--to", dest="end", metavar="D", type=date_arg, help="last day (YYYY-MM-DD)")
    p.add_argument(
        "--today", metavar="D", type=date_arg, help="the day next steps are counted from"
    )


def _render(
    fmt: str, entries: list[JobEntry], today: date, period: Period, profile: Mapping[str, str]
) -> str:
    from coach.call import export

    if fmt == "ics":
        from coach.call.ics import export_ics

        return export_ics(entries, today, period)
    if fmt == "md":
        return export.export_markdown(
            entries, today, period, your_name=profile.get("your_name", "")
        )
    if fmt == "csv":
        return export.export_csv(entries, today, period)
    return export.export_json(entries, today, period)


def cmd_export(args: argparse.Namespace) -> int:
    from coach.call.export import JobEntry, Period

    if args.start and args.end and args.end < args.start:
        err(f"--to {args.end.isoformat()} is before --from {args.start.isoformat()}")
        return USAGE
    out: Path | None = args.out
    if out is not None:
        if out.is_dir():
            err(f"--out {out}: is a folder; give a file name")
            return USAGE
        if not out.parent.is_dir():
            err(f"--out {out}: the folder {out.parent} does not exist")
            return USAGE
    today = args.today or date.today()
    overview = read_overview(None)
    if isinstance(overview, int):
        return overview
    loaded = settings()
    entries = [
        JobEntry(job, calls, step)
        for (job, calls), step in zip(overview, steps(overview, today, loaded.country), strict=True)
    ]
    text = _render(args.format, entries, today, Period(args.start, args.end), loaded.profile)
    if out is None:
        sys.stdout.write(text)
        return SUCCESS
    try:
        # A BOM first, so that spreadsheets read the CSV as UTF-8.
        locations.write_atomic(out, "\ufeff" + text if args.format == "csv" else text)
    except OSError as exc:
        err(f"--out {out}: cannot be written ({exc.strerror or exc})")
        return ERROR
    print(f"Wrote {out} ({args.format}).")
    return SUCCESS
