"""The live call: what to say now, where to go next, one key per move.

The screen renders a ``CallSession`` and forwards keys to it. Every move is
written to the store at once; typing (captures, notes) at most a second late.
Fields never take focus on their own, so digits and letters always navigate
unless the user chose to type (``tab`` or ``n``; ``escape`` leaves). While a
field, or the quick answers (``a``), have the keys, the choices and the
footer's call keys are dimmed and one line says how to get them back.

What to say is on top, the choices right under it, the tips below them; the
fields, notes and quick answers beside them (under them on a narrow screen).
``call_rows.plan`` shares the rows out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from coach.call.ending import EndChoice, EndStatus, end_choices, end_with
from coach.call.reload import CallReloader
from coach.call.session import CallSession, SessionError
from coach.call.stepkeys import answers_keys, refused, step_keys, typing_keys
from coach.call.titles import practice_sub_title as sub_title_for
from coach.store.recorder import CallRecorder
from coach.tui.compositor import use_rows_compositor
from coach.tui.dialogs.end_call import EndCallDialog
from coach.tui.keyorder import is_text_field
from coach.tui.messages import FieldChanged, FieldDone
from coach.tui.screens.call_layout import (
    ANSWERS_STATUS,
    HINT_STYLE,
    TYPING_STATUS,
    bind_side_flows,
    share_rows,
)
from coach.tui.widgets.call_rows import Rows, SideOpen
from coach.tui.widgets.keybar import KeyBar
from coach.tui.widgets.side import CallSide, NotesView
from coach.tui.widgets.step import ChoicesPanel, StepView

if TYPE_CHECKING:
    from textual.widgets import TextArea

#: How often typed text is checked for saving, and the clock redrawn (seconds).
TICK = 0.5

#: Below these sizes the call screen switches to its compact layouts.
NARROW_WIDTH = 100
SHORT_HEIGHT = 20

#: How long a word on a key that did nothing stays in the status line (seconds).
HINT_SECONDS = 4.0


def practice_sub_title(session: CallSession) -> str:
    """``live call``, ``practice: <scenario>``, or a solo rehearsal's (coach.call.titles)."""
    return sub_title_for(session.mode, session.scenario, solo=session.solo)


