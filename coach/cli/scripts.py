"""Commands about script files: ``check``, ``scripts``, ``schema``, ``graph``, ``new``, ``edit``.

None of them imports Textual except ``edit``, and that only to run the
editor; everything else a command needs is imported when it runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from coach.cli.commands import SCRIPT_HELP
from coach.cli.status import (
    ERROR,
    SUCCESS,
    USAGE,
    err,
    exit_code,
    print_findings,
    refuse_dumb_terminal,
)


# ----------------------------------------------------------------------- check
def add_check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--format", choices=["text", "json"], default="text")


def _check_target(name: str) -> Path:
    """The file ``coach check NAME`` reads: NAME itself, or, when no such file
    exists, the script with that id (``coach check follow-up``)."""
    path = Path(name)
    if path.exists():
        return path
    from coach.script.library import find_path
    from coach.script.model import ScriptError

    try:
        return find_path(name)[0]
    except ScriptError:
        return path  # reported as a file that is not there


def cmd_check(args: argparse.Namespace) -> int:
    """``coach check FILE... [--strict] [--format json]``: every finding of every file.

    Exit 2 when a file could not be read, else 1 when there are errors.
    """
    from coach.script.check_cache import check_path
    from coach.script.model import Finding

    all_findings: list[Finding] = []
    unreadable = False
    for name in args.files:
        findings, bad = check_path(_check_target(name))
        unreadable = unreadable or bad
        if args.strict:
            findings = [
                Finding(f.file, f.line, f.column, "error", f.message)
                if f.severity == "warning"
                else f
                for f in findings
            ]
        all_findings.extend(findings)
    errors = sum(1 for f in all_findings if f.severity == "error")
    warnings = len(all_findings) - errors
    if args.format == "json":
        print(json.dumps([f.as_dict() for f in all_findings], indent=2))
    else:
        for finding in all_findings:
            print(finding.format())
        files = len(args.files)
        noun = "file" if files == 1 else "files"
        if all_findings:
            print(
                f"{errors} error{'s' * (errors != 1)}, "
                f"{warnings} warning{'s' * (warnings != 1)} in {files} {noun}",
                file=sys.stderr,
            )
        else:
            print(f"{files} {noun} checked: no problems", file=sys.stderr)
    if unreadable:
        return USAGE
    return ERROR if errors else SUCCESS


# --------------------------------------------------------------------- scripts
def add_scripts_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def cmd_scripts(args: argparse.Namespace) -> int:
    """``coach scripts [--json]``: the bundled and user scripts, and why one does not load."""
    from coach.script.library import discover

    entries = discover()
    if args.json:
        rows = []
        for e in entries:
            first = e.first_error
            rows.append(
                {
                    "id": e.id,
                    "title": e.title,
                    "description": e.description,
                    "source": e.source,
                    "path": str(e.path),
                    "ok": e.ok,
                    "error": first.format() if first else None,
                }
            )
        print(json.dumps(rows, indent=2))
        return SUCCESS
    if not entries:
        print("No scripts found.")
        return SUCCESS
    width = max(len(e.id) for e in entries)
    for e in entries:
        title = e.title if e.ok else "(does not load)"
        print(f"{e.id:<{width}}  {e.source:<7}  {title}")
        first = e.first_error
        if first is not None:
            print(f"{'':<{width}}  {'':<7}  {first.format()}")
    return SUCCESS


# ---------------------------------------------------------------------- schema
def cmd_schema(args: argparse.Namespace) -> int:
    """``coach schema``: the JSON Schema of the script format."""
    from coach.script.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return SUCCESS


# ----------------------------------------------------------------------- graph
def add_graph_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("script", metavar="SCRIPT")
    p.add_argument("--format", choices=["mermaid", "dot", "text"], default="text")


def cmd_graph(args: argparse.Namespace) -> int:
    """``coach graph SCRIPT [--format mermaid|dot|text]``."""
    from coach.script import graph
    from coach.script.library import resolve
    from coach.script.model import ScriptError

    try:
        script = resolve(args.script)
    except ScriptError as exc:
        print_findings(exc.findings)
        return exit_code(exc)
    render = {"mermaid": graph.to_mermaid, "dot": graph.to_dot, "text": graph.to_text}
    print(render[args.format](script))
    return SUCCESS


# ------------------------------------------------------------------------- new
def add_new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", metavar="ID", help="the new script's id (its file name without .yaml)")
    p.add_argument(
        "--from",
        dest="from_ref",
        metavar="SCRIPT",
        help="copy this script (an id or a path) instead of the starter",
    )


def _from_ref(args: argparse.Namespace) -> str | None:
    # ``--from`` is a Python keyword: the parser stores it as ``from_ref``.
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
        err(str(exc))
        return exit_code(exc)
    print(path)
    return SUCCESS


# ------------------------------------------------------------------------ edit
def add_edit_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("script", metavar="SCRIPT", help=SCRIPT_HELP)


def cmd_edit(args: argparse.Namespace) -> int:
    """``coach edit SCRIPT``: open the in-app YAML editor on SCRIPT's file.

    A bundled script is edited as a copy in the user's folder, written on the
    first save (and that is said).
    """
    from coach.script.model import ScriptError
    from coach.script.newscript import NewScriptError, prepare_edit

    if refuse_dumb_terminal():
        return USAGE
    ref = str(args.script)
    try:
        target = prepare_edit(ref)
    except ScriptError as exc:
        for finding in exc.findings:
            err(finding.message)
        if "/" not in ref and not ref.endswith((".yaml", ".yml")):
            err(f"to create it, run: coach new {ref}")
        return exit_code(exc)
    except NewScriptError as exc:
        err(str(exc))
        return exit_code(exc)
    from coach.script.files import kind_of

    try:
        kind = kind_of(target.path.stat().st_mode)
    except OSError:
        kind = None  # a new file, or one the editor reports on as it opens
    if kind is not None:
        err(f"{target.path}: it is {kind}, not a regular file; only a script file can be edited")
        return 2
    if target.notice:
        print(target.notice)
    from coach.tui.startup import leave_out_tls

    leave_out_tls()  # before Textual: no TLS in a terminal app (see coach.tui.startup)
    from coach.tui.run import run_editor

    return run_editor(target)
