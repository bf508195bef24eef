"""Finding scripts: bundled ones, the user's own folder, and explicit paths.

A user script whose id (file stem) equals a bundled one shadows it.
"""

from __future__ import annotations

import os
from pathlib import Path

from coach import locations
from coach.script.entry import ScriptEntry
from coach.script.model import Finding, Script, ScriptError, Source

__all__ = ["SUFFIXES", "ScriptEntry", "discover", "find_path", "resolve", "script_files"]

SUFFIXES = (".yaml", ".yml")


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(
            p for p in folder.iterdir() if p.suffix in SUFFIXES and not p.name.startswith(".")
        )
    except OSError:
        return []


def _load(path: Path, source: Source, data: bytes | None = None) -> ScriptEntry:
    """Load one file (``data``: its bytes, already read) into an entry."""
    from coach.script.load import load_path, load_text

    try:
        if data is None:
            script = load_path(path, source=source)
        else:
            script = load_text(data, str(path), path=path, source=source)
    except ScriptError as exc:
        return ScriptEntry(path.stem, source, path, None, list(exc.findings))
    return ScriptEntry(script.id, source, path, script, list(script.warnings))


def script_files() -> list[tuple[str, Source, Path]]:
    """(id, source, path) of every script, user ones shadowing bundled ones."""
    found: dict[str, tuple[str, Source, Path]] = {}
    for path in _files(locations.bundled_scripts_dir()):
        found[path.stem] = (path.stem, "bundled", path)
    for path in _files(locations.user_scripts_dir()):
        found[path.stem] = (path.stem, "user", path)
    return sorted(found.values(), key=lambda item: (item[1] != "user", item[0]))


def discover(*, cache: bool = True) -> list[ScriptEntry]:
    """Every script (user scripts first), each loaded or with its findings.

    A file whose content was loaded before comes from the script cache
    (:mod:`coach.script.cache`) unless ``cache`` is False.
    """
    files = script_files()
    if not cache:
        return [_load(path, source) for _id, source, path in files]
    from coach.script.cache import load_entries

    return load_entries([(source, path) for _id, source, path in files], _load)


def find_path(ref: str) -> tuple[Path, Source]:
    """Turn a command-line SCRIPT (a path or an id) into a file.

    Raises ``ScriptError`` (unreadable) naming what was looked for.
    """
    candidate = Path(ref).expanduser()
    looks_like_path = "/" in ref or "\\" in ref or candidate.suffix in SUFFIXES
    from coach.script.files import is_regular

    if is_regular(candidate):
        return candidate, "path"
    if looks_like_path and os.path.lexists(candidate):
        # A folder, a pipe, a device, a link that loops: the reader says which.
        return candidate, "path"
    if not looks_like_path:
        for script_id, source, path in script_files():
            if script_id == ref:
                return path, source
    known = ", ".join(sid for sid, _s, _p in script_files()) or "none"
    if looks_like_path:
        message = f"no such file: {ref}"
    else:
        message = (
            f"no script with id '{ref}' (known: {known}); give an id or a path to a .yaml file"
        )
    raise ScriptError([Finding(ref, 1, 1, "error", message)], unreadable=True)


def resolve(ref: str) -> Script:
    """Load the script a command line names (path or id); raises ``ScriptError``.

    An unchanged file comes from the script cache (:func:`coach.script.cache.load_one`).
    """
    from coach.script.cache import load_one

    path, source = find_path(ref)
    entry = load_one(path, source, _load)
    if entry is None:  # it cannot be read: the loader says why
        from coach.script.load import load_path

        return load_path(path, source=source)
    if entry.script is None:
        raise ScriptError(list(entry.findings))
    return entry.script
