"""The Call Coach Textual app and the two entry points the command line calls.

``run_home()`` is ``coach``; ``run_call()`` is ``coach call``; ``run_practice()`` is
``coach practice``.
Importing this module has no side effects: nothing is read or opened until the
app runs.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from coach import locations
from coach.script.model import ScriptError
from coach.store import Store, StoreError
from coach.tui.base import BaseApp
from coach.tui.commands import CoachCommands
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.history import follow_ups_content, recent_content

# Everything that only a call, a rehearsal or the editor needs is imported when
# first used, so that ``coach`` shows its home screen without loading it.
if TYPE_CHECKING:
    from coach.call.followup import FollowUpWindow
    from coach.call.session import CallSession
    from coach.script.library import ScriptEntry
    from coach.script.model import Scenario, Script
    from coach.store import CallRecord
    from coach.store.recorder import CallRecorder
    from coach.tui.messages import ScriptChosen
    from coach.tui.screens.editor import EditorScreen

T = TypeVar("T")

Mode = Literal["live", "practice"]

RECENT_LIMIT = 8
#: Seconds a hang-up (SIGHUP, SIGTERM) gives the normal exit once all is saved.
EXIT_GRACE = 2.0


def needs_details(script: Script, values: Mapping[str, str]) -> bool:
    """True unless every variable already has a value (``--set`` or a default)."""
    for var in script.variables:
        value = values.get(var.id)
        if value is None:
            value = var.default or ""
        if not value.strip():
            return True
    return False


@dataclass
class CallFlow:
    """One walk from details to summary."""

    script: Script
    values: dict[str, str]
    mode: Mode = "live"
    scenario: Scenario | None = None
    ticks: dict[str, bool] = field(default_factory=dict)
    details_shown: bool = False
    #: Practice alone: the app plays the other side (its lines are shown).
    solo: bool = False
    #: Begin the walk at this node instead of the script's start (rehearse from the editor).
    start_at: str | None = None
    #: A rehearsal started from the editor: afterwards the editor comes back.
    from_editor: bool = False


class RecentCallsDialog(ModalScreen[None]):
    """Recent calls, from anywhere (command palette)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, body: Content) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(Content.styled("Recent calls", "bold"), classes="dialog-title")
            with VerticalScroll():
                yield Static(self.body)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)


