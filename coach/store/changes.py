"""The change stamp (migration 6), read with nothing but ``sqlite3`` and ``os``.

Every write of every table sets ``changes.stamp`` to a new random number, in
the writer's own transaction (triggers: :func:`coach.store.migrations.migrate_6`).
:func:`read_stamp` reads it, with the file's data and schema versions, in one
statement on a read-only connection: what ``coach log`` and ``coach due``
check before anything else is imported (:mod:`coach.cli.cache`). It never
creates, migrates or locks the file; anything unexpected (no file, a file
from before step 6, a missing row, a locked or damaged file) is None.
"""

from __future__ import annotations

import os
import sqlite3

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

#: One statement, so one read transaction: the stamp and versions of one moment.
_STAMP_SQL = (
    "SELECT (SELECT user_version FROM pragma_user_version) AS data_version, "
    "(SELECT schema_version FROM pragma_schema_version) AS schema_version, "
    "stamp FROM changes WHERE id = 1"
)

#: The bytes a ``file:`` URI keeps as they are (``urllib.parse.quote``'s, and ``/``).
_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


def file_uri(path: Path | str) -> str:
    """``Path(path).resolve().as_uri()`` on a POSIX system, without ``pathlib``
    (which imports ``urllib.parse`` and ``ipaddress``: 4 ms of ``coach log``)."""
    if os.name != "posix":
        from pathlib import Path

        return Path(path).resolve().as_uri()
    absolute = os.fsencode(os.path.realpath(path))
    quoted = "".join(chr(b) if b in _URI_SAFE else f"%{b:02X}" for b in absolute)
    return f"file://{quoted}"


def read_stamp(path: str, *, check_triggers: bool = False) -> tuple[int, int, int] | None:
    """``(data version, schema version, stamp)`` of the file at ``path``, or None.

    ``check_triggers``: also None unless every table has its three triggers
    exactly as step 6 made them (what writing a cache entry asks: a stamp
    that some write would not change must not key anything). The schema
    version is part of the answer, so a trigger dropped later is a new key.
    """
    if not os.path.isfile(path):
        return None
    try:
        conn = sqlite3.connect(f"{file_uri(path)}?mode=ro", uri=True, timeout=0.2)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("BEGIN")
        return stamp_in(conn, check_triggers=check_triggers)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def stamp_in(conn: sqlite3.Connection, *, check_triggers: bool) -> tuple[int, int, int] | None:
    """:func:`read_stamp` on an open connection (rows as ``sqlite3.Row``), inside the
    caller's transaction; raises ``sqlite3.Error``."""
    row = conn.execute(_STAMP_SQL).fetchone()
    if row is None or (check_triggers and not _triggers_intact(conn)):
        return None
    found = (row["data_version"], row["schema_version"], row["stamp"])
    if not all(type(value) is int for value in found):
        return None
    return found


def _triggers_intact(conn: sqlite3.Connection) -> bool:
    """Whether every table but ``changes`` (and SQLite's own) has step 6's triggers, and
    there are no others (one could set the stamp back)."""
    from coach.store.schema_terms import trigger_sql

    tables = [
        row["name"]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite%' AND name != 'changes'"
        )
    ]
    triggers = {
        row["sql"] for row in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
    }
    wanted = {trigger_sql(t, event) for t in tables for event in ("INSERT", "UPDATE", "DELETE")}
    return bool(tables) and wanted == triggers
