"""Practice runs and scenario choice: which scenario to rehearse next.

Pure: no Textual, no SQLite. The store's records come in as plain objects (any
object with the fields of ``coach.store.CallRecord``) and are turned into
:class:`PracticeRun` values by :func:`runs_from_records`; their snapshots are
read with ``coach.call.snapshot.decode``.

Scenario choice, so that every branch gets practised:

1. the scenario rehearsed the fewest times for this script;
2. among those, the one with the lowest average rating; a scenario with no
   rating yet counts as lower than any rating (there is no sign it went well);
3. among those, a random pick; ``seed`` makes it repeatable.

Only finished rehearsals (status ``done``) count as rehearsed: one that was
abandoned or interrupted before its end did not practise the branch.
"""

from __future__ import annotations

import difflib
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from coach.call.snapshot import Pace, Score, SnapshotError, StepTime, decode
from coach.call.titles import FREE_TITLE as FREE_TITLE  # the title shown with no scenario
from coach.script.model import Scenario, Script


class PracticeError(Exception):
    """A scenario that cannot be played; the message says why and what to do."""


class RecordLike(Protocol):
    """What :func:`runs_from_records` reads from a stored call."""

    @property
    def id(self) -> int: ...
    @property
    def script(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def scenario(self) -> str | None: ...
    @property
    def started_at(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def outcome(self) -> str | None: ...
    @property
    def snapshot(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class PracticeRun:
    """One finished rehearsal of a script, as the choice and the stats need it."""

    scenario: str | None
    rating: int | None
    score: Score | None
    started_at: str
    #: Time on each step in the order taken (a step visited twice appears twice).
    steps: tuple[StepTime, ...] = ()
    call_id: int | None = None
    outcome: str | None = None
    #: The timed steps rushed or over budget (None for a run stored before it was kept).
    pace: Pace | None = None

    def node_times(self) -> dict[str, float]:
        """Total seconds spent on each node during this run."""
        totals: dict[str, float] = {}
        for step in self.steps:
            totals[step.node] = totals.get(step.node, 0.0) + step.seconds
        return totals

    @property
    def fraction(self) -> float | None:
        """The score as a fraction (0 to 1), or None without a scored scenario."""
        if self.score is None or self.score.total <= 0:
            return None
        return self.score.matched / self.score.total


def runs_from_records(records: Iterable[RecordLike], script_id: str) -> list[PracticeRun]:
    """The finished practice runs of one script, in the order given (newest first from the store).

    Live calls, other scripts' rehearsals and rehearsals that did not reach an
    end (running, abandoned, interrupted) are left out.
    """
    runs: list[PracticeRun] = []
    for record in records:
        if record.mode != "practice" or record.script != script_id or record.status != "done":
            continue
        try:
            snap = decode(record.snapshot)
        except SnapshotError:
            continue  # saved by a newer Call Coach: this one cannot tell how it went
        runs.append(
            PracticeRun(
                scenario=record.scenario or None,
                rating=snap.rating,
                score=snap.score,
                started_at=record.started_at,
                steps=snap.steps,
                call_id=record.id,
                outcome=record.outcome,
                pace=snap.pace,
            )
        )
    return runs


# ------------------------------------------------------------------ scenarios
def scenario_problems(script: Script, scenario: Scenario) -> list[str]:
    """Why a scenario no longer fits the script (empty when it fits).

    The loader rejects such scenarios, so this matters for scripts edited after
    a scenario id was stored, or scenarios built by hand.
    """
    problems: list[str] = []
    for src, dst in scenario.expect.items():
        node = script.nodes.get(src)
        if node is None:
            problems.append(f"scenario '{scenario.id}': expect '{src}' is not a step of the script")
            continue
        if dst not in script.nodes:
            problems.append(
                f"scenario '{scenario.id}': expect '{src}: {dst}': '{dst}' is not a step "
                "of the script"
            )
            continue
        targets = [c.next for c in node.choices]
        if dst not in targets:
            where = (
                f"its choices lead to {', '.join(repr(t) for t in targets)}"
                if targets
                else "it has no choices"
            )
            problems.append(
                f"scenario '{scenario.id}': expect '{src}: {dst}': step '{src}' cannot move "
                f"to '{dst}' ({where})"
            )
    return problems


def usable_scenarios(script: Script) -> tuple[list[Scenario], list[str]]:
    """The scenarios that fit the script, and a message for each one skipped."""
    usable: list[Scenario] = []
    messages: list[str] = []
    for scenario in script.scenarios:
        problems = scenario_problems(script, scenario)
        if problems:
            messages.append(
                f"Skipping scenario '{scenario.id}' ({scenario.title}): {problems[0]}; "
                "run `coach check` on the script to fix it."
            )
        else:
            usable.append(scenario)
    return usable, messages


def find_scenario(script: Script, scenario_id: str) -> Scenario:
    """The scenario ``--scenario ID`` names.

    Raises :class:`PracticeError` when there is no such scenario or it no longer fits.
    """
    scenario = script.scenario(scenario_id)
    if scenario is None:
        ids = [s.id for s in script.scenarios]
        if not ids:
            raise PracticeError(
                f"'{script.id}' has no practice scenarios, so there is no scenario "
                f"'{scenario_id}'; leave out --scenario for a free rehearsal."
            )
        close = difflib.get_close_matches(scenario_id, ids, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise PracticeError(
            f"'{script.id}' has no scenario '{scenario_id}'; {hint}scenarios: {', '.join(ids)}"
        )
    problems = scenario_problems(script, scenario)
    if problems:
        raise PracticeError(f"{problems[0]}; run `coach check` on the script to fix it.")
    return scenario


def _average(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def choose_scenario(
    script: Script, history: Sequence[PracticeRun], *, seed: int | None = None
) -> Scenario | None:
    """The scenario to rehearse next, or None for a free rehearsal (no usable scenario).

    Least rehearsed first; ties go to the lowest average rating (unrated counts
    as lowest); remaining ties are broken at random, repeatably for one ``seed``.
    ``history`` should hold this script's runs (:func:`runs_from_records`);
    runs of scenarios the script no longer has are ignored.
    """
    usable, _messages = usable_scenarios(script)
    if not usable:
        return None
    counts: dict[str, int] = {s.id: 0 for s in usable}
    ratings: dict[str, list[float]] = {s.id: [] for s in usable}
    for run in history:
        if run.scenario in counts:
            counts[run.scenario] += 1
            if run.rating is not None:
                ratings[run.scenario].append(float(run.rating))

    def rank(scenario: Scenario) -> tuple[int, float]:
        average = _average(ratings[scenario.id])
        return counts[scenario.id], (0.0 if average is None else average)

    best = min(rank(s) for s in usable)
    tied = [s for s in usable if rank(s) == best]
    return random.Random(seed).choice(tied)
