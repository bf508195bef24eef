"""A call in progress: where you are, how you got there, what you wrote down.

``CallSession`` is pure state and rules. The TUI renders it and forwards keys
to it; the store persists ``snapshot()`` after every change and ``restore()``
rebuilds a session after a crash (``coach.call.snapshot`` is the stored form).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from coach.call.checklist import checklist_items
from coach.call.dates import call_date
from coach.call.pace import first_move_score, first_moves_of, pace_of
from coach.call.snapshot import (
    CallSnapshot,
    Mode,
    Move,
    MoveKind,
    Pace,
    Score,
    StepTime,
    as_snapshot,
    encode,
)
from coach.call.values import date_fields, spoken_fields, start_value, start_values
from coach.script import template
from coach.script.model import RETURN, Choice, Node, Scenario, Script

# The stored pieces live in ``coach.call.snapshot``; they are named here too.
__all__ = ["CallSession", "Mode", "Move", "MoveKind", "Score", "SessionError", "StepTime"]
__all__ += ["VisibleChoice"]


class SessionError(Exception):
    """A move that is not possible from where the call is (shown, never raised to the user)."""


@dataclass(frozen=True)
class VisibleChoice:
    key: str
    label: str
    choice: Choice


def _now_iso(now: datetime) -> str:
    return now.astimezone().isoformat(timespec="seconds")


class CallSession:
    """The state of one call (live or practice) walking a script."""

    def __init__(
        self,
        script: Script,
        values: Mapping[str, str] | None = None,
        *,
        mode: Mode = "live",
        scenario: Scenario | None = None,
        checklist: Mapping[str, bool] | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
        start_at: str | None = None,
        solo: bool = False,
        job: int | None = None,
    ) -> None:
        """Start a call of ``script`` at its ``start`` node, or at ``start_at`` when given.

        ``solo`` is a rehearsal without a partner (practice only): the screen
        then shows the other side's lines, and a resumed rehearsal keeps it.

        ``start_at`` is for rehearsing one part of a script (the editor's
        ``ctrl+r``): the walk begins there, with no history to go back to.
        Raises ``SessionError`` when the script has no such node.
        """
        if start_at is not None and start_at not in script.nodes:
            raise SessionError(f"step '{start_at}' is not in the script")
        self.script = script
        self.mode: Mode = mode
        self.scenario = scenario
        self.solo = solo and mode == "practice"
        #: The job a live call is about (a rehearsal never has one).
        self.job = job if mode == "live" else None
        self._clock = clock
        self._wall = wall
        self.values: dict[str, str] = start_values(script, values or {})
        self.checklist: dict[str, bool] = {
            item.id: bool((checklist or {}).get(item.id, False))
            for item in checklist_items(script, mode)
        }
        self.captures: dict[str, str] = {}
        self._date_fields = date_fields(script)
        self.notes = ""
        self.current = start_at if start_at is not None else script.start
        self.return_stack: list[str] = []
        self.history: list[Move] = []
        self.path: list[str] = [self.current]
        #: Practice score: step -> where its first choice went (kept when undone).
        self.first_moves: dict[str, str] = {}
        self.steps: list[StepTime] = []
        self.outcome: str | None = None
        self.finished = False
        self.abandoned = False
        self.rating: int | None = None
        self.rating_note = ""
        self.started_at = _now_iso(wall())
        #: ``started_at`` and the day it falls on (see :attr:`day`).
        self._day: tuple[str, date] = ("", date.min)
        #: What :meth:`fields` gave, and the state it was worked out for.
        self._fields: tuple[object, dict[str, str]] = (None, {})
        self.ended_at: str | None = None
        self._active_before = 0.0
        self._resumed_at = clock()
        self._step_started = clock()
        self._step_before = 0.0
        #: Bumped on every change; the TUI uses it to know when to save.
        self.version = 0

    # ------------------------------------------------------------------ reading
    @property
    def node(self) -> Node:
        return self.script.nodes[self.current]

    @property
    def in_side_flow(self) -> bool:
        return bool(self.return_stack)

    @property
    def day(self) -> date:
        """The call's own day: what "tomorrow" typed during it is the day after."""
        started, day = self._day
        if started != self.started_at:  # set again by a restore
            day = call_date(self.started_at) or date.today()
            self._day = (self.started_at, day)
        return day

    def fields(self) -> dict[str, str]:
        """Every value a template may use: variables, then captures (read it, never
        change it: it is kept until the session changes).

        Dates are kept as typed ("next Thursday", ``2026-12-03``) and said as a
        person says them, read on the call's day (``Thursday 3 December``, the
        year only when it is not this year's); text that names no day is shown
        as typed.
        """
        key = (self.version, id(self.values), id(self.captures), self.started_at)
        if self._fields[0] != key:
            merged = dict(self.values)
            merged.update(self.captures)
            # Every line of a step is filled from these: worked out once a change.
            self._fields = (key, spoken_fields(merged, self._date_fields, self.day))
        return self._fields[1]

    def render(self, text: str) -> str:
        return template.render(text, self.fields())

    def render_segments(self, text: str) -> list[template.Segment]:
        return template.render_segments(text, self.fields())

    def _holds(self, field_id: str) -> bool:
        value = self.values.get(field_id) or self.captures.get(field_id) or ""
        return bool(value.strip())

    def visible_choices(self, node: Node | None = None) -> list[VisibleChoice]:
        """The choices shown at this step, or at ``node`` with the values known
        now (those whose ``if`` holds), keyed 1-9 in order."""
        node = self.node if node is None else node
        shown = [c for c in node.choices if c.if_ is None or self._holds(c.if_)]
        return [
            VisibleChoice(str(i), self.render(c.label), c) for i, c in enumerate(shown, start=1)
        ]

    def moves_from_here(self) -> list[tuple[str, tuple[str, ...]]]:
        """Where one key can take the call from here, each with the return
        stack it would have there: every choice (whatever its ``if``), Enter's
        next step, each side flow, and back. Nothing once the call is over."""
        if self.finished:
            return []
        node = self.node
        stack = tuple(self.return_stack)
        places = [(choice.next, stack) for choice in node.choices]
        if node.next == RETURN:
            if stack:
                places.append((stack[-1], stack[:-1]))
        elif node.next is not None:
            places.append((node.next, stack))
        places.extend((side.node, (*stack, self.current)) for side in self.script.anytime)
        if self.history:
            places.append((self.history[-1].src, self.history[-1].stack_before))
        return [place for place in dict.fromkeys(places) if place[0] in self.script.nodes]

    def route(self) -> list[str]:
        """The steps that led here, oldest first, and this one: moves undone with
        ``b`` are left out (``path`` keeps every step shown, undone ones too)."""
        return [move.src for move in self.history] + [self.current]

    def can_go_back(self) -> bool:
        return not self.finished and bool(self.history)

    def elapsed(self) -> float:
        """Seconds of the call so far (time spent in an interrupted process excluded)."""
        if self.finished:
            return self._active_before
        return self._active_before + (self._clock() - self._resumed_at)

    def step_elapsed(self) -> float:
        if self.finished:
            return 0.0
        return self._step_before + (self._clock() - self._step_started)

    def over_budget(self) -> bool:
        budget = self.node.seconds
        return budget is not None and self.step_elapsed() > budget

    def side_flow_keys(self) -> dict[str, str]:
        """key -> node id of every side flow."""
        return {s.key: s.node for s in self.script.anytime}

    def node_times(self) -> dict[str, float]:
        """Total seconds spent on each node, the current step included."""
        totals: dict[str, float] = {}
        for step in self.steps:
            totals[step.node] = totals.get(step.node, 0.0) + step.seconds
        if not self.finished:
            totals[self.current] = totals.get(self.current, 0.0) + self.step_elapsed()
        return totals

    def score(self) -> Score | None:
        """Practice: at how many of the scenario's expected steps the *first* move
        made was the expected one (a wrong turn undone with ``b`` is a miss)."""
        if self.scenario is None:
            return None
        return first_move_score(self.scenario.expect, self.first_moves)

    def pace(self) -> Pace | None:
        """Practice: the timed steps taken rushed or over budget (``coach.call.pace``)."""
        if self.mode != "practice":
            return None
        return pace_of(self.script, self.route(), self.node_times())

    def their_line(self, node: Node | None = None) -> str | None:
        """Practice: what the other side says at this step, or at ``node`` (a
        template): the scenario's ``says`` line, else the node's ``partner`` text."""
        node = self.node if node is None else node
        if self.scenario is not None:
            return self.scenario.line_at(node)
        return node.partner or None

    def expected_move(self) -> str | None:
        """Practice: the node the scenario wants the caller to move to from here."""
        if self.scenario is None:
            return None
        return self.scenario.expect.get(self.current)

    # ----------------------------------------------------------------- changing
    def _changed(self) -> None:
        self.version += 1

    def replace_script(self, script: Script) -> None:
        """Go on with a new version of the script (hot reload), at the same step.

        Every node the call stands on or can go back to must exist in
        ``script`` (``coach.script.watch.reload_for_call`` checks that first);
        raises ``SessionError`` otherwise and keeps the old version. Variables
        the new version adds start empty (templates show them as placeholders).
        """
        needed = [self.current, *self.return_stack, *(m.src for m in self.history)]
        missing = [node for node in dict.fromkeys(needed) if node not in script.nodes]
        if missing:
            raise SessionError(f"step '{missing[0]}' is not in the new version")
        self.script = script
        self._date_fields = date_fields(script)
        for var in script.variables:
            if var.id not in self.values:
                self.values[var.id] = start_value(var, self.values)
        for item in checklist_items(script, self.mode):
            self.checklist.setdefault(item.id, False)
        self._changed()

    def _close_step(self) -> None:
        now = self._clock()
        self.steps.append(StepTime(self.current, self._step_before + (now - self._step_started)))
        self._step_started = now
        self._step_before = 0.0

    def _go(self, kind: MoveKind, dst: str, stack_after: list[str]) -> Node:
        if dst not in self.script.nodes:
            raise SessionError(f"step '{dst}' is not in the script")
        move = Move(kind, self.current, dst, tuple(self.return_stack))
        if kind == "choice":
            self.first_moves.setdefault(self.current, dst)
        self._close_step()
        self.history.append(move)
        self.return_stack = stack_after
        self.current = dst
        self.path.append(dst)
        self._changed()
        return self.node

    def _require_open(self) -> None:
        if self.finished:
            raise SessionError("the call is over")

    def choose(self, key: str | int) -> Node:
        """Pick the visible choice with this key (1-9)."""
        self._require_open()
        wanted = str(key)
        for visible in self.visible_choices():
            if visible.key == wanted:
                return self._go("choice", visible.choice.next, list(self.return_stack))
        raise SessionError(f"there is no choice {wanted} here")

    def advance(self) -> Node:
        """Enter: follow ``next`` (or ``return``), or finish the call on an end node."""
        self._require_open()
        node = self.node
        if node.end is not None:
            self.finish()
            return node
        if node.next is None:
            raise SessionError("pick one of the choices to go on")
        if node.next == RETURN:
            if not self.return_stack:
                raise SessionError("there is no step to return to")
            stack = list(self.return_stack)
            dst = stack.pop()
            return self._go("return", dst, stack)
        return self._go("next", node.next, list(self.return_stack))

    def open_side_flow(self, key: str) -> Node:
        """Open the side flow bound to ``key``; ``next: return`` comes back here."""
        self._require_open()
        side = self.script.side_flow_for_key(key)
        if side is None:
            raise SessionError(f"no side flow on key {key!r}")
        return self._go("side", side.node, [*self.return_stack, self.current])

    def back(self) -> Node:
        """Undo the last move, whatever it was (a side flow's return too)."""
        self._require_open()
        if not self.history:
            raise SessionError("this is the first step")
        move = self.history.pop()
        self._close_step()
        self.current = move.src
        self.return_stack = list(move.stack_before)
        self.path.append(move.src)
        self._changed()
        return self.node

    def set_capture(self, capture_id: str, text: str) -> None:
        if self.captures.get(capture_id, "") == text:
            return
        if text:
            self.captures[capture_id] = text
        else:
            self.captures.pop(capture_id, None)
        self._changed()

    def set_notes(self, text: str) -> None:
        if text != self.notes:
            self.notes = text
            self._changed()

    def set_rating(self, rating: int | None, note: str | None = None) -> None:
        if rating is not None and not 1 <= rating <= 5:
            raise SessionError("a rating is 1 to 5")
        self.rating = rating
        if note is not None:
            self.rating_note = note
        self._changed()

    def _stop(self) -> None:
        now = self._clock()
        self._active_before += now - self._resumed_at
        self._resumed_at = now
        self._close_step()
        self.finished = True
        self.ended_at = _now_iso(self._wall())

    def finish(self, outcome: str | None = None) -> None:
        """Finish the call: on an end node with the node's ``end``, or anywhere with
        ``outcome``, one of the script's outcomes (the caller says how it ended, ``q``)."""
        self._require_open()
        if outcome is None:
            if self.node.end is None:
                raise SessionError("the call can only finish on a final step")
            outcome = self.node.end
        elif all(node.end != outcome for node in self.script.nodes.values()):
            raise SessionError(f"'{outcome}' is not an outcome of this script")
        self.outcome = outcome
        self._stop()
        self._changed()

    def abandon(self) -> None:
        """End the call before a final step (``q``)."""
        self._require_open()
        self.abandoned = True
        self._stop()
        self._changed()

    # ------------------------------------------------------------- persistence
    def to_snapshot(self) -> CallSnapshot:
        """Everything about the call, typed; the store keeps it whole."""
        score = self.score()
        in_step = 0.0 if self.finished else self.step_elapsed()
        return CallSnapshot(
            script=self.script.id,
            title=self.script.title,
            script_path=str(self.script.path) if self.script.path else None,
            mode=self.mode,
            scenario=self.scenario.id if self.scenario else None,
            job=self.job,
            solo=self.solo,
            started_at=self.started_at,
            ended_at=self.ended_at,
            duration_s=round(self.elapsed(), 3),
            outcome=self.outcome,
            finished=self.finished,
            abandoned=self.abandoned,
            path=tuple(self.path),
            values=dict(self.values),
            captures=dict(self.captures),
            checklist=dict(self.checklist),
            notes=self.notes,
            score=score,
            rating=self.rating,
            rating_note=self.rating_note,
            current=self.current,
            return_stack=tuple(self.return_stack),
            history=tuple(self.history),
            steps=tuple(StepTime(s.node, round(s.seconds, 3)) for s in self.steps),
            step_seconds=round(in_step, 3),
            first_moves=dict(self.first_moves),
            pace=self.pace(),
        )

    def snapshot(self) -> dict[str, Any]:
        """:meth:`to_snapshot` in its stored, JSON-able form."""
        return encode(self.to_snapshot())

    @classmethod
    def restore(
        cls,
        script: Script,
        snap: CallSnapshot | Mapping[str, Any],
        *,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> CallSession:
        """Rebuild a session from a snapshot (typed or stored); the clock resumes
        from the saved time.

        Nodes that no longer exist in ``script`` raise ``SessionError``; a stored
        snapshot of a newer version raises ``SnapshotError``.
        """
        saved = as_snapshot(snap)
        scenario = script.scenario(saved.scenario) if saved.scenario else None
        session = cls(
            script,
            saved.values,
            mode=saved.mode,
            scenario=scenario,
            checklist=saved.checklist,
            clock=clock,
            wall=wall,
            solo=saved.solo,
            job=saved.job,
        )
        current = saved.current or script.start
        if current not in script.nodes:
            raise SessionError(f"step '{current}' is no longer in the script")
        session.current = current
        session.values.update(saved.values)
        session.captures = dict(saved.captures)
        session._fields = (None, {})  # the values changed under it
        session.notes = saved.notes
        session.path = list(saved.path) or [current]
        session.return_stack = list(saved.return_stack)
        session.history = list(saved.history)
        # An older snapshot has only the moves still standing: the best guess.
        session.first_moves = dict(saved.first_moves) or first_moves_of(saved.history)
        session.steps = list(saved.steps)
        session.started_at = saved.started_at or session.started_at
        session.ended_at = saved.ended_at
        session.outcome = saved.outcome
        session.finished = saved.finished
        session.abandoned = saved.abandoned
        session.rating = saved.rating
        session.rating_note = saved.rating_note
        session._active_before = saved.duration_s or 0.0
        session._step_before = saved.step_seconds
        return session
