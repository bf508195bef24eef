"""Practice mode's rules: which scenario to rehearse, the partner's card and view.

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
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from coach.call.dates import call_date
from coach.call.snapshot import CallSnapshot, Score, SnapshotError, StepTime, as_snapshot, decode
from coach.script import template
from coach.script.model import RETURN, Node, Scenario, Script
from coach.script.template import Segment

#: The title shown when a script has no scenario to play.
FREE_TITLE = "Free rehearsal"


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


# ------------------------------------------------------------ partner card
@dataclass(frozen=True)
class PartnerStep:
    """One step of the partner's card: what the caller says, what the partner does."""

    node: str
    #: The caller's line (rendered), so the partner knows when this step comes.
    say: str
    #: What the partner says or does here (rendered); empty when the script has no line.
    partner: str
    #: The label of the move the scenario expects here (rendered), if any.
    steer: str | None = None


@dataclass(frozen=True)
class PartnerCard:
    """The role card the caller hands to the partner before a rehearsal."""

    title: str
    brief: str
    steps: tuple[PartnerStep, ...]
    scenario: str | None = None

    @property
    def free(self) -> bool:
        """True for a free rehearsal (no scenario, no score)."""
        return self.scenario is None

    def text(self) -> str:
        """The card as plain text (for a terminal without the app, or a test)."""
        lines = [self.title, "", self.brief, "", "What you say at the key steps:"]
        for step in self.steps:
            line = f"- {step.partner}" if step.partner else "- (no line: react as you like)"
            if step.steer:
                line += f"  [steer toward: {step.steer}]"
            lines.append(line)
        return "\n".join(lines)


def _holds(values: Mapping[str, str], field_id: str) -> bool:
    return bool((values.get(field_id) or "").strip())


def _default_target(node: Node, values: Mapping[str, str]) -> str | None:
    if node.choices:
        for choice in node.choices:
            if choice.if_ is None or _holds(values, choice.if_):
                return choice.next
        return None
    if node.next is not None and node.next != RETURN:
        return node.next
    return None


def expected_path(
    script: Script, scenario: Scenario | None, values: Mapping[str, str] | None = None
) -> list[str]:
    """The node ids a rehearsal walks from ``start`` until an end.

    At each step the scenario's ``expect`` decides; where it says nothing, a
    ``next`` link is followed, or the first choice shown (its ``if`` holds).
    A loop or a missing node stops the walk.
    """
    values = values or {}
    expect = scenario.expect if scenario else {}
    path: list[str] = []
    seen: set[str] = set()
    current: str | None = script.start
    while current is not None and current in script.nodes and current not in seen:
        seen.add(current)
        path.append(current)
        node = script.nodes[current]
        if node.is_end:
            break
        current = expect.get(current) or _default_target(node, values)
    return path


def _choice_label(node: Node, target: str, values: Mapping[str, str]) -> str | None:
    for choice in node.choices:
        if choice.next == target:
            return template.render(choice.label, values)
    return None


def steer_label(
    script: Script, scenario: Scenario | None, node_id: str, values: Mapping[str, str]
) -> str | None:
    """The label of the move the scenario expects at ``node_id`` (rendered), if any."""
    if scenario is None:
        return None
    target = scenario.expect.get(node_id)
    node = script.nodes.get(node_id)
    if target is None or node is None:
        return None
    label = _choice_label(node, target, values)
    # A scenario that no longer fits (not a choice here) still names where to go.
    return label if label is not None else target


def said_values(script: Script, values: Mapping[str, str], today: date) -> dict[str, str]:
    """``values`` as templates show them: dates as a person says them (``Monday 23
    November``, read on ``today``), the rest as typed."""
    from coach.call.values import date_fields, spoken_fields

    return spoken_fields(values, date_fields(script), today)