class CoachApp(BaseApp[int]):
    """Call Coach. Starts on the home screen, or straight into one call.

    Args:
        script: start this call at once (``coach call``) instead of the home screen.
        values: variable values given on the command line.
        mode: ``live`` or ``practice``.
        scenario: the practice scenario, if any.
        store_path: the SQLite file (default: the data folder's ``coach.db``).
        store: an open store to use instead (tests).
        clock: monotonic clock for call timers (tests freeze it).
        wall: wall clock for timestamps.
        today: today's date, for follow-up windows.
        handle_signals: save and exit on SIGHUP/SIGTERM (the real terminal only).
        library: lists the scripts (default: ``coach.script.library.discover``).
        solo: practice alone (the call screen shows the other side's lines).
        notices: messages shown as notifications once the app is up.
        edit: open the script editor on this file (``coach edit``); leaving it ends the app.
        edit_notice: a message the editor shows when it opens (e.g. "copied to ...").
    """

    TITLE = "Call Coach"
    COMMANDS = App.COMMANDS | {CoachCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        script: Script | None = None,
        values: Mapping[str, str] | None = None,
        mode: Mode = "live",
        scenario: Scenario | None = None,
        store_path: Path | None = None,
        store: Store | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
        today: Callable[[], date] = date.today,
        handle_signals: bool = False,
        library: Callable[[], list[ScriptEntry]] | None = None,
        solo: bool = False,
        notices: Sequence[str] = (),
        edit: Path | None = None,
        edit_notice: str | None = None,
    ) -> None:
        super().__init__()
        self._edit_path = edit
        self._edit_notice = edit_notice
        self._quit_asked = False
        self._exit_watchdog: threading.Timer | None = None
        self._call_solo = solo
        self._notices = list(notices)
        self._call_script = script
        self._call_values = dict(values or {})
        self._call_mode: Mode = mode
        self._call_scenario = scenario
        self._store_path = store_path
        self._store = store
        self._store_warned = False
        self.clock = clock
        self.wall = wall
        self.today = today
        self._handle_signals = handle_signals
        self._entries: list[ScriptEntry] | None = None
        self._library = library
        self._flow: CallFlow | None = None
        self.home_mode = script is None and edit is None

    # ------------------------------------------------------------------ store
    def open_store(self) -> Store:
        """The store, opened on first use (raises ``StoreError``)."""
        if self._store is None:
            self._store = Store(self._store_path)
        return self._store

    def _warn_store(self, message: str) -> None:
        self.notify(message, title="Call history", severity="error", timeout=10)

    def _read_store(self, read: Callable[[Store], T]) -> T | None:
        """Run a read; on ``StoreError`` tell the user once and return None."""
        try:
            return read(self.open_store())
        except StoreError as exc:
            if not self._store_warned:
                self._store_warned = True
                self._warn_store(f"The call history cannot be read: {exc}")
            return None

    # --------------------------------------------------------------- startup
    def get_default_screen(self) -> Screen[Any]:
        """``coach`` starts on home itself, not on a blank screen with home pushed on it."""
        if self.home_mode:
            return HomeScreen()
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self._handle_signals:
            self._install_signal_handlers()
        for notice in self._notices:
            self.notify(notice, title="Practice", severity="warning", timeout=10)
        if self._edit_path is not None:
            self.open_editor(self._edit_path, self._edit_notice)
        elif self.home_mode:
            # Home is the default screen (get_default_screen): it is up already.
            self.call_after_refresh(self._offer_resume, None)
        else:
            assert self._call_script is not None
            script = self._call_script
            if not self._offer_resume(script.id):
                self.begin_call(
                    script,
                    self._call_values,
                    mode=self._call_mode,
                    scenario=self._call_scenario,
                    solo=self._call_solo,
                )

    def _install_signal_handlers(self) -> None:
        """Save and exit on SIGHUP (the terminal closed) and SIGTERM.

        Plain ``signal`` handlers, not the event loop's: Python runs them even
        while the loop is stuck. When the terminal is gone, Textual's shutdown
        can block for ever writing to it (its writer thread's queue fills up),
        and a handler that waits for the loop would never run.
        """
        loop = asyncio.get_running_loop()

        def on_signal(signum: int, frame: object) -> None:
            self._start_exit_watchdog()
            with suppress(RuntimeError):  # the loop is closed: the watchdog ends it
                loop.call_soon_threadsafe(self._hang_up)

        for signum in (signal.SIGHUP, signal.SIGTERM):
            with suppress(ValueError, OSError):  # not the main thread
                signal.signal(signum, on_signal)

    def _start_exit_watchdog(self) -> None:
        """Leave at once if the exit has not finished in ``EXIT_GRACE`` seconds.

        Everything typed is written through (notes at most a second late), so
        ending the process then loses nothing the store does not have.
        """
        if self._exit_watchdog is None:
            self._exit_watchdog = threading.Timer(EXIT_GRACE, os._exit, args=(0,))
            self._exit_watchdog.daemon = True
            self._exit_watchdog.start()

    def _hang_up(self) -> None:
        self.save_running_calls()
        self.exit(0)

    def save_running_calls(self) -> None:
        call = sys.modules.get("coach.tui.screens.call")
        if call is None:  # never imported: no call was started
            return
        for screen in self.screen_stack:
            if isinstance(screen, call.CallScreen):
                screen.save_now()

    async def action_quit(self) -> None:
        """``ctrl+q``/``ctrl+c``: quit, asking first when an editor has unsaved text."""
        unsaved = self.unsaved_editors()
        if unsaved:
            self._ask_quit(unsaved)
            return
        self.save_running_calls()
        self.exit(0)

    def unsaved_editors(self) -> list[EditorScreen]:
        """The editor screens on the stack whose text is not saved."""
        editor = sys.modules.get("coach.tui.screens.editor")
        if editor is None:  # never imported: no editor was opened
            return []
        return [
            screen
            for screen in self.screen_stack
            if isinstance(screen, editor.EditorScreen) and screen.is_mounted and screen.modified
        ]

    def _ask_quit(self, unsaved: list[EditorScreen]) -> None:
        from coach.tui.dialogs.confirm import ConfirmDialog

        if self._quit_asked:
            return  # the question is on screen already
        self._quit_asked = True
        names = ", ".join(dict.fromkeys(screen.path.name for screen in unsaved))
        self.push_screen(
            ConfirmDialog(
                "Quit without saving?",
                f"Your changes to {names} are not saved and will be lost.",
                yes="Quit",
                no="Keep editing",
            ),
            self._quit_answered,
        )

    def _quit_answered(self, yes: bool | None) -> None:
        self._quit_asked = False
        if yes:
            self.save_running_calls()
            self.exit(0)

    # ---------------------------------------------------------------- resume
    def _offer_resume(self, script_id: str | None) -> bool:
        """Offer the newest interrupted call (of ``script_id`` if given). True if offered."""
        found = self._read_store(lambda store: store.interrupted())
        records = list(found or [])
        if script_id is not None:
            records = [r for r in records if r.script == script_id]
        if not records:
            return False
        from coach.tui.dialogs.confirm import ConfirmDialog
        from coach.tui.text import clock as clock_text

        record = records[0]
        step = record.call.current or "?"
        detail = (
            f"{record.title}, started {record.started_at[:16].replace('T', ' ')}, "
            f"stopped at step '{step}' after {clock_text(record.duration_s or 0)}. "
            "Its notes and captures are kept."
        )
        self.push_screen(
            ConfirmDialog(
                "A call was interrupted. Resume it?",
                detail,
                yes="Resume",
                no="Keep as interrupted",
            ),
            lambda yes: self._resume_answered(record, bool(yes)),
        )
        return True

    def _resume_answered(self, record: CallRecord, yes: bool) -> None:
        if yes and self.resume_call(record):
            return
        if not yes:
            self._read_store(lambda store: store.dismiss(record.id))
        if not self.home_mode and self._flow is None and self._call_script is not None:
            self.begin_call(
                self._call_script,
                self._call_values,
                mode=self._call_mode,
                scenario=self._call_scenario,
                solo=self._call_solo,
            )
        elif self.home_mode:
            self._refresh_home()

    def _script_for(self, record: CallRecord) -> Script:
        """The script an interrupted call ran: its file if still there, else by id."""
        if self._call_script is not None and self._call_script.id == record.script:
            return self._call_script
        path = record.call.script_path
        if isinstance(path, str) and path and Path(path).is_file():
            from coach.script.load import load_path

            return load_path(Path(path))
        for entry in self.script_entries():
            if entry.id == record.script and entry.script is not None:
                return entry.script
        from coach.script.library import resolve

        return resolve(record.script)

    def resume_call(self, record: CallRecord) -> bool:
        """Continue an interrupted call where it stopped. False if it cannot be."""
        from coach.call.session import CallSession, SessionError
        from coach.store.recorder import CallRecorder
        from coach.tui.screens.call import CallScreen

        try:
            script = self._script_for(record)
        except ScriptError as exc:
            self.notify(f"Cannot resume: {exc}", severity="error", timeout=10)
            return False
        try:
            taken = self.open_store().resume(record.id)
        except StoreError as exc:
            self.notify(f"Cannot resume: {exc}", severity="error", timeout=10)
            return False
        try:
            session = CallSession.restore(script, taken.call, clock=self.clock, wall=self.wall)
        except (SessionError, KeyError, TypeError, ValueError) as exc:
            self.notify(f"Cannot resume: {exc}", severity="error", timeout=10)
            return False
        self._flow = CallFlow(
            script, dict(session.values), session.mode, session.scenario, solo=session.solo
        )
        recorder = CallRecorder(self.open_store, self._warn_store, call_id=record.id)
        self.push_screen(
            CallScreen(session, recorder, solo=session.solo),
            lambda s: self._call_done(recorder, s),
        )
        return True

    # ------------------------------------------------------------------ flow
    def script_entries(self, *, reload: bool = False) -> list[ScriptEntry]:
        if self._entries is None or reload:
            if self._library is None:
                from coach.script.library import discover

                self._library = discover
            self._entries = self._library()
        return self._entries

    def home_history(self) -> tuple[Content, Content]:
        today = self.today()
        due = self._read_store(lambda store: store.due_follow_ups(today))
        recent = self._read_store(lambda store: store.calls(limit=RECENT_LIMIT))
        return (
            follow_ups_content(due or [], today),
            recent_content(recent or [], today),
        )

    def on_script_chosen(self, message: ScriptChosen) -> None:
        self.start_script(message.script_id)

    def start_script(self, script_id: str) -> None:
        """Start the details → prep → call walk for a script of the library."""
        if self._flow is not None:
            self.notify("Finish the current call first.", severity="warning")
            return
        entry = next((e for e in self.script_entries() if e.id == script_id), None)
        if entry is None or entry.script is None:
            self.notify(f"Script '{script_id}' cannot be started.", severity="error")
            return
        self.begin_call(entry.script, {})

    def begin_call(
        self,
        script: Script,
        values: Mapping[str, str],
        *,
        mode: Mode = "live",
        scenario: Scenario | None = None,
        solo: bool = False,
    ) -> None:
        self._flow = CallFlow(script, dict(values), mode, scenario, solo=solo)
        if needs_details(script, values):
            self._to_details()
        else:
            self._to_prep()

    def _to_details(self) -> None:
        from coach.tui.screens.details import DetailsScreen

        flow = self._flow
        assert flow is not None
        flow.details_shown = True
        self.push_screen(DetailsScreen(flow.script, flow.values), self._details_done)

    def _details_done(self, values: dict[str, str] | None) -> None:
        if values is None or self._flow is None:
            self._flow_over()
            return
        self._flow.values.update(values)
        self._to_prep()

    def _to_prep(self) -> None:
        flow = self._flow
        assert flow is not None
        if not flow.script.checklist:
            self._after_prep()
            return
        self._push_prep(flow)

    def _push_prep(self, flow: CallFlow) -> None:
        from coach.tui.screens.prep import PrepScreen

        self.push_screen(PrepScreen(flow.script, flow.ticks), self._prep_done)

    def _prep_done(self, ticks: dict[str, bool] | None) -> None:
        flow = self._flow
        if flow is None:
            return
        if ticks is None:
            if flow.details_shown:
                self._to_details()
            else:
                self._flow_over()
            return
        flow.ticks = ticks
        self._after_prep()

    def _after_prep(self) -> None:
        """A rehearsal shows the partner card first; a live call starts at once."""
        flow = self._flow
        assert flow is not None
        if flow.mode == "practice":
            self._to_card()
        else:
            self._to_call()

    def _to_card(self) -> None:
        from coach.call.practice import partner_card
        from coach.tui.screens.partner_card import PartnerCardScreen

        flow = self._flow
        assert flow is not None
        card = partner_card(flow.script, flow.scenario, flow.values)
        self.push_screen(PartnerCardScreen(card, solo=flow.solo), self._card_done)

    def _card_done(self, start: bool | None) -> None:
        flow = self._flow
        if flow is None:
            return
        if start:
            self._to_call()
        elif flow.script.checklist:
            self._push_prep(flow)
        elif flow.details_shown:
            self._to_details()
        else:
            self._flow_over()

    def _to_call(self) -> None:
        from coach.call.session import CallSession, SessionError
        from coach.store.recorder import CallRecorder
        from coach.tui.screens.call import CallScreen

        flow = self._flow
        assert flow is not None
        try:
            session = CallSession(
                flow.script,
                flow.values,
                mode=flow.mode,
                scenario=flow.scenario,
                checklist=flow.ticks,
                clock=self.clock,
                wall=self.wall,
                start_at=flow.start_at,
                solo=flow.solo,
            )
        except SessionError as exc:
            self.notify(str(exc).capitalize(), title="Cannot start", severity="error")
            self._flow_over()
            return
        recorder = CallRecorder(self.open_store, self._warn_store)
        self.push_screen(
            CallScreen(session, recorder, solo=flow.solo),
            lambda s: self._call_done(recorder, s),
        )

    def _call_done(self, recorder: CallRecorder, session: CallSession | None) -> None:
        from coach.tui.screens.summary import PracticeSummaryScreen, SummaryScreen

        if session is None:
            self._flow_over()
            return
        if session.mode == "practice":
            self.push_screen(
                PracticeSummaryScreen(
                    session,
                    save=lambda s: self._save_rating(recorder, s),
                    saved=recorder.finished,
                ),
                lambda _: self._flow_over(),
            )
            return
        window: FollowUpWindow | None = None
        if recorder.finished and recorder.call_id is not None:
            call_id = recorder.call_id
            stored = self._read_store(lambda store: store.get(call_id))
            if stored is not None:
                window = stored.follow_up
        self.push_screen(
            SummaryScreen(
                session,
                today=self.today(),
                export_dir=locations.data_dir() / "exports",
                saved=recorder.finished,
                follow_up=window,
            ),
            lambda _: self._flow_over(),
        )

    def _save_rating(self, recorder: CallRecorder, session: CallSession) -> str | None:
        """Write a rehearsal's rating and note to its (finished) record; None when saved."""
        if recorder.call_id is None:
            return "The rehearsal was not recorded, so its rating cannot be kept."
        call_id = recorder.call_id
        try:
            self.open_store().save(call_id, session.to_snapshot())
        except StoreError as exc:
            return f"The rating could not be saved: {exc}"
        return None

    # -------------------------------------------------------------- practice
    def start_practice(self, script_id: str) -> None:
        """Rehearse a script of the library with its least-rehearsed scenario."""
        from coach.store.rehearsals import pick_scenario

        if self._flow is not None:
            self.notify("Finish the current call first.", severity="warning")
            return
        entry = next((e for e in self.script_entries() if e.id == script_id), None)
        if entry is None or entry.script is None:
            self.notify(f"Script '{script_id}' cannot be rehearsed.", severity="error")
            return
        try:
            store: Store | None = self.open_store()
        except StoreError:
            store = None
        pick = pick_scenario(entry.script, store=store)
        for message in pick.messages:
            self.notify(message, title="Practice", severity="warning", timeout=10)
        self.begin_call(entry.script, {}, mode="practice", scenario=pick.scenario)

    def home_rehearsals(self) -> dict[str, str]:
        """script id -> how often it was rehearsed and which scenarios never were."""
        from coach.call.rehearsal import rehearsal_lines

        scripts = [e.script for e in self.script_entries() if e.script is not None]
        found = self._read_store(lambda store: store.calls(mode="practice"))
        return rehearsal_lines(scripts, found or [])

    def _flow_over(self) -> None:
        flow, self._flow = self._flow, None
        if flow is not None and flow.from_editor:
            return  # the editor is on the screen again
        if self.home_mode:
            self._refresh_home()
        else:
            self.exit(0)

    def _refresh_home(self) -> None:
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_data()

    # ---------------------------------------------------------------- editing
    def edit_script(self, ref: str) -> None:
        """Open the editor on a script (an id or a path); a bundled one is copied first."""
        from coach.script.newscript import NewScriptError, prepare_edit

        try:
            path, notice = prepare_edit(ref)
        except ScriptError as exc:
            message = exc.findings[0].message if exc.findings else str(exc)
            self.notify(message, title="Cannot edit", severity="error", timeout=10)
            return
        except NewScriptError as exc:
            self.notify(str(exc), title="Cannot edit", severity="error", timeout=10)
            return
        self.open_editor(path, notice)

    def open_editor(self, path: Path, notice: str | None = None) -> None:
        """Push the editor on ``path``; afterwards the home list is current again."""
        from coach.tui.screens.editor import EditorScreen

        if self._flow is not None:
            self.notify("Finish the current call first.", severity="warning")
            return
        self.push_screen(EditorScreen(path, notice=notice), self._editor_closed)

    def _editor_closed(self, _saved: Path | None) -> None:
        if self._edit_path is not None:
            self.exit(0)  # ``coach edit``: leaving the editor ends the app
        # The home screen reloads its list when it comes back (on_screen_resume).

    def action_new_script(self) -> None:
        """Ask for an id, create the script from the starter and open it in the editor."""
        from coach.script.newscript import new_script
        from coach.tui.dialogs.new_script import NewScriptDialog

        if self._flow is not None:
            self.notify("Finish the current call first.", severity="warning")
            return
        self.push_screen(NewScriptDialog(new_script), self._new_script_done)

    def _new_script_done(self, path: Path | None) -> None:
        if path is not None:
            self.open_editor(
                path,
                f"Created {path} from the starter. Make it yours; ctrl+s saves.",
            )

    def on_editor_screen_rehearse_requested(self, message: EditorScreen.RehearseRequested) -> None:
        """``ctrl+r`` in the editor: rehearse alone from that node, then back to the editor."""
        message.stop()
        if self._flow is not None:
            self.notify("Finish the current rehearsal first.", severity="warning")
            return
        # No details and no checklist: facts not filled show as [placeholders].
        self._flow = CallFlow(
            message.script,
            {},
            "practice",
            None,
            solo=True,
            start_at=message.node_id,
            from_editor=True,
        )
        self._to_call()

    # --------------------------------------------------------------- actions
    def action_recent_calls(self) -> None:
        today = self.today()
        recent = self._read_store(lambda store: store.calls(limit=20))
        self.push_screen(RecentCallsDialog(recent_content(recent or [], today)))


