"""The prep checklist: tick what is ready, read why on demand, start the call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from coach.call.checklist import checklist_items, ticks_of, unticked_required
from coach.script.model import ChecklistItem, Script
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.widgets.checklist import Checklist
from coach.tui.widgets.footer import CoachFooter


def _prompt(item: ChecklistItem) -> Content:
    text = Content(item.text)
    if item.required:
        text = text + Content.styled(" *", "bold $error")
    if item.why:
        text = text + Content.styled("  (?)", "$text-muted")
    return text


class PrepScreen(Screen[dict[str, bool] | None]):
    """Dismisses with the ticks (item id -> ticked), or None to go back."""

    CSS_PART = "call"  # styled by the rules a call reads (coach.tui.base.CALL_CSS)

    # Priority bindings, all of them: the app runs each as it reads the key,
    # so fast typing ("space down space s") keeps its order. Nothing on this
    # screen takes text, so no key is ever meant for a field.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("space", "tick", "Tick", key_display="space", priority=True),
        Binding("question_mark", "why", "Why?", key_display="?", priority=True),
        Binding("w", "why", "Why?", show=False, priority=True),
        Binding("s", "start", "Start call", priority=True),
        Binding("escape", "back", "Back", priority=True),
    ]

    def __init__(
        self,
        script: Script,
        ticks: Mapping[str, bool] | None = None,
        *,
        timing: str | None = None,
        too_early: bool = False,
        mode: str = "live",
        keep: Callable[[dict[str, bool]], object] | None = None,
    ) -> None:
        super().__init__()
        self.script = script
        #: Writes the ticks through on every change (a killed process keeps them).
        self._keep = keep
        #: ``practice`` leaves out the items only a live call needs.
        self.mode = mode
        self.items = checklist_items(script, mode)
        #: For a call on a job: whether today is the day to call, and why.
        self._timing = timing
        self._too_early = too_early
        self._ticks = dict(ticks or {})
        self._why_open = False

    def compose(self) -> ComposeResult:
        with Vertical(id="prep"):
            yield Static(Content.styled("Before you call", "bold"), classes="screen-title")
            yield Static(
                Content.assemble(
                    "Tick what is ready. ",
                    ("*", "bold $error"),
                    " must be ready; ",
                    ("(?)", "$text-muted"),
                    " has a reason: press ? to read it.",
                ),
                classes="screen-intro",
            )
            if self._timing:
                yield Static(
                    Content.styled(self._timing, "bold $text-warning" if self._too_early else ""),
                    id="prep-timing",
                    classes="-too-early" if self._too_early else "",
                )
            yield Checklist(
                *[
                    Selection(_prompt(item), item.id, bool(self._ticks.get(item.id)))
                    for item in self.items
                ],
                id="checklist",
            )
            yield Static("", id="why")
            yield Static("", id="prep-status")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.title = self.script.title
        self.sub_title = "prep checklist"
        checklist = self.query_one("#checklist", SelectionList)
        checklist.highlighted = 0
        checklist.focus()
        self.query_one("#why", Static).display = False
        self._show_status()

    @property
    def checklist(self) -> SelectionList[str]:
        return self.query_one("#checklist", SelectionList)

    def ticks(self) -> dict[str, bool]:
        return ticks_of(self.script, self.checklist.selected, self.mode)

    def _current_item(self) -> ChecklistItem | None:
        index = self.checklist.highlighted
        if index is None or not 0 <= index < len(self.items):
            return None
        return self.items[index]

    def _missing(self) -> list[ChecklistItem]:
        return unticked_required(self.script, self.ticks(), self.mode)

    def _show_status(self) -> None:
        ticks = self.ticks()
        done = sum(ticks.values())
        missing = self._missing()
        parts: list[tuple[str, str] | str] = [f"{done} of {len(ticks)} ready."]
        if missing:
            parts.append((f"  {len(missing)} required not ticked.", "$text-warning"))
        parts.append(("  Press s to start the call.", "$text-muted"))
        self.query_one("#prep-status", Static).update(Content.assemble(*parts))

    def _show_why(self) -> None:
        why = self.query_one("#why", Static)
        item = self._current_item()
        why.display = self._why_open
        if not self._why_open or item is None:
            return
        text = item.why or "No reason is given for this one."
        why.update(Content.assemble(("Why: ", "bold $accent"), text))

    @on(SelectionList.SelectedChanged)
    def _ticked(self) -> None:
        self._show_status()
        if self._keep is not None and self.is_mounted:
            self._keep(self.ticks())

    def dismiss(self, result: dict[str, bool] | None = None) -> AwaitComplete:
        # No more drafts once answered: a tick's message still on its way would
        # write the draft again after the call started and dropped it (seen in
        # tmux: the next call opened with every box ticked).
        self._keep = None
        return super().dismiss(result)

    @on(SelectionList.SelectionHighlighted)
    def _moved(self) -> None:
        self._show_why()

    def action_move(self, step: int) -> None:
        if step < 0:
            self.checklist.action_cursor_up()
        else:
            self.checklist.action_cursor_down()

    def action_tick(self) -> None:
        self.checklist.action_select()

    def action_why(self) -> None:
        self._why_open = not self._why_open
        self._show_why()

    def action_start(self) -> None:
        missing = self._missing()
        if not missing:
            self.dismiss(self.ticks())
            return
        names = "; ".join(item.text for item in missing)
        # Pushed now, not awaited in a worker: the "y" or "n" typed next answers it.
        self.app.push_screen(
            ConfirmDialog(
                "Start without everything required?",
                f"Not ticked: {names}",
                yes="Start anyway",
                no="Keep preparing",
            ),
            self._confirmed,
        )

    def _confirmed(self, yes: bool | None) -> None:
        if yes:
            self.dismiss(self.ticks())

    def action_back(self) -> None:
        self.dismiss(None)
