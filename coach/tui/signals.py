"""Leaving the app: save and leave when the terminal closes (SIGHUP) or the process
is told to stop (SIGTERM, SIGINT); what must be saved or asked about before leaving.

Plain ``signal`` handlers, not the event loop's: Python runs them even while
the loop is stuck. When the terminal is gone, Textual's shutdown can block for
ever writing to it (its writer thread's queue fills up), and a handler that
waited for the loop would never run. So the handler starts a watchdog first,
then asks the loop to save and exit; if the exit has not finished within
``EXIT_GRACE`` seconds the watchdog ends the process. Everything typed is
written through (notes at most a second late), so ending it then loses
nothing the store does not have.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any, TypeGuard

if TYPE_CHECKING:
    from textual.screen import Screen

    from coach.tui.dialogs.confirm import ConfirmDialog
    from coach.tui.screens.editor import EditorScreen

#: Seconds a hang-up (SIGHUP, SIGTERM) gives the normal exit once all is saved.
EXIT_GRACE = 2.0


class HangUpHandler:
    """On SIGHUP, SIGTERM or SIGINT: run ``hang_up`` in the loop, and end the process if
    it hangs.

    SIGINT is taken from asyncio's own handler, which cancelled the app's task
    and left no turn to write the editor's unsaved text (ctrl+c in the app is
    a key, not this signal: it comes from ``kill -INT`` or a program outside).
    While the app has handed the terminal to another program (``$EDITOR``),
    ctrl+c there is a signal to both: it is that program's, so it is let be.

    Args:
        hang_up: saves what is open and exits the app (run in the event loop).
        grace: seconds the exit gets before the process is ended.
    """

    def __init__(self, hang_up: Callable[[], None], *, grace: float = EXIT_GRACE) -> None:
        self._hang_up = hang_up
        self._grace = grace
        self._watchdog: threading.Timer | None = None

    def install(self) -> None:
        """Handle the signals from now on (call it from the running event loop)."""
        loop = asyncio.get_running_loop()

        def on_signal(signum: int, frame: object) -> None:
            if signum == signal.SIGINT and keys_make_signals():
                return  # ctrl+c typed for the program the terminal was handed to
            self._start_watchdog()
            with suppress(RuntimeError):  # the loop is closed: the watchdog ends it
                loop.call_soon_threadsafe(self._hang_up)

        for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            with suppress(ValueError, OSError):  # not the main thread
                signal.signal(signum, on_signal)

    def _start_watchdog(self) -> None:
        """Leave at once if the exit has not finished in ``grace`` seconds."""
        if self._watchdog is None:
            self._watchdog = threading.Timer(self._grace, os._exit, args=(0,))
            self._watchdog.daemon = True
            self._watchdog.start()


def keys_make_signals() -> bool:
    """The terminal turns ctrl+c into SIGINT (ISIG is on): the app is not reading keys
    itself, another program has the terminal (Textual's raw mode turns ISIG off,
    unless ``TEXTUAL_ALLOW_SIGNALS`` asks for ctrl+c to be a signal)."""
    if os.environ.get("TEXTUAL_ALLOW_SIGNALS"):
        return False
    try:
        import termios
    except ImportError:  # not a Unix: no such signal from the keyboard
        return False
    try:
        return bool(termios.tcgetattr(sys.stdin.fileno())[3] & termios.ISIG)
    except (termios.error, OSError, ValueError, AttributeError):  # no terminal
        return False


# The screens' modules are looked up, not imported: a module never imported
# means no such screen was ever shown (and ``coach`` stays quick to start).
def save_running_calls(screens: Sequence[Screen[Any]]) -> None:
    """Write what the call screens among ``screens`` have not written yet."""
    call = sys.modules.get("coach.tui.screens.call")
    if call is None:  # never imported: no call was started
        return
    for screen in screens:
        if isinstance(screen, call.CallScreen):
            screen.save_now()


def keep_editor_text(screens: Sequence[Screen[Any]]) -> None:
    """Write the unsaved text of the editors among ``screens`` to their recovery files now."""
    for screen in screens:
        if is_editor(screen) and screen.is_mounted:
            screen.keep_now()


def drop_editor_text(screens: Sequence[Screen[Any]]) -> None:
    """Forget the editors' recovery files: the user quit, saying the changes may be lost."""
    for screen in screens:
        if is_editor(screen) and screen.is_mounted:
            screen.forget_kept()


def is_editor(screen: Screen[Any]) -> TypeGuard[EditorScreen]:
    """``screen`` is the script editor (without importing it when it was never opened)."""
    editor = sys.modules.get("coach.tui.screens.editor")
    return editor is not None and isinstance(screen, editor.EditorScreen)


def unsaved_editors(screens: Sequence[Screen[Any]]) -> list[EditorScreen]:
    """The editor screens among ``screens`` whose text is not saved."""
    editor = sys.modules.get("coach.tui.screens.editor")
    if editor is None:  # never imported: no editor was opened
        return []
    return [
        screen
        for screen in screens
        if isinstance(screen, editor.EditorScreen) and screen.is_mounted and screen.modified
    ]


def typed_forms(screens: Sequence[Screen[Any]]) -> list[str]:
    """The forms among ``screens`` (call details, job) holding typed values not yet used."""
    found: list[str] = []
    for module, name in (
        ("coach.tui.screens.details", "the call details"),
        ("coach.tui.screens.job_form", "the job form"),
    ):
        forms = sys.modules.get(module)
        if forms is None:  # never imported: that form was never opened
            continue
        kind = forms.DetailsScreen if name == "the call details" else forms.JobFormScreen
        if any(isinstance(s, kind) and s.is_mounted and s.typed() for s in screens):
            found.append(name)
    return found


def quit_question(screens: Sequence[Screen[Any]]) -> ConfirmDialog | None:
    """Asked before quitting when something typed would be lost; None: nothing would."""
    from coach.tui.dialogs.confirm import ConfirmDialog

    editors = ", ".join(dict.fromkeys(screen.path.name for screen in unsaved_editors(screens)))
    forms = " and ".join(typed_forms(screens))
    if not editors and not forms:
        return None
    lost = [f"Your changes to {editors} are not saved and will be lost."] if editors else []
    if forms:
        lost.append(f"What you typed in {forms} is not used yet and will be lost.")
    return ConfirmDialog("Quit without saving?", " ".join(lost), yes="Quit", no="Keep editing")
