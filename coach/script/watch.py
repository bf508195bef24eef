"""Noticing script files that change on disk, and reloading one during a call.

:class:`FileWatcher` only calls ``stat``: the TUI polls it twice a second
(``set_interval(0.5, ...)``) and it costs microseconds per file. A file is
"modified" when its size, modification time or inode changes (an atomic save
by an editor replaces the inode even when size and time look the same).

:func:`reload_for_call` decides what a running call does with a changed
file: take the new version, or keep the last good one and say why.

Pure Python: no Textual here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal, NamedTuple

from coach.script.model import Finding, Script, ScriptError

#: Which files of a watched folder count as scripts.
SCRIPT_SUFFIXES = (".yaml", ".yml")


class Stamp(NamedTuple):
    """What ``stat`` says about a file, enough to notice a change."""

    mtime_ns: int
    size: int
    inode: int


def stamp(path: Path) -> Stamp | None:
    """The file's stamp, or None when it does not exist (or is not a file)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not _is_regular(st.st_mode):
        return None
    return Stamp(st.st_mtime_ns, st.st_size, st.st_ino)


def _is_regular(mode: int) -> bool:
    import stat as stat_module

    return stat_module.S_ISREG(mode)


class Changes(NamedTuple):
    """What changed since the previous poll (each sorted).

    (NamedTuples here, as ``Stamp``, not dataclasses: home, the editor and a
    call import this module as they start, and building its dataclasses from
    source was 1.5 ms of it.)
    """

    modified: tuple[Path, ...] = ()
    added: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.modified or self.added or self.removed)

    def touches(self, path: Path) -> bool:
        """True when ``path`` was modified, added or removed."""
        return path in self.modified or path in self.added or path in self.removed


def _folder_scripts(folder: Path) -> set[Path]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return set()
    return {
        folder / entry.name
        for entry in entries
        if entry.name.endswith(SCRIPT_SUFFIXES) and not entry.name.startswith(".")
    }


class FileWatcher:
    """Tracks single files and the script files (``*.yaml``, ``*.yml``) of folders.

    A watched file that does not exist yet is reported as added when it
    appears; a watched folder that does not exist counts as empty.
    """

    __slots__ = ("_folders", "_paths", "_seen")

    def __init__(
        self,
        _paths: set[Path] | None = None,
        _folders: set[Path] | None = None,
        _seen: dict[Path, Stamp | None] | None = None,
    ) -> None:
        self._paths: set[Path] = set() if _paths is None else _paths
        self._folders: set[Path] = set() if _folders is None else _folders
        self._seen: dict[Path, Stamp | None] = {} if _seen is None else _seen

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, FileWatcher)
        return (self._paths, self._folders, self._seen) == (
            other._paths,
            other._folders,
            other._seen,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"FileWatcher(_paths={self._paths!r}, _folders={self._folders!r}, _seen={self._seen!r})"
        )

    @classmethod
    def of(cls, paths: Iterable[Path] = (), folders: Iterable[Path] = ()) -> FileWatcher:
        """A watcher of these files and folders, with their current state as the baseline."""
        watcher = cls()
        for path in paths:
            watcher.add_path(path)
        for folder in folders:
            watcher.add_folder(folder)
        return watcher

    def add_path(self, path: Path) -> None:
        """Watch one file (its current state is the baseline)."""
        path = Path(path)
        self._paths.add(path)
        self._seen[path] = stamp(path)

    def remove_path(self, path: Path) -> None:
        """Stop watching a file added with :meth:`add_path`."""
        path = Path(path)
        self._paths.discard(path)
        if not any(path.parent == folder for folder in self._folders):
            self._seen.pop(path, None)

    def add_folder(self, folder: Path) -> None:
        """Watch the script files of a folder (their current state is the baseline)."""
        folder = Path(folder)
        self._folders.add(folder)
        for path in _folder_scripts(folder):
            self._seen[path] = stamp(path)

    @property
    def paths(self) -> frozenset[Path]:
        """Every file currently known (watched files and the folders' scripts)."""
        return frozenset(p for p, s in self._seen.items() if s is not None or p in self._paths)

    def sync(self, path: Path | None = None) -> None:
        """Take the current state as seen without reporting it.

        The editor calls this after its own save, so that the save does not
        come back as a change made by someone else.
        """
        if path is None:
            self.poll()
            return
        path = Path(path)
        if path in self._seen or path in self._paths:
            self._seen[path] = stamp(path)

    def _current(self) -> set[Path]:
        current = set(self._paths)
        for folder in self._folders:
            current |= _folder_scripts(folder)
        return current

    def poll(self) -> Changes:
        """Stat every file; report what changed since the last poll."""
        modified: list[Path] = []
        added: list[Path] = []
        removed: list[Path] = []
        current = self._current()
        for path in current:
            new = stamp(path)
            known = path in self._seen
            old = self._seen.get(path)
            if new is None:
                if old is not None:
                    removed.append(path)
            elif not known or old is None:
                added.append(path)
            elif new != old:
                modified.append(path)
            self._seen[path] = new
        for path in set(self._seen) - current:
            if self._seen.pop(path) is not None:
                removed.append(path)
        return Changes(tuple(sorted(modified)), tuple(sorted(added)), tuple(sorted(removed)))


# ----------------------------------------------------------------- call reload
class ReloadResult(NamedTuple):
    """What a call does with a changed script file."""

    #: The script the call goes on with: the new one, or the old one kept.
    script: Script
    #: True when ``script`` is the new version.
    reloaded: bool
    #: One line for a notification.
    message: str
    #: ``information`` when reloaded, ``warning`` when the old version was kept.
    severity: Literal["information", "warning"]
    #: The first error of the new file, when it did not load.
    error: Finding | None = None


def _first_error(exc: ScriptError) -> Finding | None:
    return next((f for f in exc.findings if f.severity == "error"), None)


def reload_for_call(
    old_script: Script,
    path: Path,
    current_node: str,
    *,
    needed: Iterable[str] = (),
) -> ReloadResult:
    """Load ``path`` again for a call standing at ``current_node``.

    The call takes the new version only when it loads without errors and still
    has ``current_node`` and every node id in ``needed`` (the steps ``back``
    and side-flow returns can lead to: the sources of the call's history
    moves and its return stack). Otherwise it keeps ``old_script`` and the
    message says why, with the file's first error.
    """
    from coach.script.load import load_path

    name = path.name
    try:
        new = load_path(path, source=old_script.source)
    except ScriptError as exc:
        first = _first_error(exc)
        if first is None:
            reason = str(exc)
        else:
            reason = f"{Path(first.file).name}:{first.line}:{first.column}: {first.message}"
        return ReloadResult(
            old_script,
            False,
            f"{name} has errors; going on with the last good version. {reason}",
            "warning",
            first,
        )
    if current_node not in new.nodes:
        return ReloadResult(
            old_script,
            False,
            f"{name} no longer has the step '{current_node}' you are on; "
            "going on with the last good version",
            "warning",
        )
    missing = [node for node in dict.fromkeys(needed) if node not in new.nodes]
    if missing:
        listed = ", ".join(f"'{node}'" for node in missing)
        return ReloadResult(
            old_script,
            False,
            f"{name} no longer has the step{'s' * (len(missing) > 1)} {listed} this call "
            "can go back to; going on with the last good version",
            "warning",
        )
    return ReloadResult(new, True, f"Reloaded {name}", "information")
