"""The ``anytime:`` side flows: the node each one starts at and its key on the call screen."""

from __future__ import annotations

from coach.script.check.reader import Reader, pos
from coach.script.check.targets import Targets
from coach.script.model import RESERVED_KEYS, SideFlow
from coach.script.yamlnodes import YNode, YScalar

SIDE_FLOW_KEYS = ("node", "key")


def read_anytime(r: Reader, node: YNode, targets: Targets) -> tuple[SideFlow, ...]:
    """The side flows, each with its key.

    An entry without ``key:`` takes the first free letter of its node's id,
    once every written key is known (a written key always wins).
    """
    entries: list[tuple[str, str | None, YNode, int]] = []
    taken: dict[str, int] = {}
    for number, entry in enumerate(r.items(node, "", "'anytime'") or (), 1):
        ctx = f"anytime entry {number}: "
        key: str | None = None
        if isinstance(entry, YScalar):
            target = targets.target(entry, ctx, "node")
        else:
            fields = r.fields(entry, SIDE_FLOW_KEYS, ctx, "a side flow")
            if fields is None:
                continue
            target = None
            if "node" in fields:
                target = targets.target(fields["node"][1], ctx, "node")
            else:
                r.missing(entry, ctx, "node", "node: repeat")
            if "key" in fields:
                key = _side_key(r, fields["key"][1], ctx, taken, number)
                if key is None:
                    continue
        if target is not None:
            entries.append((target, key, entry, number))
    out: list[SideFlow] = []
    for target, key, entry, number in entries:
        if key is None:
            free = (c for c in target if "a" <= c <= "z" and c not in RESERVED_KEYS)
            key = next((c for c in free if c not in taken), None)
            if key is None:
                r.error(
                    entry,
                    f"anytime entry {number}: every letter of '{target}' is "
                    "taken by the call screen or another side flow; give it a "
                    "free one with {node: " + target + ", key: <letter>}",
                )
                continue
            taken[key] = number
        out.append(SideFlow(target, key, pos(entry)))
    return tuple(out)


def _side_key(r: Reader, node: YNode, ctx: str, taken: dict[str, int], number: int) -> str | None:
    """A written ``key:``, added to ``taken``; None (reported) when it cannot be used."""
    value = r.text(node, ctx, "key")
    if value is None:
        return None
    if len(value) != 1 or not "a" <= value <= "z":
        r.error(node, f"{ctx}key '{value}' must be one lowercase letter, e.g. 'r'")
        return None
    if value in RESERVED_KEYS:
        r.error(
            node,
            f"{ctx}key '{value}' is used by the call screen itself "
            "(a answers, b back, n notes, q quit); choose another letter",
        )
        return None
    if value in taken:
        r.error(
            node,
            f"{ctx}key '{value}' is already the key of anytime entry "
            f"{taken[value]}; choose another letter",
        )
        return None
    taken[value] = number
    return value
