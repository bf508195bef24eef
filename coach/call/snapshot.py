"""The stored call: one typed record, and the one encoder and decoder of its JSON form.

The store keeps each call's whole state as a JSON object (the *snapshot*);
``coach log --json``, resuming after a crash, the partner's view and the
practice statistics all read it. :class:`CallSnapshot` is that object typed,
:func:`encode` turns it into the JSON-able dict that is stored (keys in a fixed
order, so the stored text never changes for the same call) and :func:`decode`
reads one back.

Decoding is lenient, because a snapshot may come from an older version or a
hand-edited file: a missing key takes its default, a value of the wrong type is
dropped, a bad entry in a list is skipped. Only a snapshot written by a *newer*
Call Coach (a ``version`` above :data:`SNAPSHOT_VERSION`) is refused, with a
:class:`SnapshotError` that says what to do.

Pure: no SQLite, no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from coach.call.snapshot_fields import (
    SNAPSHOT_VERSION,
    SnapshotError,
    check_version,
    pace_fields,
    score_fields,
)
from coach.call.snapshot_fields import flag_map as _flag_map
from coach.call.snapshot_fields import job_id as _job
from coach.call.snapshot_fields import number as _number
from coach.call.snapshot_fields import rating as _rating
from coach.call.snapshot_fields import text as _text
from coach.call.snapshot_fields import text_map as _text_map
from coach.call.snapshot_fields import texts as _texts

Mode = Literal["live", "practice"]
MoveKind = Literal["choice", "next", "side", "return"]

_MOVE_KINDS: frozenset[str] = frozenset(get_args(MoveKind))


@dataclass(frozen=True)
class Move:
    """One step of the call, enough to undo it."""

    kind: MoveKind
    src: str
    dst: str
    #: The side-flow return stack as it was before the move.
    stack_before: tuple[str, ...]


@dataclass(frozen=True)
class StepTime:
    """Seconds spent on one step (a step visited twice has two)."""

    node: str
    seconds: float


@dataclass(frozen=True)
class Score:
    """Practice: how many of the scenario's expected moves the caller made."""

    matched: int
    total: int

    def as_dict(self) -> dict[str, int]:
        return {"matched": self.matched, "total": self.total}


@dataclass(frozen=True)
class Pace:
    """Practice: the timed steps taken too fast or too slowly (see ``coach.call.pace``)."""

    #: Steps left after under a third of their time budget, in the order taken.
    rushed: tuple[str, ...] = ()
    #: Steps that ran past their time budget.
    over: tuple[str, ...] = ()
    #: How many steps on the way taken have a time budget.
    timed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"rushed": list(self.rushed), "over_budget": list(self.over), "timed": self.timed}


@dataclass(frozen=True)
class CallSnapshot:
    """Everything stored about one call, live or practice, running or finished."""

    script: str = ""
    title: str = ""
    #: The script's file when the call started (``None`` for a script without one).
    script_path: str | None = None
    mode: Mode = "live"
    scenario: str | None = None
    #: The job this call is about (a live call's job id; ``None`` for none or not yet known).
    job: int | None = None
    #: A rehearsal without a partner (practice only).
    solo: bool = False
    #: ISO 8601 with the local offset, to the second.
    started_at: str = ""
    ended_at: str | None = None
    #: Seconds of the call so far (``None`` only in a snapshot that never had it).
    duration_s: float | None = None
    outcome: str | None = None
    finished: bool = False
    abandoned: bool = False
    #: Every step shown, in order (side flows and undone steps included).
    path: tuple[str, ...] = ()
    values: Mapping[str, str] = field(default_factory=dict)
    captures: Mapping[str, str] = field(default_factory=dict)
    checklist: Mapping[str, bool] = field(default_factory=dict)
    notes: str = ""
    score: Score | None = None
    #: The caller's rating of a rehearsal, 1 to 5.
    rating: int | None = None
    rating_note: str = ""
    #: The step the call is on.
    current: str = ""
    return_stack: tuple[str, ...] = ()
    history: tuple[Move, ...] = ()
    #: Time on each step left so far, in the order taken.
    steps: tuple[StepTime, ...] = ()
    #: Seconds on the current step so far.
    step_seconds: float = 0.0
    #: Practice: step -> where the first choice made there went (undone ones too).
    first_moves: Mapping[str, str] = field(default_factory=dict)
    #: Practice: the timed steps rushed or over budget (None before it was kept).
    pace: Pace | None = None


# -- encoding -----------------------------------------------------------------


