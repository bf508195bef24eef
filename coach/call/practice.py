"""Practice mode's partner side: the role card and the partner's live view.

Pure: no Textual, no SQLite. Which scenario to rehearse, and the runs it is
chosen from, are in :mod:`coach.call.scenarios` (their names are importable
from here too).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.call.dates import call_date
from coach.call.scenarios import (
    FREE_TITLE,
    PracticeError,
    PracticeRun,
    RecordLike,
    choose_scenario,
    find_scenario,
    runs_from_records,
    scenario_problems,
    usable_scenarios,
)
from coach.call.snapshot import CallSnapshot, Score, as_snapshot
from coach.script import template
from coach.script.model import RETURN, Node, Scenario, Script
from coach.script.template import Segment

__all__ = [
    "FREE_TITLE",
    "PartnerCard",
    "PartnerStep",
    "PartnerView",
    "PracticeError",
    "PracticeRun",
    "RecordLike",
    "choose_scenario",
    "expected_path",
    "find_scenario",
    "partner_card",
    "partner_view",
    "runs_from_records",
    "said_values",
    "scenario_problems",
    "steer_label",
    "their_line",
    "usable_scenarios",
]


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


def their_line(scenario: Scenario | None, node: Node) -> str | None:
    """What the other side says at ``node`` (a template): the scenario's ``says``
    line for it, else the node's ``partner`` text, else None."""
    if scenario is not None:
        return scenario.line_at(node)
    return node.partner or None


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
        line = their_line(scenario, node)
        partner = template.render(line, values) if line else ""
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
            tuple(template.render_segments(line, fields))
            if node and (line := their_line(scenario, node))
            else ()
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
