"""The argument parser, built from the table of commands without importing any of them."""

from __future__ import annotations

import argparse
from typing import Any

from coach import __version__
from coach.cli.commands import CommandInfo, add_arguments, commands_dict

DESCRIPTION = (
    "Call Coach: prepare, make and record the follow-up call after a job interview. "
    "Run without a command for the home screen."
)


class CommandParser(argparse.ArgumentParser):
    """One command's parser; its arguments are added the first time it is used.

    argparse hands a command's part of the command line to its parser's
    ``parse_known_args``, and ``--help`` formats it from there, so the
    command's module is imported only when that command is on the line.
    """

    def __init__(self, *args: Any, command: CommandInfo | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._command = command

    def _add_arguments(self) -> None:
        command, self._command = self._command, None
        if command is not None:
            add_arguments(command, self)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        self._add_arguments()
        return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        self._add_arguments()
        return super().format_usage()

    def format_help(self) -> str:
        self._add_arguments()
        return super().format_help()


def build_parser() -> argparse.ArgumentParser:
    """``coach``'s parser; the chosen command's name ends up in ``args.command``."""
    parser = argparse.ArgumentParser(prog="coach", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for name, info in commands_dict.items():
        sub.add_parser(name, help=info.summary, command=info)
    return parser
