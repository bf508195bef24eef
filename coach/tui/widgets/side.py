"""The call screen's side column: what you learn during the call.

The step's capture fields (drawn as text, or the real editors while you
type), then your notes (drawn as text too until you first type in them); in
their place while open, the quick answers. A
notice (the script file changed) shows at its top, so it never covers what
to say or the choices. The column sits beside the step on a wide screen and
under it on a narrow one, where ``call_rows.plan`` sets its rows.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Label, Static

from coach.call.session import CallSession
from coach.tui.widgets.answers import AnswersPanel
from coach.tui.widgets.call_rows import Rows
from coach.tui.widgets.captures import CapturesPanel

if TYPE_CHECKING:
    # Imported with the first fields built (the first ``tab`` at a step with
    # some), and with the notes' editor (the first ``n``).
    from textual.widgets import TextArea

    from coach.tui.widgets.fields import FieldEditor


class NotesView(Static):
    """The notes as text, in the place of their editor until it is first asked
    for (``n``, or a click here): a call where no note is typed never imports
    Textual's ``TextArea`` (1.2 MB of a call's 46, with its document and
    syntax modules)."""

    class Open(Message):
        """The user clicked the notes: open their editor."""

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Open())


class CallSide(Vertical):
    """The fields, the notes, the quick answers and a notice, for one call."""

    def __init__(self, session: CallSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.captures_view = CapturesPanel(id="capture-view")
        self.answers = AnswersPanel(id="answers-panel")
        self.notice = Static("", id="call-notice")
        #: The message of the notice shown, if one is.
        self.notice_text: str | None = None
        self._notice_timer: Timer | None = None
        #: The capture fields built so far: those of the steps where ``tab``
        #: was pressed (see ``_editors_for``).
        self.editors: list[FieldEditor] = []
        #: The capture fields of each step built, by step id.
        self._editors_at: dict[str, list[FieldEditor]] = {}
        #: Their mounts not awaited yet, by step id.
        self._mounting: dict[str, AwaitMount] = {}
        #: The fields are being edited: the real editors replace the panel.
        self.editing = False
        self.notes_view = NotesView(Content(session.notes), id="notes-view")
        #: The notes' editor, once built (``open_notes``).
        self.notes: TextArea | None = None
        self._notes_mounted: asyncio.Event | None = None

    def compose(self) -> ComposeResult:
        self.notice.display = False
        yield self.notice
        yield self.captures_view
        # The real fields, shown in the panel's place while the user types;
        # built the first time they are asked for (``step_editors_ready``).
        captures = VerticalScroll(id="captures", can_focus=False)
        captures.display = False
        yield captures
        self.answers.display = False
        yield self.answers
        yield Label("Notes (n)", id="notes-label")
        yield self.notes_view

    async def open_notes(self) -> TextArea:
        """The notes' editor, built and mounted in the place of their text the
        first time it is asked for; the keys typed after ``n`` wait for it (in
        the app's queue), so they land in the notes, in order."""
        if self._notes_mounted is None:
            # Keys typed into a long note cost what they cost in a short one (source_fast).
            from coach.tui.widgets.source_fast import QuickTextArea

            self._notes_mounted = asyncio.Event()
            editor = QuickTextArea(self.session.notes, id="notes", soft_wrap=True, compact=True)
            editor.display = self.notes_view.display
            self.notes = editor
            try:
                await self.mount(editor, after=self.notes_view)
                await self.notes_view.remove()
                editor.move_cursor(editor.document.end)  # a note is added to at its end
            finally:  # a second n, or a click, never waits for good
                self._notes_mounted.set()
        await self._notes_mounted.wait()
        assert self.notes is not None
        return self.notes

    # ---------------------------------------------------------------- fields
    def _editors_for(self, node_id: str) -> list[FieldEditor]:
        """The capture fields of step ``node_id``, built the first time they are
        asked for there (not mounted: the caller mounts them).

        Until then the panel draws the fields as text: a script of 10,000
        steps with 1,000 captures built them all at start-up, about 20 ms each
        (24 s before the first step showed, and 1.3 GB); built on arrival at
        each step, the fields of a call on the bundled follow-up script were
        20 hidden widgets never shown unless ``tab`` was pressed.
        """
        built = self._editors_at.get(node_id)
        if built is not None:
            return built
        from coach.tui.widgets.fields import FieldEditor

        node = self.session.script.nodes.get(node_id)
        editors = []
        for capture in node.capture if node is not None else ():
            editor = FieldEditor(
                capture.id,
                self.session.render(capture.prompt),
                capture.type,
                self.session.captures.get(capture.id, ""),
                compact=True,
                widget_id=f"capture-{node_id}-{capture.id}",
                today=self.session.day,  # "tomorrow" is the day after the call's
            )
            editor.display = False
            editors.append(editor)
        self._editors_at[node_id] = editors
        self.editors.extend(editors)
        return editors

    def _mount_step_editors(self) -> None:
        """Build and mount the fields of the step the call is on, if it has
        some not built yet (``step_editors_ready`` waits for their mount)."""
        node_id = self.session.current
        if node_id in self._editors_at or not self.is_mounted:
            return
        editors = self._editors_for(node_id)
        if editors:
            self._mounting[node_id] = self.query_one("#captures", VerticalScroll).mount_all(editors)

    async def step_editors_ready(self) -> list[FieldEditor]:
        """The step's capture fields, built and mounted: ``tab`` waits here for
        them, and the keys typed after it wait in the app's queue, so they
        land in the field, in order."""
        self._mount_step_editors()
        pending = self._mounting.pop(self.session.current, None)
        if pending is not None:
            await pending
        return self.step_editors

    @property
    def step_editors(self) -> list[FieldEditor]:
        """The capture fields of the step the call is on (once built: none before
        the first ``tab`` there)."""
        return self._editors_at.get(self.session.current, [])

    def show_captures(self, *, narrow: bool) -> None:
        """The step's fields, drawn in the panel (no widget is shown or hidden
        on a move: that would cost a layout pass)."""
        self.captures_view.show(self.session)
        # Narrow, the notes are set apart from the fields at steps that have
        # some. Restyling the column costs more than the move: only then.
        wanted = narrow and bool(self.session.node.capture)
        if self.has_class("-fields") != wanted:
            self.set_class(wanted, "-fields")

    def edit_fields(self, editing: bool) -> bool:
        """Swap the fields panel for the step's real fields (``tab``), or
        back; True if that changed.

        While editing, the editors shown are always this step's: a ``tab``
        right after a move may come before the focus change of the ``esc``
        before it has been followed (deferred a frame), so the side may still
        be editing the previous step's fields; it then swaps them, instead of
        sending the typing into a hidden field.
        """
        changed = editing != self.editing
        self.editing = editing
        if editing:
            here = self.step_editors
            for editor in self.editors:
                shown = editor in here
                if shown and (changed or not editor.display):
                    editor.set_value(self.session.captures.get(editor.field_id, ""))
                if editor.display != shown:
                    editor.display = shown
                    changed = True
        elif changed:
            self.captures_view.show(self.session)  # with what was typed
        return changed

    async def rebuild_captures(self, *, narrow: bool) -> None:
        """After a reload: the steps and their captures may have changed.

        The old editors are gone before new ones (same ids) are built, at the
        next ``tab`` (or now, if the fields are being edited).
        """
        box = self.query_one("#captures", VerticalScroll)
        self._mounting.clear()
        await box.remove_children()  # only the fields are in it
        self.editors = []
        self._editors_at = {}
        self.show_captures(narrow=narrow)
        if self.editing:
            await self.step_editors_ready()

    # ----------------------------------------------------------------- parts
    def show_parts(self, *, answers: bool, notes_only: bool, fields_only: bool) -> None:
        """The quick answers, or the fields (as text, or their editors) and
        the notes; a short screen shows only the part asked for."""
        self.answers.display = answers
        self.captures_view.display = not answers and not self.editing and not notes_only
        self.query_one("#captures").display = not answers and self.editing
        for part in self.query("#notes-label, #notes-view, #notes"):
            part.display = not answers and not fields_only

    def fit(self, rows: Rows) -> None:
        """Take the rows ``plan`` gave the column (under the step), or none
        set (beside it, where CSS shares the column out)."""
        self.display = rows.side_shown
        boxes = (self.captures_view, self.query_one("#captures"))
        if rows.side_max is None:
            self.styles.max_height = None
            for box in boxes:
                box.styles.max_height = None
            self.answers.styles.height = "1fr"
            return
        self.styles.max_height = rows.side_max
        for box in boxes:
            box.styles.max_height = rows.fields_max
        self.answers.styles.height = max(1, rows.side_max - 1 - self.notice_rows)

    # ---------------------------------------------------------------- notice
    def show_notice(
        self, message: str, severity: str, seconds: float, changed: Callable[[], None]
    ) -> None:
        """``message`` at the top of the column for ``seconds``; ``changed``
        is called when it shows and when it goes (the rows change)."""
        if self._notice_timer is not None:
            self._notice_timer.stop()
        self.notice_text = message
        self.notice.update(Content.assemble(("Script changed", "bold"), "\n", Content(message)))
        self.notice.set_class(severity != "information", "-warning")
        self.notice.display = True

        def hide() -> None:
            self._notice_timer = None
            self.notice_text = None
            self.notice.display = False
            changed()

        self._notice_timer = self.set_timer(seconds, hide)
        self.call_after_refresh(changed)

    @property
    def notice_rows(self) -> int:
        """Rows the notice takes (0 when none shows; before it is laid out, a guess)."""
        if not self.notice.display:
            return 0
        return self.notice.outer_size.height or 3