def partner_card(
    script: Script,
    scenario: Scenario | None,
    values: Mapping[str, str] | None = None,
    today: date | None = None,
) -> PartnerCard:
    """The role card for ``scenario`` (None: a free rehearsal) with ``values`` filled in
    (dates as a person says them, read on ``today``, by default the real one)."""
    raw = values or {}
    values = said_values(script, raw, today or date.today())
    if scenario is None:
        title = FREE_TITLE
        brief = (
            "There is no scenario for this script: play the other side as you like. "
            "The lines below follow the first answer at each step."
        )
    else:
        title = scenario.title
        brief = template.render(scenario.brief, values)
    steps: list[PartnerStep] = []
    for node_id in expected_path(script, scenario, raw):
        node = script.nodes[node_id]
        partner = template.render(node.partner, values) if node.partner else ""
        steer = steer_label(script, scenario, node_id, values)
        if not partner and steer is None:
            continue
        steps.append(PartnerStep(node_id, template.render(node.say, values), partner, steer))
    return PartnerCard(title, brief, tuple(steps), scenario.id if scenario else None)


# ------------------------------------------------------------ partner view
@dataclass(frozen=True)
class PartnerView:
    """What ``coach partner`` shows for one running (or just finished) rehearsal."""

    title: str
    brief: str
    node: str
    #: What the caller says at this step.
    say_segments: tuple[Segment, ...]
    #: What the partner says or does at this step (empty when the script has none).
    partner_segments: tuple[Segment, ...]
    steer: str | None
    #: 1 for the first step; goes down again when the caller goes back.
    step_number: int
    elapsed_s: float
    step_s: float
    budget_s: int | None
    finished: bool
    abandoned: bool = False
    outcome: str | None = None
    score: Score | None = None
    rating: int | None = None
    scenario: str | None = None
    in_side_flow: bool = False
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def say(self) -> str:
        return "".join(s.text for s in self.say_segments)

    @property
    def partner(self) -> str:
        return "".join(s.text for s in self.partner_segments)

    @property
    def over_budget(self) -> bool:
        return not self.finished and self.budget_s is not None and self.step_s > self.budget_s


def partner_view(
    script: Script, snapshot: CallSnapshot | Mapping[str, Any], *, since: float = 0.0
) -> PartnerView:
    """The partner's view of a practice snapshot (typed, or as stored).

    ``since`` is how many seconds have passed since the snapshot was written; it
    is added to the elapsed times of a call still in progress, so the clock keeps
    running between saves. A stored snapshot of a newer version raises
    ``SnapshotError``.
    """
    snap = as_snapshot(snapshot)
    fields = said_values(
        script, {**snap.values, **snap.captures}, call_date(snap.started_at) or date.today()
    )
    problems: list[str] = []
    scenario: Scenario | None = None
    if snap.scenario:
        scenario = script.scenario(snap.scenario)
        if scenario is None:
            problems.append(
                f"The scenario '{snap.scenario}' is no longer in '{script.id}'; "
                "only the steps can be shown."
            )
    if scenario is not None:
        title = scenario.title
        brief = template.render(scenario.brief, fields)
    elif snap.scenario:
        title, brief = snap.scenario, ""
    else:
        title = FREE_TITLE
        brief = "No scenario: play the other side as you like."
    node = script.nodes.get(snap.current)
    if node is None:
        problems.append(
            f"The caller is on step '{snap.current}', which is no longer in '{script.id}'."
        )
    extra = 0.0 if snap.finished else max(0.0, since)
    return PartnerView(
        title=title,
        brief=brief,
        node=snap.current,
        say_segments=tuple(template.render_segments(node.say, fields)) if node else (),
        partner_segments=(
            tuple(template.render_segments(node.partner, fields)) if node and node.partner else ()
        ),
        steer=steer_label(script, scenario, node.id, fields) if node else None,
        step_number=len(snap.history) + 1,
        elapsed_s=max(0.0, snap.duration_s or 0.0) + extra,
        step_s=max(0.0, snap.step_seconds) + extra,
        budget_s=node.seconds if node else None,
        finished=snap.finished,
        abandoned=snap.abandoned,
        outcome=snap.outcome,
        score=snap.score,
        rating=snap.rating,
        scenario=scenario.id if scenario else None,
        in_side_flow=bool(snap.return_stack),
        problems=tuple(problems),
    )
