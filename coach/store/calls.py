"""The calls table: one row per call, written through as the call happens, and its queries.

A row holds the fields ``coach log`` shows, the process that runs the call (so
a call whose process died can be offered for resuming) and the session's
whole last snapshot as JSON (``coach.call.snapshot`` is its format). Rows are
read by column name. When to follow up is decided by ``coach.call.followup``;
this module only feeds it the stored calls.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from coach import locations
from coach.call.followup import (
    FinishedCall,
    FollowUp,
    FollowUpWindow,
    merged_fields,
    open_follow_ups,
    prospect_key,
    window_after_call,
)
from coach.call.snapshot import CallSnapshot, SnapshotError, decode, encode
from coach.store.connection import DEFAULT_BUSY_TIMEOUT_MS, Database
from coach.store.errors import StoreError
from coach.store.liveness import process_alive, process_marker

STATUSES = ("running", "done", "abandoned", "interrupted")
FINAL_STATUSES = ("done", "abandoned")

_COLUMNS = (
    "id, script, title, mode, scenario, started_at, ended_at, duration_s, status, "
    "outcome, snapshot, follow_up, dismissed, pid, proc_marker, prospect"
)
_ORDER = "ORDER BY started_utc DESC, id DESC"


@dataclass(frozen=True)
class CallRecord:
    """One stored call, as ``coach log`` and the TUI see it."""

    id: int
    script: str
    title: str
    mode: str
    scenario: str | None
    started_at: str
    ended_at: str | None
    duration_s: float | None
    status: str
    outcome: str | None
    #: The session's whole last snapshot, as stored (read it typed with :attr:`call`).
    snapshot: dict[str, Any]
    #: When to contact this prospect next (finished live calls only).
    follow_up: FollowUpWindow | None = None
    #: An interrupted call the user chose not to resume.
    dismissed: bool = False

    @cached_property
    def call(self) -> CallSnapshot:
        """The snapshot, typed. Raises :class:`StoreError` when a newer Call Coach wrote it."""
        try:
            return decode(self.snapshot)
        except SnapshotError as exc:
            raise StoreError(f"Call {self.id} cannot be read: {exc}") from exc

    def readable(self) -> bool:
        """Whether this version can read the snapshot (see :attr:`call`)."""
        try:
            self.call  # noqa: B018 - decoding is the check
        except StoreError:
            return False
        return True

    def log_entry(self) -> dict[str, Any]:
        """The object ``coach log --json`` prints for this call (raises :class:`StoreError`
        for a call a newer Call Coach wrote)."""
        call = self.call
        entry: dict[str, Any] = {
            "id": self.id,
            "script": self.script,
            "title": self.title,
            "script_path": call.script_path,
            "mode": self.mode,
            "scenario": self.scenario,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "duration_s": self.duration_s,
            "status": self.status,
            "outcome": self.outcome,
            "path": list(call.path),
            "values": dict(call.values),
            "captures": dict(call.captures),
            "checklist": dict(call.checklist),
            "notes": call.notes,
            "score": call.score.as_dict() if call.score else None,
            "rating": call.rating,
            "rating_note": call.rating_note,
        }
        if self.follow_up is not None:
            entry["next_follow_up"] = self.follow_up.as_dict()
        return entry

    @property
    def fields(self) -> dict[str, str]:
        """Values and captures merged (a capture wins over a variable)."""
        return merged_fields(self.call.values, self.call.captures)


# -- rows ---------------------------------------------------------------------


def _utc_key(started_at: str) -> str:
    """A sortable UTC form of an ISO timestamp (so DST changes never reorder calls)."""
    try:
        moment = datetime.fromisoformat(started_at)
    except ValueError:
        return started_at
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _typed(snapshot: CallSnapshot | Mapping[str, Any]) -> tuple[CallSnapshot, Mapping[str, Any]]:
    """The snapshot typed, and the dict to store (a stored dict is kept exactly as given)."""
    if isinstance(snapshot, CallSnapshot):
        return snapshot, encode(snapshot)
    if not isinstance(snapshot, dict):
        raise StoreError("the call could not be saved: its state is not a mapping")
    try:
        return decode(snapshot), snapshot
    except SnapshotError as exc:
        raise StoreError(f"the call could not be saved: {exc}") from exc


def _row_fields(call: CallSnapshot, data: Mapping[str, Any]) -> dict[str, Any]:
    """The columns a snapshot fills in."""
    try:
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise StoreError(f"the call could not be saved: its state is not JSON ({exc})") from exc
    started_at = call.started_at or _now_iso()
    fields = merged_fields(call.values, call.captures)
    return {
        "script": call.script,
        "title": call.title or call.script,
        "mode": call.mode,
        "scenario": call.scenario,
        "started_at": started_at,
        "started_utc": _utc_key(started_at),
        "ended_at": call.ended_at,
        "duration_s": call.duration_s,
        "outcome": call.outcome,
        "prospect": prospect_key(call.script, fields) if call.mode == "live" else None,
        "snapshot": blob,
    }


def _load_json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _record(row: sqlite3.Row, status: str | None = None) -> CallRecord:
    snapshot = _load_json(row["snapshot"])
    follow = _load_json(row["follow_up"])
    return CallRecord(
        id=row["id"],
        script=row["script"],
        title=row["title"],
        mode=row["mode"],
        scenario=row["scenario"],
        started_at=row["started_at"],
        ended_at=row["ended_at"],
        duration_s=row["duration_s"],
        status=status or row["status"],
        outcome=row["outcome"],
        snapshot=snapshot if isinstance(snapshot, dict) else {},
        follow_up=FollowUpWindow.from_dict(follow) if isinstance(follow, dict) else None,
        dismissed=bool(row["dismissed"]),
    )


def _dead(row: sqlite3.Row) -> bool:
    """Whether a ``running`` row's process is gone."""
    return row["status"] == "running" and not process_alive(row["pid"], row["proc_marker"])


