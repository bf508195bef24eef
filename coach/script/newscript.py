"""Creating, copying and saving the user's script files.

Every write is atomic: the text goes to a temporary file in the same folder,
is flushed to disk, then replaces the target with ``os.replace``. A reader
(the app's hot reload, another editor) sees the old file or the new one,
never half of one.

Backups: before :func:`save_text` replaces a file, the previous version is
copied to ``.backups/<stem>.<YYYYmmdd-HHMMSS-ffffff><suffix>`` in the file's
folder (a hidden folder, so the script library never lists it). The newest
:data:`KEEP_BACKUPS` backups of each file are kept; older ones are removed.

Pure Python: no Textual here.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coach import locations
from coach.locations import fsync_dir, write_atomic, write_temp

#: File stems a new script may have (the stem is the script's id).
SCRIPT_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]*")

#: The first line that points editors (VS Code, Zed, Neovim) at the schema.
SCHEMA_LINE_PREFIX = "# yaml-language-server:"

#: Folder (next to the script) that holds the previous versions of a file.
BACKUP_DIR = ".backups"

#: How many backups of one file are kept.
KEEP_BACKUPS = 10

STARTER = Path(__file__).with_name("starter.yaml")


class NewScriptError(Exception):
    """A script file could not be created; the message says why and what to do.

    ``exit_code`` is what ``coach new`` exits with: 1 when the file exists or
    cannot be written, 2 for a bad id or a ``--from`` script that is not there.
    """

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _create_atomic(path: Path, text: str) -> None:
    """Write a new file atomically; ``FileExistsError`` if ``path`` exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = write_temp(path.parent, path.name, text.encode("utf-8"), 0o644)
    try:
        try:
            # link() never replaces an existing file: no race with another writer.
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            # Filesystems without hard links: check, then rename.
            if path.exists():
                raise FileExistsError(errno.EEXIST, "file exists", str(path)) from None
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    fsync_dir(path.parent)


# ----------------------------------------------------------------------- schema
def ensure_schema_file() -> Path:
    """Write the JSON Schema to the config folder when missing or out of date."""
    from coach.script.schema import json_schema

    path = locations.schema_path()
    text = json.dumps(json_schema(), indent=2) + "\n"
    try:
        current = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        current = None
    if current != text:
        write_atomic(path, text)
    return path


def schema_line(schema: Path | None = None) -> str:
    """The ``# yaml-language-server: $schema=file:///...`` line (no newline)."""
    target = (schema or locations.schema_path()).expanduser().resolve()
    return f"{SCHEMA_LINE_PREFIX} $schema={target.as_uri()}"


def with_schema_line(text: str, schema: Path | None = None) -> str:
    """``text`` whose first line is the schema line (replaced if one is there)."""
    line = schema_line(schema)
    first, sep, rest = text.partition("\n")
    if first.startswith(SCHEMA_LINE_PREFIX):
        return f"{line}\n{rest}" if sep else f"{line}\n"
    return f"{line}\n{text}"


# ------------------------------------------------------------------ new scripts
def check_script_id(script_id: str) -> None:
    """Raise ``NewScriptError`` unless ``script_id`` can be a script file's stem."""
    if not SCRIPT_ID_RE.fullmatch(script_id):
        raise NewScriptError(
            f"'{script_id}' is not a valid script id: use lowercase letters, digits, "
            "'-' and '_', starting with a letter or digit (for example 'acme-follow-up')",
            exit_code=2,
        )


def _existing_user_file(script_id: str) -> Path | None:
    folder = locations.user_scripts_dir()
    for suffix in (".yaml", ".yml"):
        candidate = folder / f"{script_id}{suffix}"
        if candidate.exists():
            return candidate
    return None


def starter_text() -> str:
    """The commented starter script that ``coach new`` writes."""
    return STARTER.read_text(encoding="utf-8")


def new_script(script_id: str, from_ref: str | None = None) -> Path:
    """Create ``<user scripts>/<script_id>.yaml`` from the starter or a copy of ``from_ref``.

    ``from_ref`` is a script id or a path, as on the command line. The new file
    starts with the schema line, and the schema file is written if needed.
    Never overwrites: an existing file raises ``NewScriptError`` naming it.
    """
    check_script_id(script_id)
    existing = _existing_user_file(script_id)
    if existing is not None:
        raise NewScriptError(
            f"{existing} already exists; open it with 'coach edit {script_id}' or choose another id"
        )
    if from_ref is None:
        text = starter_text()
    else:
        from coach.script.library import find_path
        from coach.script.model import ScriptError

        try:
            source_path, _source = find_path(from_ref)
        except ScriptError as exc:
            raise NewScriptError(exc.findings[0].message, exit_code=2) from None
        text = _read_source(source_path)
    schema = ensure_schema_file()
    path = locations.user_scripts_dir() / f"{script_id}.yaml"
    try:
        _create_atomic(path, with_schema_line(text, schema))
    except FileExistsError:
        raise NewScriptError(
            f"{path} already exists; open it with 'coach edit {script_id}' or choose another id"
        ) from None
    except OSError as exc:
        raise NewScriptError(describe_os_error(exc, path)) from None
    return path


