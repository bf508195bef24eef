"""The ``practice:`` scenarios for rehearsal, and the choices each one expects."""

from __future__ import annotations

from coach.script.check.reader import Reader, Ref, null, pos
from coach.script.check.targets import Targets
from coach.script.model import Node, Scenario
from coach.script.yamlnodes import YMap, YNode, YScalar

PRACTICE_KEYS = ("scenarios",)
SCENARIO_KEYS = ("id", "title", "brief", "expect", "says")


class Practice:
    """The scenarios, and the ids their briefs use."""

    __slots__ = ("refs", "scenarios")

    def __init__(self, scenarios: tuple[Scenario, ...], refs: list[Ref]) -> None:
        self.scenarios = scenarios
        self.refs = refs


def read_practice(r: Reader, node: YNode, targets: Targets, nodes: dict[str, Node]) -> Practice:
    """The ``practice:`` mapping; ``expect`` is checked against the built ``nodes``."""
    refs: list[Ref] = []
    fields = r.fields(node, PRACTICE_KEYS, "practice: ", "'practice'")
    if not fields or "scenarios" not in fields:
        return Practice((), refs)
    out: list[Scenario] = []
    ids: dict[str, int] = {}
    for number, entry in enumerate(
        r.items(fields["scenarios"][1], "practice: ", "'scenarios'") or (), 1
    ):
        ctx = f"practice scenario {number}: "
        got = r.fields(entry, SCENARIO_KEYS, ctx, "a scenario")
        if got is None:
            continue
        scenario_id = title = brief = None
        if "id" in got:
            scenario_id = r.ident(got["id"][1], ctx, "id")
            if scenario_id is not None and scenario_id in ids:
                r.error(
                    got["id"][1],
                    f"{ctx}the id '{scenario_id}' is also the id of "
                    f"scenario {ids[scenario_id]}; give one of them another id",
                )
                scenario_id = None
            if scenario_id is not None:
                ids[scenario_id] = number
                ctx = f"practice scenario '{scenario_id}': "
        else:
            r.missing(entry, ctx, "id", "id: still_deciding")
        for key, example in (
            ("title", "title: They are still deciding"),
            ("brief", "brief: You are {interviewer}..."),
        ):
            if key in got:
                value = r.text(got[key][1], ctx, key, refs=refs if key == "brief" else None)
                title, brief = (value, brief) if key == "title" else (title, value)
            else:
                r.missing(entry, ctx, key, example)
        expect = _expect(r, got["expect"][1], ctx, targets, nodes) if "expect" in got else {}
        says = _says(r, got["says"][1], ctx, targets, refs) if "says" in got else {}
        if scenario_id is not None and title is not None and brief is not None:
            out.append(Scenario(scenario_id, title, brief, expect, pos(entry), says))
    return Practice(tuple(out), refs)


def _expect(
    r: Reader, node: YNode, ctx: str, targets: Targets, nodes: dict[str, Node]
) -> dict[str, str]:
    """``expect:``: node id -> the node one of its choices goes to."""
    out: dict[str, str] = {}
    if null(node):
        return out
    if not isinstance(node, YMap):
        r.not_mapping(node, ctx, "'expect'")
        return out
    here = f"{ctx}expect: "
    for key, value in node.pairs:
        at = targets.target(key, here, "key")
        goal = targets.target(
            value, here, f"{key.value} ->" if isinstance(key, YScalar) else "the value"
        )
        if at is None or goal is None:
            continue
        if at in out:
            r.error(key, f"{here}node '{at}' is given twice; keep only one")
            continue
        built = nodes.get(at)
        if built is None:
            continue
        choice_goals = [c.next for c in built.choices]
        if not choice_goals:
            r.error(
                key,
                f"{here}node '{at}' has no choices, so there is nothing to "
                "expect there; name a node that has 'choices'",
            )
        elif goal not in choice_goals:
            listed = ", ".join(dict.fromkeys(choice_goals))
            r.error(
                value,
                f"{here}'{goal}' is not one of the choices of node '{at}' (they go to {listed})",
            )
        else:
            out[at] = goal
    return out


def _says(r: Reader, node: YNode, ctx: str, targets: Targets, refs: list[Ref]) -> dict[str, str]:
    """``says:``: node id -> what the other side says there (a template)."""
    out: dict[str, str] = {}
    if null(node):
        return out
    if not isinstance(node, YMap):
        r.not_mapping(node, ctx, "'says'")
        return out
    here = f"{ctx}says: "
    for key, value in node.pairs:
        at = targets.target(key, here, "key")
        if at is None:
            continue
        if at in out:
            r.error(key, f"{here}node '{at}' is given twice; keep only one")
            continue
        line = r.text(value, here, at, refs=refs)
        if line is not None:
            out[at] = line
    return out
