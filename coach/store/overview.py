"""The jobs as their readers see them: the SQL and the row -> Job/JobCall mapping.

One source for both readers: :class:`coach.store.jobs.JobStore` runs these
queries inside its transactions, and :func:`read_jobs` (what ``coach due``
and ``coach job list|show`` use) runs them on a file it opens read only with
nothing else of the store: no snapshot format, no follow-up rules.

A job's calls come from ``calls_job_overview``, an index that holds every
column read here (migration 3), so listing jobs never reads the calls'
snapshots. Rows are read by position, in the order of :data:`JOB_COLUMNS`
and :data:`CALL_COLUMNS` (a plain tuple or a ``sqlite3.Row``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime

from coach.call.dates import call_date, parse_iso_date
from coach.call.jobs import JOB_STATUSES, NO_TEXTS, Job, JobCall
from coach.call.snapshot_fields import load_json
from coach.store.connection import read_jobs as read_jobs  # its home before
from coach.store.errors import StoreError
from coach.store.liveness import process_alive
from coach.store.schema_terms import ANSWERED, CALL_DAY, ODD_START

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Sequence
    from typing import Any, TypeVar

    from coach.call.agenda import LiveCalls

    T = TypeVar("T")

JOB_COLUMNS = (
    "id, company, position, interviewer, phone, interview_date, decision_date, status, "
    "outcome, notes, captured, created_at, updated_at, heard_on, closed_on"
)
CALL_COLUMNS = (
    # What each column costs is mostly making its Python value (~0.1 us a row):
    # a flag is a cached small int, and most calls captured nothing ('{}': NULL).
    "id, job_id, script, title, mode = 'practice', started_at, started_utc, status, outcome, "
    "NULLIF(captures, '{}'), notes, duration_s, "
    # Only a running call's process is asked about: NULL for the others saves
    # making an int and a 40-character text a row.
    "CASE status WHEN 'running' THEN pid END, CASE status WHEN 'running' THEN proc_marker END"
)
#: A job's calls newest first; walked backwards along ``calls_job_overview``, no sort.
CALL_ORDER = "ORDER BY job_id DESC, started_utc DESC, id DESC"

_fromisoformat = datetime.fromisoformat


def texts(value: Any) -> dict[str, str]:
    """The non-blank text entries of a JSON object (anything else reads as empty)."""
    if type(value) is not dict and not isinstance(value, Mapping):  # the ABC check is slow
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str) and v.strip()}


def json_texts(text: str | None) -> dict[str, str]:
    """A stored JSON object's text entries (``captured``, ``captures``); most are ``{}``."""
    return {} if text is None or text == "{}" else texts(load_json(text))


