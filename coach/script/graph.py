"""The script as a graph: reachability, dead ends, and exports for ``coach graph``.

:class:`Graph` holds only ids and edges, so the checker builds one from a file
that does not load (to warn about it) and the editor builds one from a loaded
:class:`~coach.script.model.Script`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from coach.script.model import RETURN, Script


@dataclass(frozen=True)
class Graph:
    #: node id -> the existing nodes it can move to, in order.
    edges: Mapping[str, Sequence[str]]
    start: str | None
    #: The nodes that ``anytime`` side flows open at.
    side_roots: Sequence[str] = ()
    #: Nodes with ``end``.
    ends: frozenset[str] = frozenset()
    #: Nodes with ``next: return``.
    returns: frozenset[str] = frozenset()

    @classmethod
    def of(cls, script: Script) -> Graph:
        return cls(
            edges={n.id: n.targets() for n in script.nodes.values()},
            start=script.start,
            side_roots=[s.node for s in script.anytime],
            ends=frozenset(n.id for n in script.nodes.values() if n.end is not None),
            returns=frozenset(n.id for n in script.nodes.values() if n.next == RETURN),
        )

    def reachable_from(self, roots: Iterable[str]) -> set[str]:
        seen = {r for r in roots if r in self.edges}
        todo = list(seen)
        while todo:
            for target in self.edges[todo.pop()]:
                if target not in seen and target in self.edges:
                    seen.add(target)
                    todo.append(target)
        return seen

    def main_flow(self) -> set[str]:
        """Nodes reached from ``start`` without opening a side flow."""
        return self.reachable_from([self.start] if self.start else [])

    def side_flows(self) -> set[str]:
        """Nodes reached from a side flow's first node."""
        return self.reachable_from(self.side_roots)

    def reachable(self) -> set[str]:
        return self.main_flow() | self.side_flows()

    def finishing(self) -> set[str]:
        """Nodes from which an ``end`` (or, in a side flow, a ``return``) can be reached."""
        back: dict[str, list[str]] = {}
        for source, targets in self.edges.items():
            for target in targets:
                back.setdefault(target, []).append(source)
        seen = set(self.ends | self.returns) & set(self.edges)
        todo = list(seen)
        while todo:
            for source in back.get(todo.pop(), ()):
                if source not in seen:
                    seen.add(source)
                    todo.append(source)
        return seen

    def dead_ends(self) -> set[str]:
        return set(self.edges) - self.finishing()


def reachable(script: Script) -> set[str]:
    """Nodes reached from ``start`` or from a side flow."""
    return Graph.of(script).reachable()


def dead_ends(script: Script) -> set[str]:
    """Nodes from which no ``end`` (in a side flow, no ``return``) can be reached."""
    return Graph.of(script).dead_ends()


# ---------------------------------------------------------------- exporters
def _marks(script: Script) -> tuple[set[str], set[str]]:
    graph = Graph.of(script)
    return set(script.nodes) - graph.reachable(), graph.dead_ends()


