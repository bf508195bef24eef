"""An honest rehearsal score: the first move at each expected step, the pace of
each timed step, and how a run compares with the earlier runs of its scenario.

Pure: no Textual, no SQLite.

- **Moves.** At each step the scenario expects a move from, the *first* move
  made there counts: a wrong turn undone with ``b`` and then put right is
  still a miss (``CallSession.first_moves`` keeps it; ``path`` keeps the
  undone steps too). ``Score`` stays ``{"matched", "total"}``.
- **Pace.** A step with a time budget (``seconds:`` in the script) is
  *rushed* when the time spent on it is under a third of the budget
  (:data:`RUSHED_FRACTION`: ten seconds on a thirty-second step), and *over
  budget* past the budget. Only the steps on the way the call finally took
  count (undone ones are left out); a step visited twice counts its total.
- **Compared.** A run is better than another when it made more of the
  expected moves (as a fraction); with the same moves, when fewer timed steps
  were off pace (rushed or over budget). Runs are compared only with earlier,
  finished runs of the same script and scenario.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from coach.call.snapshot import Move, Pace, Score
from coach.call.words import step_words
from coach.script.model import Script

if TYPE_CHECKING:  # (a live call imports no practice modules)
    from coach.call.scenarios import PracticeRun

__all__ = [
    "RUSHED_FRACTION",
    "Comparison",
    "Mark",
    "Pace",
    "Verdict",
    "compare_runs",
    "compare_with_runs",
    "first_move_score",
    "first_moves_of",
    "pace_of",
    "pace_words",
    "step_pace",
]

#: A step is rushed when less than this share of its budget was spent on it.
RUSHED_FRACTION = 1 / 3

Verdict = Literal["better", "worse", "same"]


def first_move_score(expect: Mapping[str, str], first_moves: Mapping[str, str]) -> Score | None:
    """How many of the ``expect`` steps had the expected move as their first move.

    ``first_moves`` maps a step to the step its first choice went to (moves
    undone later included). None for a scenario that expects nothing.
    """
    if not expect:
        return None
    matched = sum(1 for src, dst in expect.items() if first_moves.get(src) == dst)
    return Score(matched, len(expect))


def first_moves_of(history: Iterable[Move]) -> dict[str, str]:
    """Step -> where its first choice went, from moves still standing (an older
    snapshot kept no others)."""
    return {m.src: m.dst for m in reversed(list(history)) if m.kind == "choice"}


def step_pace(budget: int | None, spent: float) -> Literal["rushed", "over"] | None:
    """``rushed`` under a third of ``budget``, ``over`` past it, else None (on pace,
    or no budget)."""
    if not budget:
        return None
    if spent < budget * RUSHED_FRACTION:
        return "rushed"
    return "over" if spent > budget else None


def pace_of(script: Script, route: Iterable[str], times: Mapping[str, float]) -> Pace:
    """The timed steps of ``route`` that were rushed or over budget.

    ``times`` is the total seconds on each step; steps without a budget (or no
    longer in the script) are not timed.
    """
    rushed: list[str] = []
    over: list[str] = []
    timed = 0
    for node_id in dict.fromkeys(route):
        node = script.nodes.get(node_id)
        if node is None or not node.seconds:
            continue
        timed += 1
        verdict = step_pace(node.seconds, times.get(node_id, 0.0))
        if verdict == "rushed":
            rushed.append(node_id)
        elif verdict == "over":
            over.append(node_id)
    return Pace(tuple(rushed), tuple(over), timed)


def pace_words(pace: Pace) -> str:
    """``2 of 5 timed steps rushed (Hello, Purpose), 1 over budget (Offer)``."""
    if pace.timed == 0:
        return "No step has a time budget"
    parts: list[str] = []
    for ids, what in ((pace.rushed, "rushed"), (pace.over, "over budget")):
        if ids:
            parts.append(f"{len(ids)} {what} ({', '.join(step_words(i) for i in ids)})")
    steps = "step" if pace.timed == 1 else "steps"
    if not parts:
        return f"All {pace.timed} timed {steps} on pace" if pace.timed > 1 else "On pace"
    return f"Of {pace.timed} timed {steps}: " + ", ".join(parts)


@dataclass(frozen=True)
class Mark:
    """What runs are compared by: the first-move score and the steps off pace."""

    score: Score | None
    pace: Pace | None = None

    @property
    def fraction(self) -> float | None:
        if self.score is None or self.score.total <= 0:
            return None
        return self.score.matched / self.score.total

    @property
    def off_pace(self) -> int | None:
        return None if self.pace is None else len(self.pace.rushed) + len(self.pace.over)

    def words(self) -> str:
        """``3/4, 2 off pace`` (the pace left out when it was not recorded)."""
        text = f"{self.score.matched}/{self.score.total}" if self.score else "no score"
        if self.off_pace is not None and self.pace is not None and self.pace.timed:
            text += f", {self.off_pace} off pace"
        return text


def _verdict(now: Mark, then: Mark) -> Verdict | None:
    if now.fraction is None or then.fraction is None:
        return None
    if now.fraction != then.fraction:
        return "better" if now.fraction > then.fraction else "worse"
    if now.off_pace is None or then.off_pace is None or now.off_pace == then.off_pace:
        return "same"
    return "better" if now.off_pace < then.off_pace else "worse"


def _rank(mark: Mark) -> tuple[float, int]:
    return (mark.fraction or 0.0, -(mark.off_pace or 0))


@dataclass(frozen=True)
class Comparison:
    """This run against the earlier runs of its scenario."""

    #: How many earlier runs were compared with.
    runs: int
    last: Mark | None = None
    best: Mark | None = None
    than_last: Verdict | None = None
    than_best: Verdict | None = None

    def words(self) -> str:
        """One sentence: ``Better than last time (2/4); the same as your best (4/4).``"""
        if self.runs == 0 or self.last is None or self.best is None:
            return "First scored run of this scenario; later runs are compared with it."
        first = {
            "better": "Better than last time",
            "worse": "Not as good as last time",
            "same": "The same as last time",
        }[self.than_last or "same"]
        text = f"{first} ({self.last.words()})"
        if self.runs > 1:
            best = {
                "better": "your best so far",
                "worse": "short of your best",
                "same": "as good as your best",
            }[self.than_best or "same"]
            text += f"; {best} ({self.best.words()})"
        return text + "."


def compare_runs(now: Mark, earlier: Sequence[Mark]) -> Comparison | None:
    """``now`` against ``earlier`` (the same scenario's earlier runs, newest first).

    None when ``now`` has no score (a free rehearsal). Runs without a score
    are left out of the comparison.
    """
    if now.fraction is None:
        return None
    scored = [m for m in earlier if m.fraction is not None]
    if not scored:
        return Comparison(0)
    last = scored[0]
    best = max(scored, key=_rank)
    return Comparison(len(scored), last, best, _verdict(now, last), _verdict(now, best))


def compare_with_runs(
    now: Mark, scenario: str | None, runs: Iterable[PracticeRun], *, call_id: int | None = None
) -> Comparison | None:
    """``now`` against the finished runs of the same ``scenario`` in ``runs`` (one
    script's, newest first, as ``runs_from_records`` gives them), leaving out the
    run ``call_id`` itself. None for a free rehearsal."""
    if scenario is None:
        return None
    earlier = [
        Mark(run.score, run.pace)
        for run in runs
        if run.scenario == scenario and (call_id is None or run.call_id != call_id)
    ]
    return compare_runs(now, earlier)
