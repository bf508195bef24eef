"""The rules that need the whole file: template ids, ``next: return``, reachability,
unused variables. Each runs once every section has been read.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from coach.script.check.reader import Reader, Ref
from coach.script.graph import Graph
from coach.script.model import RETURN, Node, SideFlow, Variable
from coach.script.yamlnodes import YScalar


def check_refs(r: Reader, refs: Sequence[Ref], known: Collection[str]) -> set[str]:
    """Report the ids in ``refs`` that are not ``known`` (variables and captures).

    Returns every id used, known or not.
    """
    used: set[str] = set()
    names = sorted(known)
    for ref, node, offset, where in refs:
        used.add(ref)
        if ref in known:
            continue
        at = r.place(node, offset) if offset >= 0 else node
        if offset >= 0:
            message = f"{where} uses {{{ref}}}, which is not a variable or a capture"
        else:
            message = f"{where}: '{ref}' is not a variable or a capture"
        hint = r.suggest(ref, names) or (
            f"; add it under 'variables:' or write '{{{{{ref}}}}}' for literal braces"
            if offset >= 0
            else "; name a variable or a capture id"
        )
        r.error(at, message + hint)
    return used


def check_flow(
    r: Reader,
    nodes: dict[str, Node],
    keys: dict[str, YScalar],
    start: str | None,
    anytime: Sequence[SideFlow],
    broken: frozenset[str] = frozenset(),
) -> None:
    """The ``return`` rule (an error) and the reachability warnings.

    ``keys`` are the nodes' keys (where findings about a node point). While
    a node's way on is ``broken`` (an error says why), where the call can go
    is not known: the reachability warnings would only repeat that error
    (before it, as they point at the node), so they wait until it is fixed.
    """
    graph = Graph(
        edges={n.id: [t for t in n.targets() if t in nodes] for n in nodes.values()},
        start=start if start in nodes else None,
        side_roots=[s.node for s in anytime],
        ends=frozenset(n.id for n in nodes.values() if n.end is not None),
        returns=frozenset(n.id for n in nodes.values() if n.next == RETURN),
    )
    main = graph.main_flow()
    side = graph.side_flows()
    for node_id in graph.returns:
        key = keys[node_id]
        if node_id not in side:
            r.error(
                key,
                f"node '{node_id}': 'next: return' only works in a side flow; list "
                "the flow's first node under 'anytime:', or go on with 'next: <node id>'",
            )
        elif node_id in main:
            r.error(
                key,
                f"node '{node_id}': 'next: return' is used, but this node is also "
                f"reached from start '{start}', where there is nothing to return to",
            )
    if graph.start is None or broken:
        return
    finishing = graph.finishing()
    for node_id in nodes:
        key = keys[node_id]
        if node_id not in main and node_id not in side:
            r.warn(
                key,
                f"node '{node_id}' cannot be reached from start '{start}' or from a "
                "side flow; link to it from a choice or a 'next', or remove it",
            )
        elif node_id not in finishing:
            if node_id in main:
                r.warn(
                    key,
                    f"node '{node_id}': no 'end' can be reached from here, so the call "
                    "could never finish; add a way to a node with 'end:'",
                )
            else:
                r.warn(
                    key,
                    f"node '{node_id}': this side flow never reaches 'next: return' "
                    "or an 'end'; add a way back",
                )


def warn_unused(
    r: Reader, variables: dict[str, Variable], keys: dict[str, YScalar], used: Collection[str]
) -> None:
    """Warn about each variable no template or ``if`` uses (``keys``: where each was written)."""
    for var in variables.values():
        if var.id not in used:
            r.warn(
                keys[var.id],
                f"variable '{var.id}' is never used "
                f"in a template or an 'if'; use it as {{{var.id}}} or remove it",
            )
