"""The call record: every call, written through to SQLite as it happens.

One table, ``calls``: a row per call with the fields ``coach log`` shows, the
process that runs it (so a call whose process died can be offered for
resuming), and the session's whole last snapshot as JSON.

Durability: WAL journal with ``synchronous=NORMAL``. Each :meth:`Store.save`
is one small transaction that survives the app crashing or being killed
(``kill -9``): the WAL file is written before the call returns. Only an
operating-system crash or power loss may lose the last transaction or two,
because NORMAL does not fsync on every commit; that trade keeps a save well
under a millisecond. Two app instances may use the database at once: SQLite
locks, and ``busy_timeout`` makes a writer wait instead of failing.

Every public method raises :class:`StoreError` (a message naming the file and
what to do) and never a raw ``sqlite3`` exception, so the app can keep a call
going in memory and warn.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from coach import locations
from coach.call.followup import (
    CLOSED_OUTCOMES,
    UNANSWERED_OUTCOMES,
    FollowUp,
    FollowUpWindow,
    call_date,
    merged_fields,
    prospect_key,
    prospect_label,
    window_for_call,
)

__all__ = ["CallRecord", "FollowUp", "Store", "StoreError"]

STATUSES = ("running", "done", "abandoned", "interrupted")
FINAL_STATUSES = ("done", "abandoned")
DEFAULT_BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The call record could not be read or written; the message says why and what to do."""


# -- process identity -------------------------------------------------------


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


_BOOT_ID = _boot_id()


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks since boot) of ``pid``, or ``None``."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    fields = raw[raw.rfind(")") + 2 :].split()
    if len(fields) < 20:
        return None
    return fields[0], fields[19]


def process_marker(pid: int) -> str | None:
    """Something that tells this process apart from a later one with the same pid.

    The boot id plus the process start time from ``/proc``; ``None`` where
    there is no ``/proc`` (then only the pid is compared).
    """
    stat = _proc_stat(pid)
    if stat is None:
        return None
    return f"{_BOOT_ID}:{stat[1]}"


def process_alive(pid: int | None, marker: str | None) -> bool:
    """Whether the process that recorded (``pid``, ``marker``) still runs."""
    if pid is None or pid <= 0:
        return False
    if marker is not None and Path("/proc/self/stat").exists():
        stat = _proc_stat(pid)
        if stat is None or stat[0] in ("Z", "X"):
            return False
        return f"{_BOOT_ID}:{stat[1]}" == marker
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    except OSError:
        return False
    return True


# -- records ------------------------------------------------------------------


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
    #: The session's whole last snapshot.
    snapshot: dict[str, Any]
    #: When to contact this prospect next (finished live calls only).
    follow_up: FollowUpWindow | None = None
    #: An interrupted call the user chose not to resume.
    dismissed: bool = False

    def log_entry(self) -> dict[str, Any]:
        """The object ``coach log --json`` prints for this call."""
        snap = self.snapshot

        def mapping(key: str) -> dict[str, Any]:
            value = snap.get(key)
            return dict(value) if isinstance(value, dict) else {}

        path = snap.get("path")
        notes = snap.get("notes")
        rating_note = snap.get("rating_note")
        entry: dict[str, Any] = {
            "id": self.id,
            "script": self.script,
            "title": self.title,
            "script_path": snap.get("script_path"),
            "mode": self.mode,
            "scenario": self.scenario,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "duration_s": self.duration_s,
            "status": self.status,
            "outcome": self.outcome,
            "path": list(path) if isinstance(path, list) else [],
            "values": mapping("values"),
            "captures": mapping("captures"),
            "checklist": mapping("checklist"),
            "notes": notes if isinstance(notes, str) else "",
            "score": snap.get("score"),
            "rating": snap.get("rating"),
            "rating_note": rating_note if isinstance(rating_note, str) else "",
        }
        if self.follow_up is not None:
            entry["next_follow_up"] = self.follow_up.as_dict()
        return entry

    @property
    def fields(self) -> dict[str, str]:
        """Values and captures merged (a capture wins over a variable)."""
        values = self.snapshot.get("values")
        captures = self.snapshot.get("captures")
        return merged_fields(
            values if isinstance(values, dict) else {},
            captures if isinstance(captures, dict) else {},
        )


