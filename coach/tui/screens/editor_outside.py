"""The editor's ties to the world outside it: the file on disk and ``$EDITOR``.

:class:`OutsideEdits` is a part of :class:`~coach.tui.screens.editor.EditorScreen`:
it looks at the file once a second (deleted, changed by another program:
reloaded when the text here is unchanged, else the text here is kept and the
user told) and hands the text to another editor (``f4``) through
:func:`coach.script.external.edit_externally`.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported
from textual.screen import Screen

from coach.script.editing import Opened, read_for_editing
from coach.script.external import EditorUnusable, edit_externally, external_editor
from coach.script.watch import FileWatcher

if TYPE_CHECKING:
    from coach.tui.widgets.source import SourceArea


def _for_the_editor(signum: int, frame: object) -> None:
    """ctrl+c while the other editor runs: the editor gets it, the app does nothing."""


@contextmanager
def _ctrl_c_for_the_editor() -> Iterator[None]:
    """While the other editor runs, ctrl+c is for it, not for the app.

    The terminal is in its normal mode then, so ctrl+c sends SIGINT to the
    app too, and asyncio's handler cancels the app's main task: the app
    closed, unsaved text and all. A handler that does nothing (not
    ``SIG_IGN``, which the editor would inherit) keeps the app; the editor
    gets the default again when it starts.
    """
    try:
        previous = signal.signal(signal.SIGINT, _for_the_editor)
    except ValueError:  # not the main thread: signals are not ours to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


class OutsideEdits(Screen[Path | None]):
    """The file on disk and the external editor (a base of the editor screen)."""

    path: Path
    saved_text: str
    on_disk: bool
    _opened: Opened
    _watcher: FileWatcher
    _warned_disk_change: bool

    if TYPE_CHECKING:

        @property
        def source(self) -> SourceArea: ...
        def _set_notice(self, text: str) -> None: ...
        def _update_title(self) -> None: ...

    # --------------------------------------------------------- file on disk
    def _poll_disk(self) -> None:
        changes = self._watcher.poll()
        if not changes:
            return
        if self.path in changes.removed:
            self.on_disk = False
            self._set_notice(f"{self.path.name} was deleted on disk; ctrl+s creates it again.")
            self.notify(
                f"{self.path.name} was deleted on disk. Your text is still here; "
                "ctrl+s saves it again.",
                severity="warning",
            )
            self._update_title()
            return
        opened = read_for_editing(self.path)
        if opened.error or opened.text == self.source.text:
            if not opened.error:
                self.saved_text = opened.text
                self.on_disk = True
                self._set_notice("")
                self._update_title()
            return
        if self.source.text == self.saved_text and self.on_disk:
            self._opened = opened
            self.saved_text = opened.text
            self.source.load_text(opened.text)
            self.notify(f"{self.path.name} changed on disk; reloaded.")
        else:
            self.saved_text = opened.text
            self.on_disk = True
            self.notify(
                f"{self.path.name} changed on disk. Your unsaved text is kept; "
                "ctrl+s saves it over the new version (which is backed up).",
                severity="warning",
                timeout=10,
            )
        self._set_notice("")
        self._update_title()

    # -------------------------------------------------------- external editor
    def action_external(self) -> None:
        try:
            command = external_editor()
        except EditorUnusable as exc:  # found out before the terminal is handed over
            self.notify(
                str(exc), title="External editor", severity="error", timeout=15, markup=False
            )
            return
        if not command:
            self.notify(
                "Set $EDITOR to your editor (for example: export EDITOR=nano).",
                title="No external editor",
                severity="warning",
            )
            return
        try:
            outcome = edit_externally(self.source.text, command, self.path, self._run_suspended)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to another editor.", severity="error")
            return
        if outcome.text is not None and outcome.text != self.source.text:
            self.replace_text(outcome.text)
        timeout = 5 if outcome.severity == "information" else 15
        self.notify(
            outcome.message,
            title="External editor",
            severity=outcome.severity,
            timeout=timeout,
            markup=False,
        )

    def _run_suspended(self, argv: list[str]) -> int:
        """Run ``argv`` in the terminal with the app suspended; its exit code.

        Textual's ``App.suspend()`` resumes the app only when the ``with``
        block ends normally: an exception skips that and leaves the app deaf
        in a terminal that echoes keys. So nothing may leave the block by
        raising; what ``subprocess.run`` raises is raised again once the app
        is back. ctrl+c is the editor's from before the hand-over to after
        the app is back, so none typed in between can close the app.
        """
        failure: BaseException | None = None
        code = 0
        try:
            with _ctrl_c_for_the_editor(), self.app.suspend():
                try:
                    code = subprocess.run(argv, check=False).returncode
                except BaseException as exc:
                    failure = exc
        finally:
            self.app.refresh(layout=True)
        if failure is not None:
            raise failure
        return code

    def replace_text(self, text: str) -> None:
        """Replace the whole text as one edit (ctrl+z undoes it)."""
        area = self.source
        cursor = area.cursor_location
        area.replace(text, (0, 0), area.document.end)
        row = min(cursor[0], area.document.line_count - 1)
        area.move_cursor((row, min(cursor[1], len(area.document.get_line(row)))))