def run_home() -> int:
    """``coach``: the home screen."""
    app = CoachApp(handle_signals=True)
    result = app.run()
    return result if isinstance(result, int) else 0


def run_call(
    script: Script,
    values: dict[str, str],
    *,
    mode: Literal["live", "practice"] = "live",
    scenario: Scenario | None = None,
) -> int:
    """``coach call``/``coach practice``: details → prep → call → summary, then exit."""
    app = CoachApp(script=script, values=values, mode=mode, scenario=scenario, handle_signals=True)
    result = app.run()
    return result if isinstance(result, int) else 0


def run_practice(
    script: Script,
    values: dict[str, str],
    *,
    scenario_id: str | None = None,
    seed: int | None = None,
    solo: bool = False,
) -> int:
    """``coach practice``: details → prep → partner card → rehearsal → practice summary.

    The scenario is picked before the app starts: a ``--scenario`` that cannot
    be played is printed to stderr and the exit status is 2.
    """
    from coach.call.practice import PracticeError
    from coach.store.rehearsals import pick_scenario

    try:
        pick = pick_scenario(script, scenario_id, seed)
    except PracticeError as exc:
        print(f"coach: {exc}", file=sys.stderr)
        return 2
    app = CoachApp(
        script=script,
        values=values,
        mode="practice",
        scenario=pick.scenario,
        handle_signals=True,
        solo=solo,
        notices=pick.messages,
    )
    result = app.run()
    return result if isinstance(result, int) else 0
