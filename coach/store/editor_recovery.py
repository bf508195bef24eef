"""Unsaved editor text, kept on disk until it is saved or thrown away (like vim's swap files).

A kill, a closed terminal or a signal used to lose whatever the script editor
had not saved. While its text differs from what was saved, the editor writes
it through here (at most half a second late, in a thread) and the next time
that script is opened the text is offered back.

One JSON file per editor session: ``<stem>-<key>-<session>.json`` in the
recovery folder, where ``key`` comes from the script's resolved path and
``session`` is random, so an older file the user chose to keep for later is
never written over by a later session (nor by a later process with the same
pid). Each file holds the path, the text, a hash of the text the editor knew
as saved (to tell whether the file changed on disk since), when it was
written and which process wrote it (a living process is another editor, not
a crash).

Writes are atomic and fsynced (:func:`coach.locations.write_atomic`). A file
that cannot be read, is not JSON, or is someone else's gives ``None``, never
a traceback; it is left alone. No Textual here: :class:`RecoveryWriter` is the
thread-safe write-through that the editor screen drives.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from coach import locations
from coach.call.dates import spoken_date
from coach.store.liveness import process_alive, process_marker

#: What the ``kind`` field of every recovery file says (anything else is not ours).
KIND = "call-coach-editor-recovery"
#: The version of the file's layout this module writes and reads.
VERSION = 1
#: Characters of the path's hash in a file's name (64 bits: no two scripts share one).
KEY_LENGTH = 16


def text_hash(text: str) -> str:
    """The SHA-256 of ``text`` (UTF-8; unpaired surrogates kept as they are)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def resolved(script: Path) -> Path:
    """``script``'s absolute path with links resolved (a path that cannot be resolved as given)."""
    try:
        return Path(script).expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return Path(os.path.abspath(Path(script).expanduser()))


def file_prefix(script: Path) -> str:
    """The start of every recovery file name of ``script``: its stem, then its path's hash."""
    path = resolved(script)
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in path.stem)[:40]
    key = hashlib.sha256(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:KEY_LENGTH]
    return f"{stem or 'script'}-{key}"


@dataclass(frozen=True)
class Recovery:
    """Unsaved text of one script, as one editor session last wrote it."""

    #: The script's resolved path.
    path: str
    #: The editor's text.
    text: str
    #: :func:`text_hash` of the text the editor knew as saved (None: no file was there).
    saved_hash: str | None
    #: When it was written (aware, UTC).
    written_at: datetime
    #: The process that wrote it, and what tells that process from a later one.
    pid: int
    marker: str | None = None

    def alive(self) -> bool:
        """The process that wrote it still runs (another editor has the script open)."""
        return self.pid != os.getpid() and process_alive(self.pid, self.marker)


def encode(recovery: Recovery) -> str:
    """The JSON text of a recovery file."""
    data = {
        "kind": KIND,
        "version": VERSION,
        "path": recovery.path,
        "text": recovery.text,
        "saved_hash": recovery.saved_hash,
        "written_at": recovery.written_at.astimezone(UTC).isoformat(),
        "pid": recovery.pid,
        "marker": recovery.marker,
    }
    raw = json.dumps(data, ensure_ascii=False)
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:  # an unpaired surrogate: \u escapes keep it
        raw = json.dumps(data, ensure_ascii=True)
    return raw


