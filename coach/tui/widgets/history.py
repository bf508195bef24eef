"""Recent calls and due follow-ups, as content for the home screen and dialogs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from textual.content import Content

from coach.call.followup import FollowUp, describe_window
from coach.store import CallRecord
from coach.tui.text import duration_words, outcome_words

STATUS_WORDS = {
    "running": "in progress",
    "interrupted": "interrupted",
    "abandoned": "ended early",
}


def when(started_at: str, today: date) -> str:
    """``14:05`` today, ``Tue 3 Mar 14:05`` otherwise."""
    try:
        moment = datetime.fromisoformat(started_at).astimezone()
    except ValueError:
        return started_at
    if moment.date() == today:
        return f"today {moment:%H:%M}"
    text = f"{moment:%a} {moment.day} {moment:%b}"
    if moment.year != today.year:
        text += f" {moment.year}"
    return f"{text} {moment:%H:%M}"


def record_outcome(record: CallRecord) -> str:
    if record.status == "done":
        return outcome_words(record.outcome)
    return STATUS_WORDS.get(record.status, record.status)


def recent_content(records: Sequence[CallRecord], today: date) -> Content:
    """One line per call, newest first."""
    if not records:
        return Content.styled("No calls yet. Pick a script and press Enter.", "$foreground-muted")
    lines: list[Content] = []
    for record in records:
        style = "" if record.status == "done" else "$text-warning"
        practice = " (practice)" if record.mode == "practice" else ""
        lines.append(
            Content.assemble(
                (f"{when(record.started_at, today):<16}", "$foreground-muted"),
                " ",
                (record.title + practice, "bold"),
                "  ",
                (record_outcome(record), style),
                ("  " + duration_words(record.duration_s), "$foreground-muted"),
            )
        )
    return Content("\n").join(lines)


def follow_ups_content(follow_ups: Sequence[FollowUp], today: date) -> Content:
    """One line per prospect whose next contact is due."""
    if not follow_ups:
        return Content.styled(
            "Nothing due. Calls you make show up here when due.", "$foreground-muted"
        )
    lines: list[Content] = []
    for item in follow_ups:
        overdue = item.is_overdue(today)
        action = "Email" if item.window.action == "email" else "Call"
        lines.append(
            Content.assemble(
                (f"{action} ", "bold $accent"),
                (item.label, "bold"),
                "  ",
                (describe_window(item.window, today), "$text-warning" if overdue else ""),
                ("  " + item.title, "$foreground-muted"),
            )
        )
    return Content("\n").join(lines)
