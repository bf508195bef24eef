"""The argument parser, built from the table of commands without importing any of them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from coach import __version__
from coach.cli.commands import CommandInfo, add_arguments, commands_dict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

DESCRIPTION = (
    "Call Coach: prepare, make and record the follow-up call after a job interview. "
    "Run without a command for the home screen."
)


_columns: int | None = None


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, asked once, without importing ``shutil``.

    argparse makes a formatter for every ``add_argument`` (to check the
    metavar) and each asks the terminal's size through ``shutil``, whose
    import brings bz2, lzma and zlib: 1.7 ms of every command's start.
    """
    global _columns
    if _columns is None:
        try:
            columns = int(os.environ["COLUMNS"])
        except (KeyError, ValueError):
            columns = 0
        if columns <= 0:
            try:
                columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
            except (AttributeError, ValueError, OSError):
                columns = 0
        _columns = columns or 80
    return _columns


class Formatter(argparse.HelpFormatter):
    """argparse's formatter, the terminal's width from :func:`terminal_columns`."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = terminal_columns() - 2  # as argparse does
        super().__init__(prog, indent_increment, max_help_position, width)


class RawDescriptionFormatter(Formatter, argparse.RawDescriptionHelpFormatter):
    """:class:`Formatter` that keeps the description's and epilog's line breaks."""


class CommandParser(argparse.ArgumentParser):
    """One command's parser; its arguments are added the first time it is used.

    argparse hands a command's part of the command line to its parser's
    ``parse_known_args``, and ``--help`` formats it from there, so the
    command's module is imported only when that command is on the line.
    """

    def __init__(self, *args: Any, command: CommandInfo | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """``coach``'s parser; the chosen command's name ends up in ``args.command``.

    ``command``, a name in the table: only that command's parser is made, for
    a command line that starts with it (what :func:`coach.cli.main` does).
    Making all 18 costs 4 ms, as argparse looks each of its messages up in
    the translation folders on disk, and such a line needs no other: its
    errors and ``--help`` come from the command's own parser.
    """
    parser = argparse.ArgumentParser(
        prog="coach", description=DESCRIPTION, formatter_class=Formatter
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
    for name, info in commands_dict.items():
        if command is None or name == command:
            sub.add_parser(name, help=info.summary, command=info)
    return parser


def usage_for(parser: argparse.ArgumentParser, line: Sequence[str]) -> str:
    """The usage line of the (sub)command that ``line`` names (``coach job add``'s
    for ``job add --company A``), as argparse prints it."""
    current = parser
    for word in line:
        subparsers = [
            action
            for action in current._actions  # argparse keeps them nowhere public
            if isinstance(action, argparse._SubParsersAction)
        ]
        if not subparsers or word not in subparsers[0].choices:
            break
        current = subparsers[0].choices[word]
    return current.format_usage()
