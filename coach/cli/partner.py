"""``coach partner``: the partner's view of a rehearsal running in another terminal."""

from __future__ import annotations

import argparse


def cmd_partner(args: argparse.Namespace) -> int:
    """``coach partner``: the partner app (Textual is imported now, not before)."""
    from coach.tui.partner import run_partner

    return run_partner()