def decode(raw: str | bytes) -> Recovery | None:
    """The recovery in ``raw``; None for anything that is not one of ours, whole."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("kind") != KIND or data.get("version") != VERSION:
        return None
    path, text, saved = data.get("path"), data.get("text"), data.get("saved_hash")
    pid, marker, when = data.get("pid"), data.get("marker"), data.get("written_at")
    if not (isinstance(path, str) and path and isinstance(text, str) and isinstance(when, str)):
        return None
    if saved is not None and not isinstance(saved, str):
        return None
    if isinstance(pid, bool) or not isinstance(pid, int):
        return None
    if marker is not None and not isinstance(marker, str):
        return None
    try:
        written_at = datetime.fromisoformat(when)
    except ValueError:
        return None
    if written_at.tzinfo is None:
        return None
    return Recovery(path, text, saved, written_at, pid, marker)


def when_made(written_at: datetime, now: datetime) -> str:
    """When the text was kept, in the local time of ``now``: ``today at 14:05``,
    ``yesterday at 09:30``, ``on Tuesday 1 December at 14:05`` (with the year
    when it is not this one)."""
    local = written_at.astimezone(now.tzinfo)
    at = f"at {local:%H:%M}"
    days = (now.date() - local.date()).days
    if days == 0:
        return f"today {at}"
    if days == 1:
        return f"yesterday {at}"
    return f"on {spoken_date(local.date(), now.date())} {at}"


def first_difference(saved: str, text: str) -> tuple[int, str] | None:
    """The first line (1-based) where ``text`` differs from ``saved``, and that line
    of ``text`` (empty where ``text`` is the shorter); None when they are equal."""
    if saved == text:
        return None
    old, new = saved.split("\n"), text.split("\n")
    for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a != b:
            return number, b
    shorter = min(len(old), len(new))
    return shorter + 1, new[shorter] if len(new) > shorter else ""


@dataclass(frozen=True)
class Found:
    """A recovery file on disk and what it holds."""

    file: Path
    recovery: Recovery


class RecoveryFiles:
    """The recovery files in ``folder`` (created when the first one is written)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def new_file(self, script: Path) -> Path:
        """The file of a new editor session on ``script`` (not written yet)."""
        return self.folder / f"{file_prefix(script)}-{secrets.token_hex(4)}.json"

    def found(self, script: Path) -> list[Found]:
        """Every readable recovery of ``script`` (its resolved path), newest first."""
        path = str(resolved(script))
        try:
            files = sorted(self.folder.glob(f"{file_prefix(script)}-*.json"))
        except OSError:
            return []
        found: list[Found] = []
        for file in files:
            recovery = self.read(file)
            if recovery is not None and recovery.path == path:
                found.append(Found(file, recovery))
        found.sort(key=lambda item: item.recovery.written_at, reverse=True)
        return found

    @staticmethod
    def read(file: Path) -> Recovery | None:
        """What ``file`` holds; None if it cannot be read or is not a recovery file."""
        try:
            if not file.is_file():  # a FIFO or a folder with that name: never opened
                return None
            return decode(file.read_bytes())
        except OSError:
            return None

    @staticmethod
    def write(file: Path, recovery: Recovery) -> OSError | None:
        """Write ``recovery`` to ``file`` atomically; the error if it could not be."""
        try:
            locations.write_atomic(file, encode(recovery))
        except OSError as exc:
            return exc
        return None

    @staticmethod
    def drop(file: Path) -> None:
        """Forget ``file`` (saved, thrown away, or restored into a newer one)."""
        with suppress(OSError):
            file.unlink(missing_ok=True)


class RecoveryWriter:
    """The write-through of one editor session: the latest unsaved text, in its own file.

    The editor calls :meth:`want` with the text as it changes (cheap: it only
    keeps a reference) and runs :meth:`flush` in a thread; :meth:`forget` on
    saving or throwing the text away. A flush that was already under way
    when :meth:`forget` ran writes nothing afterwards: the file never comes
    back once forgotten (until newer text is wanted).
    """

    def __init__(
        self,
        files: RecoveryFiles,
        script: Path,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.files = files
        self.path = str(resolved(script))
        self.file = files.new_file(script)
        self._now = now
        self._lock = threading.Lock()  # guards _pending
        self._io = threading.Lock()  # one write or drop at a time, in order
        self._pending: tuple[str, str | None] | None = None
        #: The text the file holds now (None: there is no file).
        self.written: str | None = None
        self._marker = process_marker(os.getpid())

    @property
    def pending(self) -> bool:
        """Text was wanted that no flush has taken yet."""
        with self._lock:
            return self._pending is not None

    def want(self, text: str, saved_hash: str | None) -> bool:
        """Keep ``text`` (unsaved; the saved text hashed to ``saved_hash``) on the next flush.
        False when the file holds it already (nothing to flush)."""
        with self._lock:
            if self._pending is None and text == self.written:
                return False
            self._pending = (text, saved_hash)
            return True

    def flush(self) -> OSError | None:
        """Write what was wanted last, if anything (any thread); the error if it failed."""
        with self._io:
            with self._lock:
                pending, self._pending = self._pending, None
            if pending is None or pending[0] == self.written:
                return None
            text, saved_hash = pending
            recovery = Recovery(self.path, text, saved_hash, self._now(), os.getpid(), self._marker)
            error = self.files.write(self.file, recovery)
            if error is None:
                self.written = text
            return error

    def forget(self) -> None:
        """Delete the file now and drop anything wanted (the text was saved or thrown away)."""
        with self._io:
            with self._lock:
                self._pending = None
            if self.written is not None:
                self.files.drop(self.file)
                self.written = None
