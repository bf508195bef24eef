"""Another program edits the editor's text (``f4``): which one, and what comes back.

:func:`external_editor` reads ``$VISUAL``/``$EDITOR`` and finds the program
before the app hands the terminal over, so a missing program or a value that
is not a command (``vim "``) is a sentence, not a suspended app.
:func:`edit_externally` writes the text to a temp file, runs the program and
reads the file back. The rule: the text is replaced only by an editor that
exited 0 and left a readable file that is not empty (unless the text was
blank too). A non-zero exit is how editors cancel (vim's ``:cq``), so what
such an editor wrote is never taken; a deleted or emptied file is taken for
a mistake, not an edit. Each of these keeps the text and says why.

Pure: no Textual; :mod:`coach.tui.screens.editor_outside` suspends the app
and runs the program.
"""

from __future__ import annotations

import errno
import os
import shlex
import shutil
import signal
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from coach.script.controls import visible
from coach.script.model import MAX_BYTES
from coach.script.newscript import describe_os_error

#: How bad an outcome is, in Textual's words (``notify(severity=...)``).
Severity = Literal["information", "warning", "error"]

#: The editors tried, in order, when neither variable is set.
FALLBACK_EDITORS = ("nano", "vi")

#: Longest value shown in a message; a longer one is cut with "…".
_SHOWN = 80


class EditorUnusable(Exception):
    """``$VISUAL`` or ``$EDITOR`` cannot be run; ``str()`` says which, why and what to do."""


def _shown(value: str) -> str:
    value = visible(value)
    return value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…"


