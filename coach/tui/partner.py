"""``coach partner``: the partner's live view of a rehearsal in another terminal.

It polls the call record a few times a second for the newest practice call
that is running, and shows what the partner needs: the role brief, the step
the caller is on, the line to say there and the move to steer toward. It only
reads the record. No rehearsal running, the caller quitting or crashing, a new
rehearsal starting: each shows a message and the view keeps waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from coach.call.practice import PartnerView, partner_view
from coach.call.snapshot import CallSnapshot
from coach.script.model import Script, ScriptError
from coach.store import CallRecord, NothingRecorded, Store, StoreError
from coach.tui.base import BaseApp
from coach.tui.text import clock, outcome_words, segments_content

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


def load_script(ref: str) -> Script:
    """Load a script by path or library id (raises ``ScriptError``)."""
    from coach.script.library import resolve

    return resolve(ref)


class ScriptCache:
    """Scripts loaded for rehearsals, by file (reloaded when the file changes).

    A script that fails to load is remembered too (with its message) until its
    file changes, so a broken file is not parsed again four times a second.
    """

    def __init__(self, load: Callable[[str], Script] = load_script) -> None:
        self._load = load
        self._entries: dict[tuple[str, int], Script | str] = {}

    def get(self, snapshot: CallSnapshot) -> Script | str:
        """The snapshot's script, or a message saying why it could not be loaded."""
        raw_path = snapshot.script_path
        script_id = snapshot.script
        ref: str | None = None
        stamp = 0
        if raw_path:
            try:
                stamp = Path(raw_path).stat().st_mtime_ns
                ref = raw_path
            except OSError:
                ref = None  # moved or deleted since: look it up by id instead
        if ref is None:
            if not script_id:
                return "This rehearsal does not say which script it uses."
            ref = script_id
        key = (ref, stamp)
        cached = self._entries.get(key)
        if cached is None:
            name = script_id or ref
            try:
                cached = self._load(ref)
            except ScriptError as exc:
                cached = f"The script '{name}' could not be loaded: {exc}"
            except OSError as exc:
                cached = f"The script '{name}' could not be read: {exc}"
            self._entries[key] = cached
        return cached


class PartnerApp(BaseApp[None]):
    """The partner's side of a rehearsal, following the caller's terminal.

    Args:
        db_path: the call record to read (default: the app's database).
        poll_seconds: how often the record is read.
        monotonic: the clock that keeps the elapsed time moving between saves.
        load: loads a script by path or id (tests pass their own).
    """

    TITLE = "Call Coach: partner"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(
        self,
        *,
        db_path: Path | None = None,
        poll_seconds: float = POLL_SECONDS,
        monotonic: Callable[[], float] = time.monotonic,
        load: Callable[[str], Script] = load_script,
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

    # -- layout --

    def compose(self) -> ComposeResult:
        yield Static("Partner view", id="heading")
        with VerticalScroll(id="body"):
            yield Static(id="result", classes="hidden")
            yield Static(WAITING, id="message")
            with Vertical(id="live", classes="hidden"):
                # What the partner acts on comes first: it stays on screen at 60x15.
                yield Static(id="status")
                yield Static(id="partner")
                yield Static(id="steer")
                yield Static(id="note", classes="hidden")
                yield Static("The caller says:", id="say-label")
                yield Static(id="say")
            yield Static(id="brief", classes="hidden")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#partner", Static).border_title = "You say"
        self._poll()
        self.set_interval(self._poll_seconds, self._poll)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- reading the record (in a thread: the database may be busy) --

    def _poll(self) -> None:
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
        try:
            store = self._open()
            recent = store.calls(mode="practice", limit=RECENT)
            record = next((r for r in recent if r.status == "running"), None)
            if record is None and self.followed_id is not None:
                record = next((r for r in recent if r.id == self.followed_id), None)
                if record is None:
                    record = store.get(self.followed_id)
            call = record.call if record is not None else None
        except NothingRecorded:
            return Observation()
        except StoreError as exc:
            if self._store is not None:
                self._store.close()
                self._store = None
            return Observation(error=f"Cannot read the call record: {exc}")
        if record is None or call is None:
            return Observation()
        loaded = self._scripts.get(call)
        if isinstance(loaded, str):
            return Observation(record=record, error=loaded)
        return Observation(record=record, script=loaded)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
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
        heading.update(Content(f"Partner view: {record.title or record.script}"))
        brief.remove_class("hidden")
        brief.border_title = f"Your role: {view.title}"
        brief.update(Content(view.brief or "No brief for this rehearsal."))
        message.remove_class("problem")
        if running and not view.finished:
            result.add_class("hidden")
            message.add_class("hidden")
            live.remove_class("hidden")
            self._show_live(view)
            return
        live.add_class("hidden")
        result.remove_class("hidden")
        message.remove_class("hidden")
        result.set_class(not view.finished, "early")
        result.update(Content(self._result_text(record, view)))
        message.update(Content(WAITING_NEXT))

    def _show_live(self, view: PartnerView) -> None:
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
