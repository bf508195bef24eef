"""What a finished call amounts to, as data for the summary and as Markdown.

Pure: no Textual here, so the summary's content can be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from coach.call.followup import (
    FollowUpWindow,
    describe_window,
    long_date,
    merged_fields,
    parse_iso_date,
    window_after_call,
)
from coach.call.session import CallSession
from coach.call.words import duration_words, outcome_words


@dataclass(frozen=True)
class CaptureLine:
    prompt: str
    value: str
    #: The long form when the value is a date.
    long: str | None = None


@dataclass(frozen=True)
class CallReport:
    title: str
    mode: str
    outcome: str
    started_at: str
    duration: str
    path: list[str]
    captures: list[CaptureLine]
    notes: str
    checklist: list[tuple[str, bool]]
    follow_up: FollowUpWindow | None
    follow_up_text: str | None


def build_report(
    session: CallSession, today: date, follow_up: FollowUpWindow | None = None
) -> CallReport:
    """Everything the summary shows, computed from the session.

    ``follow_up`` is the window the store computed (it knows earlier calls to
    the same prospect); without it the window is computed from this call alone.
    """
    script = session.script
    captures: list[CaptureLine] = []
    for capture_id, value in session.captures.items():
        capture = script.capture(capture_id)
        prompt = session.render(capture.prompt) if capture else capture_id
        day = parse_iso_date(value) if capture and capture.type == "date" else None
        captures.append(CaptureLine(prompt, value, long_date(day) if day else None))
    checklist = [(item.text, session.checklist.get(item.id, False)) for item in script.checklist]
    window: FollowUpWindow | None = None
    window_text: str | None = None
    if session.mode == "live" and session.finished and not session.abandoned:
        fields = merged_fields(session.values, session.captures)
        window = follow_up or window_after_call(
            session.outcome, session.started_at, fields, today=today
        )
        if window is not None:
            verb = "Email" if window.action == "email" else "Call again"
            window_text = f"{verb} {describe_window(window, today)}. {window.reason}"
    return CallReport(
        title=script.title,
        mode=session.mode,
        outcome=outcome_words(session.outcome, abandoned=session.abandoned),
        started_at=session.started_at,
        duration=duration_words(session.elapsed()),
        path=list(session.path),
        captures=captures,
        notes=session.notes,
        checklist=checklist,
        follow_up=window,
        follow_up_text=window_text,
    )


def _md_escape(text: str) -> str:
    """Keep user text from turning into Markdown structure."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def report_markdown(report: CallReport) -> str:
    """The record as Markdown, for the clipboard or a file."""
    lines = [
        f"# {_md_escape(report.title)}",
        "",
        f"- **Outcome:** {report.outcome}",
        f"- **Started:** {report.started_at}",
        f"- **Duration:** {report.duration}",
        f"- **Mode:** {report.mode}",
        f"- **Path:** {' → '.join(report.path)}",
    ]
    if report.follow_up_text:
        lines.append(f"- **Next follow-up:** {_md_escape(report.follow_up_text)}")
    if report.captures:
        lines += ["", "## What you wrote down", ""]
        for line in report.captures:
            value = line.value + (f" ({line.long})" if line.long else "")
            lines.append(f"- **{_md_escape(line.prompt)}** {_md_escape(value)}")
    if report.checklist:
        lines += ["", "## Checklist", ""]
        lines += [f"- [{'x' if ok else ' '}] {_md_escape(text)}" for text, ok in report.checklist]
    if report.notes.strip():
        lines += ["", "## Notes", "", report.notes.strip()]
    return "\n".join(lines) + "\n"