def external_editor(
    environ: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """The command for ``f4``: ``$VISUAL``, else ``$EDITOR``, else nano or vi.

    Its program is resolved to a full path here, before the app hands the
    terminal over: a program that cannot be found or a value that is not a
    command (``vim "``) raises :class:`EditorUnusable`, whose message names
    the variable and its value. ``[]`` when neither is set and neither
    fallback is installed.
    """
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if not value:
            continue
        shown = _shown(value)
        try:
            argv = shlex.split(value)
        except ValueError as exc:  # "No closing quotation", "No escaped character"
            raise EditorUnusable(
                f"${name} is '{shown}', which is not a command: {str(exc).lower()}. "
                f"Fix its quotes (for example: export {name}=nano). Your text is unchanged."
            ) from None
        if not argv or not argv[0]:
            raise EditorUnusable(
                f"${name} is '{shown}', which names no program. "
                f"Set it to your editor (for example: export {name}=nano). "
                "Your text is unchanged."
            )
        wanted = os.path.expanduser(argv[0])  # "~/bin/vim" quoted in the shell
        program = which(wanted)
        if program is None:
            other = ""
            if name == "VISUAL" and env.get("EDITOR", "").strip():
                other = " Or unset VISUAL to use $EDITOR."
            raise EditorUnusable(
                f"${name} is '{shown}', but {_why_not_found(wanted)}. "
                f"Set it to an installed editor (for example: export {name}=nano).{other} "
                "Your text is unchanged."
            )
        return [program, *argv[1:]]
    for fallback in FALLBACK_EDITORS:
        found = which(fallback)
        if found:
            return [found]
    return []


def _why_not_found(program: str) -> str:
    shown = _shown(program)
    if os.sep not in program:
        return f"there is no program '{shown}' on your PATH"
    if os.path.isdir(program):
        return f"{shown} is a folder, not a program"
    if os.path.exists(program):
        return f"{shown} is not executable"
    return f"there is no {shown}"


@dataclass(frozen=True)
class ExternalEdit:
    """What came back from the external editor, and what to tell the user."""

    #: The text to put in the editor; None keeps the editor's text as it is.
    text: str | None
    message: str
    severity: Severity = "information"


def edit_externally(
    text: str, command: list[str], path: Path, run: Callable[[list[str]], int]
) -> ExternalEdit:
    """Let another program edit ``text``: write it to a temp file, ``run``, read it back.

    ``run`` runs the command (with the file's name added) and returns its exit
    code; it raises ``OSError`` when the program cannot be started. The file
    has ``path``'s name (so the editor highlights YAML) in a folder of its
    own, removed afterwards with whatever the editor left beside it (backups,
    swap files). Never raises for the editor's failures: the text comes back
    only from an editor that exited 0 and left a readable file that is not
    empty (unless ``text`` was blank too); every other outcome keeps ``text``
    and says why.
    """
    name = _name(command)
    try:
        folder = Path(tempfile.mkdtemp(prefix="coach-edit-"))
    except OSError as exc:
        return _unchanged(f"Could not make a temp file for {name}: {exc.strerror or exc}.")
    temp = folder / (path.name or "script.yaml")
    try:
        try:
            temp.write_text(text, encoding="utf-8")
        except OSError as exc:
            return _unchanged(f"Could not hand the text to {name}: {describe_os_error(exc, temp)}.")
        try:
            code = run([*command, str(temp)])
        except KeyboardInterrupt:
            return _unchanged(f"{name} was interrupted (ctrl+c).", "warning")
        except OSError as exc:
            if exc.errno == errno.ENOEXEC:
                reason = "it is not a program (a script needs a first line like #!/bin/sh)"
            else:
                reason = exc.strerror or str(exc)
            return _unchanged(f"Could not start {name}: {reason}.")
        return _read_back(text, temp, command, code)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _name(command: list[str]) -> str:
    return Path(command[0]).name if command else "the editor"


def _unchanged(message: str, severity: Severity = "error") -> ExternalEdit:
    return ExternalEdit(None, f"{message} Your text is unchanged.", severity)


def _read_back(text: str, temp: Path, command: list[str], code: int) -> ExternalEdit:
    """What to do with the file ``command`` left after exiting with ``code``."""
    from coach.script.files import read_regular

    name = _name(command)

    if code != 0:
        return _unchanged(f"{name} {_exit_words(code)}, so nothing it wrote was taken.", "warning")
    try:
        data, _st = read_regular(temp, MAX_BYTES)
    except FileNotFoundError:
        return _unchanged(f"{name} deleted the file it was given, so nothing was taken.", "warning")
    except OSError as exc:
        reason = describe_os_error(exc, temp, reading=True)
        return _unchanged(f"Could not read back what {name} wrote: {reason}.")
    try:
        new_text, lossy = data.decode("utf-8"), False
    except UnicodeDecodeError:
        new_text, lossy = data.decode("utf-8", errors="replace"), True
    if not new_text.strip() and text.strip():
        return ExternalEdit(
            None,
            f"{name} left the file empty, so nothing was taken: your text is kept. "
            "To empty the script, delete the text here.",
            "warning",
        )
    if new_text == text:
        return ExternalEdit(None, f"No changes from {name}.{_wait_hint(command)}")
    if lossy:
        return ExternalEdit(
            new_text,
            f"{name} wrote bytes that are not UTF-8; they show as �. "
            "ctrl+z brings back the text from before.",
            "warning",
        )
    return ExternalEdit(new_text, f"Text updated from {name}; ctrl+s saves it, ctrl+z undoes it.")


#: Editors that open a window and return at once unless told to wait, and how to tell them.
_WAIT_FLAGS = {
    "code": ("--wait", "-w"),
    "code-insiders": ("--wait", "-w"),
    "codium": ("--wait", "-w"),
    "subl": ("--wait", "-w"),
    "atom": ("--wait", "-w"),
    "zed": ("--wait",),
    "mate": ("--wait", "-w"),
    "gedit": ("--wait",),
    "gvim": ("--nofork", "-f"),
    "mvim": ("--nofork", "-f"),
    "kate": ("--block", "-b"),
}


def _wait_hint(command: list[str]) -> str:
    """For a window editor started without its wait flag: how to add it."""
    if not command:
        return ""
    program = Path(command[0]).name
    flags = _WAIT_FLAGS.get(program, ())
    if not flags or any(flag in command[1:] for flag in flags):
        return ""
    return (
        f" If it opened a window and came back at once, it needs to wait: "
        f"export EDITOR='{program} {flags[0]}'."
    )


def _exit_words(code: int) -> str:
    """``exited with code 1``; a negative code is the signal that ended it."""
    if code == -signal.SIGINT:
        return "was stopped by ctrl+c (SIGINT)"
    if code < 0:
        try:
            return f"was stopped by {signal.Signals(-code).name}"
        except ValueError:
            return f"was stopped by signal {-code}"
    if code == 127:
        return "exited with code 127 (a program it runs was not found)"
    return f"exited with code {code}"
