"""The table of commands: each name, the module that runs it, and its line in ``coach --help``.

Modelled on pip's ``commands_dict``. Building the parser reads only this
table; a command's module is imported when that command is parsed (for its
arguments) and run (for its handler). So ``coach where`` never imports what
``coach check`` needs, and only the TUI commands import Textual.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import NamedTuple, cast

Handler = Callable[[argparse.Namespace], int]

#: The help of a SCRIPT argument.
SCRIPT_HELP = "a script id or a path to a .yaml file"


class CommandInfo(NamedTuple):
    """Where a command's code is, named, not imported.

    (A ``NamedTuple``, not a dataclass: ``dataclasses`` imports ``inspect``,
    which ``coach where`` would otherwise load for nothing.)
    """

    #: The module that holds the command (one module per group of commands).
    module: str
    #: Its function that runs the command: parsed arguments -> exit code.
    handler: str
    #: The command's line in ``coach --help``.
    summary: str
    #: Its function that adds the command's arguments to its parser; None: it takes none.
    arguments: str | None = None


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


def _function(info: CommandInfo, name: str) -> Callable[..., object]:
    return cast("Callable[..., object]", getattr(importlib.import_module(info.module), name))


def create_handler(info: CommandInfo) -> Handler:
    """The command's handler, its module imported now."""
    return cast("Handler", _function(info, info.handler))


def add_arguments(info: CommandInfo, parser: argparse.ArgumentParser) -> None:
    """Add the command's arguments to ``parser``, its module imported now."""
    if info.arguments is not None:
        _function(info, info.arguments)(parser)
