"""The command line. Only the TUI commands import Textual, so the others start fast."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coach import __version__
from coach.commands_edit import add_parsers as add_edit_parsers

if TYPE_CHECKING:
    from coach.script.model import Finding, Script, ScriptError


def _err(message: str) -> None:
    print(f"coach: {message}", file=sys.stderr)


def _print_findings(findings: Sequence[Finding]) -> None:
    for finding in findings:
        print(finding.format(), file=sys.stderr)


def _exit_code_for(exc: ScriptError) -> int:
    return 2 if exc.unreadable else 1


# ----------------------------------------------------------------------- check
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
    from coach.script.load import check_path
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
        return 2
    return 1 if errors else 0


# --------------------------------------------------------------------- scripts
def cmd_scripts(args: argparse.Namespace) -> int:
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
        return 0
    if not entries:
        print("No scripts found.")
        return 0
    width = max(len(e.id) for e in entries)
    for e in entries:
        title = e.title if e.ok else "(does not load)"
        print(f"{e.id:<{width}}  {e.source:<7}  {title}")
        first = e.first_error
        if first is not None:
            print(f"{'':<{width}}  {'':<7}  {first.format()}")
    return 0


# ---------------------------------------------------------------------- schema
def cmd_schema(args: argparse.Namespace) -> int:
    from coach.script.schema import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


# ----------------------------------------------------------------------- graph
def cmd_graph(args: argparse.Namespace) -> int:
    from coach.script import graph
    from coach.script.library import resolve
    from coach.script.model import ScriptError

    try:
        script = resolve(args.script)
    except ScriptError as exc:
        _print_findings(exc.findings)
        return _exit_code_for(exc)
    render = {"mermaid": graph.to_mermaid, "dot": graph.to_dot, "text": graph.to_text}
    print(render[args.format](script))
    return 0


# ----------------------------------------------------------------------- where
def cmd_where(args: argparse.Namespace) -> int:
    from coach import locations

    rows = [
        ("config", locations.config_dir()),
        ("scripts", locations.user_scripts_dir()),
        ("data", locations.data_dir()),
        ("database", locations.database_path()),
        ("cache", locations.cache_dir()),
        ("bundled", locations.bundled_scripts_dir()),
    ]
    for name, path in rows:
        print(f"{name:<9} {path}")
    return 0


# ------------------------------------------------------------------------- log
def _fmt_duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    total = round(seconds)
    return f"{total // 60}:{total % 60:02d}"


def cmd_log(args: argparse.Namespace) -> int:
    from coach.store import NothingRecorded, Store, StoreError

    if args.limit is not None and args.limit < 0:
        _err("--limit takes a number of calls, 0 or more")
        return 2
    try:
        with Store(read_only=True) as store:
            records = store.calls(limit=args.limit)
            entries = [r.log_entry() for r in records]
    except NothingRecorded:
        entries = []  # no call yet (reading never creates the file)
    except StoreError as exc:
        _err(str(exc))
        return 1
    if args.json:
        print(json.dumps(entries, indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print("No calls yet. Start one with: coach call follow-up")
        return 0
    for e in entries:
        when = (e.get("started_at") or "")[:16].replace("T", " ")
        outcome = e.get("outcome") or "-"
        mode = "" if e.get("mode") == "live" else f" [{e.get('mode')}]"
        print(
            f"{e['id']:>4}  {when}  {_fmt_duration(e.get('duration_s')):>6}  "
            f"{e.get('status', ''):<11}  {outcome:<10}  {e.get('title', '')}{mode}"
        )
    return 0


# ------------------------------------------------------------------- TUI calls
def _parse_sets(pairs: Sequence[str], script: Script) -> dict[str, str] | None:
    known = {v.id for v in script.variables}
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            _err(f"--set takes ID=VALUE, got '{pair}'")
            return None
        if key not in known:
            names = ", ".join(sorted(known)) or "none"
            _err(f"--set {key}: '{script.id}' has no variable '{key}' (its variables: {names})")
            return None
        if script.variable(key).type == "date" and value.strip():  # type: ignore[union-attr]
            from coach.call.followup import parse_iso_date

            if parse_iso_date(value) is None:
                _err(f"--set {key}: '{value}' is not a date; write it as YYYY-MM-DD")
                return None
        values[key] = value
    return values


def _script_and_values(args: argparse.Namespace) -> tuple[Script, dict[str, str]] | int:
    """SCRIPT and its ``--set`` values, or the exit code after saying what is wrong."""
    from coach.script.library import resolve
    from coach.script.model import ScriptError

    try:
        script = resolve(args.script)
    except ScriptError as exc:
        _print_findings(exc.findings)
        return _exit_code_for(exc)
    values = _parse_sets(args.set or [], script)
    if values is None:
        return 2
    return script, values


def cmd_call(args: argparse.Namespace) -> int:
    loaded = _script_and_values(args)
    if isinstance(loaded, int):
        return loaded
    from coach.tui.app import run_call

    return run_call(*loaded, mode="live")


def cmd_practice(args: argparse.Namespace) -> int:
    loaded = _script_and_values(args)
    if isinstance(loaded, int):
        return loaded
    from coach.tui.app import run_practice

    return run_practice(*loaded, scenario_id=args.scenario, seed=args.seed, solo=args.solo)


def cmd_home(args: argparse.Namespace) -> int:
    from coach.startup import pause_gc, resume_gc

    pause_gc()  # until the home screen is drawn (see coach.startup)
    try:
        from coach.tui.app import run_home

        return run_home()
    finally:
        resume_gc(collect=False)


def _partner(args: argparse.Namespace) -> int:
    from coach.commands_practice import cmd_partner

    return cmd_partner(args)


def _stats(args: argparse.Namespace) -> int:
    from coach.commands_practice import cmd_stats

    return cmd_stats(args)


# ---------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coach",
        description=(
            "Call Coach: prepare, make and record the follow-up call after a job interview. "
            "Run without a command for the home screen."
        ),
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("call", help="make a call with a script (details, checklist, live call)")
    p.add_argument("script", metavar="SCRIPT", help="a script id or a path to a .yaml file")
    p.add_argument(
        "--set",
        action="append",
        metavar="ID=VALUE",
        help="fill a variable of the script (repeatable)",
    )
    p.set_defaults(func=cmd_call)

    p = sub.add_parser("practice", help="rehearse a call with a friend (or alone with --solo)")
    p.add_argument("script", metavar="SCRIPT", help="a script id or a path to a .yaml file")
    p.add_argument(
        "--scenario", metavar="ID", help="the scenario to rehearse (default: least rehearsed)"
    )
    p.add_argument("--seed", type=int, metavar="N", help="make the scenario pick repeatable")
    p.add_argument(
        "--solo", action="store_true", help="rehearse alone: the app plays the other side"
    )
    p.add_argument(
        "--set", action="append", metavar="ID=VALUE", help="fill a variable (repeatable)"
    )
    p.set_defaults(func=cmd_practice)

    p = sub.add_parser("partner", help="the partner's view of a rehearsal running on this machine")
    p.set_defaults(func=_partner)

    p = sub.add_parser("stats", help="practice statistics of a script")
    p.add_argument("script", metavar="SCRIPT")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_stats)

    add_edit_parsers(sub)

    p = sub.add_parser("check", help="validate script files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("scripts", help="list bundled and user scripts")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_scripts)

    p = sub.add_parser("graph", help="show a script as a graph")
    p.add_argument("script", metavar="SCRIPT")
    p.add_argument("--format", choices=["mermaid", "dot", "text"], default="text")
    p.set_defaults(func=cmd_graph)

    p = sub.add_parser("schema", help="print the JSON Schema of the script format")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("log", help="past calls, newest first")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=int, metavar="N", help="at most N calls")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("where", help="the folders in use")
    p.set_defaults(func=cmd_where)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", cmd_home)
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `coach log | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
