"""Runs the call walk: each step's screen in turn, as :mod:`coach.call.walk` decides.

:meth:`CallWalk.run` is the body of one worker: it shows the screen of the
walk's step, waits for its result (``push_screen_wait``, the way every screen
result is waited for in this app), turns the result into an event of the walk
and asks the rules which step comes next, until the walk is over. The app
starts the worker and says what comes after it (:func:`coach.call.walk.ending`).

Screens whose results decide what comes next are awaited this way: the walk
here, the resume offer (:mod:`coach.tui.resume`), the editor's save and leave
questions. A single question asked in answer to a key (the call's "end now?",
the checklist's "start anyway?", quitting with unsaved text, a new script's
id) is instead pushed in that key's own handler with a callback: a worker
would push it a moment later, and a key typed right after ("q" then "n")
would miss it.

The screens are imported when first shown: ``coach`` draws home without them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from textual.notifications import SeverityLevel
from textual.screen import Screen

from coach import locations
from coach.call.walk import (
    CallEnded,
    CallGone,
    CardBack,
    CardStart,
    DetailsCancelled,
    DetailsDone,
    Event,
    PrepCancelled,
    PrepDone,
    SummaryClosed,
    Walk,
    advance,
)
from coach.store import Store, StoreError
from coach.store.form_drafts import FormDrafts

if TYPE_CHECKING:
    from coach.call.feedback import PartnerFeedback
    from coach.call.jobs import Job
    from coach.call.nextstep import NextStep
    from coach.call.pace import Comparison
    from coach.call.session import CallSession
    from coach.store.recorder import CallRecorder
    from coach.tui.jobdesk import JobDesk

T = TypeVar("T")
R = TypeVar("R")

#: How long after a screen of the walk is drawn the script's steps are made
#: ready (``CallWalk._warm``): the screen is on the terminal by then.
WARM_AFTER = 0.2


class WalkHost(Protocol):
    """What a walk needs from the app that runs it (``CoachApp``)."""

    #: Monotonic clock for call timers, wall clock for timestamps, today's date.
    clock: Callable[[], float]
    wall: Callable[[], datetime]
    today: Callable[[], date]

    def open_store(self) -> Store: ...

    def warn_store(self, message: str) -> None: ...

    def read_store(self, read: Callable[[Store], T]) -> T | None: ...

    @property
    def job_desk(self) -> JobDesk: ...

    def remember_details(
        self, job_id: int, before: Mapping[str, str], typed: Mapping[str, str]
    ) -> None: ...

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...

    async def push_screen_wait(self, screen: Screen[R], *, mode: str | None = None) -> R: ...

    def set_timer(self, delay: float, callback: Callable[[], None]) -> object: ...


@dataclass
class RunningCall:
    """A call under way: its session and what writes it to the store."""

    session: CallSession
    recorder: CallRecorder


class CallWalk:
    """One walk from the details to the summary, shown screen by screen.

    Args:
        host: the app.
        walk: where the walk begins (see ``coach.call.walk.begin``).
        call: a call already under way (a resumed one), for a walk that begins at the call.
    """

    def __init__(self, host: WalkHost, walk: Walk, *, call: RunningCall | None = None) -> None:
        self.host = host
        self.walk = walk
        self._call = call
        #: Typed details and ticks, written through until the call starts.
        self._drafts = FormDrafts(locations.data_dir() / "drafts")

    async def run(self) -> Walk:
        """Show each step until the walk is over; returns it, over."""
        while self.walk.step != "over":
            event = await self._show(self.walk)
            self.walk = advance(self.walk, event)
        return self.walk

    async def _wait(self, screen: Screen[R]) -> R:
        """Show ``screen`` and wait for its result."""
        if self.walk.step in ("details", "prep", "card"):
            screen.call_after_refresh(self.host.set_timer, WARM_AFTER, self._warm)
        return await self.host.push_screen_wait(screen)

    def _warm(self) -> None:
        """While the details or checklist are read: the script's steps, which
        the script cache hands over still pickled (``coach.script.cache.warm``:
        80 ms for 10,000 steps), are unpickled before the call needs them."""
        from coach.script.cache import warm

        warm(self.walk.script)

    async def _show(self, walk: Walk) -> Event:
        """Show the screen of ``walk.step``; what the user did there, as an event."""
        wait = self._wait
        match walk.step:
            case "details":
                from coach.tui.screens.details import DetailsScreen

                draft = self._drafts.read(walk.script.id)
                details = DetailsScreen(
                    walk.script,
                    walk.values,
                    drafts=self._drafts,
                    draft=draft.values if draft else None,
                )
                values = await wait(details)
                if values is None:
                    return DetailsCancelled()
                if walk.job is not None:
                    self.host.remember_details(walk.job, walk.values, values)
                return DetailsDone(values)
            case "prep":
                from coach.tui.screens.prep import PrepScreen

                kept = self._drafts.read(walk.script.id)
                script_id = walk.script.id
                prep = PrepScreen(
                    walk.script,
                    {**walk.ticks, **(kept.ticks if kept else {})},
                    timing=walk.timing,
                    too_early=walk.too_early,
                    mode=walk.mode,
                    keep=lambda ticks: self._drafts.write(script_id, ticks=ticks),
                )
                ticks = await wait(prep)
                return PrepCancelled() if ticks is None else PrepDone(ticks)
            case "card":
                from coach.tui.screens.partner_card import PartnerCardScreen

                return CardStart() if await wait(PartnerCardScreen(walk)) else CardBack()
            case "call":
                return await self._show_call(walk)
            case "summary" | "practice_summary":
                await self._show_summary(walk)
                return SummaryClosed()
        raise AssertionError(f"no screen for the {walk.step} step")

    # ------------------------------------------------------------------ call
    def _start_call(self, walk: Walk) -> RunningCall | None:
        """A new call of the walk's script; None (the user is told why) if it cannot start."""
        from coach.call.session import CallSession, SessionError
        from coach.store.recorder import CallRecorder

        host = self.host
        try:
            session = CallSession(
                walk.script,
                walk.values,
                mode=walk.mode,
                scenario=walk.scenario,
                checklist=walk.ticks,
                clock=host.clock,
                wall=host.wall,
                start_at=walk.start_at,
                solo=walk.solo,
                job=walk.job,
            )
        except SessionError as exc:
            host.notify(str(exc).capitalize(), title="Cannot start", severity="error")
            return None
        self._drafts.drop(walk.script.id)  # the call's record holds them from now on
        return RunningCall(session, CallRecorder(host.open_store, host.warn_store))

    async def _show_call(self, walk: Walk) -> Event:
        from coach.tui.screens.call import CallScreen

        call, self._call = self._call or self._start_call(walk), None
        if call is None:
            return CallGone()
        session = await self._wait(CallScreen(call.session, call.recorder))
        if session is None:
            return CallGone()
        self._call = RunningCall(session, call.recorder)
        return CallEnded()

    # --------------------------------------------------------------- summary
    async def _show_summary(self, walk: Walk) -> None:
        from coach.tui.screens.summary import PracticeSummaryScreen, SummaryScreen

        assert self._call is not None, "a summary comes after a call"
        session, recorder = self._call.session, self._call.recorder
        self._call = None
        screen: Screen[Any]
        if walk.step == "practice_summary":
            screen = PracticeSummaryScreen(
                session,
                save=lambda s: self._save_rating(recorder, s),
                saved=recorder.finished,
                retry=lambda: recorder.retry_finish(session),
                feedback=lambda: self._partner_feedback(recorder),
                comparison=self._compare(session, recorder),
            )
        else:
            step, job = self._next_step(recorder)
            screen = SummaryScreen(
                session,
                today=self.host.today(),
                export_dir=locations.data_dir() / "exports",
                saved=recorder.finished,
                retry=lambda: recorder.retry_finish(session),
                follow_up=step,
                job=job,
            )
        await self._wait(screen)

    def _compare(self, session: CallSession, recorder: CallRecorder) -> Comparison | None:
        """This rehearsal against the earlier finished runs of its scenario."""
        from coach.call.pace import Mark, compare_with_runs
        from coach.call.practice import runs_from_records

        if session.scenario is None:
            return None
        script = session.script.id
        records = self.host.read_store(lambda store: store.calls(mode="practice", script=script))
        runs = runs_from_records(records or [], script)
        now = Mark(session.score(), session.pace())
        return compare_with_runs(now, session.scenario.id, runs, call_id=recorder.call_id)

    def _next_step(self, recorder: CallRecorder) -> tuple[NextStep | None, Job | None]:
        """The job's next step now that the call is finished and saved (the store has
        updated the job), and the job; ``(None, None)`` when the call has no job."""
        if not recorder.finished or recorder.call_id is None:
            return None, None
        call_id = recorder.call_id
        record = self.host.read_store(lambda store: store.get(call_id))
        job_id = record.job if record is not None else None
        if job_id is None:
            return None, None
        view = self.host.read_store(lambda _store: self.host.job_desk.view(job_id))
        return (view.step, view.job) if view is not None else (None, None)

    def _partner_feedback(self, recorder: CallRecorder) -> PartnerFeedback | None:
        """A partner's feedback on the rehearsal (``coach partner``), if any was given."""
        call_id = recorder.call_id
        if call_id is None:
            return None
        found = self.host.read_store(lambda store: store.partner_feedback([call_id]))
        return found.get(call_id) if found else None

    def _save_rating(self, recorder: CallRecorder, session: CallSession) -> str | None:
        """Write a rehearsal's rating and note to its (finished) record; None when saved."""
        if recorder.call_id is None:
            return "The rehearsal was not recorded, so its rating cannot be kept."
        call_id = recorder.call_id
        try:
            self.host.open_store().save(call_id, session.to_snapshot())
        except StoreError as exc:
            return f"The rating could not be saved: {exc}"
        return None