def _read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NewScriptError(f"{path} is not UTF-8 text; cannot copy it", exit_code=2) from None
    except OSError as exc:
        raise NewScriptError(describe_os_error(exc, path, reading=True), exit_code=2) from None


def user_copy_path(path: Path) -> Path:
    """Where the user's copy of the (bundled) script ``path`` is, or goes (same file name)."""
    return _existing_user_file(path.stem) or locations.user_scripts_dir() / path.name


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == locations.bundled_scripts_dir().resolve()
    except OSError:
        return False


@dataclass(frozen=True)
class EditTarget:
    """What ``coach edit REF`` opens: the file, a sentence to say, the text to start with."""

    #: The file the editor edits and saves.
    path: Path
    #: A sentence to show when the editor opens (None: nothing to say).
    notice: str | None = None
    #: The text to start with while ``path`` does not exist yet: a bundled
    #: script's text, written to ``path`` only when the user saves.
    initial_text: str | None = None


def prepare_edit(ref: str) -> EditTarget:
    """The file to edit for ``ref`` (an id or a path).

    Bundled files are read-only, so a bundled script is edited as a copy in
    the user's folder; the copy is written on the first save, not now, so
    opening and leaving without saving leaves no file that would shadow the
    bundled script. If the user already has a script with that id, that one
    is opened. Raises ``ScriptError`` (no such script) or ``NewScriptError``.
    """
    from coach.script.library import find_path

    path, source = find_path(ref)
    if source != "bundled" and not _is_bundled(path):
        return EditTarget(path)
    target = user_copy_path(path)
    if target.exists():
        return EditTarget(target, f"Editing your own copy of the bundled script: {target}")
    text = _read_source(path)
    try:
        schema = ensure_schema_file()  # the schema, not the script: editors' help
    except OSError:
        schema = locations.schema_path()  # not writable now; saving will say so
    return EditTarget(
        target,
        f"Editing a copy of the bundled script; it is saved to {target} on first save",
        with_schema_line(text, schema),
    )


# ------------------------------------------------------------------------ saving
def _backup_name(path: Path, now: datetime) -> str:
    return f"{path.stem}.{now:%Y%m%d-%H%M%S-%f}{path.suffix}"


def backups_of(path: Path) -> list[Path]:
    """Backups of ``path``, oldest first."""
    folder = path.parent / BACKUP_DIR
    pattern = re.compile(
        re.escape(path.stem) + r"\.\d{8}-\d{6}-\d{6}" + re.escape(path.suffix) + r"\Z"
    )
    try:
        return sorted(p for p in folder.iterdir() if pattern.match(p.name))
    except OSError:
        return []


def _make_backup(path: Path, now: datetime) -> Path | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    folder = path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    backup = folder / _backup_name(path, now)
    tmp = write_temp(folder, backup.name, data, None)
    try:
        os.replace(tmp, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    for old in backups_of(path)[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()
    return backup


def save_text(path: Path, text: str, *, now: datetime | None = None) -> Path | None:
    """Save ``text`` to ``path`` atomically, backing up the previous version.

    A symlink is followed (its target is written). A missing file (deleted
    while it was open) or folder is created again. Returns the backup's path,
    or None when there was no previous file. Raises ``OSError`` when the file
    cannot be written (:func:`describe_os_error` turns it into a message); the
    file on disk is then unchanged.
    """
    target = path.expanduser()
    if target.is_symlink():
        target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = _make_backup(target, now or datetime.now())
    write_atomic(target, text)
    return backup


def describe_os_error(exc: OSError, path: Path, *, reading: bool = False) -> str:
    """A sentence for an ``OSError`` met while reading or writing ``path``."""
    folder = path.parent
    if isinstance(exc, PermissionError):
        if reading:
            return f"cannot read {path}: permission denied"
        return (
            f"cannot write {path}: the folder {folder} is not writable; "
            "save elsewhere or fix its permissions"
        )
    if isinstance(exc, FileNotFoundError):
        return f"{path}: no such file or folder"
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder, not a file"
    if exc.errno == errno.ENOSPC:
        return f"cannot write {path}: the disk is full"
    if exc.errno == errno.EROFS:
        return f"cannot write {path}: the file system is read-only"
    reason = exc.strerror or str(exc)
    verb = "read" if reading else "write"
    return f"cannot {verb} {path}: {reason}"
