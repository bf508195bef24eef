"""``coach partner``: the partner's live view of a rehearsal in another terminal.

It polls the call record a few times a second for the newest practice call
that is running, and shows what the partner needs: the role brief, the step
the caller is on, the line to say there and the move to steer toward. No
rehearsal running, the caller quitting or crashing, a new rehearsal starting:
each shows a message and the view keeps waiting.

The partner gives feedback: ``f``/``r``/``s`` mark a filler word, rambling or
a strong point at the step the caller is on; once the rehearsal is over,
``1``-``5`` rate it and ``n`` writes a note. That feedback is all it writes
(:mod:`coach.tui.partner_feedback`); the rest of the record it only reads.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from coach.call.feedback import KINDS, MARK, NOTE, RATE, PartnerFeedback, partner_actions
from coach.call.practice import PartnerView, partner_view
from coach.call.snapshot import CallSnapshot
from coach.script.model import Script
from coach.store import CallRecord, NothingRecorded, Store, StoreError
from coach.tui.base import BaseApp
from coach.tui.partner_feedback import Batch, FeedbackQueue, marks_line, review_content
from coach.tui.partner_scripts import ScriptCache, load_script
from coach.tui.text import clock, outcome_words, segments_content
from coach.tui.widgets.footer import CoachFooter

#: How often the record is read (seconds): the view follows within half a second.
POLL_SECONDS = 0.25

#: How many of the newest practice calls are looked at for a running one.
RECENT = 10

WAITING = (
    "Waiting for a rehearsal: start `coach practice SCRIPT` in another terminal "
    "on this machine. This view follows it as soon as it starts."
)
WAITING_NEXT = "Waiting for the next rehearsal: start `coach practice SCRIPT` again to go on."


@dataclass(frozen=True)
class Observation:
    """One read of the record: the rehearsal to show (if any) and its script."""

    record: CallRecord | None = None
    script: Script | None = None
    #: Why nothing (or only part) can be shown: a store or script problem.
    error: str | None = None
    #: The feedback stored on the record, and the queue's generation when it was read.
    feedback: PartnerFeedback = field(default_factory=PartnerFeedback)
    generation: int = 0


class PartnerApp(BaseApp[None]):
    """The partner's side of a rehearsal, following the caller's terminal.

    Args:
        db_path: the call record to read (default: the app's database).
        poll_seconds: how often the record is read.
        monotonic: the clock that keeps the elapsed time moving between saves.
        load: loads a script by path or id (tests pass their own).
    """

    TITLE = "Call Coach: partner"
    #: How long "Marked: ..." shows after a mark (seconds).
    FLASH_SECONDS = 1.5
    #: Not priority bindings: while the note field has focus, what is typed goes there
    #: (and ``check_action`` takes the others out of the footer).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "mark('filler')", "Filler word", id="filler"),
        Binding("r", "mark('rambling')", "Rambling", id="rambling"),
        Binding("s", "mark('strong')", "Strong point", id="strong"),
        Binding("1", "rate(1)", "Rate", key_display="1-5", id="rate"),
        *[Binding(str(i), f"rate({i})", show=False) for i in range(2, 6)],
        Binding("n", "note", "Note", id="note"),
        Binding("escape", "leave_note", "Leave note", id="leave_note"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(
        self,
        *,
        db_path: Path | None = None,
        poll_seconds: float = POLL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
        load: Callable[[str], Script] = load_script,
        feedback: FeedbackQueue | None = None,
    ) -> None:
        super().__init__()
        self._db_path = db_path
        self._poll_seconds = poll_seconds
        self._monotonic = monotonic
        self._store: Store | None = None
        self._scripts = ScriptCache(load)
        self._reading = False
        #: The call this view follows (the newest running rehearsal, or the last one).
        self.followed_id: int | None = None
        #: The latest view shown, for tests and the clock.
        self.view: PartnerView | None = None
        self._snapshot_key: tuple[int, str, CallSnapshot] | None = None
        self._seen_at = 0.0
        self._last: Observation = Observation()
        self._queue = feedback if feedback is not None else FeedbackQueue(db_path)
        #: The feedback stored on the followed call (as last read).
        self._stored = PartnerFeedback()
        #: What the partner may do now (``coach.call.feedback.partner_actions``).
        self.actions: frozenset[str] = frozenset()
        self._flash: str | None = None
        self._flash_timer: Timer | None = None
        self._write_warned = False

    # -- layout --

    def compose(self) -> ComposeResult:
        yield Static("Partner view", id="heading")
        with VerticalScroll(id="body"):
            yield Static(id="result", classes="hidden")
            yield Static(id="review", classes="hidden")
            yield Input(
                placeholder="a short note for the caller; Enter saves it",
                id="note-input",
                classes="hidden",
                compact=True,
                select_on_focus=False,
            )
            yield Static(WAITING, id="message")
            with Vertical(id="live", classes="hidden"):
                # What the partner acts on comes first: it stays on screen at 60x15.
                yield Static(id="status")
                yield Static(id="marks")
                yield Static(id="partner")
                yield Static(id="steer")
                yield Static(id="note", classes="hidden")
                yield Static("The caller says:", id="say-label")
                yield Static(id="say")
            yield Static(id="brief", classes="hidden")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.query_one("#partner", Static).border_title = "You say"
        self._poll()
        self.set_interval(self._poll_seconds, self._poll)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._queue.close()

    # -- reading the record (in a thread: the database may be busy) --

    def _poll(self) -> None:
        self._write()
        if self._reading:
            self._refresh_clock()
            return
        self._reading = True
        self.run_worker(self._read, thread=True, group="poll", exit_on_error=False)
        self._refresh_clock()

    def _open(self) -> Store:
        if self._store is None:
            # Read-only: never create the file from here (NothingRecorded until it exists).
            self._store = Store(self._db_path, read_only=True)
        return self._store

    def _read(self) -> Observation:
        generation = self._queue.generation
        try:
            store = self._open()
            recent = store.calls(mode="practice", limit=RECENT)
            record = next((r for r in recent if r.status == "running"), None)
            if record is None and self.followed_id is not None:
                record = next((r for r in recent if r.id == self.followed_id), None)
                if record is None:
                    record = store.get(self.followed_id)
            call = record.call if record is not None else None
            given = store.partner_feedback([record.id]) if record is not None else {}
        except NothingRecorded:
            return Observation()
        except StoreError as exc:
            if self._store is not None:
                self._store.close()
                self._store = None
            return Observation(error=f"Cannot read the call record: {exc}")
        if record is None or call is None:
            return Observation()
        feedback = given.get(record.id, PartnerFeedback())
        loaded = self._scripts.get(call)
        if isinstance(loaded, str):
            return Observation(record=record, error=loaded)
        return Observation(record=record, script=loaded, feedback=feedback, generation=generation)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "write":
            self._written(event)
            return
        if event.worker.group != "poll":
            return
        if event.state == WorkerState.SUCCESS:
            self._reading = False
            result = event.worker.result
            if isinstance(result, Observation):
                self._apply(result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._reading = False
            if event.state == WorkerState.ERROR:
                self._apply(Observation(error=f"Cannot read the call record: {event.worker.error}"))

    # -- showing --

    def _apply(self, obs: Observation) -> None:
        self._last = obs
        record = obs.record
        if record is not None:
            if record.id != self.followed_id or obs.generation >= self._queue.generation:
                self._stored = obs.feedback  # (a read begun before the last write is stale)
            self.followed_id = record.id
            key = (record.id, record.status, record.call)
            if key != self._snapshot_key:
                self._snapshot_key = key
                self._seen_at = self._monotonic()
        self._render()

    def _refresh_clock(self) -> None:
        if self._last.record is not None and self._last.record.status == "running":
            self._render()

    def _render(self) -> None:
        # A read may finish while the app is closing: then there is nothing left to draw.
        with suppress(NoMatches):
            self._render_now()

    def _render_now(self) -> None:
        obs = self._last
        record = obs.record
        message = self.query_one("#message", Static)
        result = self.query_one("#result", Static)
        live = self.query_one("#live", Vertical)
        brief = self.query_one("#brief", Static)
        heading = self.query_one("#heading", Static)
        if record is None or obs.script is None:
            self._set_actions(frozenset())
            self.view = None
            heading.update("Partner view")
            result.add_class("hidden")
            live.add_class("hidden")
            brief.add_class("hidden")
            message.remove_class("hidden")
            message.set_class(obs.error is not None, "problem")
            if obs.error is not None:
                message.update(Content(f"{obs.error}\n\nStill watching for a rehearsal."))
            else:
                message.update(Content(WAITING))
            return
        running = record.status == "running"
        since = self._monotonic() - self._seen_at if running else 0.0
        view = partner_view(obs.script, record.call, since=since)
        self.view = view
        self._set_actions(partner_actions(following=True, live=running and not view.finished))
        heading.update(Content(f"Partner view: {record.title or record.script}"))
        brief.remove_class("hidden")
        brief.border_title = f"Your role: {view.title}"
        brief.update(Content(view.brief or "No brief for this rehearsal."))
        message.remove_class("problem")
        review = self.query_one("#review", Static)
        if running and not view.finished:
            result.add_class("hidden")
            message.add_class("hidden")
            review.add_class("hidden")
            self.query_one("#note-input", Input).add_class("hidden")
            live.remove_class("hidden")
            self._show_live(view)
            return
        self._show_review()
        live.add_class("hidden")
        result.remove_class("hidden")
        message.remove_class("hidden")
        result.set_class(not view.finished, "early")
        result.update(Content(self._result_text(record, view)))
        message.update(Content(WAITING_NEXT))

    def _show_live(self, view: PartnerView) -> None:
        self.query_one("#marks", Static).update(marks_line(self.given, view.node, self._flash))
        status = self.query_one("#status", Static)
        parts = [f"Step {view.step_number}", clock(view.elapsed_s)]
        if view.budget_s is not None:
            parts.append(f"this step {clock(view.step_s)} of {clock(view.budget_s)}")
        if view.in_side_flow:
            parts.append("side question")
        status.update(Content(" · ".join(parts)))
        status.set_class(view.over_budget, "over")
        self.query_one("#say", Static).update(
            segments_content(view.say_segments) if view.say_segments else Content("—")
        )
        partner = self.query_one("#partner", Static)
        if view.partner_segments:
            partner.update(segments_content(view.partner_segments))
        else:
            partner.update(Content("No line for this step: answer as the other side would."))
        steer = self.query_one("#steer", Static)
        if view.steer:
            steer.update(Content(f"Steer toward: {view.steer}"))
            steer.remove_class("hidden")
        else:
            steer.add_class("hidden")
        note = self.query_one("#note", Static)
        if view.problems:
            note.update(Content("\n".join(view.problems)))
            note.remove_class("hidden")
        else:
            note.add_class("hidden")

    # -- feedback --

    @property
    def given(self) -> PartnerFeedback:
        """The feedback on the followed call: stored, and what is still being written."""
        if self.followed_id is None:
            return PartnerFeedback()
        return self._queue.shown(self.followed_id, self._stored)

    def _set_actions(self, actions: frozenset[str]) -> None:
        if actions != self.actions:
            self.actions = actions
            if NOTE not in actions and isinstance(self.focused, Input):
                self.set_focus(None)
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, Input):
            return action == "leave_note"  # every other key is typed into the note
        if action == "mark":
            return MARK in self.actions
        if action == "rate":
            return RATE in self.actions
        if action == "note":
            return NOTE in self.actions
        return action != "leave_note"

    def action_mark(self, kind: str) -> None:
        view = self.view
        if self.followed_id is None or view is None or kind not in KINDS:
            return
        self._queue.mark(self.followed_id, view.node, kind)
        self._flash = kind
        self._render()
        self._write()
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(self.FLASH_SECONDS, self._end_flash)

    def _end_flash(self) -> None:
        self._flash = None
        self._render()

    def action_rate(self, rating: int) -> None:
        if self.followed_id is None:
            return
        self._queue.review(self.followed_id, rating, self.given.note)
        self._render()
        self._write()

    def action_note(self) -> None:
        note = self.query_one("#note-input", Input)
        note.value = self.given.note
        note.remove_class("hidden")
        self.set_focus(note)
        self._show_review()

    def action_leave_note(self) -> None:
        self._save_note()

    @on(Input.Submitted, "#note-input")
    def _note_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save_note()

    def _save_note(self) -> None:
        """Keep what was typed (Enter or Escape), close the field."""
        note = self.query_one("#note-input", Input)
        if self.followed_id is not None and note.value != self.given.note:
            self._queue.review(self.followed_id, self.given.rating, note.value)
            self._write()
        note.add_class("hidden")
        self.set_focus(None)
        self._render()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.refresh_bindings)

    def _show_review(self) -> None:
        review = self.query_one("#review", Static)
        review.remove_class("hidden")
        writing = not self.query_one("#note-input", Input).has_class("hidden")
        review.update(review_content(self.given, writing_note=writing))

    def _write(self) -> None:
        """Write what is waiting, in a thread (one write at a time)."""
        if self._queue.writing or not self._queue.waiting:
            return
        self._queue.writing = True
        batch = self._queue.take()
        self.run_worker(
            lambda: self._queue.write(batch), thread=True, group="write", exit_on_error=False
        )

    def _written(self, event: Worker.StateChanged) -> None:
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self._queue.writing = False
        batch = event.worker.result if event.state == WorkerState.SUCCESS else None
        if isinstance(batch, Batch) and batch.error is None:
            self._queue.written(batch)
            self._write_warned = False
            call_id = self.followed_id
            if call_id is not None:  # the store has it now; reads begun before are stale
                self._stored = batch.applied_to(call_id, self._stored)
            return
        problem = batch.error if isinstance(batch, Batch) else str(event.worker.error)
        if not self._write_warned:
            self._write_warned = True
            self.notify(
                f"Your feedback is kept here and saved as soon as it can be: {problem}",
                title="Not saved yet",
                severity="warning",
                timeout=6,
            )

    @staticmethod
    def _result_text(record: CallRecord, view: PartnerView) -> str:
        if record.status == "interrupted":
            head = "The caller's app stopped (closed or crashed) during the rehearsal."
        elif view.abandoned or record.status == "abandoned" or not view.finished:
            head = "The caller ended the rehearsal early."
        else:
            words = outcome_words(view.outcome) if view.outcome else ""
            head = f"Rehearsal finished: {words}." if words else "Rehearsal finished."
        details = [f"time {clock(view.elapsed_s)}"]
        if view.score is not None:
            details.insert(0, f"score {view.score.matched}/{view.score.total}")
        if view.rating is not None:
            details.append(f"rated {view.rating}/5")
        return f"{head}\n{', '.join(details).capitalize()}."


def run_partner() -> int:
    """Run the partner view until ``q``; returns the exit status."""
    PartnerApp().run()
    return 0
