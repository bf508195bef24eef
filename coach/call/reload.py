"""Hot reload during a call: notice that the script file changed and take it in.

:class:`CallReloader` watches the file a call's script came from. The call
screen polls it on its clock tick; when the file changed, the session goes on
with the new version at the same step (by node id), or keeps the last good
version when the step is gone or the file has errors, and the result says why.

Pure Python: no Textual here.
"""

from __future__ import annotations

from pathlib import Path

from coach.call.session import CallSession, SessionError
from coach.script.watch import FileWatcher, ReloadResult, reload_for_call


class CallReloader:
    """Watches one call's script file (a script without a file is never reloaded)."""

    def __init__(self, session: CallSession) -> None:
        path = session.script.path
        #: The file watched, or None when the script did not come from a file.
        self.path: Path | None = Path(path) if path is not None else None
        self._watcher = FileWatcher.of([self.path]) if self.path is not None else None

    def check(self, session: CallSession) -> ReloadResult | None:
        """Look at the file (one ``stat``); None when it did not change.

        When it changed, the session takes the new version if it can, and
        the result's ``message`` says what happened.
        """
        if self._watcher is None or self.path is None:
            return None
        changes = self._watcher.poll()
        if not changes.touches(self.path):
            return None
        name = self.path.name
        if self.path in changes.removed:
            return ReloadResult(
                session.script,
                False,
                f"{name} was deleted; going on with the version loaded when the call started",
                "warning",
            )
        needed = [m.src for m in session.history] + list(session.return_stack)
        result = reload_for_call(session.script, self.path, session.current, needed=needed)
        if not result.reloaded:
            return result
        try:
            session.replace_script(result.script)
        except SessionError as exc:
            return ReloadResult(
                session.script,
                False,
                f"{name} could not be taken in ({exc}); going on with the last good version",
                "warning",
            )
        return result
