"""The calls' writes and queries: :class:`Store`, the call record in one SQLite file.

A call is written through as it happens (``start_call``, ``save``) and made
final by ``finish``, which also updates its job (:mod:`coach.store.jobs`) in
the same transaction. The rows and :class:`CallRecord` are
:mod:`coach.store.records`. When to follow up is decided by
``coach.call.followup``; this module only feeds it the stored calls.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from coach import locations
from coach.store.connection import DEFAULT_BUSY_TIMEOUT_MS
from coach.store.errors import StoreError
from coach.store.jobs import JobStore, apply_finished_call, job_for_finished_call
from coach.store.liveness import process_marker
from coach.store.records import COLUMNS as _COLUMNS
from coach.store.records import ORDER as _ORDER
from coach.store.records import CallRecord, record_from_row, row_fields, typed
from coach.store.records import dead as _dead

# Only in annotations: home opens the store without the snapshot format (see
# coach.store.records).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from coach.call.feedback import PartnerFeedback
    from coach.call.snapshot import CallSnapshot

STATUSES = ("running", "done", "abandoned", "interrupted")
FINAL_STATUSES = ("done", "abandoned")
#: ``job_id`` as ``start_call`` and ``save`` write it: the job the snapshot names if it
#: exists (a snapshot naming a missing job still saves), and never cleared.
_JOB_ID = "COALESCE((SELECT id FROM jobs WHERE id = :job_id), {current})"

__all__ = ["FINAL_STATUSES", "STATUSES", "CallRecord", "Store"]


# -- the store ------------------------------------------------------------------


#: SQLite's largest integer: a --limit beyond it asks for every call.
SQLITE_MAX_INT = 2**63 - 1


class Store(JobStore):
    """The call record in one SQLite file; safe to share between app instances.

    This constructor is the one way to open it: ``Store()`` for the app's own
    file (``locations.database_path()``), ``Store(path)`` for another, and
    ``read_only=True`` for a reader that must never write or create the file
    (then a missing file raises ``NothingRecorded``, which readers take as "no
    calls yet"). Methods may be called from any thread.
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        self._pid = os.getpid()
        self._marker = process_marker(self._pid)
        super().__init__(
            Path(path) if path is not None else locations.database_path(),
            busy_timeout_ms=busy_timeout_ms,
            read_only=read_only,
        )

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- plumbing --

    def _mark_interrupted(self, ids: list[int]) -> None:
        """Record that these running calls lost their process (best effort for reads)."""
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        with self._tx() as conn:
            conn.execute(
                f"UPDATE calls SET status = 'interrupted' "
                f"WHERE status = 'running' AND id IN ({marks})",
                ids,
            )

    def _select(
        self, where: str = "", params: tuple[Any, ...] = (), tail: str = ""
    ) -> list[sqlite3.Row]:
        with self._tx() as conn:
            return conn.execute(f"SELECT {_COLUMNS} FROM calls {where} {tail}", params).fetchall()

    def _records(self, rows: list[sqlite3.Row]) -> list[CallRecord]:
        dead = [row["id"] for row in rows if _dead(row)]
        if dead and not self.read_only:
            with suppress(StoreError):  # a read-only record still reports the right status
                self._mark_interrupted(dead)
        return [record_from_row(row, "interrupted" if row["id"] in dead else None) for row in rows]

    # -- writing --

    def start_call(
        self, snapshot: CallSnapshot | Mapping[str, Any], *, busy_ms: int | None = None
    ) -> int:
        """Record a new call (status ``running``, owned by this process); return its id.

        ``snapshot`` is typed, or a stored dict (kept exactly as given);
        ``busy_ms`` as for :meth:`save`.
        """
        self._writable()
        cols = row_fields(*typed(snapshot))
        cols.update(status="running", pid=self._pid, proc_marker=self._marker)
        names = ", ".join(cols)
        marks = ", ".join(
            _JOB_ID.format(current="NULL") if name == "job_id" else f":{name}" for name in cols
        )
        with self._tx(busy_ms=busy_ms) as conn:
            cursor = conn.execute(f"INSERT INTO calls ({names}) VALUES ({marks})", cols)
            call_id = cursor.lastrowid
        if call_id is None:  # pragma: no cover - sqlite always sets it after INSERT
            raise StoreError(f"The call could not be recorded in {self.path}.")
        return call_id

    def save(
        self,
        call_id: int,
        snapshot: CallSnapshot | Mapping[str, Any],
        *,
        busy_ms: int | None = None,
    ) -> None:
        """Write the call's latest state through (one UPDATE in one transaction).

        ``busy_ms``: wait at most this long for another process's lock, then
        raise ``StoreBusy`` (the caller retries; the store's timeout otherwise).
        """
        self._writable()
        cols = row_fields(*typed(snapshot))
        keep_job = _JOB_ID.format(current="job_id")
        sets = ", ".join(
            f"{name} = {keep_job if name == 'job_id' else ':' + name}" for name in cols
        )
        with self._tx(busy_ms=busy_ms) as conn:
            cursor = conn.execute(
                f"UPDATE calls SET {sets} WHERE id = :id", {**cols, "id": call_id}
            )
            if cursor.rowcount == 0:
                raise StoreError(f"Call {call_id} is not in {self.path}; it cannot be saved.")

    def finish(
        self, call_id: int, snapshot: CallSnapshot | Mapping[str, Any], status: str = "done"
    ) -> None:
        """Make the record final: ``done`` (reached an end) or ``abandoned``.

        A live call that is done gets its follow-up window (``coach.call.followup``).
        A live call joins its job (or one is found or added for it, see
        :func:`~coach.store.jobs.job_for_finished_call`) and updates it
        (:func:`~coach.store.jobs.apply_finished_call`), in the same transaction.
        """
        self._writable()
        if status not in FINAL_STATUSES:
            raise StoreError(f"A call can only finish as done or abandoned, not {status!r}.")
        call, data = typed(snapshot)
        cols = row_fields(call, data)
        cols["status"] = status
        with self._tx(immediate=True) as conn:
            cols["job_id"] = job_for_finished_call(conn, call_id, call)
            sets = ", ".join(f"{name} = :{name}" for name in cols)
            cursor = conn.execute(
                f"UPDATE calls SET {sets} WHERE id = :id", {**cols, "id": call_id}
            )
            if cursor.rowcount == 0:
                raise StoreError(f"Call {call_id} is not in {self.path}; it cannot be finished.")
            if cols["job_id"] is not None:
                apply_finished_call(conn, cols["job_id"], call, status)

    # -- reading --

    def get(self, call_id: int) -> CallRecord | None:
        rows = self._select("WHERE id = ?", (call_id,))
        return self._records(rows)[0] if rows else None

    def calls(
        self,
        *,
        limit: int | None = None,
        mode: str | None = None,
        script: str | None = None,
        job: int | None = None,
    ) -> list[CallRecord]:
        """Stored calls (of one ``mode``, ``script`` or ``job`` if given), newest first.

        A ``running`` call whose process is gone is reported (and recorded) as
        ``interrupted``.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if mode is not None:
            clauses.append("mode = ?")
            params.append(mode)
        if script is not None:
            clauses.append("script = ?")
            params.append(script)
        if job is not None:
            clauses.append("job_id = ?")
            params.append(job)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        tail = _ORDER
        if limit is not None:
            tail += " LIMIT ?"
            params.append(min(max(0, int(limit)), SQLITE_MAX_INT))  # more than exist
        return self._records(self._select(where, tuple(params), tail))

    def partner_feedback(self, call_ids: Iterable[int]) -> dict[int, PartnerFeedback]:
        """What partners gave on each of these calls that has any (marks, rating, note)."""
        from coach.store.feedback import read_feedback

        with self._tx() as conn:
            return read_feedback(conn, call_ids)

    def interrupted(self) -> list[CallRecord]:
        """Calls whose process died and that the user has not dismissed, newest first.

        Running calls found without their process are marked ``interrupted``
        here. A call a newer Call Coach wrote is left out: this one cannot
        resume it.
        """
        if self.read_only:
            rows = self._select(
                "WHERE (status = 'interrupted' OR status = 'running') AND dismissed = 0", (), _ORDER
            )
            found = [r for r in self._records(rows) if r.status == "interrupted"]
        else:
            running = self._select("WHERE status = 'running'")
            self._mark_interrupted([row["id"] for row in running if _dead(row)])
            rows = self._select("WHERE status = 'interrupted' AND dismissed = 0", (), _ORDER)
            found = [record_from_row(row) for row in rows]
        return [record for record in found if record.readable()]

    def resume(self, call_id: int) -> CallRecord:
        """Take over an interrupted call in this process (status ``running`` again)."""
        self._writable()
        with self._tx(immediate=True) as conn:
            query = f"SELECT {_COLUMNS} FROM calls WHERE id = ?"
            row = conn.execute(query, (call_id,)).fetchone()
            if row is None:
                raise StoreError(f"There is no call {call_id} in {self.path}.")
            status = "interrupted" if _dead(row) else row["status"]
            owned_here = row["status"] == "running" and row["pid"] == self._pid
            if status == "running" and not owned_here:
                raise StoreError(
                    f"Call {call_id} is still open in another Call Coach window "
                    f"(process {row['pid']}); carry on there."
                )
            if status in FINAL_STATUSES:
                raise StoreError(f"Call {call_id} is already {status}; it cannot be resumed.")
            record_from_row(row).call  # noqa: B018 - a newer Call Coach's call stays untouched
            conn.execute(
                "UPDATE calls SET status = 'running', pid = ?, proc_marker = ?, dismissed = 0 "
                "WHERE id = ?",
                (self._pid, self._marker, call_id),
            )
            row = conn.execute(query, (call_id,)).fetchone()
        return record_from_row(row)

    def dismiss(self, call_id: int) -> None:
        """Keep an interrupted call as it is, and never offer to resume it again."""
        self._writable()
        with self._tx(immediate=True) as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM calls WHERE id = ?", (call_id,)).fetchone()
            if row is None:
                raise StoreError(f"There is no call {call_id} in {self.path}.")
            if row["status"] == "running" and not _dead(row):
                raise StoreError(f"Call {call_id} is still open in a Call Coach window.")
            conn.execute(
                "UPDATE calls SET dismissed = 1, status = CASE status WHEN 'running' "
                "THEN 'interrupted' ELSE status END WHERE id = ?",
                (call_id,),
            )
