"""The scripts the partner view shows: loaded by path or id, cached by file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coach.call.snapshot import CallSnapshot
from coach.script.model import Script, ScriptError


def load_script(ref: str) -> Script:
    """Load a script by path or library id (raises ``ScriptError``)."""
    from coach.script.library import resolve

    return resolve(ref)


class ScriptCache:
    """Scripts loaded for rehearsals, by file (reloaded when the file changes).

    A script that fails to load is remembered too (with its message) until its
    file changes, so a broken file is not parsed again four times a second.
    """

    def __init__(self, load: Callable[[str], Script] = load_script) -> None:
        self._load = load
        self._entries: dict[tuple[str, int], Script | str] = {}

    def get(self, snapshot: CallSnapshot) -> Script | str:
        """The snapshot's script, or a message saying why it could not be loaded."""
        raw_path = snapshot.script_path
        script_id = snapshot.script
        ref: str | None = None
        stamp = 0
        if raw_path:
            try:
                stamp = Path(raw_path).stat().st_mtime_ns
                ref = raw_path
            except OSError:
                ref = None  # moved or deleted since: look it up by id instead
        if ref is None:
            if not script_id:
                return "This rehearsal does not say which script it uses."
            ref = script_id
        key = (ref, stamp)
        cached = self._entries.get(key)
        if cached is None:
            name = script_id or ref
            try:
                cached = self._load(ref)
            except ScriptError as exc:
                cached = f"The script '{name}' could not be loaded: {exc}"
            except OSError as exc:
                cached = f"The script '{name}' could not be read: {exc}"
            self._entries[key] = cached
        return cached
