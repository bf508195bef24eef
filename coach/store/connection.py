"""The SQLite file itself: opening it (WAL, busy timeout, read-only), migrations, transactions.

Durability: WAL journal with ``synchronous=NORMAL``. Each transaction survives
the app crashing or being killed (``kill -9``): the WAL file is written before
the commit returns. Only an operating-system crash or power loss may lose the
last transaction or two, because NORMAL does not fsync on every commit; that
trade keeps a save well under a millisecond. Two app instances may use the
file at once: SQLite locks, and ``busy_timeout`` makes a writer wait instead
of failing.

Rows come back as :class:`sqlite3.Row` and are read by column name.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from coach.store.changes import file_uri
from coach.store.errors import NothingRecorded, StoreError, damaged, sqlite_problem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import TypeVar

    T = TypeVar("T")

DEFAULT_BUSY_TIMEOUT_MS = 5000


#: How many schema steps there are (:data:`coach.store.migrations.STEPS`): the
#: database's ``user_version`` is how many have run. The steps are imported only
#: to migrate: with json, they were 1.6 ms of home's imports (``-X importtime``)
#: and 5.3 M of the 1,077 M instructions to its first frame. A test checks the count.
SCHEMA_VERSION = 7
#: The oldest data version a read-only opening reads as it is (it never
#: migrates): step 3 only added an index, which makes reads faster but changes
#: nothing they see; step 4 added the partner's tables, which a file without
#: them is read as having empty (:mod:`coach.store.feedback`); step 5 only added
#: indexes again; step 6 only the change stamp, which readers never need (a file
#: without it is never served from the cache of :mod:`coach.cli.cache`); step 7
#: only an index. Raise it to a new step's version when the step changes what readers need.
READABLE_FROM = 2


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _connect(
    path: Path | str, target: str, busy_timeout_ms: int, uri: bool = False
) -> sqlite3.Connection:
    """A connection in autocommit mode (we open transactions ourselves), rows as tuples."""
    try:
        conn = sqlite3.connect(
            target,
            uri=uri,
            timeout=busy_timeout_ms / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as exc:
        raise sqlite_problem(path, exc) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    except sqlite3.Error as exc:
        conn.close()
        raise sqlite_problem(path, exc) from exc
    return conn


def newer_file(path: Path | str, version: int) -> StoreError:
    return StoreError(
        f"{path} was created by a newer Call Coach (data version {version}; this "
        f"one knows up to {SCHEMA_VERSION}). Update Call Coach, or set COACH_HOME to "
        "another folder."
    )


def open_read_only(
    path: Path | str, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """The file opened for reading only (``mode=ro``, rows as tuples), its version checked.

    Nothing is ever written and no migration runs: a file from
    :data:`READABLE_FROM` on is read as it is. Raises :class:`NothingRecorded`
    when the file is not there, :class:`StoreError` when it cannot be read or
    another version of Call Coach must update it first.
    """
    if not os.path.isfile(path):
        raise NothingRecorded(
            f"There is no call record at {path} yet: start a call or a rehearsal "
            "first (or set COACH_HOME to the folder it uses)."
        )
    conn = _connect(path, f"{file_uri(path)}?mode=ro", busy_timeout_ms, True)
    try:
        version = _user_version(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise sqlite_problem(path, exc) from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise newer_file(path, version)
    try:
        _check_ours(conn, version)
    except Unusable as exc:
        conn.close()
        raise StoreError(
            f"{path} cannot be read: {exc}. Start `coach` once: it keeps the file "
            "aside under another name, never deleting it, and starts a new, empty record."
        ) from None
    except sqlite3.Error as exc:
        conn.close()
        raise sqlite_problem(path, exc) from exc
    if version < READABLE_FROM:
        conn.close()
        raise StoreError(
            f"{path} was written by an older Call Coach (data version {version}; "
            f"this one needs {SCHEMA_VERSION}). Run `coach` once to update it, then "
            "try again."
        )
    return conn


class Database:
    """One SQLite file, shared safely between threads (a lock serialises the calls).

    Args:
        path: the file (its folder is created unless ``read_only``).
        busy_timeout_ms: how long to wait for another process's lock.
        read_only: open with ``mode=ro``: nothing is ever written, no migration
            runs, and a missing file raises :class:`NothingRecorded`.
    """

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        read_only: bool = False,
    ) -> None:
        self.path = path
        #: A read-only store never writes: no migrations, no status updates.
        self.read_only = read_only
        from threading import RLock  # here: the light readers (open_read_only) never need it

        self._lock = RLock()
        self._conn: sqlite3.Connection | None = None
        self._busy_ms = int(busy_timeout_ms)
        #: Size of the ``-shm`` file SQLite maps, as last seen (see :meth:`_guard_shm`).
        self._shm_size = 0
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
        #: Where an unusable file was moved (None: it was fine), and why.
        self.moved_aside: Path | None = None
        self.moved_why = ""
        from coach.store.aside import file_id, move_aside_if, move_orphans

        move_orphans(self.path)
        found = file_id(self.path)
        try:
            self._open(busy_timeout_ms)
        except Unusable as exc:
            # Damaged, someone else's, or from a newer Call Coach: kept, never
            # deleted, under a name that says so; a new, empty record starts.
            # Only the very file found unusable is moved: another instance
            # may have moved it and started the new one already.
            try:
                self.moved_aside = move_aside_if(self.path, found)
            except OSError as problem:
                raise StoreError(
                    f"The call record {self.path} cannot be used: {exc}; and it could "
                    f"not be moved aside ({problem.strerror or problem}). Move it "
                    "yourself, or set COACH_HOME to another folder."
                ) from problem
            self.moved_why = str(exc)
            try:
                self._open(busy_timeout_ms)
            except Unusable as again:
                raise StoreError(f"The call record {self.path} cannot be used: {again}.") from again

    def _open(self, busy_timeout_ms: int) -> None:
        """Connect, switch to WAL and migrate; :class:`Unusable` when the file is
        damaged, not a Call Coach database, or newer than this app."""
        conn = _connect(self.path, str(self.path), busy_timeout_ms)
        conn.row_factory = sqlite3.Row
        self._conn = conn
        try:
            # Someone else's file is left exactly as it was: looked at before
            # anything (the switch to WAL) writes to it. One read transaction:
            # another instance creating the file commits its tables and their
            # version together, and the two reads must see the same moment
            # (apart, they saw version 0 then tables, called that file someone
            # else's and moved the other instance's new record aside).
            conn.execute("BEGIN")
            try:
                version = _user_version(conn)
                if version > SCHEMA_VERSION:
                    raise self._newer(version)
                _check_ours(conn, version)
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
            self._enable_wal(conn, busy_timeout_ms)
            self._shm_size = self._shm_now()
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(conn, version)
        except sqlite3.Error as exc:
            conn.close()
            self._conn = None
            if damaged(exc):
                raise Unusable(f"it is damaged ({exc})") from exc
            raise self._error(exc) from exc
        except StoreError:
            conn.close()
            self._conn = None
            raise

    @property
    def moved_notice(self) -> str | None:
        """A sentence for the user when the file was moved aside, else None."""
        if self.moved_aside is None:
            return None
        return (
            f"The call record {self.path} could not be used: {self.moved_why}. It was "
            f"kept as {self.moved_aside} and a new, empty record started."
        )

    def _open_read_only(self, busy_timeout_ms: int) -> None:
        """Open the file for reading only (``mode=ro``); check its version, migrate nothing."""
        conn = open_read_only(self.path, busy_timeout_ms)
        conn.row_factory = sqlite3.Row
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

    # -- plumbing --

    def _error(self, exc: BaseException) -> StoreError:
        return sqlite_problem(self.path, exc)

    @contextmanager
    def _tx(
        self, immediate: bool = False, busy_ms: int | None = None
    ) -> Iterator[sqlite3.Connection]:
        """One transaction under the lock; sqlite3 errors become StoreError.

        ``busy_ms``: wait at most this long for another process's lock (instead
        of the store's busy timeout), then raise :class:`StoreBusy`; a call
        screen's saves use it so a lock held elsewhere never freezes the call.
        """
        with self._lock:
            conn = self._conn
            if conn is None:
                raise StoreError(f"The call record {self.path} is closed.")
            self._guard_shm()
            if busy_ms is not None:
                conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
            try:
                conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
                self._shm_size = self._shm_now()
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                raise self._error(exc) from exc
            finally:
                if busy_ms is not None:
                    with suppress(sqlite3.Error):
                        conn.execute(f"PRAGMA busy_timeout = {self._busy_ms}")

    def _shm_now(self) -> int:
        try:
            return os.stat(f"{self.path}-shm").st_size
        except OSError:
            return 0

    def _guard_shm(self) -> None:
        """In WAL mode SQLite maps ``coach.db-shm`` into memory: once another program
        (or a full disk's clean-up) has cut it shorter, touching the mapping kills
        the process with SIGBUS. So it is grown back to its size first, with zeros,
        which SQLite takes for an index to rebuild from the log; if it cannot be,
        this connection is not touched (a StoreError: the call goes on in memory)."""
        if self.read_only or self._shm_size == 0:
            return
        shm = f"{self.path}-shm"
        try:
            size = os.stat(shm).st_size
        except FileNotFoundError:  # removed: the mapping of the old file stays valid
            return
        except OSError as exc:
            problem = exc.strerror or exc
            raise StoreError(f"The index file {shm} cannot be read ({problem})") from exc
        if size >= self._shm_size:
            return
        try:
            # Written, not just extended: on a full disk the pages of a sparse file
            # fault (SIGBUS) when touched, while a write says ENOSPC.
            fd = os.open(shm, os.O_WRONLY)
            try:
                os.pwrite(fd, bytes(self._shm_size - size), size)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise StoreError(
                f"The index file {shm} was cut short and cannot be mended ({exc.strerror or exc})"
            ) from exc

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
        mode = str(row["journal_mode"]).lower() if row else "?"
        if mode != "wal":
            raise StoreError(
                f"{self.path} cannot use write-ahead logging (journal mode {mode}). "
                "Put the data folder on a local disk, or set COACH_HOME to one."
            )

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        """Run the steps from ``version`` (read, and the file checked ours, by
        :meth:`_open`)."""
        if version == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another instance may have migrated while we waited for the lock.
            version = _user_version(conn)
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            from coach.store.migrations import STEPS

            for step in range(version, SCHEMA_VERSION):
                STEPS[step](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _newer(self, version: int) -> StoreError:
        return Unusable(
            f"it was written by a newer Call Coach (data version {version}; this one "
            f"knows up to {SCHEMA_VERSION}); update Call Coach and move it back to use it"
        )


class Unusable(StoreError):
    """The file is damaged, not a Call Coach database, or newer than this app:
    a writable store moves it aside and starts a new one."""


#: The columns every version of the ``calls`` table has.
_CALL_COLUMNS = frozenset({"id", "script", "started_at", "status", "snapshot"})


def _check_ours(conn: sqlite3.Connection, version: int) -> None:
    """:class:`Unusable` when the file holds someone else's tables.

    A file at version 0 with any table was never ours (our first step and its
    version are one transaction); from version 1 on, ``calls`` must have our
    columns (another program may set ``user_version`` too).
    """
    if version == 0:
        row = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 1")
        first = row.fetchone()
        if first is not None:
            raise Unusable(
                f"it is an SQLite database of another program (it holds a table "
                f"'{first[0]}' and none of Call Coach's)"
            )
        return
    columns = {row[1] for row in conn.execute("PRAGMA table_info(calls)")}
    if not columns >= _CALL_COLUMNS:
        raise Unusable(
            "it is not a Call Coach database (its version says it is, but its "
            "'calls' table is missing or different)"
        )


def read_jobs(read: Callable[[sqlite3.Connection], T], path: Path | str | None = None) -> T:
    """``read(conn)`` on the call record opened read only, in one transaction.

    ``path`` defaults to the app's file. Raises :class:`~coach.store.NothingRecorded`
    when there is no file yet and :class:`~coach.store.StoreError` for
    anything else, as ``Store(read_only=True)`` does.
    """
    from coach import locations

    target = path if path is not None else locations.database_file()
    conn = open_read_only(target)
    try:
        conn.execute("BEGIN")
        return read(conn)
    except sqlite3.Error as exc:
        raise sqlite_problem(target, exc) from exc
    finally:
        conn.close()