def _one_line(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MERMAID_ESCAPES = str.maketrans(
    {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "|": "#124;"}
)


def _mermaid_text(text: str) -> str:
    # Inside "..." Mermaid reads entity codes (#quot;); these characters would
    # end the label, start an entity or be read as HTML.
    return _one_line(text).translate(_MERMAID_ESCAPES)


def _node_label(script: Script, node_id: str) -> str:
    node = script.nodes[node_id]
    if node.end is not None:
        return f"{node_id}\nend: {node.end}"
    if node.next == RETURN:
        return f"{node_id}\nreturn"
    return node_id


def to_mermaid(script: Script) -> str:
    """A Mermaid flowchart (paste into Markdown between ```mermaid fences)."""
    unreachable, dead = _marks(script)
    lines = ["flowchart TD"]

    def ref(node_id: str) -> str:
        return f"n_{node_id}"  # a prefix keeps ids like `end` from being Mermaid keywords

    for node in script.nodes.values():
        label = _mermaid_text(_node_label(script, node.id).replace("\n", " · "))
        if node.end is not None:
            lines.append(f'  {ref(node.id)}(["{label}"])')
        else:
            lines.append(f'  {ref(node.id)}["{label}"]')
    lines.append('  start_(("start"))')
    lines.append(f"  start_ --> {ref(script.start)}")
    for node in script.nodes.values():
        for number, choice in enumerate(node.choices, 1):
            label = _mermaid_text(f"{number}. {choice.label}")
            lines.append(f'  {ref(node.id)} -->|"{label}"| {ref(choice.next)}')
        if node.next is not None and node.next != RETURN:
            lines.append(f"  {ref(node.id)} --> {ref(node.next)}")
    for index, side in enumerate(script.anytime):
        key = f"key_{index}"
        lines.append(f'  {key}{{{{"key {_mermaid_text(side.key)}"}}}} -.-> {ref(side.node)}')
    lines.append("  classDef unreachable stroke-dasharray: 5 5,color:#888")
    lines.append("  classDef deadend stroke:#c00,stroke-width:2px")
    if unreachable:
        lines.append(f"  class {','.join(ref(n) for n in sorted(unreachable))} unreachable")
    if dead:
        lines.append(f"  class {','.join(ref(n) for n in sorted(dead))} deadend")
    return "\n".join(lines)


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(script: Script) -> str:
    """A Graphviz digraph (``coach graph S --format dot | dot -Tsvg > s.svg``)."""
    unreachable, dead = _marks(script)
    title = _dot_text(_one_line(script.title))
    lines = [
        "digraph script {",
        f"  label={title};",
        "  labelloc=t;",
        "  node [shape=box, style=rounded];",
        '  "__start" [label="start", shape=circle];',
        f'  "__start" -> {_dot_text(script.start)};',
    ]
    for node in script.nodes.values():
        attrs = [f"label={_dot_text(_node_label(script, node.id))}"]
        if node.end is not None:
            attrs.append("peripheries=2")
        if node.id in unreachable:
            attrs.append('style="rounded,dashed"')
        if node.id in dead:
            attrs.append("color=red")
        lines.append(f"  {_dot_text(node.id)} [{', '.join(attrs)}];")
    for node in script.nodes.values():
        for number, choice in enumerate(node.choices, 1):
            label = _dot_text(_one_line(f"{number}. {choice.label}"))
            lines.append(f"  {_dot_text(node.id)} -> {_dot_text(choice.next)} [label={label}];")
        if node.next is not None and node.next != RETURN:
            lines.append(f"  {_dot_text(node.id)} -> {_dot_text(node.next)};")
    for index, side in enumerate(script.anytime):
        key = _dot_text(f"__key_{index}")
        lines.append(f"  {key} [label={_dot_text('key ' + side.key)}, shape=plaintext];")
        lines.append(f"  {key} -> {_dot_text(side.node)} [style=dashed];")
    lines.append("}")
    return "\n".join(lines)


#: Deeper branches are not indented further, so long scripts stay readable.
_MAX_INDENT = 24


def _pad(level: int) -> str:
    return "  " * min(level, _MAX_INDENT)


def to_text(script: Script) -> str:
    """An indented tree from ``start``; side flows and unreachable nodes listed apart.

    A node already shown is named again with ``(see above)`` instead of being
    repeated, so loops and joins print once.
    """
    unreachable, dead = _marks(script)
    shown: set[str] = set()
    out: list[str] = []

    def head(node_id: str) -> str:
        node = script.nodes[node_id]
        marks = []
        if node.end is not None:
            marks.append(f"end: {node.end}")
        if node_id in dead:
            marks.append("dead end: no end can be reached")
        if node_id in unreachable:
            marks.append("unreachable")
        return node_id + (f"  [{'; '.join(marks)}]" if marks else "")

    def tree(root: str, depth: int) -> None:
        # Items: (node, level of the line leading to it, that line, level of the node).
        # An explicit stack, so a long chain never hits the recursion limit.
        todo: list[tuple[str, int, str | None, int]] = [(root, depth, None, depth)]
        while todo:
            node_id, lead_level, lead, level = todo.pop()
            seen = node_id in shown
            if lead is not None:
                out.append(_pad(lead_level) + lead + ("  (see above)" if seen else ""))
            elif seen:
                out.append(_pad(level) + f"{node_id}  (see above)")
            if seen:
                continue
            shown.add(node_id)
            node = script.nodes[node_id]
            out.append(_pad(level) + head(node_id))
            children: list[tuple[str, int, str | None, int]] = []
            for number, choice in enumerate(node.choices, 1):
                line = f"{number}. {_one_line(choice.label)!r} -> {choice.next}"
                if choice.if_:
                    line += f"  (if {choice.if_})"
                children.append((choice.next, level + 1, line, level + 2))
            if node.next == RETURN:
                out.append(_pad(level + 1) + "continue -> return")
            elif node.next is not None:
                # A single way on stays at the same level: chains do not drift right.
                children.append((node.next, level + 1, f"continue -> {node.next}", level))
            todo.extend(reversed(children))

    out.append(f"{script.title}  (start: {script.start})")
    tree(script.start, 0)
    if script.anytime:
        out.append("")
        out.append("Side flows")
        for side in script.anytime:
            out.append(f"  key {side.key}:")
            tree(side.node, 2)
    rest = [n for n in script.nodes if n not in shown]
    if rest:
        out.append("")
        out.append("Not reachable from start or a side flow")
        for node_id in rest:
            if node_id not in shown:  # an earlier one of them may lead here
                tree(node_id, 1)
    return "\n".join(out)
