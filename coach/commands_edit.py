"""``coach new`` and ``coach edit``: the command-line side of editing scripts.

``coach new`` never imports Textual; ``coach edit`` imports it only to run the
editor. :func:`add_parsers` adds both commands to the CLI's subparsers.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def _err(message: str) -> None:
    print(f"coach: {message}", file=sys.stderr)


def _from_ref(args: argparse.Namespace) -> str | None:
    # ``--from`` is a Python keyword: the parser below stores it as ``from_ref``.
    value = getattr(args, "from_ref", None)
    if value is None:
        value = getattr(args, "from", None)
    return str(value) if value is not None else None


def cmd_new(args: argparse.Namespace) -> int:
    """``coach new ID [--from SCRIPT]``: print the new file's path (exit 0).

    Errors go to stderr: exit 1 when the file exists or cannot be written,
    2 for a bad id or an unknown ``--from`` script.
    """
    from coach.script.newscript import NewScriptError, new_script

    try:
        path = new_script(str(args.id), _from_ref(args))
    except NewScriptError as exc:
        _err(str(exc))
        return exc.exit_code
    print(path)
    return 0


def _is_bundled(path: Path) -> bool:
    from coach import locations

    try:
        return path.resolve().parent == locations.bundled_scripts_dir().resolve()
    except OSError:
        return False


def prepare_edit(ref: str) -> tuple[Path, str | None]:
    """The file ``coach edit REF`` opens, and a sentence to say first (or None).

    A bundled script is copied to the user's folder first (bundled files are
    read-only); if the user already has a script with that id, that one is
    opened. Raises ``ScriptError`` (no such script) or ``NewScriptError``.
    """
    from coach.script.library import find_path
    from coach.script.newscript import copy_to_user, user_copy_path

    path, source = find_path(ref)
    if source != "bundled" and not _is_bundled(path):
        return path, None
    had_copy = user_copy_path(path).exists()
    target = copy_to_user(path)
    if had_copy:
        return target, f"Editing your own copy of the bundled script: {target}"
    return target, f"Copied the bundled script {path.name} to {target}; editing the copy"


def cmd_edit(args: argparse.Namespace) -> int:
    """``coach edit SCRIPT``: open the in-app YAML editor on SCRIPT's file."""
    from coach.script.model import ScriptError
    from coach.script.newscript import NewScriptError

    ref = str(args.script)
    try:
        path, notice = prepare_edit(ref)
    except ScriptError as exc:
        for finding in exc.findings:
            _err(finding.message)
        if "/" not in ref and not ref.endswith((".yaml", ".yml")):
            _err(f"to create it, run: coach new {ref}")
        return 2
    except NewScriptError as exc:
        _err(str(exc))
        return exc.exit_code
    if notice:
        print(notice)
    from coach.tui.app import run_editor

    return run_editor(path, notice=notice)


def add_parsers(sub: Any) -> None:
    """Add ``new`` and ``edit`` to the CLI (``sub`` from ``add_subparsers``)."""
    p = sub.add_parser("new", help="create a user script from the starter or a copy")
    p.add_argument("id", metavar="ID", help="the new script's id (its file name without .yaml)")
    p.add_argument(
        "--from",
        dest="from_ref",
        metavar="SCRIPT",
        help="copy this script (an id or a path) instead of the starter",
    )
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("edit", help="edit a script in the app's YAML editor")
    p.add_argument("script", metavar="SCRIPT", help="a script id or a path to a .yaml file")
    p.set_defaults(func=cmd_edit)
