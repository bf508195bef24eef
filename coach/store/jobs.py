"""The jobs table: one row per application, its edits, and the live calls made about it.

A job's row holds what the user typed (company, position, interviewer, phone,
dates, notes), where it stands (``open``, ``heard``, ``closed`` with an
outcome) and what its live calls captured. A call names its job in
``calls.job_id``; practice calls never have one. Dates are ISO text
(``YYYY-MM-DD``) or NULL, timestamps ISO 8601 with the local offset.

Listing jobs reads the calls' light ``captures``/``notes`` columns and never
decodes a snapshot. How a finished call changes its job is
:func:`job_for_finished_call` and :func:`apply_finished_call`, which
:meth:`coach.store.Store.finish` runs in its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from coach.call.dates import call_date
from coach.call.jobs import (
    CLOSING_CALL_OUTCOMES,
    DECISION_DATE,
    JOB_VARIABLES,
    Job,
    JobCall,
    said_date,
)
from coach.call.snapshot_fields import dump_texts
from coach.store import overview
from coach.store.connection import Database
from coach.store.errors import StoreError
from coach.store.overview import JOB_COLUMNS as _JOB_COLUMNS
from coach.store.overview import job_from_row, load_json
from coach.store.overview import texts as _texts
from coach.store.records import now_iso

if TYPE_CHECKING:
    from coach.call.agenda import LiveCalls
    from coach.call.snapshot import CallSnapshot

#: The fields :meth:`JobStore.update_job` changes.
EDITABLE_FIELDS = (
    "company",
    "position",
    "interviewer",
    "phone",
    "interview_date",
    "decision_date",
    "notes",
)
_DATE_FIELDS = frozenset({"interview_date", "decision_date"})


# -- rows -----------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def job_key(company: str, position: str) -> str | None:
    """The prospect key of a job (``coach.call.followup.prospect_key``), None without either."""
    if not company.strip() and not position.strip():
        return None
    from coach.call.followup import prospect_key

    return prospect_key("", {"company": company, "position": position})


def _with_note(notes: str, note: str | None, day: date) -> str:
    """``notes`` with ``note`` appended on a line of its own, dated."""
    if note is None or not note.strip():
        return notes
    line = f"{day.isoformat()}: {note.strip()}"
    return f"{notes.rstrip()}\n{line}" if notes.strip() else line


def _checked(name: str, value: Any) -> Any:
    """A job field's value as stored (text stripped, dates ISO); StoreError if it is not one."""
    if name in _DATE_FIELDS:
        if value is None:
            return None
        if isinstance(value, datetime):
            value = value.date()
        if not isinstance(value, date):
            raise StoreError(f"The job's {name} must be a date, not {value!r}.")
        return value.isoformat()
    if not isinstance(value, str):
        raise StoreError(f"The job's {name} must be text, not {value!r}.")
    return value if name == "notes" else value.strip()


def insert_job(conn: sqlite3.Connection, fields: Mapping[str, Any], created_at: str) -> int:
    """Add a job row (``fields`` already checked: :data:`EDITABLE_FIELDS` names); its id."""
    company, position = fields.get("company", ""), fields.get("position", "")
    cursor = conn.execute(
        "INSERT INTO jobs (company, position, interviewer, phone, interview_date, "
        "decision_date, status, notes, captured, created_at, updated_at, prospect) "
        "VALUES (?, ?, ?, ?, ?, ?, 'open', ?, '{}', ?, ?, ?)",
        (
            company,
            position,
            fields.get("interviewer", ""),
            fields.get("phone", ""),
            fields.get("interview_date"),
            fields.get("decision_date"),
            fields.get("notes", ""),
            created_at,
            now_iso(),
            job_key(company, position),
        ),
    )
    if cursor.lastrowid is None:  # pragma: no cover - sqlite always sets it after INSERT
        raise StoreError("The job could not be added.")
    return cursor.lastrowid


# -- a finished call and its job ----------------------------------------------------


def job_for_finished_call(conn: sqlite3.Connection, call_id: int, call: CallSnapshot) -> int | None:
    """The job a finishing live call belongs to, adding one when it needs one.

    The job the snapshot names (if it exists), else the one already recorded,
    else, for a call with a company or position, the newest job with the same
    prospect key that is not closed, else a new job filled from the call's
    values and captures. A call with neither has no job; a practice call never does.
    """
    if call.mode != "live":
        return None
    if call.job is not None:
        row = conn.execute("SELECT id FROM jobs WHERE id = ?", (call.job,)).fetchone()
        if row is not None:
            return int(row["id"])
    row = conn.execute("SELECT job_id FROM calls WHERE id = ?", (call_id,)).fetchone()
    if row is not None and row["job_id"] is not None:
        return int(row["job_id"])
    from coach.call.followup import merged_fields

    fields = merged_fields(call.values, call.captures)
    key = job_key(fields.get("company", ""), fields.get("position", ""))
    if key is None:
        return None
    row = conn.execute(
        "SELECT id FROM jobs WHERE prospect = ? AND status != 'closed' ORDER BY id DESC LIMIT 1",
        (key,),
    ).fetchone()
    if row is not None:
        return int(row["id"])
    values: dict[str, Any] = {}
    said_on = call_date(call.started_at) or date.today()
    for variable, name in JOB_VARIABLES.items():
        text = fields.get(variable, "").strip()
        if name in _DATE_FIELDS:
            values[name] = _iso(said_date(text, said_on))  # "last Tuesday": from the call's day
        else:
            values[name] = text
    return insert_job(conn, values, call.started_at or now_iso())


