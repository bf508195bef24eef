"""After the call: outcome, path, what was written down, the next follow-up."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.call.followup import FollowUpWindow
from coach.call.session import CallSession
from coach.tui.report import CallReport, build_report, report_markdown


def _section(title: str) -> Content:
    return Content.styled(title, "bold $accent")


def summary_content(report: CallReport, *, saved: bool = True) -> Content:
    """The whole summary as one piece of content (user text stays plain)."""
    muted = "$text-muted"
    parts: list[Content] = [
        Content.assemble(("Outcome  ", muted), (report.outcome, "bold")),
        Content.assemble(("Duration ", muted), report.duration),
        Content.assemble(("Path     ", muted), " › ".join(report.path)),
    ]
    if not saved:
        parts.append(
            Content.styled("Not saved: the call history could not be written.", "$text-error")
        )
    parts.append(Content(""))
    parts.append(_section("Next follow-up"))
    if report.follow_up_text:
        parts.append(Content(report.follow_up_text))
    elif report.mode == "practice":
        parts.append(Content.styled("Practice call: no follow-up needed.", muted))
    elif report.outcome == "Ended early":
        parts.append(Content.styled("The call ended early: no follow-up computed.", muted))
    else:
        parts.append(Content.styled("None needed after this outcome.", muted))
    parts.append(Content(""))
    parts.append(_section("What you wrote down"))
    if report.captures:
        for line in report.captures:
            value = line.value + (f" ({line.long})" if line.long else "")
            parts.append(Content.assemble((line.prompt, muted), " ", value))
    else:
        parts.append(Content.styled("Nothing captured.", muted))
    if report.checklist:
        parts.append(Content(""))
        parts.append(_section("Checklist"))
        for text, ok in report.checklist:
            mark = ("✔ ", "$text-success") if ok else ("✘ ", "$text-warning")
            parts.append(Content.assemble(mark, text))
    parts.append(Content(""))
    parts.append(_section("Notes"))
    parts.append(
        Content(report.notes) if report.notes.strip() else Content.styled("No notes.", muted)
    )
    return Content("\n").join(parts)


def write_markdown(folder: Path, report: CallReport, stamp: str) -> Path:
    """Write the report atomically as ``call-<stamp>.md`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"call-{stamp}.md"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".call-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(report_markdown(report))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


class SummaryScreen(Screen[None]):
    """The record of a finished call; ``q`` or Enter leaves."""

    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy as Markdown"),
        Binding("m", "save_markdown", "Save .md"),
        Binding("q", "leave", "Done"),
        Binding("enter", "leave", "Done", show=False),
        Binding("escape", "leave", "Done", show=False),
    ]

    def __init__(
        self,
        session: CallSession,
        *,
        today: date,
        export_dir: Path,
        saved: bool = True,
        follow_up: FollowUpWindow | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.report = build_report(session, today, follow_up)
        self.export_dir = export_dir
        self.saved = saved

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary", can_focus=False):
            yield Static(
                Content.styled(f"Call summary · {self.report.title}", "bold"),
                classes="screen-title",
            )
            yield Static(summary_content(self.report, saved=self.saved), id="summary-body")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.report.title
        self.sub_title = "summary"

    def markdown(self) -> str:
        return report_markdown(self.report)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.markdown())
        self.notify("Copied the call record as Markdown.", timeout=3)

    def action_save_markdown(self) -> None:
        stamp = "".join(ch for ch in self.report.started_at[:19] if ch.isalnum() or ch == "-")
        try:
            path = write_markdown(self.export_dir, self.report, stamp or "record")
        except OSError as exc:
            self.notify(f"Could not save the Markdown file: {exc}", severity="error")
            return
        self.notify(f"Saved to {path}", timeout=8)

    def action_leave(self) -> None:
        self.dismiss(None)
