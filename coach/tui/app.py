"""The Call Coach Textual app: home, the call walk, the editor, one at a time.

The command line starts it through :mod:`coach.tui.run`.
The call walk (details, prep, partner card, call, summary) is run by
:mod:`coach.tui.flow` under the rules of :mod:`coach.call.walk`; an
interrupted call is offered by :mod:`coach.tui.resume`.
Importing this module has no side effects: nothing is read or opened until the
app runs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.actions import SkipAction
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from coach.script.model import ScriptError
from coach.store import Store, StoreError
from coach.tui.base import CALL_CSS, CALL_CSS_END, BaseApp
from coach.tui.jobs import JobsHost

# Everything that only a call, a rehearsal or the editor needs is imported when
# first used, so that ``coach`` shows its home screen without loading it.
if TYPE_CHECKING:
    from textual.command import Provider

    from coach.call.jobs import Job
    from coach.call.jobstart import JobCallStart
    from coach.call.session import Mode
    from coach.call.walk import Walk
    from coach.script.library import ScriptEntry
    from coach.script.model import Scenario, Script
    from coach.script.newscript import EditTarget
    from coach.store import CallRecord
    from coach.tui.dialogs.confirm import ConfirmDialog
    from coach.tui.flow import CallWalk, RunningCall
    from coach.tui.jobdesk import JobDesk
    from coach.tui.messages import AddJob, EditScript, NewScript, OpenJob, StartCall, StartPractice
    from coach.tui.screens.editor import EditorScreen
    from coach.tui.screens.home import HomeData, HomeScreen

T = TypeVar("T")


def _coach_commands() -> type[Provider]:  # imported when the palette first opens
    from coach.tui.commands import CoachCommands

    return CoachCommands


class CoachApp(JobsHost, BaseApp[int]):
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
        edit: open the script editor on this file, or on what ``prepare_edit`` planned
            (``coach edit``); leaving it ends the app.
        jobs: reads and writes jobs (default: a :class:`~coach.tui.jobdesk.StoreDesk`
            on the store; tests give a fake).
    """

    TITLE = "Call Coach"
    COMMANDS = App.COMMANDS | {_coach_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
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
        edit: Path | EditTarget | None = None,
        job: int | None = None,
        start: JobCallStart | None = None,
        jobs: JobDesk | None = None,
    ) -> None:
        super().__init__()
        if isinstance(edit, Path):  # (home never loads the new-script module)
            from coach.script.newscript import EditTarget

            edit = EditTarget(edit)
        self._edit = edit
        self._quit_asked = False
        self._notices = list(notices)
        #: ``coach call``/``coach practice``: the walk of the one call to make.
        self._call: Walk | None = None
        if script is not None:
            from coach.call.walk import begin

            self._call = begin(
                script,
                values or {},
                mode=mode,
                scenario=scenario,
                solo=solo,
                job=job,
                timing=start.timing if start else None,
                too_early=start.warns if start else False,
            )
        self._store_path = store_path
        self._store = store
        self._store_warned = False
        self.clock = clock
        self.wall = wall
        self.today = today
        self._handle_signals = handle_signals
        self._entries: list[ScriptEntry] | None = None
        self._library = library
        #: The walk on screen, if any: one at a time.
        self._walk: CallWalk | None = None
        self.home_mode = script is None and edit is None
        self._jobs = jobs
        if self.home_mode:
            self.read_css_later()
        elif edit is None:  # a call: its screens' rules only (see read_css_later)
            self.read_css_later(CALL_CSS_END, part=CALL_CSS)

    # ------------------------------------------------------------------ store
    def open_store(self) -> Store:
        """The store, opened on first use (raises ``StoreError``)."""
        if self._store is None:
            self._store = Store(self._store_path)
            if self._store.moved_notice:
                self.notify(
                    self._store.moved_notice, title="Call history", severity="warning", timeout=30
                )
        return self._store

    def warn_store(self, message: str) -> None:
        self.notify(message, title="Call history", severity="error", timeout=10)

    def read_store(self, read: Callable[[Store], T]) -> T | None:
        """Run a read; on ``StoreError`` tell the user once and return None."""
        try:
            return read(self.open_store())
        except StoreError as exc:
            if not self._store_warned:
                self._store_warned = True
                self.warn_store(f"The call history cannot be read: {exc}")
            return None

    # --------------------------------------------------------------- startup
    def get_default_screen(self) -> Screen[Any]:
        """``coach`` starts on home itself, not on a blank screen with home pushed on it."""
        if self.home_mode:
            from coach.tui.screens.home import HomeScreen

            return HomeScreen(self.home_data)
        return super().get_default_screen()

    def on_mount(self) -> None:
        if self._handle_signals:
            from coach.tui.signals import HangUpHandler

            HangUpHandler(self._hang_up).install()
        for notice in self._notices:
            self.notify(notice, title="Practice", severity="warning", timeout=10)
        if self._edit is not None:
            self.open_editor(self._edit)
        elif self.home_mode:
            # Home is the default screen (get_default_screen): it is up already.
            self.call_after_refresh(self._offer_resume, None)
            self.read_css_soon()
        elif self._call is not None and not self._offer_resume(self._call.script.id):
            self._run_walk(self._call)

    def _hang_up(self) -> None:
        from coach.tui.signals import keep_editor_text

        keep_editor_text(self.screen_stack)
        self.save_running_calls()
        self.exit(0)

    def save_running_calls(self) -> None:
        from coach.tui.signals import save_running_calls

        save_running_calls(self.screen_stack)

    async def action_quit(self) -> None:
        """``ctrl+q`` (and ``ctrl+c`` outside the editor): quit, asking first when an
        editor has unsaved text or a form (details, job) typed values."""
        from coach.tui.signals import quit_question

        question = quit_question(self.screen_stack)
        if question is not None:
            self._ask_quit(question)
            return
        self.save_running_calls()
        self.exit(0)

    async def action_interrupt(self) -> None:
        """``ctrl+c``: quit like ``ctrl+q``, except in the editor, where it copies."""
        from coach.tui.signals import is_editor

        if is_editor(self.screen):
            raise SkipAction()  # on to the editor's own ctrl+c (copy)
        await self.action_quit()

    def _ask_quit(self, question: ConfirmDialog) -> None:
        if self._quit_asked:
            return  # the question is on screen already
        self._quit_asked = True
        # Asked at once, with a callback: a "y" typed right after the key answers it.
        self.push_screen(question, self._quit_answered)

    def _quit_answered(self, yes: bool | None) -> None:
        self._quit_asked = False
        if yes:
            from coach.tui.signals import drop_editor_text

            drop_editor_text(self.screen_stack)  # "Quit": the unsaved text may go
            self.save_running_calls()
            self.exit(0)

    # ---------------------------------------------------------------- resume
    def _offer_resume(self, script_id: str | None) -> bool:
        """Offer the newest interrupted call (of ``script_id`` if given). True if offered."""
        from coach.tui.resume import newest_interrupted

        record = newest_interrupted(self, script_id)
        if record is None:
            return False
        self.run_worker(self._resume_answer(record), group="resume")
        return True

    async def _resume_answer(self, record: CallRecord) -> None:
        from coach.tui.resume import answer_offer, script_for, walk_of

        given = self._call.script if self._call is not None else None
        call = await answer_offer(
            self, record, lambda: script_for(record, given, self.script_entries)
        )
        if call is not None:
            self._run_walk(walk_of(call), call)
        elif not self.home_mode and self._walk is None and self._call is not None:
            self._run_walk(self._call)
        elif self.home_mode:
            self._refresh_home()

    # ------------------------------------------------------------------ home
    def script_entries(self, *, reload: bool = False) -> list[ScriptEntry]:
        if self._entries is None or reload:
            if self._library is None:
                from coach.script.library import discover

                self._library = discover
            self._entries = self._library()
        return self._entries

    def home_data(self, reload: bool = False) -> HomeData:
        """What home shows; ``reload`` reads every script file again."""
        from coach.tui.home_source import read_home

        return read_home(self, reload)

    def _home_on_top(self) -> HomeScreen | None:
        """Home, if it is the screen shown (a call never imports home's modules)."""
        home = sys.modules.get("coach.tui.screens.home")
        screen = self.screen
        return screen if home is not None and isinstance(screen, home.HomeScreen) else None

    def _refresh_home(self) -> None:
        if (home := self._home_on_top()) is not None:
            home.refresh_data()

    def on_start_call(self, message: StartCall) -> None:
        self.start_script(message.script_id, job=message.job)

    def on_start_practice(self, message: StartPractice) -> None:
        self.start_practice(message.script_id)

    def on_edit_script(self, message: EditScript) -> None:
        self.edit_script(message.ref)

    def on_new_script(self, message: NewScript) -> None:
        self.action_new_script()

    # ------------------------------------------------------------------ jobs
    @property
    def job_desk(self) -> JobDesk:
        """Reads and writes jobs (home, the job screen, the job form)."""
        if self._jobs is None:
            from coach.tui.jobdesk import StoreDesk

            self._jobs = StoreDesk(self)
        return self._jobs

    def on_open_job(self, message: OpenJob) -> None:
        from coach.tui.screens.job import JobScreen

        self.push_screen(JobScreen(message.job_id, self.job_desk))

    def on_add_job(self, message: AddJob) -> None:
        from coach.tui.screens.job_form import JobFormScreen

        self.push_screen(JobFormScreen(None, self.job_desk.add), self._job_added)

    def _job_added(self, job: Job | None) -> None:
        if job is not None and (home := self._home_on_top()) is not None:
            home.refresh_data()
            home.select_job(job.id)

    # ------------------------------------------------------------------ walk
    def _busy(self, what: str = "call") -> bool:
        """True (and the user is told) while a walk is on: one at a time."""
        if self._walk is None:
            return False
        self.notify(f"Finish the current {what} first.", severity="warning")
        return True

    def _library_script(self, script_id: str, cannot: str) -> Script | None:
        """The library's script ``script_id``; None (the user is told) if it does not load."""
        entry = next((e for e in self.script_entries() if e.id == script_id), None)
        if entry is None or entry.script is None:
            self.notify(f"Script '{script_id}' {cannot}.", severity="error")
            return None
        return entry.script

    def start_script(self, script_id: str, *, job: int | None = None) -> None:
        """Start the details → prep → call walk for a script of the library (on ``job``)."""
        if self._busy() or not (script := self._library_script(script_id, "cannot be started")):
            return
        if job is None:
            from coach.call.values import chain_values

            self.begin_call(script, chain_values(script, profile=self.settings().profile))
            return
        start = self.job_start(script, job)
        if start is not None:
            self.begin_call(
                script, start.values, job=job, timing=start.timing, too_early=start.warns
            )

    def begin_call(
        self,
        script: Script,
        values: Mapping[str, str],
        *,
        mode: Mode = "live",
        scenario: Scenario | None = None,
        solo: bool = False,
        job: int | None = None,
        timing: str | None = None,
        too_early: bool = False,
    ) -> None:
        from coach.call.walk import begin

        walk = begin(
            script,
            values,
            mode=mode,
            scenario=scenario,
            solo=solo,
            job=job,
            timing=timing,
            too_early=too_early,
        )
        self._run_walk(walk)

    def _run_walk(self, walk: Walk, call: RunningCall | None = None) -> None:
        from coach.tui.flow import CallWalk

        runner = self._walk = CallWalk(self, walk, call=call)
        self.run_worker(self._walk_worker(runner), group="walk")

    async def _walk_worker(self, runner: CallWalk) -> None:
        from coach.call.walk import ending

        try:
            walk = await runner.run()
        finally:
            self._walk = None
        match ending(walk, home=self.home_mode):
            case "home":
                self._refresh_home()
            case "exit":
                self.exit(0)
            case "editor":
                pass  # the editor is on the screen again

    def start_practice(self, script_id: str) -> None:
        """Rehearse a script of the library with its least-rehearsed scenario."""
        from coach.store.rehearsals import pick_scenario

        if self._busy() or not (script := self._library_script(script_id, "cannot be rehearsed")):
            return
        try:
            store: Store | None = self.open_store()
        except StoreError:
            store = None
        pick = pick_scenario(script, store=store)
        for message in pick.messages:
            self.notify(message, title="Practice", severity="warning", timeout=10)
        from coach.call.values import chain_values

        values = chain_values(script, profile=self.settings().profile)
        self.begin_call(script, values, mode="practice", scenario=pick.scenario)

    # ---------------------------------------------------------------- editing
    def edit_script(self, ref: str) -> None:
        """Open the editor on a script (an id or a path); a bundled one is copied first."""
        from coach.script.newscript import NewScriptError, prepare_edit

        try:
            target = prepare_edit(ref)
        except ScriptError as exc:
            message = exc.findings[0].message if exc.findings else str(exc)
            self.notify(message, title="Cannot edit", severity="error", timeout=10)
            return
        except NewScriptError as exc:
            self.notify(str(exc), title="Cannot edit", severity="error", timeout=10)
            return
        self.open_editor(target)

    def open_editor(self, target: EditTarget) -> None:
        """Push the editor on ``target``; afterwards the home list is current again."""
        from coach.tui.screens.editor import EditorScreen

        if self._busy():
            return
        screen = EditorScreen(target.path, notice=target.notice, initial_text=target.initial_text)
        self.push_screen(screen, self._editor_closed)

    def _editor_closed(self, _saved: Path | None) -> None:
        if self._edit is not None:
            self.exit(0)  # ``coach edit``: leaving the editor ends the app
        # The home screen reloads its list when it comes back (on_screen_resume).

    def action_new_script(self) -> None:
        """Ask for an id, create the script from the starter and open it in the editor."""
        from coach.script.newscript import new_script
        from coach.tui.dialogs.new_script import NewScriptDialog

        if self._busy():
            return
        self.push_screen(NewScriptDialog(new_script), self._new_script_done)

    def _new_script_done(self, path: Path | None) -> None:
        from coach.script.newscript import EditTarget

        if path is not None:
            notice = f"Created {path} from the starter. Make it yours; ctrl+s saves."
            self.open_editor(EditTarget(path, notice))

    def on_editor_screen_rehearse_requested(self, message: EditorScreen.RehearseRequested) -> None:
        """``ctrl+r`` in the editor: rehearse alone from that node, then back to the editor."""
        from coach.call.walk import rehearse_from

        message.stop()
        if self._busy("rehearsal"):
            return
        self._run_walk(rehearse_from(message.script, message.node_id))

    # --------------------------------------------------------------- actions
    def action_recent_calls(self) -> None:
        from coach.tui.dialogs.recent import RecentCallsDialog
        from coach.tui.widgets.history import recent_content

        today = self.today()
        recent = self.read_store(lambda store: store.calls(limit=20))
        self.push_screen(RecentCallsDialog(recent_content(recent or [], today)))
