"""A full disk, simulated: the store's connection refuses every write with
SQLite's own error while it is full (reads still work, as on a real full disk)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from coach.store import Store

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class _FullConnection:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._real = conn

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.lstrip().upper().startswith(WRITES):
            raise sqlite3.OperationalError("database or disk is full")
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@contextmanager
def full_disk(store: Store) -> Iterator[None]:
    """While inside, ``store`` cannot write; space is back on leaving."""
    real = store._conn
    assert real is not None
    store._conn = _FullConnection(real)  # type: ignore[assignment]
    try:
        yield
    finally:
        store._conn = real
