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

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from coach.store.errors import NothingRecorded, StoreError, sqlite_problem
from coach.store.migrations import migrate_1, migrate_2, migrate_3, migrate_4

DEFAULT_BUSY_TIMEOUT_MS = 5000


#: Schema steps; the database's ``user_version`` is how many have run.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    migrate_1,
    migrate_2,
    migrate_3,
    migrate_4,
]
SCHEMA_VERSION = len(MIGRATIONS)
#: The oldest data version a read-only opening reads as it is (it never
#: migrates): step 3 only added an index, which makes reads faster but changes
#: nothing they see; step 4 added the partner's tables, which a file without
#: them is read as having empty (:mod:`coach.store.feedback`). Raise it to a
#: new step's version when the step changes what readers need.
READABLE_FROM = 2


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _connect(
    path: Path, target: str, busy_timeout_ms: int, uri: bool = False
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


def newer_file(path: Path, version: int) -> StoreError:
    return StoreError(
        f"{path} was created by a newer Call Coach (data version {version}; this "
        f"one knows up to {SCHEMA_VERSION}). Update Call Coach, or set COACH_HOME to "
        "another folder."
    )


def open_read_only(
    path: Path, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> sqlite3.Connection:
    """The file opened for reading only (``mode=ro``, rows as tuples), its version checked.

    Nothing is ever written and no migration runs: a file from
    :data:`READABLE_FROM` on is read as it is. Raises :class:`NothingRecorded`
    when the file is not there, :class:`StoreError` when it cannot be read or
    another version of Call Coach must update it first.
    """
    if not path.is_file():
        raise NothingRecorded(
            f"There is no call record at {path} yet: start a call or a rehearsal "
            "first (or set COACH_HOME to the folder it uses)."
        )
    conn = _connect(path, f"{path.resolve().as_uri()}?mode=ro", busy_timeout_ms, True)
    try:
        version = _user_version(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise sqlite_problem(path, exc) from exc
    if version > SCHEMA_VERSION:
        conn.close()
        raise newer_file(path, version)
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
        conn = _connect(self.path, str(self.path), busy_timeout_ms)
        conn.row_factory = sqlite3.Row
        self._conn = conn
        try:
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
        mode = str(row["journal_mode"]).lower() if row else "?"
        if mode != "wal":
            raise StoreError(
                f"{self.path} cannot use write-ahead logging (journal mode {mode}). "
                "Put the data folder on a local disk, or set COACH_HOME to one."
            )

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = _user_version(conn)
        if version > SCHEMA_VERSION:
            raise self._newer(version)
        if version == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another instance may have migrated while we waited for the lock.
            version = _user_version(conn)
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
        return newer_file(self.path, version)
