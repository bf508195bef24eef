"""The command line: ``coach COMMAND ...``. Only the TUI commands import Textual.

The commands are listed in :mod:`coach.cli.commands` and live one module per
group: :mod:`~coach.cli.scripts` (check, scripts, schema, graph, new, edit),
:mod:`~coach.cli.calls` (call, practice, the home screen),
:mod:`~coach.cli.records` (log, stats, where), :mod:`~coach.cli.partner`,
:mod:`~coach.cli.jobs` (job add|list|show|edit|heard|close), :mod:`~coach.cli.due`,
:mod:`~coach.cli.exports` (draft, export) and :mod:`~coach.cli.profile`; what the
job commands share is in :mod:`~coach.cli.jobdata`.
Exit codes are decided in :mod:`coach.cli.status`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from coach.cli.commands import HOME, commands_dict, create_handler
from coach.cli.output import restore_output, visible_output
from coach.cli.parser import build_parser, usage_for
from coach.cli.status import ERROR, INTERRUPTED, SUCCESS, USAGE, err
from coach.locations import home_problem

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``coach`` with ``argv`` (default: the process's arguments); the exit code.

    What it prints shows control characters instead of obeying them
    (:mod:`coach.cli.output`), argparse's messages included.
    """
    streams = visible_output()
    try:
        return _main(argv)
    finally:
        restore_output(streams)


def _main(argv: Sequence[str] | None) -> int:
    line = list(sys.argv[1:] if argv is None else argv)
    first = line[0] if line else None
    parser = build_parser(first if first in commands_dict else None)
    args = parser.parse_args(line)
    info = commands_dict[args.command] if args.command else HOME
    problem = home_problem()
    if problem is not None:
        err(problem)
        return USAGE
    try:
        code = int(create_handler(info)(args) or SUCCESS)
        if code == USAGE:
            # The command refused its arguments in a sentence: its usage follows,
            # as argparse gives it for the arguments it refuses itself.
            sys.stderr.write(usage_for(parser, line))
        return code
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        # `coach log | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return SUCCESS
    except OSError as exc:
        # A folder that cannot be made or written (read-only, a file in the
        # way, a full disk) that no command foresaw: a sentence, no traceback.
        from pathlib import Path

        from coach.script.newscript import describe_os_error

        where = Path(exc.filename) if exc.filename else Path(".")
        err(describe_os_error(exc, where))
        return ERROR