def _finished_calls(rows: Iterable[sqlite3.Row]) -> Iterator[FinishedCall]:
    for row in rows:
        record = _record(row)
        try:
            fields = record.fields
        except StoreError:
            fields = {}  # written by a newer Call Coach: its window still counts
        yield FinishedCall(
            call_id=record.id,
            prospect=row["prospect"],
            script=record.script,
            title=record.title,
            outcome=record.outcome,
            started_at=record.started_at,
            fields=fields,
            window=record.follow_up,
        )


# -- the store ------------------------------------------------------------------


class Store(Database):
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
        return [_record(row, "interrupted" if row["id"] in dead else None) for row in rows]

    # -- writing --

    def start_call(self, snapshot: CallSnapshot | Mapping[str, Any]) -> int:
        """Record a new call (status ``running``, owned by this process); return its id.

        ``snapshot`` is typed, or a stored dict (kept exactly as given).
        """
        self._writable()
        cols = _row_fields(*_typed(snapshot))
        cols.update(status="running", pid=self._pid, proc_marker=self._marker)
        names = ", ".join(cols)
        marks = ", ".join(f":{name}" for name in cols)
        with self._tx() as conn:
            cursor = conn.execute(f"INSERT INTO calls ({names}) VALUES ({marks})", cols)
            call_id = cursor.lastrowid
        if call_id is None:  # pragma: no cover - sqlite always sets it after INSERT
            raise StoreError(f"The call could not be recorded in {self.path}.")
        return call_id

    def save(self, call_id: int, snapshot: CallSnapshot | Mapping[str, Any]) -> None:
        """Write the call's latest state through (one UPDATE in one transaction)."""
        self._writable()
        cols = _row_fields(*_typed(snapshot))
        sets = ", ".join(f"{name} = :{name}" for name in cols)
        with self._tx() as conn:
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
        """
        self._writable()
        if status not in FINAL_STATUSES:
            raise StoreError(f"A call can only finish as done or abandoned, not {status!r}.")
        call, data = _typed(snapshot)
        cols = _row_fields(call, data)
        cols["status"] = status
        cols["follow_up"] = None
        with self._tx(immediate=True) as conn:
            if status == "done" and cols["mode"] == "live":
                window = window_after_call(
                    cols["outcome"],
                    cols["started_at"],
                    merged_fields(call.values, call.captures),
                    self._earlier_outcomes(conn, call_id, cols),
                )
                if window is not None:
                    cols["follow_up"] = json.dumps(window.as_dict())
            sets = ", ".join(f"{name} = :{name}" for name in cols)
            cursor = conn.execute(
                f"UPDATE calls SET {sets} WHERE id = :id", {**cols, "id": call_id}
            )
            if cursor.rowcount == 0:
                raise StoreError(f"Call {call_id} is not in {self.path}; it cannot be finished.")

    @staticmethod
    def _earlier_outcomes(
        conn: sqlite3.Connection, call_id: int, cols: Mapping[str, Any]
    ) -> Iterator[str | None]:
        """The prospect's earlier finished live calls' outcomes, newest first.

        A generator: the query runs only if the rules ask (after an unanswered call).
        """
        rows = conn.execute(
            "SELECT outcome FROM calls WHERE mode = 'live' AND status = 'done' "
            "AND prospect = ? AND id != ? AND started_utc <= ? " + _ORDER,
            (cols["prospect"], call_id, cols["started_utc"]),
        ).fetchall()
        for row in rows:
            yield row["outcome"]

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
    ) -> list[CallRecord]:
        """Stored calls, newest first.

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
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        tail = _ORDER
        if limit is not None:
            tail += " LIMIT ?"
            params.append(max(0, int(limit)))
        return self._records(self._select(where, tuple(params), tail))

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
            found = [_record(row) for row in rows]
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
            _record(row).call  # noqa: B018 - a newer Call Coach's call stays untouched
            conn.execute(
                "UPDATE calls SET status = 'running', pid = ?, proc_marker = ?, dismissed = 0 "
                "WHERE id = ?",
                (self._pid, self._marker, call_id),
            )
            row = conn.execute(query, (call_id,)).fetchone()
        return _record(row)

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

    def due_follow_ups(
        self, today: date | None = None, *, include_upcoming: bool = False
    ) -> list[FollowUp]:
        """Open prospects whose next contact is due (or overdue), soonest first.

        Only finished live calls count (practice calls never do); which of them
        decides, and when, is ``coach.call.followup.open_follow_ups``'s rule.
        ``include_upcoming`` also returns windows that have not opened yet.
        """
        rows = self._select(
            "WHERE mode = 'live' AND status = 'done' AND prospect IS NOT NULL",
            (),
            _ORDER,
        )
        return open_follow_ups(
            _finished_calls(rows), today or date.today(), include_upcoming=include_upcoming
        )
