"""One labelled field (text, date, or multiline) with its own hint line.

Used for the details form and for a step's captures. A date field checks the
text as it is typed: a valid ISO date shows its long form, anything else an
error. What the user typed is always kept, valid or not.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static, TextArea

from coach.call.dates import DATE_FORMAT, date_problem, date_words
from coach.call.values import field_problem
from coach.script.model import FieldType
from coach.tui.messages import FieldChanged, FieldDone

#: How a date is written, shown beside date fields.
DATE_HELP = DATE_FORMAT


def date_hint(text: str) -> Content | None:
    """What goes under a date: what is wrong with ``text``, or its long form
    (``Tuesday 3 March 2026``); nothing while it is empty."""
    error = date_problem(text)
    if error is not None:
        return Content.styled(error, "$text-error")
    words = date_words(text)
    return Content.styled(words, "$text-success") if words is not None else None


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
    ) -> None:
        super().__init__(id=widget_id or f"field-{field_id}")
        self.field_id = field_id
        self.kind: FieldType = kind
        self.required = required
        self._prompt = Content(prompt) if isinstance(prompt, str) else prompt
        self._editor: Input | TextArea
        if kind == "multiline":
            self._editor = TextArea(value, soft_wrap=True, compact=compact, classes="field-editor")
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
        if self.kind == "date":
            label = label + Content.styled(f"  ({DATE_HELP})", "$foreground-muted")
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
        """What is wrong with the value (required and empty, or a bad date)."""
        return field_problem(self.value, self.kind, required=self.required)

    def _show_hint(self) -> None:
        hint = self._hint
        text = self.value
        is_date = self.kind == "date"
        self.set_class(is_date and date_problem(text) is not None, "-invalid")
        shown = date_hint(text) if is_date else None
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
