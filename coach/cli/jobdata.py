"""What the job commands share: argument types, reading jobs, next steps, settings warnings.

Nothing here imports Textual; the store and the rules are imported when a
command runs, not when its arguments are parsed.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date

from coach.cli.status import USAGE, err, exit_code

TYPE_CHECKING = False
if TYPE_CHECKING:
    from coach.call.businessdays import BusinessDays
    from coach.call.jobs import Job, JobCall
    from coach.call.nextstep import NextStep
    from coach.settings import Settings

_ISO_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

#: ``coach job list`` and ``coach due`` read jobs with these statuses.
OPEN_STATUSES = ("open", "heard")


class Clear:
    """``--decision-date ""``: remove the date (distinct from "not given")."""

    def __repr__(self) -> str:
        return "CLEAR"


CLEAR = Clear()


# ------------------------------------------------------------ argument types
def _date_problem(text: str) -> str:
    if _ISO_SHAPE.fullmatch(text.strip()):
        year, month, day = (int(part) for part in text.strip().split("-"))
        if 1 <= month <= 12:
            month_name = _MONTHS[month - 1]
            return f"'{text}' is not a day of the calendar: {month_name} {year} has no day {day}"
        return f"'{text}' is not a date: there is no month {month}"
    return f"'{text}' is not a date: write it as YYYY-MM-DD, e.g. 2026-03-03"


def date_arg(text: str) -> date:
    """``YYYY-MM-DD`` as a date; anything else is argparse's exit 2 with a clear message."""
    from coach.call.dates import parse_iso_date

    day = parse_iso_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(_date_problem(text))
    return day


def date_or_clear_arg(text: str) -> date | Clear:
    """A date, or ``""`` to clear it."""
    return CLEAR if not text.strip() else date_arg(text)


def job_id_arg(text: str) -> int:
    """A job id: a whole number from 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a job id: job ids are numbers (`coach job list` shows them)"
        )
    return value


def no_job(job_id: int) -> None:
    """The message for an id that names no job."""
    err(f"there is no job {job_id}; `coach job list` shows them")


def dates_problem(interview: date | None, decision: date | None) -> str | None:
    """Why these two dates cannot both be right, or None."""
    if interview is not None and decision is not None and decision < interview:
        from coach.call.dates import long_date

        return (
            f"the decision date ({long_date(decision)}) is before the interview "
            f"({long_date(interview)}); check the dates"
        )
    return None


# ------------------------------------------------------------------ output
def json_lines(rows: Sequence[Mapping[str, object]]) -> str:
    """A JSON array with one object per line (``coach due --json``, ``coach job list --json``).

    ``json.dumps(indent=...)`` runs the pure-Python encoder; an object per
    line keeps the C one (ten times faster on a thousand jobs) and reads well.
    One encoder for every row: ``json.dumps`` makes a new one per call unless
    every option is the default (0.8 ms on 900 jobs).
    """
    import json

    if not rows:
        return "[]"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    body = ",\n".join(f"  {encode(row)}" for row in rows)
    return f"[\n{body}\n]"


# ---------------------------------------------------------------- settings
#: The settings as last read, and the file's state then (see :func:`settings`).
_read: tuple[tuple[object, ...], Settings] | None = None


def settings() -> Settings:
    """The settings file, any problem with it said once on stderr (the command goes on).

    Read once while the file stays as it was (a command asks several times:
    for ``--set`` dates, the job, the profile).
    """
    global _read
    import os

    from coach.settings import load_settings, settings_file

    path = settings_file()  # text: reading the settings needs no pathlib
    try:
        info = os.stat(path)
        state: tuple[object, ...] = (path, info.st_mtime_ns, info.st_size)
    except OSError:
        state = (path, None)
    if _read is not None and _read[0] == state:
        return _read[1]
    loaded = load_settings()
    if loaded.problem:
        for line in loaded.problem.splitlines():
            err(f"settings: {line}")
    from coach.call.dates import set_date_order

    set_date_order(loaded.date_order)  # captures such as "12/11" read in its order
    _read = (state, loaded)
    return loaded


def _job_dates(overview: Iterable[tuple[Job, Sequence[JobCall]]]) -> Iterator[date | None]:
    for job, calls in overview:
        yield job.interview_date
        yield job.decision_date
        if calls:
            yield calls[0].called_on
            yield calls[-1].called_on


def business_days(
    country: str | None,
    today: date,
    overview: Iterable[tuple[Job, Sequence[JobCall]]] = (),
) -> BusinessDays:
    """Monday to Friday minus ``country``'s holidays in every year the jobs' dates touch.

    A country the holiday calendar does not know is said on stderr and the
    weekends alone count. The holidays found are kept in the cache folder
    (:mod:`coach.call.holidaycache`).
    """
    from coach.call.businessdays import WEEKDAYS, UnknownCountry, years_around

    if not country:
        return WEEKDAYS
    from coach.call.holidaycache import cached_business_days

    years = years_around([today, *_job_dates(overview)])
    try:
        return cached_business_days(country, years)
    except UnknownCountry as exc:
        err(f"settings: {exc}")
        return WEEKDAYS


def steps(
    overview: Sequence[tuple[Job, Sequence[JobCall]]], today: date, country: str | None
) -> list[NextStep]:
    """Each job's next step as of ``today``, in the order of ``overview``."""
    from coach.call.nextstep import next_step

    days = business_days(country, today, overview)
    return [next_step(job, calls, today, days) for job, calls in overview]


