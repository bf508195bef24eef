"""The call walk's rules: which screen comes next, from the details to the summary.

One walk is details -> prep checklist -> partner card -> call -> summary:

* the details form only while a required variable is blank or one was never
  given (see :func:`coach.call.values.missing_variables`);
* the prep checklist only when the script has one;
* the partner card only for a rehearsal (a live call starts at once);
* the summary after the call: the practice summary for a rehearsal.

Going back: cancelling the checklist returns to the details if they were
shown, else ends the walk; going back from the partner card returns to the
checklist if there is one, else to the details if they were shown, else ends
the walk. Cancelling the details ends it.

A rehearsal asked for in the editor (``ctrl+r``) goes straight into the call
(no details, checklist or card) and the editor comes back afterwards; a
resumed call goes straight into the call too.

Pure: ``coach.tui.flow`` shows each step's screen, turns what the screen
returns into an event and asks :func:`advance` what comes next.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from coach.call.checklist import checklist_items
from coach.call.values import needs_details
from coach.script.model import Scenario, Script

if TYPE_CHECKING:
    # Only its name here: the session (and its pace and scenarios) is
    # imported when the call starts, not for the details and checklist.
    from coach.call.session import Mode

#: A screen of the walk, or ``over`` once it has ended.
Step = Literal["details", "prep", "card", "call", "summary", "practice_summary", "over"]

#: What comes once a walk is over: the editor it was started from, home, or the end of the app.
Ending = Literal["editor", "home", "exit"]


class WalkError(ValueError):
    """An event that does not belong to the step the walk is on (a bug, never the user's)."""


@dataclass(frozen=True)
class Walk:
    """One walk from the details to the summary, at ``step``."""

    script: Script
    step: Step
    values: Mapping[str, str] = field(default_factory=dict)
    mode: Mode = "live"
    scenario: Scenario | None = None
    #: The checklist as last left with "start" (item id -> ticked).
    ticks: Mapping[str, bool] = field(default_factory=dict)
    #: The details form was shown (so going back leads to it).
    details_shown: bool = False
    #: Practice alone: the app plays the other side (its lines are shown).
    solo: bool = False
    #: Begin the call at this node instead of the script's start (rehearse from the editor).
    start_at: str | None = None
    #: A rehearsal started from the editor: afterwards the editor comes back.
    from_editor: bool = False
    #: The job the call is about (live calls only; its next step follows the outcome).
    job: int | None = None
    #: Whether today is the right day to call the job ("Too early: ..."), shown before the call.
    timing: str | None = None
    #: ``timing`` is a warning: the job's window has not opened yet.
    too_early: bool = False


# ------------------------------------------------------------------- events
@dataclass(frozen=True)
class DetailsDone:
    """The details form was filled in; ``values`` are what it holds."""

    values: Mapping[str, str]


@dataclass(frozen=True)
class DetailsCancelled:
    """The details form was left with "back"."""


@dataclass(frozen=True)
class PrepDone:
    """The checklist was left with "start"; ``ticks`` say what was ticked."""

    ticks: Mapping[str, bool]


@dataclass(frozen=True)
class PrepCancelled:
    """The checklist was left with "back"."""


@dataclass(frozen=True)
class CardStart:
    """The partner card was hidden: the rehearsal begins."""


@dataclass(frozen=True)
class CardBack:
    """The partner card was left with "back"."""


@dataclass(frozen=True)
class CallEnded:
    """The call screen closed with its (finished) call."""


@dataclass(frozen=True)
class CallGone:
    """There is no call to sum up: it could not start, or its screen closed without one."""


@dataclass(frozen=True)
class SummaryClosed:
    """The summary was left."""


Event = (
    DetailsDone
    | DetailsCancelled
    | PrepDone
    | PrepCancelled
    | CardStart
    | CardBack
    | CallEnded
    | CallGone
    | SummaryClosed
)

#: The step each event can come from.
_FROM: dict[type[Event], Step | tuple[Step, ...]] = {
    DetailsDone: "details",
    DetailsCancelled: "details",
    PrepDone: "prep",
    PrepCancelled: "prep",
    CardStart: "card",
    CardBack: "card",
    CallEnded: "call",
    CallGone: "call",
    SummaryClosed: ("summary", "practice_summary"),
}


# -------------------------------------------------------------- starting
def begin(
    script: Script,
    values: Mapping[str, str],
    *,
    mode: Mode = "live",
    scenario: Scenario | None = None,
    solo: bool = False,
    job: int | None = None,
    timing: str | None = None,
    too_early: bool = False,
) -> Walk:
    """A new walk for ``script`` with the ``values`` given (the chain of
    :func:`coach.call.values.chain_values`), at its first screen.

    ``job`` and ``timing`` belong to live calls only: a rehearsal never touches a job.
    """
    if mode != "live":
        job, timing, too_early = None, None, False
    walk = Walk(
        script,
        "over",
        dict(values),
        mode,
        scenario,
        solo=solo,
        job=job,
        timing=timing,
        too_early=too_early,
    )
    if needs_details(script, values):
        return _to(walk, "details")
    return _after_details(walk)


def rehearse_from(script: Script, node_id: str) -> Walk:
    """The editor's ``ctrl+r``: rehearse alone from ``node_id``, straight into the call.

    No details and no checklist: facts not filled show as [placeholders].
    """
    return Walk(script, "call", {}, "practice", None, solo=True, start_at=node_id, from_editor=True)


def resumed(
    script: Script,
    values: Mapping[str, str],
    *,
    mode: Mode = "live",
    scenario: Scenario | None = None,
    solo: bool = False,
) -> Walk:
    """A walk around an interrupted call taken up again: on the call screen at once."""
    return Walk(script, "call", dict(values), mode, scenario, solo=solo)


# ---------------------------------------------------------------- moving
def advance(walk: Walk, event: Event) -> Walk:
    """The walk after ``event`` on its current step (``step`` is the screen to show next).

    Raises ``WalkError`` when ``event`` cannot come from that step.
    """
    allowed = _FROM[type(event)]
    if walk.step not in (allowed if isinstance(allowed, tuple) else (allowed,)):
        raise WalkError(f"{type(event).__name__} cannot come from the {walk.step} step")
    match event:
        case DetailsDone(values=values):
            return _after_details(replace(walk, values={**walk.values, **values}))
        case PrepDone(ticks=ticks):
            return _after_prep(replace(walk, ticks=dict(ticks)))
        case PrepCancelled():
            return _to(walk, "details" if walk.details_shown else "over")
        case CardStart():
            return _to(walk, "call")
        case CardBack():
            if checklist_items(walk.script, walk.mode):
                return _to(walk, "prep")
            return _to(walk, "details" if walk.details_shown else "over")
        case CallEnded():
            return _to(walk, "practice_summary" if walk.mode == "practice" else "summary")
        case _:  # DetailsCancelled, CallGone, SummaryClosed
            return _to(walk, "over")


def ending(walk: Walk, *, home: bool) -> Ending:
    """What comes after the walk: the editor it came from, else home (``coach``), else the
    end of the app (``coach call``/``coach practice``)."""
    if walk.from_editor:
        return "editor"
    return "home" if home else "exit"


def _to(walk: Walk, step: Step) -> Walk:
    if step == "details":
        return replace(walk, step=step, details_shown=True)
    return replace(walk, step=step)


def _after_details(walk: Walk) -> Walk:
    """The checklist, when the call has one (a rehearsal leaves out live-only
    items); else what follows it."""
    if checklist_items(walk.script, walk.mode):
        return _to(walk, "prep")
    return _after_prep(walk)


def _after_prep(walk: Walk) -> Walk:
    """A rehearsal shows the partner card first; a live call starts at once."""
    return _to(walk, "card" if walk.mode == "practice" else "call")
