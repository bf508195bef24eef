"""``coach stats`` and ``coach partner``: argparse handlers the CLI wires in.

``cmd_stats`` never imports Textual (it must start fast); ``cmd_partner``
imports the partner app only when it runs.
"""

from __future__ import annotations

import argparse
import json
import sys


def _err(message: str) -> None:
    print(f"coach: {message}", file=sys.stderr)


def cmd_stats(args: argparse.Namespace) -> int:
    """``coach stats SCRIPT [--json]``: practice stats per scenario and per step."""
    from coach.call.practice import runs_from_records
    from coach.call.stats import format_stats_text, script_stats, stats_json
    from coach.script.library import resolve
    from coach.script.model import ScriptError

    try:
        script = resolve(args.script)
    except ScriptError as exc:
        for finding in exc.findings:
            print(finding.format(), file=sys.stderr)
        return 2 if exc.unreadable else 1

    from coach.store import NothingRecorded, Store, StoreError

    try:
        with Store(read_only=True) as store:
            records = store.calls(mode="practice", script=script.id)
    except NothingRecorded:
        records = []  # no rehearsal yet (reading never creates the file)
    except StoreError as exc:
        _err(f"cannot read the call record: {exc}")
        return 1
    stats = script_stats(script, runs_from_records(records, script.id))
    if getattr(args, "json", False):
        print(json.dumps(stats_json(stats), indent=2, ensure_ascii=False))
    else:
        print(format_stats_text(stats))
    return 0


def cmd_partner(args: argparse.Namespace) -> int:
    """``coach partner``: the partner's live view of the rehearsal in another terminal."""
    from coach.tui.partner import run_partner

    return run_partner()
