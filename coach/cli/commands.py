"""The table of commands: each name, the module that runs it, and its line in ``coach --help``.

Modelled on pip's ``commands_dict``. Building the parser reads only this
table; a command's module is imported when that command is parsed (for its
arguments) and run (for its handler). So ``coach where`` never imports what
``coach check`` needs, and only the TUI commands import Textual.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import Any

    Handler = Callable[[argparse.Namespace], int]

#: The help of a SCRIPT argument.
SCRIPT_HELP = "a script id or a path to a .yaml file"


class CommandInfo:
    """Where a command's code is, named, not imported.

    (A plain class, neither a dataclass nor a ``NamedTuple``: ``dataclasses``
    imports ``inspect``, ``NamedTuple`` needs ``typing`` and both build their
    methods from source; 3.6 ms of every command's start for 19 records.)
    """

    __slots__ = ("arguments", "handler", "module", "summary")

    def __init__(
        self, module: str, handler: str, summary: str, arguments: str | None = None
    ) -> None:
        #: The module that holds the command (one module per group of commands).
        self.module = module
        #: Its function that runs the command: parsed arguments -> exit code.
        self.handler = handler
        #: The command's line in ``coach --help``.
        self.summary = summary
        #: Its function that adds the command's arguments to its parser; None: it takes none.
        self.arguments = arguments

    def __repr__(self) -> str:
        return f"CommandInfo({self.module!r}, {self.handler!r})"


_SCRIPTS = "coach.cli.scripts"
_CALLS = "coach.cli.calls"
_RECORDS = "coach.cli.records"
_EXPORTS = "coach.cli.exports"

#: Every command, in the order ``coach --help`` lists them.
commands_dict: dict[str, CommandInfo] = {
    "call": CommandInfo(
        _CALLS,
        "cmd_call",
        "make a call with a script (details, checklist, live call)",
        "add_call_arguments",
    ),
    "practice": CommandInfo(
        _CALLS,
        "cmd_practice",
        "rehearse a call with a friend (or alone with --solo)",
        "add_practice_arguments",
    ),
    "partner": CommandInfo(
        "coach.cli.partner",
        "cmd_partner",
        "the partner's view of a rehearsal running on this machine (--serve: in a browser)",
        "add_partner_arguments",
    ),
    "job": CommandInfo(
        "coach.cli.jobs",
        "cmd_job",
        "your jobs: add, list, show, edit, heard, close",
        "add_job_arguments",
    ),
    "due": CommandInfo(
        "coach.cli.due", "cmd_due", "each open job's next step", "add_due_arguments"
    ),
    "draft": CommandInfo(
        _EXPORTS,
        "cmd_draft",
        "an email or note drafted from a job: thank-you, check-in, after-rejection",
        "add_draft_arguments",
    ),
    "export": CommandInfo(
        _EXPORTS,
        "cmd_export",
        "jobs, calls and next steps as Markdown, CSV, JSON or a calendar",
        "add_export_arguments",
    ),
    "profile": CommandInfo(
        "coach.cli.profile",
        "cmd_profile",
        "the values every script gets (your name, your phone)",
        "add_profile_arguments",
    ),
    "stats": CommandInfo(
        _RECORDS, "cmd_stats", "practice statistics of a script", "add_stats_arguments"
    ),
    "new": CommandInfo(
        _SCRIPTS,
        "cmd_new",
        "create a user script from the starter or a copy",
        "add_new_arguments",
    ),
    "edit": CommandInfo(
        _SCRIPTS, "cmd_edit", "edit a script in the app's YAML editor", "add_edit_arguments"
    ),
    "check": CommandInfo(_SCRIPTS, "cmd_check", "validate script files", "add_check_arguments"),
    "scripts": CommandInfo(
        _SCRIPTS, "cmd_scripts", "list bundled and user scripts", "add_scripts_arguments"
    ),
    "graph": CommandInfo(_SCRIPTS, "cmd_graph", "show a script as a graph", "add_graph_arguments"),
    "schema": CommandInfo(_SCRIPTS, "cmd_schema", "print the JSON Schema of the script format"),
    "log": CommandInfo(_RECORDS, "cmd_log", "past calls, newest first", "add_log_arguments"),
    "where": CommandInfo(_RECORDS, "cmd_where", "the folders in use"),
}

#: ``coach`` without a command: the home screen.
HOME = CommandInfo(_CALLS, "cmd_home", "the home screen")


def home_arguments() -> argparse.Namespace:
    """What ``coach``'s parser gives for no arguments at all (``command`` is None),
    without importing argparse: ``coach`` alone goes straight to home.

    A :class:`types.SimpleNamespace` with the same attributes as argparse's
    ``Namespace`` (``tests/test_cli_bare.py`` compares the two).
    """
    from types import SimpleNamespace

    args: argparse.Namespace = SimpleNamespace(command=None)  # type: ignore[assignment]
    return args


def _function(info: CommandInfo, name: str) -> Callable[..., Any]:
    function: Callable[..., Any] = getattr(importlib.import_module(info.module), name)
    return function


def create_handler(info: CommandInfo) -> Handler:
    """The command's handler, its module imported now."""
    handler: Handler = _function(info, info.handler)
    return handler


def add_arguments(info: CommandInfo, parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``, its module imported now."""
    if info.arguments is not None:
        _function(info, info.arguments)(parser)
