"""The call details form: the script's variables, filled in before the call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from coach.call.values import REQUIRED, missing_variables, start_value
from coach.script.model import Script
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.messages import FieldDone
from coach.tui.widgets.fields import FieldEditor
from coach.tui.widgets.footer import CoachFooter

if TYPE_CHECKING:
    from coach.store.form_drafts import FormDrafts

#: How often typed values are written through to the draft (seconds).
WRITE_THROUGH_S = 0.5


def _short_prompt(prompt: str) -> str:
    """``Who interviewed you? (the name you will ask for)`` -> ``Who interviewed you?``;
    a prompt that asks no question gets a colon."""
    text = prompt.split(" (", 1)[0].strip()
    return text if text.endswith(("?", ":")) else f"{text}:"


class DetailsScreen(Screen[dict[str, str] | None]):
    """Fill the variables; dismisses with the values, or None to go back.

    Args:
        drafts: where typed values are written through (at most
            :data:`WRITE_THROUGH_S` late), so a killed process keeps them.
        draft: values typed before and never used: offered back on opening.
    """

    CSS_PART = "call"  # styled by the rules a call reads (coach.tui.base.CALL_CSS)

    # The first field asked is focused in on_mount, without Textual's scroll to
    # the centre (which, run before the layout, hid the title and the label).
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "continue", "Continue", priority=True),
        Binding("f2", "show_all", "All fields", priority=True),
        # Priority: focus moves as the key is read, so text typed right after
        # tab lands in the next field, not the one being left.
        Binding("escape", "back", "Back", priority=True),
        Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(
        self,
        script: Script,
        values: Mapping[str, str],
        *,
        drafts: FormDrafts | None = None,
        draft: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.script = script
        self._drafts = drafts
        self._draft = dict(draft or {})
        #: What the draft holds (written through): written again only once it differs.
        self._written: dict[str, str] = {}
        self.values = dict(values)
        #: Only what is still missing is asked; the rest is listed (f2 shows it all).
        self._missing = {var.id for var in missing_variables(script, self.values)}
        #: What the form held when it opened: leaving asks first once it changed.
        self._opened_with: dict[str, str] = {}

    def _known_line(self) -> Content:
        # A value given blank on purpose (``--set ID=``) is known too: as blank.
        known = [
            f"{_short_prompt(var.prompt)} {start_value(var, self.values).strip() or '(blank)'}"
            for var in self.script.variables
            if var.id not in self._missing
        ]
        if not known:
            return Content("")
        return Content.assemble(
            ("Already known: ", "bold"),
            " · ".join(known),
            ("  (f2 to change them)", "$text-muted"),
        )

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="details-form", can_focus=False):
            yield Static(Content.styled(self.script.title, "bold"), classes="screen-title")
            yield Static(
                Content.assemble(
                    "What is still missing for this call, used in what you will say. ",
                    ("*", "bold $error"),
                    " is required.",
                ),
                classes="screen-intro",
            )
            for var in self.script.variables:
                value = start_value(var, self.values)
                editor = FieldEditor(var.id, var.prompt, var.type, value, required=var.required)
                if var.id not in self._missing:
                    editor.add_class("-known")
                yield editor
            # Below what is asked: a long list of known values must not push the
            # first field out of sight.
            known = Static(self._known_line(), id="details-known")
            known.display = bool(self._known_line())
            yield known
            with Horizontal(id="details-buttons"):
                yield Button("Continue (ctrl+s)", id="continue", variant="primary")
                yield Button("Back (esc)", id="back")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.title = self.script.title
        self.sub_title = "call details"
        self._opened_with = self.collect()
        self._written = self._opened_with
        if self._drafts is not None:
            self.set_interval(WRITE_THROUGH_S, self.write_through)
        offered = {k: v for k, v in self._draft.items() if k in self._opened_with}
        if offered and any(self._opened_with[k] != v for k, v in offered.items()):
            self._written = {**self._opened_with, **offered}  # on disk already
            self._offer_draft(offered)
        # The first field still missing takes the focus (never a hidden, known one)
        # and is shown whole, with its label, as near the top as it fits.
        asked = [e for e in self.query(FieldEditor) if not e.has_class("-known")]
        if asked:
            asked[0].editor.focus(scroll_visible=False)
            self.call_after_refresh(self._show_field, asked[0])

    def _show_field(self, editor: FieldEditor) -> None:
        form = self.query_one("#details-form", VerticalScroll)
        form.scroll_home(animate=False, immediate=True)
        form.scroll_to_widget(editor, animate=False, immediate=True)

    def _offer_draft(self, offered: dict[str, str]) -> None:
        question = ConfirmDialog(
            "Put back what you typed before?",
            "These call details were typed and never used (Call Coach was closed "
            "or stopped): " + " · ".join(v for v in offered.values() if v.strip()),
            yes="Put them back",
            no="Start fresh",
        )
        self.app.push_screen(question, lambda yes: self._draft_answered(offered, yes))

    def _draft_answered(self, offered: dict[str, str], yes: bool | None) -> None:
        if yes:
            for editor in self.query(FieldEditor):
                if editor.field_id in offered:
                    editor.set_value(offered[editor.field_id])
                    editor.remove_class("-known")
        elif self._drafts is not None:
            self._drafts.drop(self.script.id)
            self._written = self._opened_with

    def write_through(self) -> None:
        """Write the typed values to the draft if they changed since the last write."""
        values = self.collect()
        if self._drafts is None or values == self._written:
            return
        if self._drafts.write(self.script.id, values=values):
            self._written = values

    def typed(self) -> bool:
        """Something was typed or changed since the form opened."""
        return self.collect() != self._opened_with

    def collect(self) -> dict[str, str]:
        return {editor.field_id: editor.value for editor in self.query(FieldEditor)}

    def problems(self) -> list[tuple[FieldEditor, str]]:
        found: list[tuple[FieldEditor, str]] = []
        for editor in self.query(FieldEditor):
            problem = editor.problem()
            if problem is not None:
                found.append((editor, problem))
        return found

    def action_continue(self) -> None:
        problems = self.problems()
        if problems:
            names = []
            for editor, problem in problems:
                var = self.script.variable(editor.field_id)
                prompt = var.prompt if var else editor.field_id
                names.append(f"{prompt} ({'required' if problem == REQUIRED else 'not a date'})")
            self.notify(
                "Cannot continue yet: " + "; ".join(names),
                title="Call details",
                severity="warning",
            )
            if problems[0][0].has_class("-known"):
                self.action_show_all()
            problems[0][0].focus_editor()
            return
        self.write_through()  # kept until the call starts (through the checklist)
        self.dismiss(self.collect())

    def action_show_all(self) -> None:
        """Show the fields that were already filled too (to change one)."""
        for editor in self.query(FieldEditor):
            editor.remove_class("-known")
        self.query_one("#details-known", Static).display = False

    def action_back(self) -> None:
        """Go back; once something was typed, only after asking (it would be lost)."""
        if not self.typed():
            self.dismiss(None)
            return
        question = ConfirmDialog(
            "Leave the call details?",
            "What you typed here is thrown away.",
            yes="Leave",
            no="Stay and finish",
        )
        # Pushed now, not from a worker: the "y" or "n" typed next answers it.
        self.app.push_screen(question, self._back_answered)

    def _back_answered(self, leave: bool | None) -> None:
        if leave:
            if self._drafts is not None:
                self._drafts.drop(self.script.id)
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "continue":
            self.action_continue()
        else:
            self.action_back()

    def on_field_done(self, event: FieldDone) -> None:
        event.stop()
        self.focus_next()
