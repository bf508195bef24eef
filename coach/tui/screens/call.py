"""The live call: what to say now, where to go next, one key per move.

The screen renders a ``CallSession`` and forwards keys to it. Every move is
written to the store at once; typing (captures, notes) at most a second late.
Fields never take focus on their own, so digits and letters always navigate
unless the user chose to type (``tab`` or ``n``; ``escape`` leaves).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from coach.call.ending import EndChoice, EndStatus, end_choices, end_with
from coach.call.reload import CallReloader
from coach.call.session import CallSession, SessionError
from coach.call.titles import scenario_title
from coach.store.recorder import CallRecorder
from coach.tui.dialogs.answers import AnswersDialog
from coach.tui.dialogs.end_call import EndCallDialog
from coach.tui.messages import FieldChanged, FieldDone
from coach.tui.text import id_words
from coach.tui.widgets.fields import FieldEditor
from coach.tui.widgets.keybar import KeyBar
from coach.tui.widgets.step import CapturesPanel, ChoicesPanel, StepView

#: How often typed text is checked for saving, and the clock redrawn (seconds).
TICK = 0.5

#: Below these sizes the call screen switches to its compact layout.
NARROW_WIDTH = 100
SHORT_HEIGHT = 20


def practice_sub_title(session: CallSession) -> str:
    """``live call``, or ``practice: <scenario title>`` for a rehearsal."""
    if session.mode != "practice":
        return "live call"
    title = scenario_title(session.scenario, in_sentence=True)
    return f"practice{' (solo)' if session.solo else ''}: {title}"


class CallScreen(Screen[CallSession]):
    """One call, step by step. Dismisses with the session once it is over."""

    AUTO_FOCUS = ""
    # Every key here is a priority binding: the app runs it the moment it
    # reads the key, before it routes the keys typed after it, so fast input
    # keeps its order (a "tab" then "2026-12-04" lands in the field, a "q"
    # then "n" answers the question). While a field has focus, check_action
    # turns them all off except tab and escape, and the keys go to the field.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose('1')", "Choose", key_display="1-9", id="choose", priority=True),
        *[Binding(str(i), f"choose('{i}')", show=False, priority=True) for i in range(2, 10)],
        Binding("enter", "advance", "Continue", key_display="⏎", id="continue", priority=True),
        Binding("b", "back", "Back", id="back", priority=True),
        Binding("backspace", "back", "Back", show=False, priority=True),
        Binding("tab", "next_field(1)", "Fields", id="fields", priority=True),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False, priority=True),
        Binding("n", "notes", "Notes", id="notes", priority=True),
        Binding("escape", "leave_field", "Leave field", id="leave_field", priority=True),
        Binding("a", "answers", "Answers", id="answers", priority=True),
        Binding("q", "end_call", "End", id="end_call", priority=True),
    ]

    def __init__(
        self,
        session: CallSession,
        recorder: CallRecorder,
        *,
        on_tick: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.recorder = recorder
        self._on_tick = on_tick
        self._side_keys = session.side_flow_keys()
        #: Every capture field of the script (see ``_capture_editors``).
        self._editors: list[FieldEditor] = []
        #: The session version whose next moves are laid out (``_prepare_moves``).
        self.prepared_for: int | None = None
        #: What to say now (with the path and clock), and where to go next.
        self._step = StepView(id="step")
        self._step.show_partner = session.solo
        self._choices = ChoicesPanel(id="choices")
        self._captures_view = CapturesPanel(id="capture-view")
        #: What you learn: the fields, then the notes.
        self._side = Vertical(id="call-side")
        #: The fields are being edited: the real editors replace the panel.
        self._editing = False
        #: A compact layout (narrow or short): see ``_fit``.
        self._compact = False
        #: The capture fields of each step, by step id.
        self._editors_at: dict[str, list[FieldEditor]] = {}
        for key, node_id in self._side_keys.items():
            self._bindings.bind(
                key, f"side_flow('{key}')", id_words(node_id), show=False, priority=True
            )
        #: Watches the script's file: a change on disk is taken in at the same step.
        self._reloader = CallReloader(session)

    @property
    def solo(self) -> bool:
        """Solo practice: the app plays the other side, so its lines are shown."""
        return self.session.solo

    # ----------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        # Few containers on purpose: a move repaints lines of the step and
        # choices panels, and every container around them is drawn again too.
        # What you learn sits to the side (below, when the screen is narrow):
        # the step's capture fields, then the notes. On a wide screen the
        # fields have a fixed share of that column, so showing another step's
        # fields never resizes the step or the notes.
        with self._side:
            yield self._captures_view
            # The real fields, shown in the panel's place while the user types.
            with VerticalScroll(id="captures", can_focus=False) as captures:
                captures.display = False
                self._editors = self._capture_editors()
                yield from self._editors
            yield Label("Notes (n)", id="notes-label")
            yield TextArea(self.session.notes, id="notes", soft_wrap=True, compact=True)
        yield self._step
        yield self._choices
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.title = self.session.script.title
        self.sub_title = practice_sub_title(self.session)
        self._fit(self.app.size.width, self.app.size.height)
        self.show_step()
        self.query_one(KeyBar).refresh_keys()
        self.call_after_refresh(self._fit_panels)
        self.recorder.start(self.session)
        self.set_interval(TICK, self._tick)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)
        self.call_after_refresh(self._fit_panels)

    def _fit_panels(self) -> None:
        """Size the choices for the step that has the most, once the width is known."""
        self._choices.fit_script(self.session)
        self._prepare_after_frame()  # laid out for the new width: prepare for it too

    def _fit(self, width: int, height: int) -> None:
        """Pick the layout for the terminal's size.

        Narrow (the notes go under the step) or short, the layout is compact:
        the choices and the fields take only the rows their step needs, so the
        step keeps its room (a move may then cost a layout pass); short, the
        tips are left out too.
        """
        narrow = width < NARROW_WIDTH
        short = height < SHORT_HEIGHT
        compact = narrow or short
        self.set_class(narrow, "-narrow")
        self.set_class(short, "-short")
        self._compact = compact
        changed = (
            self._captures_view.compact != compact
            or self._choices.spaced == compact
            or self._step.show_tips == short
        )
        self._captures_view.compact = compact
        self._choices.spaced = not compact
        self._step.show_tips = not short
        if self.is_mounted:
            self._mark_fields()
            if changed:
                self.show_step()
                self.call_after_refresh(self._fit_panels)

    # ------------------------------------------------------------- rendering
    def show_step(self) -> None:
        """Bring every widget up to date with the session (in place, no recompose)."""
        self._step.show(self.session)
        self._choices.show(self.session)
        self._show_captures()
        self._prepare_after_frame()

    def _prepare_after_frame(self) -> None:
        """Prepare the next moves once the frame is out and what else waits for
        it (the save) is done: queued, not run in the frame's own callbacks."""
        self.call_after_refresh(self.call_later, self._prepare_moves, self.session.version)

    def _prepare_moves(self, version: int) -> None:
        """Once the step is on screen: lay out the steps one key can lead to,
        so the next move only has to swap lines."""
        if self.session.version == version and not self.session.finished and self.is_attached:
            self._step.prepare(self.session)
            self._choices.prepare(self.session)
            self._captures_view.prepare(self.session)
            if self._step.line_width > 0:
                self.prepared_for = version

    def _capture_editors(self) -> list[FieldEditor]:
        """An editor for every capture of every step, each shown only at its step.

        They are all built with the screen, so ``tab`` focuses a field that is
        already there: keys typed right after it can never beat a mount.
        """
        editors = []
        self._editors_at = {}
        for node in self.session.script.nodes.values():
            for capture in node.capture:
                editor = FieldEditor(
                    capture.id,
                    self.session.render(capture.prompt),
                    capture.type,
                    self.session.captures.get(capture.id, ""),
                    compact=True,
                    widget_id=f"capture-{node.id}-{capture.id}",
                    today=self.session.day,  # "tomorrow" is the day after the call's
                )
                editor.display = False
                editors.append(editor)
                self._editors_at.setdefault(node.id, []).append(editor)
        return editors

    @property
    def _step_editors(self) -> list[FieldEditor]:
        """The capture fields of the step the call is on."""
        return self._editors_at.get(self.session.current, [])

    def _show_captures(self) -> None:
        """The step's fields, drawn in the panel (no widget is shown or hidden
        on a move: that would cost a layout pass)."""
        self._captures_view.show(self.session)
        self._mark_fields()

    def _edit_fields(self, editing: bool) -> None:
        """Swap the fields panel for the step's real fields (``tab``), or back."""
        if editing == self._editing:
            return
        self._editing = editing
        if editing:
            here = self._step_editors
            for editor in self._editors:
                shown = editor in here
                if shown:
                    editor.set_value(self.session.captures.get(editor.field_id, ""))
                if editor.display != shown:
                    editor.display = shown
        else:
            self._captures_view.show(self.session)  # with what was typed
        self.query_one("#captures").display = editing
        self._captures_view.display = not editing

    def _mark_fields(self) -> None:
        """The narrow and short layouts show the fields' box only at steps that
        have fields (a class on the side column). Restyling that column costs
        more than the move, so the wide layout, which does not use it, skips it."""
        wanted = self._compact and bool(self._step_editors)
        if self._side.has_class("-fields") != wanted:
            self._side.set_class(wanted, "-fields")

    async def _rebuild_captures(self) -> None:
        """After a reload: the steps and their captures may have changed.

        The old editors are gone before the new ones (same ids) are mounted.
        """
        box = self.query_one("#captures", VerticalScroll)
        await box.remove_children(FieldEditor)
        self._editors = self._capture_editors()
        await box.mount_all(self._editors)
        self._show_captures()

    def _tick(self) -> None:
        if self.session.finished:
            return
        self._step.show_clock(self.session)
        self.recorder.save_if_changed(self.session)
        self._hot_reload()
        if self._on_tick is not None:
            self._on_tick()

    # ------------------------------------------------------------ hot reload
    def _hot_reload(self) -> None:
        """Take in the script file if it changed on disk (one ``stat`` per tick)."""
        if self._typing():
            return  # redrawing would take the field away; a tick after typing does it
        result = self._reloader.check(self.session)
        if result is None:
            return
        if result.reloaded:
            self.title = self.session.script.title
            self._rebind_side_flows()
            self.recorder.save(self.session)
            # What is sized or listed from the whole script: choices, side-flow keys.
            self.query_one(KeyBar).refresh_keys()
            self.call_later(self._rebuild_captures)
            self.show_step()
            self.call_after_refresh(self._fit_panels)
        self.notify(
            result.message,
            title="Script changed",
            severity=result.severity,
            timeout=4 if result.reloaded else 12,
        )

    def _rebind_side_flows(self) -> None:
        """Side flows added, removed or moved to another key by a reload."""
        keys = self.session.side_flow_keys()
        if keys == self._side_keys:
            return
        bindings = self._bindings.key_to_bindings
        for key in self._side_keys:
            kept = [b for b in bindings.get(key, []) if not b.action.startswith("side_flow(")]
            if kept:
                bindings[key] = kept
            else:
                bindings.pop(key, None)
        self._side_keys = keys
        for key, node_id in keys.items():
            self._bindings.bind(
                key, f"side_flow('{key}')", id_words(node_id), show=False, priority=True
            )

    # ----------------------------------------------------------------- moves
    #: The actions that still work while the user types in a field.
    FIELD_ACTIONS = frozenset({"next_field", "leave_field"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._typing() and action not in self.FIELD_ACTIONS:
            return False  # the key is typed into the field
        # The move keys stay on whatever the step: the footer then stays the
        # same from step to step (redrawing it costs more than the move), and
        # a key that does not apply here says why (SessionError, a notice).
        if action == "leave_field":
            return self.focused is not None
        return True

    def _move(self, move: Callable[[], object]) -> None:
        self.set_focus(None)
        try:
            move()
        except SessionError as exc:
            self.notify(str(exc).capitalize(), severity="warning", timeout=3)
            return
        if self.session.finished:
            self._close("done")
            return
        self.show_step()
        # Written at once, just after the new step is on screen: the user sees
        # the move first, and the record is never more than a frame behind.
        self.call_after_refresh(self.recorder.save, self.session)

    def action_choose(self, key: str) -> None:
        self._move(lambda: self.session.choose(key))

    def action_advance(self) -> None:
        self._move(self.session.advance)

    def action_back(self) -> None:
        self._move(self.session.back)

    def action_side_flow(self, key: str) -> None:
        self._move(lambda: self.session.open_side_flow(key))

    def action_answers(self) -> None:
        self.app.push_screen(AnswersDialog(self.session))

    def action_end_call(self) -> None:
        """Ask how the call ended: an outcome (as if its end was reached), or just stop."""
        dialog = EndCallDialog(end_choices(self.session), practice=self.session.mode == "practice")
        # Pushed now, not awaited in a worker: the key typed next answers it.
        self.app.push_screen(dialog, self._end_answered)

    def _end_answered(self, choice: EndChoice | None) -> None:
        if choice is None or self.session.finished:
            return
        self._close(end_with(self.session, choice.outcome))

    def _close(self, status: EndStatus) -> None:
        self.recorder.finish(self.session, status)
        self.dismiss(self.session)

    # ---------------------------------------------------------------- fields
    def _fields(self) -> list[Widget]:
        editors: list[Widget] = [f.editor for f in self._step_editors]
        return [*editors, self.query_one("#notes", TextArea)]

    def _typing(self) -> bool:
        return isinstance(self.focused, Input | TextArea)

    def action_next_field(self, step: int) -> None:
        fields = self._fields()
        focused = self.focused
        if focused in fields:
            index = (fields.index(focused) + step) % len(fields)
        else:
            index = 0 if step > 0 else len(fields) - 1
        target = fields[index]
        self._edit_fields(target is not fields[-1])  # the last one is the notes
        # Screen.set_focus takes effect now (Widget.focus waits a turn).
        self.set_focus(target)

    def action_notes(self) -> None:
        self.set_focus(self.query_one("#notes", TextArea))

    def action_leave_field(self) -> None:
        self.set_focus(None)

    def on_descendant_focus(self) -> None:
        self._focus_moved()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._focus_moved)

    def _focus_moved(self) -> None:
        """Follow where the focus went: the notes open (compact layout), the
        real fields or their panel, and the keys that apply."""
        self.set_class(self.focused is not None and self.focused.id == "notes", "-notes-open")
        self._edit_fields(self.focused in self._fields()[:-1])
        self.query_one(KeyBar).refresh_keys()

    @on(FieldChanged)
    def _capture_changed(self, event: FieldChanged) -> None:
        self.session.set_capture(event.field_id, event.value)
        # A choice may depend on this capture (``if:``), and templates may use it.
        self._choices.show(self.session)
        self._step.show(self.session)

    @on(FieldDone)
    def _capture_done(self, event: FieldDone) -> None:
        self.set_focus(None)

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self.session.set_notes(event.text_area.text)

    def save_now(self) -> None:
        """Write what is not written yet (the app calls this before it exits)."""
        if not self.session.finished:
            self.recorder.save_if_changed(self.session)

    def on_unmount(self) -> None:
        self.save_now()
