"""The job form: add a job, or edit one. Nothing typed is lost: a failed save
keeps the form, and what is typed is written through to a draft (every half
second when it changed) that the next opening of the same form offers back
after a kill or a closed terminal; saving or dropping the changes forgets it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from coach import locations
from coach.call.jobform import (
    JOB_FORM_FIELDS,
    JobFields,
    form_problems,
    form_values,
    is_changed,
    read_form,
)
from coach.call.jobs import Job
from coach.store import StoreError
from coach.store.form_drafts import FormDrafts
from coach.tui.messages import FieldChanged, FieldDone
from coach.tui.widgets.fields import FieldEditor
from coach.tui.widgets.footer import CoachFooter

#: Saves the form's fields and returns the job as stored (raises ``StoreError``).
SaveJob = Callable[[JobFields], Job]

#: How often typed values are written through to the form's draft (seconds).
WRITE_THROUGH_S = 0.5


class JobFormScreen(Screen[Job | None]):
    """The job's fields; dismisses with the saved job, or None when the user leaves.

    ``ctrl+s`` saves; ``enter`` in a one-line field moves to the next one.
    ``escape`` asks first when something was typed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
        # Priority: focus moves as the key is read, so text typed right after
        # tab lands in the next field.
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, job: Job | None, save: SaveJob, drafts: FormDrafts | None = None) -> None:
        super().__init__()
        self.job = job
        self._save = save
        self._start = form_values(job)
        self._asking = False
        self._drafts = drafts if drafts is not None else FormDrafts(locations.data_dir() / "drafts")
        self._draft_id = "new" if job is None else str(job.id)
        #: The values as last written to the draft (the start: nothing to write).
        self._written = dict(self._start)
        #: Saved or dropped: the timer writes no draft any more.
        self._answered = False

    def compose(self) -> ComposeResult:
        title = "Add a job" if self.job is None else f"Edit {self.job.label}"
        with VerticalScroll(id="job-form", can_focus=False):
            yield Static(Content.styled(title, "bold"), classes="screen-title")
            yield Static(
                Content.assemble(
                    "What you know about the job; only the company is needed (",
                    ("*", "bold $error"),
                    "). The dates decide when Call Coach suggests you call.",
                ),
                classes="screen-intro",
            )
            yield Static("", id="form-message")
            for form_field in JOB_FORM_FIELDS:
                yield FieldEditor(
                    form_field.id,
                    form_field.prompt,
                    form_field.kind,
                    self._start[form_field.id],
                    required=form_field.required,
                    compact=True,
                    keeps=False,  # a job keeps days, not text
                )
            with Horizontal(id="form-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.sub_title = "job"
        self.query_one("#form-message", Static).display = False
        self.editors()[0].focus_editor()
        # Focus scrolls the form to the field; the title above it stays in view.
        self.call_after_refresh(self.query_one("#job-form").scroll_home, animate=False)
        self.set_interval(WRITE_THROUGH_S, self.write_through)
        draft = self._drafts.read(self._draft_id, kind="job")
        offered = {k: v for k, v in (draft.values if draft else {}).items() if k in self._start}
        if offered and is_changed({**self._start, **offered}, self._start):
            self._written = {**self._start, **offered}  # on disk already
            self._offer_draft(offered)

    def _offer_draft(self, offered: dict[str, str]) -> None:
        from coach.tui.dialogs.confirm import ConfirmDialog

        self._asking = True
        shown = " · ".join(v for k, v in offered.items() if v.strip() and v != self._start[k])
        self.app.push_screen(
            ConfirmDialog(
                "Put back what you typed before?",
                "This job form was left unsaved (Call Coach was closed or stopped): " + shown,
                yes="Put it back",
                no="Start fresh",
            ),
            lambda yes: self._draft_answered(offered, yes),
        )

    def _draft_answered(self, offered: dict[str, str], yes: bool | None) -> None:
        self._asking = False
        if yes:
            for editor in self.editors():
                if editor.field_id in offered:
                    editor.set_value(offered[editor.field_id])
        else:
            self._drafts.drop(self._draft_id, kind="job")
            self._written = dict(self._start)

    def write_through(self) -> None:
        """Write the typed values to the draft if they changed since the last write."""
        if self._answered:
            return
        values = self.values()
        if values == self._written:
            return
        if not is_changed(values, self._start):
            self._drafts.drop(self._draft_id, kind="job")
            self._written = values
        elif self._drafts.write(self._draft_id, values=values, kind="job"):
            self._written = values

    def dismiss(self, result: Job | None = None) -> AwaitComplete:
        # Saved or left: a tick of the write-through timer before the screen is
        # gone would write the draft again after it was dropped (seen in CI:
        # the draft of a saved job was still there).
        self._answered = True
        return super().dismiss(result)

    def editors(self) -> list[FieldEditor]:
        return list(self.query(FieldEditor))

    def values(self) -> dict[str, str]:
        return {editor.field_id: editor.value for editor in self.editors()}

    def show_message(self, message: str) -> None:
        """Say why the job is not saved: above the fields, and as a notice (seen wherever
        the form is scrolled to)."""
        shown = self.query_one("#form-message", Static)
        shown.update(Content.styled(message, "$text-error"))
        shown.display = bool(message)
        if message:
            self.notify(message, title="Job not saved", severity="warning", timeout=8)

    def action_save(self) -> None:
        values = self.values()
        problems = form_problems(values)
        for editor in self.editors():
            problem = problems.get(editor.field_id)
            if problem is not None:
                editor.show_problem(problem)
            elif editor.kind != "date":
                editor.set_class(False, "-invalid")  # a date field marks itself as typed
        if problems:
            self.show_message(" ".join(problems.values()))
            first = next(e for e in self.editors() if e.field_id in problems)
            first.focus_editor()
            # Once the message above has moved the fields down, the field is shown whole.
            self.call_after_refresh(first.scroll_visible, animate=False)
            return
        try:
            job = self._save(read_form(values))
        except StoreError as exc:
            self.show_message(f"{exc} What you typed is still here; ctrl+s tries again.")
            return
        self._drafts.drop(self._draft_id, kind="job")
        self.dismiss(job)

    def typed(self) -> bool:
        """Something was typed or changed since the form opened (not saved yet)."""
        return is_changed(self.values(), self._start)

    def action_cancel(self) -> None:
        if self._asking:
            return
        if not self.typed():
            self.dismiss(None)
            return
        from coach.tui.dialogs.confirm import ConfirmDialog

        self._asking = True
        self.app.push_screen(
            ConfirmDialog(
                "Drop what you typed?",
                "The job is not saved; leaving now loses your changes.",
                yes="Drop it",
                no="Keep editing",
            ),
            self._cancel_answered,
        )

    def _cancel_answered(self, drop: bool | None) -> None:
        self._asking = False
        if drop:
            self._drafts.drop(self._draft_id, kind="job")
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_field_changed(self, event: FieldChanged) -> None:
        event.stop()
        editor = self.query_one(f"#field-{event.field_id}", FieldEditor)
        if editor.kind != "date":
            editor.set_class(False, "-invalid")  # a date field marks itself as it is typed

    def on_field_done(self, event: FieldDone) -> None:
        event.stop()
        self.focus_next()


__all__ = ["JobFormScreen", "SaveJob"]