class CallScreen(Screen[CallSession]):
    """One call, step by step. Dismisses with the session once it is over."""

    CSS_PART = "call"  # styled by the rules a call reads (coach.tui.base.CALL_CSS)
    AUTO_FOCUS = ""
    # Every key here is a priority binding: the app runs it the moment it
    # reads the key, before it routes the keys typed after it, so fast input
    # keeps its order (a "tab" then "2026-12-04" lands in the field, a "q"
    # then "n" answers the question). While a field has focus, check_action
    # turns them all off except tab and escape, and the keys go to the field.
    # The footer is not Textual's: it shows ``stepkeys``' keys for the step.
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
        # Only while the quick answers are open (see check_action).
        Binding("up", "scroll_answers(-1)", show=False, priority=True),
        Binding("down", "scroll_answers(1)", show=False, priority=True),
        Binding("pageup", "scroll_answers(-10)", show=False, priority=True),
        Binding("pagedown", "scroll_answers(10)", show=False, priority=True),
    ]

    def __init__(
        self,
        session: CallSession,
        recorder: CallRecorder,
        *,
        on_tick: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        use_rows_compositor(self)  # a move renders only the rows it changes
        self.session = session
        self.recorder = recorder
        self._on_tick = on_tick
        self._side_keys = session.side_flow_keys()
        #: The session version whose next moves are laid out (``_prepare_moves``).
        self.prepared_for: int | None = None
        #: What to say now (with the path and clock), and where to go next.
        self._step = StepView(id="step")
        self._step.show_partner = session.solo
        self._choices = ChoicesPanel(id="choices")
        #: What you learn: the fields, then the notes (or the quick answers).
        self._side = CallSide(session, id="call-side")
        self._captures_view = self._side.captures_view
        self._answers = self._side.answers
        #: The quick answers are open (they have the number keys).
        self.answers_open = False
        #: A word on the last key that did nothing, and the timer that clears it.
        self._hint: str | None = None
        self._hint_timer: Timer | None = None
        #: The layout's flags (see ``_fit``) and its rows (``call_rows.plan``).
        self._narrow = False
        self._short = False
        self.rows: Rows | None = None
        bind_side_flows(self._bindings, {}, self._side_keys)
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
        yield self._side
        yield self._step
        yield self._choices
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.title = self.session.script.title
        self.sub_title = practice_sub_title(self.session)
        self._fit(self.app.size.width, self.app.size.height)
        self.show_step()
        self.call_after_refresh(self._fit_panels)
        self.recorder.start(self.session)
        self.set_interval(TICK, self._tick)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width, event.size.height)
        self.call_after_refresh(self._fit_panels)

    def _fit(self, width: int, height: int) -> None:
        """Pick the layout for the terminal's size: narrow, the fields and
        notes go under the choices; short as well, they show only when asked."""
        self._narrow = width < NARROW_WIDTH
        self._short = height < SHORT_HEIGHT
        self.set_class(self._narrow, "-narrow")
        self.set_class(self._short, "-short")
        self._captures_view.compact = self._narrow
        if self.is_mounted:
            self._side.show_captures(narrow=self._narrow)

    def _fit_panels(self) -> None:
        """Once the width is known: share the rows out, and prepare for it."""
        self._fit_rows()
        self._prepare_after_frame()  # laid out for the new width: prepare for it too

    def _side_open(self) -> SideOpen:
        if self.answers_open:
            return "answers"
        if self._side.editing:
            return "fields"
        if self.focused is not None and self.focused.id == "notes":
            return "notes"
        return None

    def _fit_rows(self) -> None:
        """Size the panels for the screen, the script and (when it must) this
        step (``call_layout.share_rows``); the side column follows."""
        if not self.is_attached:
            return
        rows, relaid = share_rows(
            self._step,
            self._choices,
            self._side,
            self.session,
            height=self.size.height - 1,  # less the footer
            narrow=self._narrow,
            short=self._short,
            side_open=self._side_open(),
        )
        if rows is None:
            return  # not laid out yet
        changed = rows != self.rows
        self.rows = rows
        if changed:
            self._show_side()
        if relaid:
            self.show_step()

    def _show_side(self) -> None:
        """What the side column shows, in the rows ``plan`` left for it."""
        short_bottom = self._narrow and self._short
        open_ = self._side_open()
        self._side.show_parts(
            answers=self.answers_open,
            notes_only=short_bottom and open_ == "notes",
            fields_only=short_bottom and open_ != "notes",
        )
        if self.rows is not None:
            self._side.fit(self.rows)

    # ------------------------------------------------------------- rendering
    def show_step(self) -> None:
        """Bring every widget up to date with the session (in place, no recompose)."""
        self._step.show(self.session)
        self._choices.show(self.session)
        self._show_captures()
        self._show_keys(footer=False)
        # The footer follows once the step is on screen: the user sees the
        # move first, and its keys a frame later (as the save, below).
        self.call_after_refresh(self._show_footer)
        self._prepare_after_frame()

    def _prepare_after_frame(self) -> None:
        """Prepare the next moves once the frame is out and what else waits for
        it (the save) is done: queued, not run in the frame's own callbacks."""
        self.call_after_refresh(self.call_later, self._prepare_moves, self.session.version)

    def _prepare_moves(self, version: int) -> None:
        """Once the step is on screen: lay out the steps one key can lead to,
        so the next move only has to swap lines."""
        if self.session.version == version and not self.session.finished and self.is_attached:
            moves = self.session.moves_from_here()
            self._step.prepare(self.session, moves)
            self._choices.prepare(self.session, moves)
            self._captures_view.prepare(self.session, moves)
            if self._step.line_width > 0:
                self.prepared_for = version

    def _show_keys(self, *, footer: bool = True) -> None:
        """The status line, the choices dimmed or not, and the footer's keys,
        for the step and for what has the keys."""
        if self.answers_open:
            status: tuple[str, str] | None = ANSWERS_STATUS
        elif self._typing():
            status = TYPING_STATUS
        else:
            status = (self._hint, HINT_STYLE) if self._hint else None
        self._step.set_status(status)
        self._choices.set_dim(self.answers_open or self._typing())
        if footer:
            self._show_footer()

    def _show_footer(self) -> None:
        """The footer: only the keys that work now, in this step's words."""
        if self.session.finished or not self.is_attached:
            return
        if self.answers_open:
            hints = answers_keys(len(self.session.script.answers))
        elif self._typing():
            in_notes = self.focused is not None and self.focused.id == "notes"
            hints = typing_keys(self.session, in_notes=in_notes)
        else:
            hints = step_keys(self.session)
        self.query_one(KeyBar).show_hints(hints)

    def _say(self, hint: str | None) -> None:
        """Put ``hint`` in the status line for a few seconds (None: clear it)."""
        if self._hint_timer is not None:
            self._hint_timer.stop()
            self._hint_timer = None
        self._hint = hint
        if hint is not None:
            self._hint_timer = self.set_timer(HINT_SECONDS, lambda: self._say(None))
        self._show_keys()

    def _show_captures(self) -> None:
        self._side.show_captures(narrow=self._narrow)

    def _edit_fields(self, editing: bool) -> None:
        if self._side.edit_fields(editing):
            self._show_side()

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
            self.call_later(self._side.rebuild_captures, narrow=self._narrow)
            self.show_step()
            # What is sized from the whole script: the rows of the say and choices.
            self.call_after_refresh(self._fit_panels)
        seconds = 4 if result.reloaded else 12
        self._side.show_notice(result.message, result.severity, seconds, self._fit_rows)

    @property
    def notice(self) -> str | None:
        """The notice shown at the top of the side column, if any."""
        return self._side.notice_text

    def _rebind_side_flows(self) -> None:
        """Side flows added, removed or moved to another key by a reload."""
        keys = self.session.side_flow_keys()
        if keys != self._side_keys:
            bind_side_flows(self._bindings, self._side_keys, keys)
            self._side_keys = keys

    # ----------------------------------------------------------------- moves
    #: The actions that still work while the user types in a field.
    FIELD_ACTIONS = frozenset({"next_field", "leave_field"})
    #: The actions that work while the quick answers are open.
    ANSWER_ACTIONS = frozenset({"choose", "answers", "leave_field", "scroll_answers"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._typing() and action not in self.FIELD_ACTIONS:
            return False  # the key is typed into the field
        if self.answers_open and action not in self.ANSWER_ACTIONS:
            return False  # the call's keys wait until the answers close
        # Otherwise every move key stays on: one that does nothing at this
        # step says why in the status line (``stepkeys.refused``).
        if action == "scroll_answers":
            return self.answers_open
        if action == "leave_field":
            return self.focused is not None or self.answers_open
        return True

    def _move(self, move: Callable[[], object], key: str | None = None) -> None:
        if key is not None:
            why = refused(self.session, key)
            if why is not None:
                self._say(why)
                return
        self.set_focus(None)
        try:
            move()
        except SessionError as exc:
            self._say(str(exc).capitalize())
            return
        if self.session.finished:
            self._close("done")
            return
        self._hint = None
        self.show_step()
        if not self.rows or not self.rows.pad or (self._narrow and self._short):
            self._fit_rows()  # each step takes its own rows
        # Written at once, just after the new step is on screen: the user sees
        # the move first, and the record is never more than a frame behind.
        self.call_after_refresh(self.recorder.save, self.session)

    def action_choose(self, key: str) -> None:
        if self.answers_open:
            if not self._answers.pick(int(key)):
                self._say(None)
            return
        self._move(lambda: self.session.choose(key), key)

    def action_advance(self) -> None:
        self._move(self.session.advance, "enter")

    def action_back(self) -> None:
        self._move(self.session.back, "b")

    def action_side_flow(self, key: str) -> None:
        self._move(lambda: self.session.open_side_flow(key))

    def action_answers(self) -> None:
        if not self.answers_open and not self.session.script.answers:
            self._say("This script has no quick answers")
            return
        self._open_answers(not self.answers_open)

    def _open_answers(self, open_: bool) -> None:
        """Show the quick answers in the side column (or put it back)."""
        self.answers_open = open_
        if open_:
            self.set_focus(None)
            self._answers.display = True
            self._answers.show(self.session)
        self._show_keys()
        self._show_side()
        self._fit_rows()

    def action_scroll_answers(self, rows: int) -> None:
        self._answers.scroll_relative(y=rows, animate=False)

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
    def _typing(self) -> bool:
        # By name: the notes' TextArea is imported only when first opened.
        return self.focused is not None and is_text_field(type(self.focused))

    async def action_next_field(self, step: int) -> None:
        """The step's capture fields, one after the other (the notes are ``n``'s).

        Right after a move the step's fields may still be mounting: this waits
        for them, and the keys typed after ``tab`` wait in the app's queue.
        """
        fields: list[Widget] = [f.editor for f in await self._side.step_editors_ready()]
        if not fields:
            return  # a step without fields: tab does nothing
        focused = self.focused
        if focused in fields:
            index = (fields.index(focused) + step) % len(fields)
        else:
            index = 0 if step > 0 else len(fields) - 1
        self._edit_fields(True)
        # Screen.set_focus takes effect now (Widget.focus waits a turn).
        self.set_focus(fields[index])

    @on(NotesView.Open)  # a click on the notes, drawn as text until first opened
    async def action_notes(self) -> None:
        notes = await self._side.open_notes()  # built the first time (the keys wait)
        if self.is_attached:  # (unless the call ended meanwhile)
            notes.display = True  # a short screen shows the notes only now
            self.set_focus(notes)

    def action_leave_field(self) -> None:
        if self.answers_open:
            self._open_answers(False)
            return
        self.set_focus(None)

    def on_descendant_focus(self) -> None:
        self._focus_moved()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self._focus_moved)

    def _focus_moved(self) -> None:
        """Follow where the focus went: the real fields or their panel, the
        side column, and the keys that apply."""
        editors = [f.editor for f in self._side.step_editors]
        self._edit_fields(self.focused in editors)
        self._show_keys()
        self._show_side()
        self._fit_rows()

    @on(FieldChanged)
    def _capture_changed(self, event: FieldChanged) -> None:
        self.session.set_capture(event.field_id, event.value)
        # A choice may depend on this capture (``if:``), and templates may use it.
        self._choices.show(self.session)
        self._step.show(self.session)

    @on(FieldDone)
    def _capture_done(self, event: FieldDone) -> None:
        self.set_focus(None)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id == "notes":
            self.session.set_notes(event.text_area.text)

    def save_now(self) -> None:
        """Write what is not written yet (the app calls this before it exits)."""
        if not self.session.finished:
            self.recorder.save_if_changed(self.session)

    def on_unmount(self) -> None:
        self.save_now()