def encode(snap: CallSnapshot) -> dict[str, Any]:
    """The JSON-able dict the store keeps (the key order is part of the format)."""
    return {
        "version": SNAPSHOT_VERSION,
        "script": snap.script,
        "title": snap.title,
        "script_path": snap.script_path,
        "mode": snap.mode,
        "scenario": snap.scenario,
        "job": snap.job,
        "solo": snap.solo,
        "started_at": snap.started_at,
        "ended_at": snap.ended_at,
        "duration_s": snap.duration_s,
        "outcome": snap.outcome,
        "finished": snap.finished,
        "abandoned": snap.abandoned,
        "path": list(snap.path),
        "values": dict(snap.values),
        "captures": dict(snap.captures),
        "checklist": dict(snap.checklist),
        "notes": snap.notes,
        "score": snap.score.as_dict() if snap.score else None,
        "rating": snap.rating,
        "rating_note": snap.rating_note,
        "current": snap.current,
        "return_stack": list(snap.return_stack),
        "history": [
            {"kind": m.kind, "src": m.src, "dst": m.dst, "stack": list(m.stack_before)}
            for m in snap.history
        ],
        "steps": [{"node": s.node, "seconds": s.seconds} for s in snap.steps],
        "step_seconds": snap.step_seconds,
        "first_moves": dict(snap.first_moves),
        "pace": snap.pace.as_dict() if snap.pace else None,
    }


# -- decoding -----------------------------------------------------------------


def _score(value: Any) -> Score | None:
    fields = score_fields(value)
    return Score(*fields) if fields is not None else None


def _pace(value: Any) -> Pace | None:
    fields = pace_fields(value)
    return Pace(*fields) if fields is not None else None


def _move(value: Any) -> Move | None:
    if not isinstance(value, Mapping):
        return None
    kind, src, dst = value.get("kind"), _text(value.get("src")), _text(value.get("dst"))
    if kind not in _MOVE_KINDS or src is None or dst is None:
        return None
    return Move(kind, src, dst, _texts(value.get("stack")))


def _step(value: Any) -> StepTime | None:
    if not isinstance(value, Mapping):
        return None
    node, seconds = _text(value.get("node")), _number(value.get("seconds"))
    if node is None or seconds is None or seconds < 0:
        return None
    return StepTime(node, seconds)


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def decode(data: Mapping[str, Any]) -> CallSnapshot:
    """Read a stored snapshot back (see the module's notes on leniency).

    Raises :class:`SnapshotError` for a snapshot of a newer version, or data that
    is not a mapping at all.
    """
    if not isinstance(data, Mapping):
        raise SnapshotError("it is not a JSON object")
    check_version(data)
    moves = (_move(m) for m in _list(data.get("history")))
    steps = (_step(s) for s in _list(data.get("steps")))
    return CallSnapshot(
        script=_text(data.get("script")) or "",
        title=_text(data.get("title")) or "",
        script_path=_text(data.get("script_path")),
        mode="practice" if data.get("mode") == "practice" else "live",
        scenario=_text(data.get("scenario")),
        job=_job(data.get("job")),
        solo=data.get("solo") is True,
        started_at=_text(data.get("started_at")) or "",
        ended_at=_text(data.get("ended_at")),
        duration_s=_number(data.get("duration_s")),
        outcome=_text(data.get("outcome")),
        finished=bool(data.get("finished")),
        abandoned=bool(data.get("abandoned")),
        path=_texts(data.get("path")),
        values=_text_map(data.get("values")),
        captures=_text_map(data.get("captures")),
        checklist=_flag_map(data.get("checklist")),
        notes=_text(data.get("notes")) or "",
        score=_score(data.get("score")),
        rating=_rating(data.get("rating")),
        rating_note=_text(data.get("rating_note")) or "",
        current=_text(data.get("current")) or "",
        return_stack=_texts(data.get("return_stack")),
        history=tuple(m for m in moves if m is not None),
        steps=tuple(s for s in steps if s is not None),
        step_seconds=_number(data.get("step_seconds")) or 0.0,
        first_moves=_text_map(data.get("first_moves")),
        pace=_pace(data.get("pace")),
    )


def as_snapshot(snap: CallSnapshot | Mapping[str, Any]) -> CallSnapshot:
    """``snap`` typed: a :class:`CallSnapshot` as it is, a stored dict decoded."""
    return snap if isinstance(snap, CallSnapshot) else decode(snap)


__all__ = [
    "SNAPSHOT_VERSION",
    "CallSnapshot",
    "Mode",
    "Move",
    "MoveKind",
    "Pace",
    "Score",
    "SnapshotError",
    "StepTime",
    "as_snapshot",
    "check_version",
    "decode",
    "encode",
]
