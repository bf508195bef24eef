"""One labelled field (text, date, or multiline) with its own hint line.

Used for the details form, the job form and a step's captures. A date field
takes what people say ("tomorrow", "next Monday", "14 Dec", ISO) and shows the
day it understood under the text at once, as a person says it (``Friday 4
December``); text that names no day is kept as typed and gently flagged, never
refused (the job form, which keeps dates and not text, refuses it on save).
What the user typed is always kept and always visible.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from coach.call.saydate import DATE_EXAMPLES, read_date
from coach.call.values import field_problem
from coach.script.model import FieldType
from coach.tui.messages import FieldChanged, FieldDone
from coach.tui.widgets.datehint import date_hint
from coach.tui.widgets.source_fast import QuickTextArea

#: What a date field may hold, shown in it while it is empty.
DATE_HELP = DATE_EXAMPLES


class FieldEditor(Vertical):
    """A prompt, an editor for one value, and a hint or error line below it."""

    DEFAULT_CLASSES = "field"

    def __init__(
        self,
        field_id: str,
        prompt: Content | str,
        kind: FieldType = "text",
        value: str = "",
        *,
        required: bool = False,
        compact: bool = False,
        widget_id: str | None = None,
        today: date | None = None,
        keeps: bool = True,
    ) -> None:
        """``today`` is the day a date is said on (the call's; by default the real
        one); ``keeps`` is False where text that names no day cannot be kept (the
        job form's dates): it is then shown as a problem."""
        super().__init__(id=widget_id or f"field-{field_id}")
        self.field_id = field_id
        self.kind: FieldType = kind
        self.required = required
        self.today = today
        self.keeps = keeps
        self._prompt = Content(prompt) if isinstance(prompt, str) else prompt
        self._editor: Input | TextArea
        if kind == "multiline":
            self._editor = QuickTextArea(
                value, soft_wrap=True, compact=compact, classes="field-editor"
            )
        else:
            self._editor = Input(
                value,
                placeholder=DATE_HELP if kind == "date" else "",
                select_on_focus=False,
                compact=compact,
                classes="field-editor",
            )
        self._hint = Static("", classes="field-hint")
        self.set_class(compact, "-compact")

    def compose(self) -> ComposeResult:
        label = self._prompt
        if self.required:
            label = label + Content.styled(" *", "bold $error")
        yield Label(label, classes="field-label")
        yield self._editor
        yield self._hint

    def on_mount(self) -> None:
        self._show_hint()

    @property
    def editor(self) -> Input | TextArea:
        return self._editor

    @property
    def value(self) -> str:
        editor = self.editor
        return editor.text if isinstance(editor, TextArea) else editor.value

    def problem(self) -> str | None:
        """What stops the value (required and empty), or None: a date field takes
        any text, kept as typed."""
        return field_problem(self.value, self.kind, required=self.required)

    def _show_hint(self) -> None:
        hint = self._hint
        text = self.value
        is_date = self.kind == "date"
        shown = date_hint(text, self.today, keeps=self.keeps) if is_date else None
        refused = is_date and not self.keeps and read_date(text, self.today or date.today()).no_date
        self.set_class(refused, "-invalid")
        hint.update(shown or "")
        hint.display = shown is not None

    def show_problem(self, message: str) -> None:
        """Mark the field and say what is wrong under it (until the value changes)."""
        self.set_class(True, "-invalid")
        self._hint.update(Content.styled(message, "$text-error"))
        self._hint.display = True

    def _changed(self, value: str) -> None:
        self._show_hint()
        self.post_message(FieldChanged(self.field_id, value))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._changed(event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._changed(event.text_area.text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(FieldDone(self.field_id))

    def focus_editor(self) -> None:
        self.editor.focus()

    def set_value(self, value: str) -> None:
        """Show ``value`` (a capture typed at another step with the same id)."""
        if value == self.value:
            return
        editor = self.editor
        if isinstance(editor, TextArea):
            editor.load_text(value)
        else:
            editor.value = value
