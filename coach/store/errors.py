"""The store's errors, and sqlite3 failures turned into messages a person can act on."""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path


class StoreError(Exception):
    """The call record could not be read or written; the message says why and what to do."""


class StoreBusy(StoreError):
    """Another process held the file's write lock for longer than was waited."""


class NothingRecorded(StoreError):
    """There is no call record yet (a read-only store never creates one).

    Readers take it as "no calls": ``coach log``, ``coach stats``, the partner
    view and the choice of a practice scenario.
    """


def _primary(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def damaged(exc: BaseException) -> bool:
    """Whether a sqlite3 error says the file is not a database or is corrupt."""
    text = str(exc).lower()
    return _primary(exc) in (26, 11) or "not a database" in text or "malformed" in text


def sqlite_problem(path: Path | str, exc: BaseException) -> StoreError:
    """A human message for a sqlite3 failure on the file at ``path``."""
    primary = _primary(exc)
    text = str(exc).lower()
    where = str(path)
    if damaged(exc):
        return StoreError(
            f"{where} is damaged or is not a Call Coach database. Start `coach` "
            "once: it keeps the file aside under another name, never deleting it, "
            "and starts a new, empty record."
        )
    if primary in (8, 14) or "readonly" in text or "unable to open" in text:
        return StoreError(access_problem(path, primary == 8 or "readonly" in text))
    if primary == 13 or "full" in text:
        return StoreError(
            f"Cannot write to {where}: the disk is full. Free some space and try again."
        )
    if primary in (5, 6) or "locked" in text:
        return StoreBusy(
            f"{where} is locked by another program. Close other Call Coach windows "
            "(or whatever holds the file) and try again."
        )
    if primary == 10:
        return StoreError(f"Disk error while using {where} ({exc}). Check the disk.")
    return StoreError(f"Database error in {where}: {exc}")


def access_problem(path: Path | str, readonly: bool) -> str:
    """Say whether the file or its folder is what cannot be written."""
    from pathlib import Path

    path = Path(path)

    def writable(p: Path) -> bool:
        kwargs = {"effective_ids": True} if os.access in os.supports_effective_ids else {}
        return os.access(p, os.W_OK, **kwargs)

    folder = path.parent
    fix = "Make it writable, or set COACH_HOME to a writable folder."
    if path.exists() and not writable(path):
        return f"Cannot write to {path}: the file is read-only. {fix}"
    if not folder.is_dir():
        return f"Cannot open {path}: the folder {folder} does not exist."
    if not writable(folder):
        return f"Cannot write to {path}: its folder {folder} is read-only. {fix}"
    if readonly:
        return f"Cannot write to {path}: it is read-only. {fix}"
    return (
        f"Cannot open {path}: check that you may read and write there, "
        "or set COACH_HOME to another folder."
    )


def clause(exc: BaseException) -> str:
    """``exc``'s message to go inside a sentence: without its own closing full
    stop (``f"Could not save: {clause(exc)}. ..."`` once printed "try again..").
    """
    text = str(exc).strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text