def apply_finished_call(
    conn: sqlite3.Connection, job_id: int, call: CallSnapshot, status: str
) -> None:
    """What a finished live call (already saved with its job) changes on the job.

    Captures merge into ``captured`` (the newest finished call's value of each
    wins; texts are kept as typed); a ``decision_date`` capture that reads as a
    date, said on its call's day ("end of next week"), becomes the job's;
    a ``done`` call whose outcome closes a job (``CLOSING_CALL_OUTCOMES``)
    closes it, on the call's day. An abandoned call never changes the status.
    """
    row = conn.execute("SELECT captured FROM jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        return
    captured = _texts(load_json(row["captured"]))
    finished = conn.execute(
        "SELECT captures, started_at FROM calls WHERE job_id = ? AND mode = 'live' "
        "AND status IN ('done', 'abandoned') ORDER BY started_utc, id",
        (job_id,),
    )
    day = call_date(call.started_at) or date.today()
    newest: date | None = None  # the newest finished call's decision date, read on its day
    for other in finished:
        texts = _texts(load_json(other["captures"]))
        captured.update(texts)
        if (text := texts.get(DECISION_DATE, "")).strip():
            newest = said_date(text, call_date(other["started_at"]) or day)
    sets: dict[str, Any] = {"captured": dump_texts(captured), "updated_at": now_iso()}
    own = said_date(call.captures.get(DECISION_DATE, ""), day)
    if own is not None:
        sets["decision_date"] = (newest or own).isoformat()
    if status == "done" and call.outcome in CLOSING_CALL_OUTCOMES:
        sets.update(status="closed", outcome=call.outcome, closed_on=day.isoformat(), heard_on=None)
    assignments = ", ".join(f"{name} = :{name}" for name in sets)
    conn.execute(f"UPDATE jobs SET {assignments} WHERE id = :id", {**sets, "id": job_id})


# -- the store's jobs -------------------------------------------------------------------


class JobStore(Database):
    """The jobs half of :class:`coach.store.Store` (every method raises only ``StoreError``)."""

    def _unknown(self, job_id: int) -> StoreError:
        return StoreError(f"There is no job {job_id} in {self.path}.")

    def _change(
        self,
        job_id: int,
        sets: Mapping[str, Any],
        note: str | None = None,
        day: date | None = None,
    ) -> Job:
        """Apply ``sets`` (and add ``note``, dated ``day``) to one job in one ``BEGIN IMMEDIATE``
        transaction; the job after."""
        self._writable()
        with self._tx(immediate=True) as conn:
            query = f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?"
            row = conn.execute(query, (job_id,)).fetchone()
            if row is None:
                raise self._unknown(job_id)
            changes = dict(sets)
            if note is not None and note.strip():
                changes["notes"] = _with_note(row["notes"], note, day or date.today())
            if "company" in changes or "position" in changes:
                company = changes.get("company", row["company"])
                position = changes.get("position", row["position"])
                if not company.strip() and not position.strip():
                    raise StoreError(f"Job {job_id} needs a company or a position.")
                changes["prospect"] = job_key(company, position)
            changes["updated_at"] = now_iso()
            assignments = ", ".join(f"{name} = :{name}" for name in changes)
            conn.execute(f"UPDATE jobs SET {assignments} WHERE id = :id", {**changes, "id": job_id})
            row = conn.execute(query, (job_id,)).fetchone()
        return job_from_row(row)

    # -- writing --

    def add_job(
        self,
        company: str,
        position: str = "",
        *,
        interviewer: str = "",
        phone: str = "",
        interview_date: date | None = None,
        decision_date: date | None = None,
        notes: str = "",
    ) -> Job:
        """Add an open job (one ``BEGIN IMMEDIATE`` transaction) and return it."""
        self._writable()
        given = {
            "company": company,
            "position": position,
            "interviewer": interviewer,
            "phone": phone,
            "interview_date": interview_date,
            "decision_date": decision_date,
            "notes": notes,
        }
        fields = {name: _checked(name, value) for name, value in given.items()}
        if not fields["company"] and not fields["position"]:
            raise StoreError("A job needs a company or a position.")
        with self._tx(immediate=True) as conn:
            job_id = insert_job(conn, fields, now_iso())
            row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,))
            return job_from_row(row.fetchone())

    def update_job(self, job_id: int, **changes: Any) -> Job:
        """Change any of :data:`EDITABLE_FIELDS` (a date field takes a date or None)."""
        unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
        if unknown:
            raise StoreError(
                f"A job has no field {', '.join(unknown)}: it has {', '.join(EDITABLE_FIELDS)}."
            )
        return self._change(job_id, {k: _checked(k, v) for k, v in changes.items()})

    def mark_heard(self, job_id: int, *, note: str | None = None, today: date | None = None) -> Job:
        """They contacted you first: status ``heard`` (on ``today``), ``note`` added to the notes.

        A closed job opens again as heard.
        """
        day = today or date.today()
        sets = {"status": "heard", "heard_on": day.isoformat(), "outcome": None, "closed_on": None}
        return self._change(job_id, sets, note, day)

    def close_job(
        self, job_id: int, outcome: str, *, note: str | None = None, today: date | None = None
    ) -> Job:
        """Close the job with ``outcome`` (``offer``, ``rejected``, ``withdrawn`` or any text)."""
        if not isinstance(outcome, str) or not outcome.strip():
            raise StoreError(f"Closing job {job_id} needs an outcome (offer, rejected, withdrawn).")
        day = today or date.today()
        sets = {
            "status": "closed",
            "outcome": outcome.strip(),
            "closed_on": day.isoformat(),
            "heard_on": None,
        }
        return self._change(job_id, sets, note, day)

    def remember(self, job_id: int, values: Mapping[str, str]) -> Job:
        """Keep ``values`` (id -> text, blanks ignored) with the job's captures, so that its
        next calls fill the variables of the same ids (DESIGN's values chain)."""
        self._writable()
        with self._tx(immediate=True) as conn:
            row = conn.execute("SELECT captured FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                raise self._unknown(job_id)
            captured = _texts(load_json(row["captured"]))
            captured.update({k: v for k, v in values.items() if isinstance(v, str) and v.strip()})
            conn.execute(
                "UPDATE jobs SET captured = ?, updated_at = ? WHERE id = ?",
                (dump_texts(captured), now_iso(), job_id),
            )
            row = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,))
            return job_from_row(row.fetchone())

    def reopen_job(self, job_id: int) -> Job:
        """Make the job ``open`` again (no outcome, no heard or closed day)."""
        return self._change(
            job_id, {"status": "open", "outcome": None, "heard_on": None, "closed_on": None}
        )

    # -- reading --

    def job(self, job_id: int) -> Job | None:
        with self._tx() as conn:
            return overview.job(conn, job_id)

    def jobs(self, *, statuses: Iterable[str] | None = None) -> list[Job]:
        """Every job (or those with one of ``statuses``), by id."""
        where, params = overview.status_filter(statuses)
        with self._tx() as conn:
            rows = conn.execute(f"SELECT {_JOB_COLUMNS} FROM jobs {where} ORDER BY id", params)
            return [job_from_row(row) for row in rows]

    def job_calls(self, job_id: int) -> list[JobCall]:
        """The job's calls (live ones only ever belong to a job), newest first."""
        with self._tx() as conn:
            return overview.job_calls(conn, job_id)

    def jobs_overview(
        self, statuses: Iterable[str] | None = None
    ) -> list[tuple[Job, list[JobCall]]]:
        """Every job (or those with one of ``statuses``) by id, each with its calls newest
        first: two queries in one read, no snapshot decoded
        (:func:`coach.store.overview.jobs_overview`)."""
        with self._tx() as conn:
            return overview.jobs_overview(conn, statuses)

    def home_overview(self) -> list[tuple[Job, list[JobCall], LiveCalls]]:
        """Every job by id as home lists it: the calls its next step reads and its live
        calls' tally (:func:`coach.store.overview.home_overview`)."""
        with self._tx() as conn:
            return overview.home_overview(conn)

    def home_stamp(self) -> tuple[int, int, int] | None:
        """What keys home's kept list of jobs (:mod:`coach.store.home_agenda`): the
        change stamp with the data and schema versions (:mod:`coach.store.changes`),
        read in one transaction; None when nothing may be kept under it: a call is
        running (whether its process lives changes the list without a write), or
        a table lacks the triggers that change the stamp."""
        from coach.store.changes import stamp_in

        with self._tx() as conn:
            found = stamp_in(conn, check_triggers=True)
            if conn.execute("SELECT 1 FROM calls WHERE status = 'running' LIMIT 1").fetchone():
                return None
        return found