# -- schema -------------------------------------------------------------------


def _migrate_1(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE calls (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            script      TEXT NOT NULL,
            title       TEXT NOT NULL DEFAULT '',
            mode        TEXT NOT NULL DEFAULT 'live',
            scenario    TEXT,
            started_at  TEXT NOT NULL,
            started_utc TEXT NOT NULL,
            ended_at    TEXT,
            duration_s  REAL,
            status      TEXT NOT NULL DEFAULT 'running',
            outcome     TEXT,
            prospect    TEXT,
            follow_up   TEXT,
            pid         INTEGER,
            proc_marker TEXT,
            dismissed   INTEGER NOT NULL DEFAULT 0,
            snapshot    TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX calls_started ON calls (started_utc)")
    conn.execute("CREATE INDEX calls_status ON calls (status)")
    conn.execute("CREATE INDEX calls_prospect ON calls (mode, prospect)")


#: Schema steps; the database's ``user_version`` is how many have run.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_1]
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    "id, script, title, mode, scenario, started_at, ended_at, duration_s, status, "
    "outcome, snapshot, follow_up, dismissed, pid, proc_marker, prospect"
)
_ORDER = "ORDER BY started_utc DESC, id DESC"


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


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _row_fields(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The columns a snapshot fills in."""
    if not isinstance(snapshot, dict):
        raise StoreError("the call could not be saved: its state is not a mapping")
    started_at = _text(snapshot.get("started_at")) or _now_iso()
    script = _text(snapshot.get("script")) or ""
    mode = _text(snapshot.get("mode")) or "live"
    values = snapshot.get("values")
    captures = snapshot.get("captures")
    fields = merged_fields(
        values if isinstance(values, dict) else {},
        captures if isinstance(captures, dict) else {},
    )
    try:
        blob = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise StoreError(f"the call could not be saved: its state is not JSON ({exc})") from exc
    return {
        "script": script,
        "title": _text(snapshot.get("title")) or script,
        "mode": mode,
        "scenario": _text(snapshot.get("scenario")),
        "started_at": started_at,
        "started_utc": _utc_key(started_at),
        "ended_at": _text(snapshot.get("ended_at")),
        "duration_s": _number(snapshot.get("duration_s")),
        "outcome": _text(snapshot.get("outcome")),
        "prospect": prospect_key(script, fields) if mode == "live" else None,
        "snapshot": blob,
    }


def _load_json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


# -- the store ------------------------------------------------------------------


class Store:
    """The call record in one SQLite file; safe to share between app instances.

    Methods may be called from any thread (calls are serialised by a lock).
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path) if path is not None else locations.database_path()
        #: A read-only store never writes: no migrations, no status updates.
        self.read_only = read_only
        self._lock = threading.RLock()
        self._pid = os.getpid()
        self._marker = process_marker(self._pid)
        self._conn: sqlite3.Connection | None = None
        if read_only:
            self._open_read_only(busy_timeout_ms)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the folder {self.path.parent} for the call record "
                f"({exc.strerror or exc}). Make it writable, or set COACH_HOME to a "
                "writable folder."
            ) from exc
        try:
            conn = sqlite3.connect(
                self.path,
                timeout=busy_timeout_ms / 1000,
                isolation_level=None,  # we open transactions ourselves
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        self._conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            self._enable_wal(conn, busy_timeout_ms)
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(conn)
        except sqlite3.Error as exc:
            conn.close()
            self._conn = None
            raise self._error(exc) from exc
        except StoreError:
            conn.close()
            self._conn = None
            raise

    def _open_read_only(self, busy_timeout_ms: int) -> None:
        """Open the file for reading only (``mode=ro``); check its version, migrate nothing."""
        if not self.path.is_file():
            raise StoreError(
                f"There is no call record at {self.path} yet: start a call or a rehearsal "
                "first (or set COACH_HOME to the folder it uses)."
            )
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        try:
            conn = sqlite3.connect(
                uri,
                uri=True,
                timeout=busy_timeout_ms / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.Error as exc:
            conn.close()
            raise self._error(exc) from exc
        if version > SCHEMA_VERSION:
            conn.close()
            raise self._newer(version)
        if version < SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{self.path} was written by an older Call Coach (data version {version}; "
                f"this one needs {SCHEMA_VERSION}). Run `coach` once to update it, then "
                "try again."
            )
        self._conn = conn

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"The call record {self.path} is open read-only here; nothing can be written."
            )

    # -- lifecycle --

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- plumbing --

    def _error(self, exc: BaseException) -> StoreError:
        """A human message for a sqlite3 failure on this file."""
        code = getattr(exc, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        text = str(exc).lower()
        where = str(self.path)
        if primary in (26, 11) or "not a database" in text or "malformed" in text:
            return StoreError(
                f"{where} is damaged or is not a Call Coach database. Move it aside "
                f"(for example rename it to {self.path.name}.broken); a new, empty one "
                "will be created next time."
            )
        if primary in (8, 14) or "readonly" in text or "unable to open" in text:
            return StoreError(self._access_problem(primary == 8 or "readonly" in text))
        if primary == 13 or "full" in text:
            return StoreError(
                f"Cannot write to {where}: the disk is full. Free some space and try again."
            )
        if primary in (5, 6) or "locked" in text:
            return StoreError(
                f"{where} is locked by another program. Close other Call Coach windows "
                "(or whatever holds the file) and try again."
            )
        if primary == 10:
            return StoreError(f"Disk error while using {where} ({exc}). Check the disk.")
        return StoreError(f"Database error in {where}: {exc}")

    def _access_problem(self, readonly: bool) -> str:
        """Say whether the file or its folder is what cannot be written."""

        def writable(p: Path) -> bool:
            kwargs = {"effective_ids": True} if os.access in os.supports_effective_ids else {}
            return os.access(p, os.W_OK, **kwargs)

        folder = self.path.parent
        fix = "Make it writable, or set COACH_HOME to a writable folder."
        if self.path.exists() and not writable(self.path):
            return f"Cannot write to {self.path}: the file is read-only. {fix}"
        if not folder.is_dir():
            return f"Cannot open {self.path}: the folder {folder} does not exist."
        if not writable(folder):
            return f"Cannot write to {self.path}: its folder {folder} is read-only. {fix}"
        if readonly:
            return f"Cannot write to {self.path}: it is read-only. {fix}"
        return (
            f"Cannot open {self.path}: check that you may read and write there, "
            "or set COACH_HOME to another folder."
        )

    @contextmanager
    def _tx(self, immediate: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction under the lock; sqlite3 errors become StoreError."""
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError(f"The call record {self.path} is closed.")
            try:
                conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise self._error(exc) from exc

    def _enable_wal(self, conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
        # Switching a new file to WAL needs an exclusive lock and SQLite does not
        # wait for it (no busy handler), so two instances starting together retry.
        deadline = time.monotonic() + busy_timeout_ms / 1000
        while True:
            try:
                row = conn.execute("PRAGMA journal_mode = WAL").fetchone()
                break
            except sqlite3.OperationalError as exc:
                busy = getattr(exc, "sqlite_errorcode", 0) & 0xFF in (5, 6)
                if not busy or time.monotonic() >= deadline:
                    raise
                time.sleep(0.01)
        mode = str(row[0]).lower() if row else "?"
        if mode != "wal":
            raise StoreError(
                f"{self.path} cannot use write-ahead logging (journal mode {mode}). "
                "Put the data folder on a local disk, or set COACH_HOME to one."
            )

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise self._newer(version)
        if version == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another instance may have migrated while we waited for the lock.
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _newer(self, version: int) -> StoreError:
        return StoreError(
            f"{self.path} was created by a newer Call Coach (data version {version}; this "
            f"one knows up to {SCHEMA_VERSION}). Update Call Coach, or set COACH_HOME to "
            "another folder."
        )

    def _record(self, row: sqlite3.Row | tuple[Any, ...], status: str | None = None) -> CallRecord:
        snapshot = _load_json(row[10])
        follow = _load_json(row[11])
        return CallRecord(
            id=row[0],
            script=row[1],
            title=row[2],
            mode=row[3],
            scenario=row[4],
            started_at=row[5],
            ended_at=row[6],
            duration_s=row[7],
            status=status or row[8],
            outcome=row[9],
            snapshot=snapshot if isinstance(snapshot, dict) else {},
            follow_up=FollowUpWindow.from_dict(follow) if isinstance(follow, dict) else None,
            dismissed=bool(row[12]),
        )

    @staticmethod
    def _dead(row: tuple[Any, ...]) -> bool:
        """Whether a ``running`` row's process is gone."""
        return row[8] == "running" and not process_alive(row[13], row[14])

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

    def _select(self, where: str = "", params: tuple[Any, ...] = (), tail: str = "") -> list[Any]:
        with self._tx() as conn:
            return conn.execute(f"SELECT {_COLUMNS} FROM calls {where} {tail}", params).fetchall()

    def _records(self, rows: list[Any]) -> list[CallRecord]:
        dead = [row[0] for row in rows if self._dead(row)]
        if dead and not self.read_only:
            with suppress(StoreError):  # a read-only record still reports the right status
                self._mark_interrupted(dead)
        return [self._record(row, "interrupted" if row[0] in dead else None) for row in rows]

    # -- writing --

    def start_call(self, snapshot: dict[str, Any]) -> int:
        """Record a new call (status ``running``, owned by this process); return its id."""
        self._writable()
        cols = _row_fields(snapshot)
        cols.update(status="running", pid=self._pid, proc_marker=self._marker)
        names = ", ".join(cols)
        marks = ", ".join(f":{name}" for name in cols)
        with self._tx() as conn:
            cursor = conn.execute(f"INSERT INTO calls ({names}) VALUES ({marks})", cols)
            call_id = cursor.lastrowid
        if call_id is None:  # pragma: no cover - sqlite always sets it after INSERT
            raise StoreError(f"The call could not be recorded in {self.path}.")
        return call_id

    def save(self, call_id: int, snapshot: dict[str, Any]) -> None:
        """Write the call's latest state through (one UPDATE in one transaction)."""
        self._writable()
        cols = _row_fields(snapshot)
        sets = ", ".join(f"{name} = :{name}" for name in cols)
        with self._tx() as conn:
            cursor = conn.execute(
                f"UPDATE calls SET {sets} WHERE id = :id", {**cols, "id": call_id}
            )
            if cursor.rowcount == 0:
                raise StoreError(f"Call {call_id} is not in {self.path}; it cannot be saved.")

    def finish(self, call_id: int, snapshot: dict[str, Any], status: str = "done") -> None:
        """Make the record final: ``done`` (reached an end) or ``abandoned``."""
        self._writable()
        if status not in FINAL_STATUSES:
            raise StoreError(f"A call can only finish as done or abandoned, not {status!r}.")
        cols = _row_fields(snapshot)
        cols["status"] = status
        cols["follow_up"] = None
        with self._tx(immediate=True) as conn:
            if status == "done" and cols["mode"] == "live":
                window = self._window(conn, call_id, cols, snapshot)
                if window is not None:
                    cols["follow_up"] = json.dumps(window.as_dict())
            sets = ", ".join(f"{name} = :{name}" for name in cols)
            cursor = conn.execute(
                f"UPDATE calls SET {sets} WHERE id = :id", {**cols, "id": call_id}
            )
            if cursor.rowcount == 0:
                raise StoreError(f"Call {call_id} is not in {self.path}; it cannot be finished.")

    def _window(
        self,
        conn: sqlite3.Connection,
        call_id: int,
        cols: dict[str, Any],
        snapshot: dict[str, Any],
    ) -> FollowUpWindow | None:
        outcome = cols["outcome"]
        called_on = call_date(cols["started_at"])
        if outcome in CLOSED_OUTCOMES or called_on is None:
            return None
        unanswered = 0
        if outcome in UNANSWERED_OUTCOMES:
            earlier = conn.execute(
                "SELECT outcome FROM calls WHERE mode = 'live' AND status = 'done' "
                "AND prospect = ? AND id != ? AND started_utc <= ? " + _ORDER,
                (cols["prospect"], call_id, cols["started_utc"]),
            ).fetchall()
            for (previous,) in earlier:
                if previous not in UNANSWERED_OUTCOMES:
                    break
                unanswered += 1
        values = snapshot.get("values")
        captures = snapshot.get("captures")
        fields = merged_fields(
            values if isinstance(values, dict) else {},
            captures if isinstance(captures, dict) else {},
        )
        return window_for_call(outcome, called_on, fields, unanswered)

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

        Running calls found without their process are marked ``interrupted`` here.
        """
        if self.read_only:
            rows = self._select(
                "WHERE (status = 'interrupted' OR status = 'running') AND dismissed = 0", (), _ORDER
            )
            return [r for r in self._records(rows) if r.status == "interrupted"]
        running = self._select("WHERE status = 'running'")
        self._mark_interrupted([row[0] for row in running if self._dead(row)])
        rows = self._select("WHERE status = 'interrupted' AND dismissed = 0", (), _ORDER)
        return [self._record(row) for row in rows]

    def resume(self, call_id: int) -> CallRecord:
        """Take over an interrupted call in this process (status ``running`` again)."""
        self._writable()
        with self._tx(immediate=True) as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM calls WHERE id = ?", (call_id,)).fetchone()
            if row is None:
                raise StoreError(f"There is no call {call_id} in {self.path}.")
            status = "interrupted" if self._dead(row) else row[8]
            owned_here = row[8] == "running" and row[13] == self._pid
            if status == "running" and not owned_here:
                raise StoreError(
                    f"Call {call_id} is still open in another Call Coach window "
                    f"(process {row[13]}); carry on there."
                )
            if status in FINAL_STATUSES:
                raise StoreError(f"Call {call_id} is already {status}; it cannot be resumed.")
            conn.execute(
                "UPDATE calls SET status = 'running', pid = ?, proc_marker = ?, dismissed = 0 "
                "WHERE id = ?",
                (self._pid, self._marker, call_id),
            )
            row = conn.execute(f"SELECT {_COLUMNS} FROM calls WHERE id = ?", (call_id,)).fetchone()
        return self._record(row)

    def dismiss(self, call_id: int) -> None:
        """Keep an interrupted call as it is, and never offer to resume it again."""
        self._writable()
        with self._tx(immediate=True) as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM calls WHERE id = ?", (call_id,)).fetchone()
            if row is None:
                raise StoreError(f"There is no call {call_id} in {self.path}.")
            if row[8] == "running" and not self._dead(row):
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

        Only finished live calls count (practice calls never do). A prospect's
        latest such call decides its window; an ``offer`` or ``rejected`` closes
        it. ``include_upcoming`` also returns windows that have not opened yet.
        """
        today = today or date.today()
        rows = self._select(
            "WHERE mode = 'live' AND status = 'done' AND prospect IS NOT NULL",
            (),
            _ORDER,
        )
        seen: set[str] = set()
        result: list[FollowUp] = []
        for row in rows:
            key = row[15]
            if key in seen:
                continue
            seen.add(key)  # rows are newest first: only the latest call counts
            record = self._record(row)
            window = record.follow_up
            called_on = call_date(record.started_at)
            if record.outcome in CLOSED_OUTCOMES or window is None or called_on is None:
                continue
            if not include_upcoming and today < window.earliest:
                continue
            fields = record.fields
            result.append(
                FollowUp(
                    prospect=key,
                    label=prospect_label(fields, record.title),
                    script=record.script,
                    title=record.title,
                    values=fields,
                    call_id=record.id,
                    outcome=record.outcome,
                    called_on=called_on,
                    window=window,
                )
            )
        result.sort(key=lambda f: (f.window.earliest, f.window.latest, -f.call_id))
        return result
