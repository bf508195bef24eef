"""An interrupted call (its process died): offered on start, taken up where it stopped.

The app offers :func:`newest_interrupted` with :func:`answer_offer`; on yes,
:func:`take_up` rebuilds the call from its record and the walk goes on at the
call screen (:func:`walk_of`). On no, the call is kept as interrupted and
never offered again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coach.script.model import Script, ScriptError
from coach.store import CallRecord, StoreError

# Home asks about interrupted calls as it starts: what only resuming needs is
# imported when a call is resumed.
if TYPE_CHECKING:
    from coach.call.walk import Walk
    from coach.script.library import ScriptEntry
    from coach.tui.dialogs.confirm import ConfirmDialog
    from coach.tui.flow import RunningCall, WalkHost


def newest_interrupted(host: WalkHost, script_id: str | None) -> CallRecord | None:
    """The newest interrupted call (of ``script_id`` if given) not yet dismissed."""
    found = host.read_store(lambda store: store.interrupted())
    records = list(found or [])
    if script_id is not None:
        records = [r for r in records if r.script == script_id]
    return records[0] if records else None


def resume_question(record: CallRecord) -> ConfirmDialog:
    """Ask whether to resume ``record``: which call, where it stopped, after how long."""
    from coach.call.words import step_words
    from coach.tui.dialogs.confirm import ConfirmDialog
    from coach.tui.text import clock as clock_text

    current = record.call.current
    where = f"stopped at the step “{step_words(current)}”" if current else "stopped"
    detail = (
        f"{record.title}, started {record.started_at[:16].replace('T', ' ')}, "
        f"{where} after {clock_text(record.duration_s or 0)}. "
        "Its notes and captures are kept."
    )
    return ConfirmDialog(
        "A call was interrupted. Resume it?",
        detail,
        yes="Resume",
        no="Keep as interrupted",
    )


async def answer_offer(
    host: WalkHost, record: CallRecord, script: Callable[[], Script]
) -> RunningCall | None:
    """Ask whether to resume ``record``: the call taken up on yes, else None.

    On no, ``record`` is dismissed (kept as interrupted, never offered again);
    on yes, a call that cannot be taken up (the user is told why) stays offered.
    """
    if await host.push_screen_wait(resume_question(record)):
        return take_up(host, record, script)
    host.read_store(lambda store: store.dismiss(record.id))
    return None


def script_for(
    record: CallRecord, given: Script | None, entries: Callable[[], list[ScriptEntry]]
) -> Script:
    """The script an interrupted call ran: ``given`` (``coach call``'s) if it is that
    one, else its file if still there, else the library's by id (raises ``ScriptError``)."""
    if given is not None and given.id == record.script:
        return given
    path = record.call.script_path
    if isinstance(path, str) and path and Path(path).is_file():
        from coach.script.load import load_path

        return load_path(Path(path))
    for entry in entries():
        if entry.id == record.script and entry.script is not None:
            return entry.script
    from coach.script.library import resolve

    return resolve(record.script)


def take_up(host: WalkHost, record: CallRecord, script: Callable[[], Script]) -> RunningCall | None:
    """Continue ``record`` in this process; None (the user is told why) if it cannot be."""
    from coach.call.session import CallSession, SessionError
    from coach.store.recorder import CallRecorder
    from coach.tui.flow import RunningCall

    try:
        found = script()
    except ScriptError as exc:
        host.notify(f"Cannot resume: {exc}", severity="error", timeout=10)
        return None
    try:
        taken = host.open_store().resume(record.id)
    except StoreError as exc:
        host.notify(f"Cannot resume: {exc}", severity="error", timeout=10)
        return None
    try:
        session = CallSession.restore(found, taken.call, clock=host.clock, wall=host.wall)
    except (SessionError, KeyError, TypeError, ValueError) as exc:
        host.notify(f"Cannot resume: {exc}", severity="error", timeout=10)
        return None
    recorder = CallRecorder(host.open_store, host.warn_store, call_id=record.id)
    return RunningCall(session, recorder)


def walk_of(call: RunningCall) -> Walk:
    """The walk around a call taken up again: at the call screen, then its summary."""
    from coach.call.walk import resumed

    session = call.session
    return resumed(
        session.script,
        session.values,
        mode=session.mode,
        scenario=session.scenario,
        solo=session.solo,
    )
