"""The command line: ``coach COMMAND ...``. Only the TUI commands import Textual.

The commands are listed in :mod:`coach.cli.commands` and live one module per
group: :mod:`~coach.cli.scripts` (check, scripts, schema, graph, new, edit),
:mod:`~coach.cli.calls` (call, practice, the home screen),
:mod:`~coach.cli.records` (log, stats, where), :mod:`~coach.cli.partner`,
:mod:`~coach.cli.jobs` (job add|list|show|edit|heard|close), :mod:`~coach.cli.due`,
:mod:`~coach.cli.exports` (draft, export) and :mod:`~coach.cli.profile`; what the
job commands share is in :mod:`~coach.cli.jobdata`.
Exit codes are decided in :mod:`coach.cli.status`.

``coach log`` and ``coach due`` are first looked for in the cache of their
output (:mod:`coach.cli.cache`), before argparse or any command module is
imported: this module imports nothing more at its top.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from coach.cli.parser import build_parser

__all__ = ["build_parser", "main"]

#: The commands whose output is kept (``coach.cli.cache.COMMANDS``): any other
#: command line does not import the cache at all (53 KiB of a call's memory).
CACHED = ("log", "due")


def __getattr__(name: str) -> object:
    if name == "build_parser":
        from coach.cli.parser import build_parser

        return build_parser
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``coach`` with ``argv`` (default: the process's arguments); the exit code.

    What it prints shows control characters instead of obeying them
    (:mod:`coach.cli.output`), argparse's messages included. The process's
    own command line may be answered from the cache (:mod:`coach.cli.cache`).
    """
    recorder = None
    if argv is None and len(sys.argv) > 1 and sys.argv[1] in CACHED:
        from coach.cli.cache import serve

        found = serve(sys.argv[1:])
        if isinstance(found, int):
            return found
        recorder = found
    from coach.cli.output import restore_output, visible_output

    code: int | None = None
    if recorder is not None:
        try:
            recorder.start()
        except Exception:  # the cache is only a shortcut: the command runs as ever
            recorder = None
    try:
        streams = visible_output()
        try:
            code = _main(argv)
        finally:
            restore_output(streams)
    finally:
        if recorder is not None:
            recorder.stop(code)
    return int(code)


def _main(argv: Sequence[str] | None) -> int:
    from coach.cli.commands import HOME, commands_dict, create_handler, home_arguments
    from coach.cli.status import INTERRUPTED, SUCCESS, USAGE, err, os_error_code
    from coach.locations import home_problem

    line = list(sys.argv[1:] if argv is None else argv)
    parser: argparse.ArgumentParser | None = None
    if line:
        from coach.cli.parser import build_parser

        first = line[0]
        parser = build_parser(first if first in commands_dict else None)
        args = parser.parse_args(line)
    else:
        # ``coach`` alone: nothing to parse, so neither argparse (with gettext)
        # nor the parser's 18 commands are made: what argparse gives for no
        # arguments, straight away (importing argparse and the parser was 4 ms
        # of home's start-up, measured in-process, and making the 18 about 4 more).
        args = home_arguments()
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
            from coach.cli.parser import build_parser, usage_for

            sys.stderr.write(usage_for(parser or build_parser(), line))
        return code
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        # `coach log | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return SUCCESS
    except OSError as exc:
        return os_error_code(exc)