def step_line(step: NextStep, today: date) -> str:
    """``call today or tomorrow``, ``call now (overdue since Tue 8 Dec)``, ``nothing due``."""
    from coach.call.nextstep import describe_step

    words = describe_step(step, today)
    if step.is_overdue(today):
        return f"{step.action} now ({words})"
    return words


def read_overview(
    statuses: Iterable[str] | None, *, for_steps: bool = False, country: str | None = None
) -> list[tuple[Job, list[JobCall]]] | int:
    """Jobs with their calls (newest first), read only; an exit code after saying what failed.

    Read with :func:`coach.store.overview.read_jobs`: the file and the job
    queries only, not the whole store (the snapshot format, the follow-up rules).
    ``for_steps``: only the calls that :func:`steps` reads with ``country``'s
    holidays (:func:`coach.store.overview.due_overview`), for ``coach due``.
    """
    import gc

    from coach.store.errors import NothingRecorded, StoreError
    from coach.store.overview import due_overview, jobs_overview, read_jobs

    # 10,000 calls are 150,000 objects, no cycle among them, kept to the end of
    # the command: the collector need not walk them while they are made, nor
    # after (its full passes while the rules run, and once more at exit), so
    # it is off for the read and then leaves them aside (gc.freeze). 6 ms of
    # `coach due --json`'s 80; as fast as no collector at all.
    collecting = gc.isenabled()
    gc.disable()
    try:
        overview = read_jobs(
            lambda conn: (
                due_overview(conn, statuses, ends=bool(country))
                if for_steps
                else jobs_overview(conn, statuses)
            )
        )
        gc.freeze()
    except NothingRecorded:
        return []
    except StoreError as exc:
        err(str(exc))
        return exit_code(exc)
    finally:
        if collecting:
            gc.enable()
    return overview


def read_job(job_id: int) -> tuple[Job, list[JobCall]] | int:
    """One job and its calls, read only; an exit code after saying what failed."""
    from coach.store.errors import NothingRecorded, StoreError
    from coach.store.overview import job, job_calls, read_jobs

    try:
        found = read_jobs(lambda conn: (job(conn, job_id), job_calls(conn, job_id)))
    except NothingRecorded:
        no_job(job_id)
        return USAGE
    except StoreError as exc:
        err(str(exc))
        return exit_code(exc)
    if found[0] is None:
        no_job(job_id)
        return USAGE
    return found[0], found[1]
