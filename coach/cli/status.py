"""Exit codes, and the one place that turns our errors into them.

Each command says in its own words what went wrong (on stderr); which code it
then exits with is decided here, by :func:`exit_code`, for every command.
Standard library only at import: the error classes are imported when an
error is looked at, so a command that succeeds never pays for them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

TYPE_CHECKING = False

if TYPE_CHECKING:
    from coach.script.model import Finding

#: Done, nothing wrong.
SUCCESS = 0
#: The command ran and found a problem: errors in a script, a file that
#: cannot be written, a call record that cannot be read.
ERROR = 1
#: What was asked cannot be done as typed: a bad argument, a file or script
#: that is not there or cannot be read. Also argparse's code for a bad command line.
USAGE = 2
#: Stopped with ctrl+c (128 + SIGINT, as a shell reports it).
INTERRUPTED = 130


def err(message: str) -> None:
    """``coach: MESSAGE`` on stderr."""
    print(f"coach: {message}", file=sys.stderr)


def os_error_code(exc: OSError) -> int:
    """A folder that cannot be made or written (read-only, a file in the way, a
    full disk) that no command foresaw: a sentence, no traceback; the exit code."""
    from pathlib import Path

    from coach.script.newscript import describe_os_error

    where = Path(exc.filename) if exc.filename else Path(".")
    err(describe_os_error(exc, where))
    return ERROR


def terminal_problem() -> str | None:
    """Why this terminal cannot show the full-screen app; None when it can.

    ``TERM=dumb`` (an editor's shell buffer, a pipe-like console) cannot move
    the cursor: the app would draw garbage there, and its keys would not reach it.
    """
    import os

    if os.environ.get("TERM") == "dumb":
        return (
            "this terminal (TERM=dumb) cannot show the full-screen app; run it in "
            "a terminal such as xterm, or use the commands that print "
            "(coach due, coach job list, coach log)"
        )
    return None


def refuse_dumb_terminal() -> bool:
    """Say why the app cannot start here and return True, when it cannot
    (:func:`terminal_problem`); False when it can."""
    problem = terminal_problem()
    if problem is not None:
        err(problem)
    return problem is not None


def print_findings(findings: Sequence[Finding]) -> None:
    """Each finding compiler-style (``file:line:col: severity: message``) on stderr."""
    for finding in findings:
        print(finding.format(), file=sys.stderr)


def exit_code(exc: BaseException) -> int:
    """The exit code for one of our errors (``TypeError`` for any other).

    A script that cannot be read (or is not there) is :data:`USAGE`; a script
    that reads but has errors, and a call record that cannot be read, are
    :data:`ERROR`. A script file that cannot be
    created carries its own code (``NewScriptError.exit_code``); a
    ``--scenario`` that cannot be played is :data:`USAGE`.
    """
    if isinstance(exc, KeyboardInterrupt):
        return INTERRUPTED
    # Each class is imported only when the ones before did not match.
    from coach.script.model import ScriptError

    if isinstance(exc, ScriptError):
        return USAGE if exc.unreadable else ERROR
    from coach.script.newscript import NewScriptError

    if isinstance(exc, NewScriptError):
        return exc.exit_code
    from coach.call.practice import PracticeError

    if isinstance(exc, PracticeError):
        return USAGE  # a --scenario that cannot be played
    from coach.store import StoreError

    if isinstance(exc, StoreError):
        return ERROR
    raise TypeError(f"no exit code for {type(exc).__name__}") from exc
