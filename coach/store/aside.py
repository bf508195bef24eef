"""Moving an unusable call record aside: kept, never deleted, under a name that says so.

A damaged file, another program's database or one from a newer Call Coach is
renamed ``coach.db.unusable-YYYYMMDD-HHMMSS`` (a number added if that is
taken) together with its ``-wal`` and ``-shm`` files, so SQLite still finds
them if it is moved back. A ``coach.db-wal`` left behind when someone moved
``coach.db`` by hand belongs to that file, not to the new one SQLite would
create (which would drop its frames): it is moved aside the same way first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

SIDE_FILES = ("-wal", "-shm", "-journal")


def _free_name(path: Path, label: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.{label}-{stamp}")
    candidate, number = base, 1
    while any(os.path.lexists(f"{candidate}{side}") for side in ("", *SIDE_FILES)):
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def move_aside(path: Path, label: str = "unusable") -> Path:
    """Rename ``path`` and its side files to a free name; returns the new path."""
    target = _free_name(path, label)
    os.replace(path, target)
    for side in SIDE_FILES:
        with suppress(FileNotFoundError):
            os.replace(f"{path}{side}", f"{target}{side}")
    return target


def file_id(path: Path) -> tuple[int, int] | None:
    """The device and inode of ``path`` (None when it is not there)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def move_aside_if(path: Path, found: tuple[int, int] | None) -> Path | None:
    """Move ``path`` aside if it is still the file ``found`` (:func:`file_id`).

    Under a lock beside it, so that of several instances finding the same
    damaged file at once exactly one moves it, and none moves the new file
    another one has just started. Returns where it went (None: not moved).
    """
    with _locked(path):
        if found is None or file_id(path) != found:
            return None
        return move_aside(path)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not on this platform: the inode check alone
        yield
        return
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def move_orphans(path: Path) -> list[Path]:
    """Side files of a ``path`` that is not there, moved aside (see the module).

    SQLite creates the database before its ``-wal``, so a side file seen
    while the database is still missing afterwards is an orphan, not the
    fresh file of another instance starting at this moment.
    """
    moved: list[Path] = []
    if os.path.lexists(path):
        return moved
    found = [side for side in SIDE_FILES if os.path.lexists(f"{path}{side}")]
    if not found or os.path.lexists(path):
        return moved
    target = _free_name(path, "orphan")
    for side in found:
        with suppress(FileNotFoundError):
            os.replace(f"{path}{side}", f"{target}{side}")
            moved.append(Path(f"{target}{side}"))
    return moved