class JsonTexts(Mapping[str, str]):
    """A stored JSON object's text entries, decoded the first time they are read.

    Home reads 10,000 calls and the rules look at the captures of one call a
    job (the deciding one): decoding the rest up front was a third of making
    a call (``json.loads``, 2.5 us). Read only; equal to any mapping with the
    same entries, as the ``dict`` :func:`json_texts` gives.
    """

    __slots__ = ("_data", "_text")

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._data: dict[str, str] | None = None

    def _texts(self) -> dict[str, str]:
        data = self._data
        if data is None:
            data = self._data = json_texts(self._text)
            self._text = None
        return data

    def __getitem__(self, key: str) -> str:
        return self._texts()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._texts().get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._texts()

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts())

    def __len__(self) -> int:
        return len(self._texts())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, JsonTexts):
            return self._texts() == other._texts()
        if isinstance(other, Mapping):
            return self._texts() == dict(other.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"JsonTexts({self._texts()!r})"


def lazy_texts(text: str | None) -> Mapping[str, str]:
    """:func:`json_texts`, decoded on first use: most are ``{}`` (shared, read only)."""
    return NO_TEXTS if text is None or text == "{}" else JsonTexts(text)


def _day(text: str | None) -> date | None:
    return parse_iso_date(text) if text else None


def job_from_row(row: Sequence[Any]) -> Job:
    """A ``jobs`` row (:data:`JOB_COLUMNS`) as a :class:`Job`."""
    (
        job_id, company, position, interviewer, phone, interview_date, decision_date, status,
        outcome, notes, captured, created_at, updated_at, heard_on, closed_on,
    ) = row  # fmt: skip
    return Job(
        job_id,
        company,
        position,
        interviewer,
        phone,
        _day(interview_date),
        _day(decision_date),
        status if status in JOB_STATUSES else "open",
        outcome,
        notes,
        lazy_texts(captured),
        created_at,
        updated_at,
        _day(heard_on),
        _day(closed_on),
    )


def called_day(started_at: Any, started_utc: Any) -> date:
    """A call's calendar day: that of ``started_at`` in the offset it was written with."""
    try:  # the common case, without call_date's strip and checks
        return _fromisoformat(started_at).date()
    except (ValueError, TypeError):
        return call_date(started_at) or call_date(started_utc) or date.min


def job_call_from_row(row: Sequence[Any]) -> JobCall:
    """A ``calls`` row (:data:`CALL_COLUMNS`) as its job sees it.

    A ``running`` call whose process died is ``interrupted``; the call's day is
    that of ``started_at`` in the offset it was written with.
    """
    (
        call_id, _job_id, script, title, practice, started_at, started_utc, status, outcome,
        captures, notes, duration_s, pid, proc_marker,
    ) = row  # fmt: skip
    called_on = called_day(started_at, started_utc)
    if status == "running" and not process_alive(pid, proc_marker):
        status = "interrupted"
    # By position (the fields' order): keywords double the cost of building one.
    return JobCall(
        call_id,
        called_on,
        started_at,
        status,
        outcome,
        script,
        title,
        "practice" if practice else "live",
        lazy_texts(captures),
        notes if isinstance(notes, str) else "",
        # A row changed by hand may hold anything; only a number is a duration.
        duration_s if isinstance(duration_s, int | float) else None,
    )


def status_filter(statuses: Iterable[str] | None) -> tuple[str, list[str]]:
    """A ``WHERE`` on ``jobs.status`` (empty for every status) and its parameters."""
    if statuses is None:
        return "", []
    wanted = list(dict.fromkeys(statuses))
    for status in wanted:
        if status not in JOB_STATUSES:
            raise StoreError(
                f"There is no job status {status!r}: a job is {', '.join(JOB_STATUSES)}."
            )
    return f"WHERE status IN ({', '.join('?' * len(wanted)) or 'NULL'})", wanted


def jobs_overview(
    conn: sqlite3.Connection, statuses: Iterable[str] | None = None
) -> list[tuple[Job, list[JobCall]]]:
    """Every job (or those with one of ``statuses``) by id, each with its calls newest
    first: two queries (run them in one transaction), no snapshot read."""
    where, params = status_filter(statuses)
    calls_where = f"job_id IN (SELECT id FROM jobs {where})" if where else "job_id IS NOT NULL"
    jobs = conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs {where} ORDER BY id", params)
    overview: list[tuple[Job, list[JobCall]]] = [(job_from_row(r), []) for r in jobs]
    rows = conn.execute(
        f"SELECT {CALL_COLUMNS} FROM calls WHERE {calls_where} {CALL_ORDER}", params
    ).fetchall()
    return _with_calls(overview, rows)


def due_overview(
    conn: sqlite3.Connection, statuses: Iterable[str] | None = None, *, ends: bool = True
) -> list[tuple[Job, list[JobCall]]]:
    """:func:`jobs_overview` with only the calls a job's next step reads (``coach due``).

    The rules (:func:`coach.call.nextstep.situation`) walk a job's live calls
    from the newest day back to the first finished one someone answered, and
    stop there: the calls of the days before it change nothing. So each job
    keeps its calls from that day on (all of them when it has none), and,
    with ``ends``, its newest and oldest call, whose days set the years of
    holidays to load (:func:`coach.cli.jobdata.business_days`; without a
    country there are none to load). The steps are the same as from all of
    them, in a sixth of the rows (1,000 jobs, 10,000 calls: 1,467 calls
    made, 2,367 with ``ends``, not 9,000). A running call before that day
    changes nothing either: if its process is gone it counts only for the
    floor, whose day is at least that of the answered call.

    Found with migration 5's two indexes (a file without them reads the
    same, only slower). A job with a call whose day SQL cannot tell as
    Python does (:data:`~coach.store.schema_terms.ODD_START`) keeps all of
    its calls.
    """
    where, params = status_filter(statuses)
    jobs = conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs {where} ORDER BY id", params)
    overview: list[tuple[Job, list[JobCall]]] = [(job_from_row(r), []) for r in jobs]
    rows = conn.execute(_steps_calls(where, ends=ends), params).fetchall()
    return _with_calls(overview, rows)


def _steps_calls(where: str, *, ends: bool) -> str:
    """The query of :func:`due_overview`'s calls, for the jobs ``where`` picks."""
    end = "(SELECT id FROM calls WHERE job_id = jobs.id ORDER BY started_utc {0}, id {0} LIMIT 1)"
    newest, oldest = (end.format("DESC"), end.format("ASC")) if ends else ("NULL", "NULL")
    return (
        f"WITH due AS MATERIALIZED (SELECT id AS job, "
        f"(SELECT max({CALL_DAY}) FROM calls WHERE job_id = jobs.id AND {ANSWERED}) AS since, "
        f"{newest} AS newest, {oldest} AS oldest FROM jobs {where}) "
        f"SELECT {CALL_COLUMNS} FROM due JOIN calls ON calls.job_id = due.job "
        f"WHERE due.since IS NULL OR {CALL_DAY} >= due.since "
        f"OR calls.id IN (due.newest, due.oldest) "
        f"OR job_id IN (SELECT job_id FROM calls WHERE {ODD_START}) {CALL_ORDER}"
    )


#: The statuses whose next step the rules take from the job alone (heard, closed).
SETTLED = ("heard", "closed")


def home_overview(conn: sqlite3.Connection) -> list[tuple[Job, list[JobCall], LiveCalls]]:
    """Every job by id as home lists it: the calls its next step reads, and the tally
    (how many, the latest day) of its live calls that its row shows.

    An open job gets the calls :func:`due_overview` keeps (without ``ends``:
    home's working days are those around today, whatever the calls' years);
    a heard or closed one none, as the rules decide it from the job alone. On
    1,000 jobs and 10,000 calls that makes 1,467 calls instead of 8,000 (the
    open jobs' every call, as before): home's read took 40 ms of its start-up.
    The tallies are counted by SQL, without making the calls.
    """
    from coach.call.agenda import LiveCalls  # not at the top: `coach due` never needs it

    marks = ", ".join("?" * len(SETTLED))
    jobs = conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs ORDER BY id")
    overview: list[tuple[Job, list[JobCall], LiveCalls]] = []
    calls_of: dict[int, list[JobCall]] = {}
    tally_of: dict[int, LiveCalls] = {}
    for row in jobs:
        job = job_from_row(row)
        calls: list[JobCall] = []
        if job.status not in SETTLED:
            calls_of[job.id] = calls
        tally = tally_of[job.id] = LiveCalls()
        overview.append((job, calls, tally))
    where = f"WHERE status NOT IN ({marks})"
    for row in conn.execute(_steps_calls(where, ends=False), SETTLED).fetchall():
        open_calls = calls_of.get(row[1])
        if open_calls is not None:
            open_calls.append(job_call_from_row(row))
    # The tallies: SQL counts each job's live calls and takes the latest day of
    # those whose day it reads as Python does (3 ms, not 10,000 calls' days in
    # Python); the days of the others (rare, along an index) are read here.
    live = "job_id IS NOT NULL AND mode IS NOT 'practice'"
    odd = f"SELECT id FROM calls WHERE {ODD_START}"
    for job_id, count, last in conn.execute(
        f"SELECT job_id, count(*), max(CASE WHEN id IN ({odd}) THEN NULL ELSE {CALL_DAY} END) "
        f"FROM calls WHERE {live} GROUP BY job_id"
    ):
        counted = tally_of.get(job_id)
        if counted is not None:
            counted.count, counted.last = count, _day(last)
    for job_id, started_at, started_utc in conn.execute(
        f"SELECT job_id, started_at, started_utc FROM calls WHERE {live} AND {ODD_START}"
    ):
        counted = tally_of.get(job_id)
        day = called_day(started_at, started_utc)
        if counted is not None and (counted.last is None or day > counted.last):
            counted.last = day
    return overview


def job(conn: sqlite3.Connection, job_id: int) -> Job | None:
    row = conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
    return job_from_row(row) if row is not None else None


def job_calls(conn: sqlite3.Connection, job_id: int) -> list[JobCall]:
    """The job's calls (live ones only ever belong to a job), newest first."""
    rows = conn.execute(
        f"SELECT {CALL_COLUMNS} FROM calls WHERE job_id = ? ORDER BY started_utc DESC, id DESC",
        (job_id,),
    ).fetchall()
    return [job_call_from_row(row) for row in rows]


def _with_calls(
    overview: list[tuple[Job, list[JobCall]]], rows: list[Any]
) -> list[tuple[Job, list[JobCall]]]:
    """``overview`` with each call row (its job id second) added to its job's calls."""
    by_id: dict[int, list[JobCall]] = {job.id: calls for job, calls in overview}
    for row in rows:
        calls = by_id.get(row[1])
        if calls is not None:
            calls.append(job_call_from_row(row))
    return overview
