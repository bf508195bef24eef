"""One job: what is known, the next step and why, its calls, its notes, and what to do.

The screen is given a :class:`~coach.tui.jobdesk.JobDesk` and reads the job from
it each time it is shown; every change goes through the desk and the screen
reads the job again.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.call.jobs import Job, suggested_script
from coach.call.jobview import (
    DRAFT_CHOICES,
    call_line,
    job_facts,
    status_words,
    suggested_draft,
)
from coach.store import StoreError
from coach.tui.jobdesk import JobDesk, JobView
from coach.tui.messages import StartCall
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.jobs import capitalised


def title_content(view: JobView) -> Content:
    job = view.job
    parts: list[tuple[str, str] | str] = [(job.company or job.label, "bold")]
    if job.position:
        parts += [("  ·  ", "$text-muted"), (job.position, "bold")]
    parts.append((f"   {status_words(job, view.today)}", "$text-muted"))
    return Content.assemble(*parts)


def facts_content(view: JobView) -> Content:
    facts = job_facts(view.job, view.today)
    if not facts:
        return Content.styled("Nothing else known yet: press e to add the details.", "$text-muted")
    pieces: list[tuple[str, str] | str] = []
    for label, value in facts:
        if pieces:
            pieces.append("    ")
        pieces += [(f"{label} ", "$text-muted"), value]
    return Content.assemble(*pieces)


def step_content(view: JobView) -> Content:
    """The next step in large: what and when, why, and anything still worth doing."""
    step, today = view.step, view.today
    style = "bold $text-warning" if step.is_overdue(today) else "bold"
    lines = [
        Content.assemble(("Next: ", "$text-muted"), (capitalised(view.step_words), style)),
        Content(step.reason),
    ]
    if step.suggestion:
        lines.append(Content.styled(step.suggestion, "italic $text-secondary"))
    return Content("\n").join(lines)


def calls_content(view: JobView) -> Content:
    if not view.calls:
        script = suggested_script(view.calls)
        return Content.styled(
            f"No calls yet. Press c when it is time to call (script: {script}).", "$text-muted"
        )
    blocks: list[Content] = []
    for call in view.calls:
        line = call_line(call, view.today)
        head = Content.assemble(
            (f"{line.when:<11}", "bold"),
            (line.outcome, "$text-warning" if line.unfinished else "bold"),
            (f"   {line.duration}   {line.script}", "$text-muted"),
        )
        rows = [head]
        if line.learned:
            learned = "   ".join(f"{label}: {text}" for label, text in line.learned)
            rows.append(Content.assemble(("  learned  ", "$text-muted"), learned))
        if line.notes:
            rows.append(Content.assemble(("  notes    ", "$text-muted"), line.notes))
        blocks.append(Content("\n").join(rows))
    return Content("\n\n").join(blocks)


def notes_content(job: Job) -> Content:
    if not job.notes.strip():
        return Content.styled("No notes. Press e to write some.", "$text-muted")
    return Content(job.notes.strip())


class JobScreen(Screen[None]):
    """One job and its actions; ``escape`` goes back (home reads the jobs again)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "call", "Call now", tooltip="Start the next call about this job"),
        Binding("e", "edit", "Edit"),
        Binding("h", "heard", "Heard from them", tooltip="They contacted you first"),
        Binding("x", "close_job", "Close", tooltip="It is over: an offer, a no, or you withdrew"),
        Binding(
            "d", "draft", "Draft", tooltip="A thank-you, a check-in or an after-rejection note"
        ),
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
    ]

    def __init__(self, job_id: int, desk: JobDesk) -> None:
        super().__init__()
        self.job_id = job_id
        self.desk = desk
        #: The job as last read (None until then, or when it could not be read).
        self.view: JobView | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="job-page"):
            yield Static("", id="job-title")
            yield Static("", id="job-facts")
            yield Static("", id="job-step")
            yield Static(Content.styled("Calls", "bold"), classes="section-title")
            yield Static("", id="job-calls")
            yield Static(Content.styled("Notes", "bold"), classes="section-title")
            yield Static("", id="job-notes")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.sub_title = "job"

    def on_screen_resume(self) -> None:
        # Shown first, or back from a call, the form or a dialog: read the job again.
        self.refresh_data()

    def refresh_data(self) -> None:
        try:
            view = self.desk.view(self.job_id)
        except StoreError as exc:
            self.notify(f"The job cannot be read: {exc}", severity="error", timeout=10)
            return
        if view is None:
            self.notify(f"There is no job {self.job_id} any more.", severity="warning")
            self.dismiss(None)
            return
        self.view = view
        self.title = view.job.label
        self.query_one("#job-title", Static).update(title_content(view))
        self.query_one("#job-facts", Static).update(facts_content(view))
        step = self.query_one("#job-step", Static)
        step.update(step_content(view))
        step.set_class(view.step.is_overdue(view.today), "-overdue")
        self.query_one("#job-calls", Static).update(calls_content(view))
        self.query_one("#job-notes", Static).update(notes_content(view.job))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        status = self.view.job.status if self.view is not None else None
        if action in ("call", "close_job"):
            return status in ("open", "heard")
        if action == "heard":
            return status == "open"
        if action in ("edit", "draft"):
            return status is not None
        return True

    # --------------------------------------------------------------- actions
    def action_call(self) -> None:
        if self.view is not None:
            self.post_message(StartCall(suggested_script(self.view.calls), job=self.job_id))

    def action_edit(self) -> None:
        from coach.tui.screens.job_form import JobFormScreen

        if self.view is None:
            return
        job_id = self.job_id
        self.app.push_screen(
            JobFormScreen(self.view.job, lambda fields: self.desk.update(job_id, fields)),
        )

    def action_heard(self) -> None:
        from coach.tui.dialogs.job_status import HeardDialog

        if self.view is not None:
            job_id = self.job_id
            self.app.push_screen(
                HeardDialog(self.view.job.label, lambda note: self.desk.mark_heard(job_id, note)),
            )

    def action_close_job(self) -> None:
        from coach.tui.dialogs.job_status import CloseJobDialog

        if self.view is not None:
            job_id = self.job_id
            self.app.push_screen(
                CloseJobDialog(
                    self.view.job.label,
                    lambda outcome, note: self.desk.close(job_id, outcome, note),
                ),
            )

    def action_draft(self) -> None:
        from coach.tui.dialogs.draft import DraftPicker

        if self.view is not None:
            view = self.view
            self.app.push_screen(
                DraftPicker(view.job.label, DRAFT_CHOICES, suggested_draft(view.job, view.calls)),
                self._show_draft,
            )

    def _show_draft(self, kind: str | None) -> None:
        from coach.tui.dialogs.draft import DraftView

        if kind is None:
            return
        try:
            text = self.desk.draft(kind, self.job_id)
        except (StoreError, ValueError) as exc:
            self.notify(f"No draft: {exc}", severity="error", timeout=8)
            return
        name = next((n for k, n, _purpose in DRAFT_CHOICES if k == kind), kind)
        label = self.view.job.label if self.view is not None else ""
        self.app.push_screen(DraftView(f"{name}: {label}", text))

    def action_back(self) -> None:
        self.dismiss(None)


__all__ = ["JobScreen"]
