"""A value for every variable of the bundled follow-up script, so ``coach call
follow-up`` skips its details screen.

Shared by the end-to-end tests, the TUI benchmark and the README's screenshot.
"""

from __future__ import annotations

VALUES = {
    "your_name": "Sam Rivera",
    "interviewer": "Dana Lee",
    "company": "Acme",
    "position": "Data Analyst",
    "interview_date": "2026-11-10",
    "phone": "555 0100",
    "key_strengths": "SQL and clear reports",
    "forgot_to_mention": "my volunteer dashboard",
}


def set_options() -> str:
    """``--set 'ID=VALUE'`` for each value, for a shell command line."""
    return " ".join(f"--set '{k}={v}'" for k, v in VALUES.items())
