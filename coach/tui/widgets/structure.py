"""The editor's structure panel: the script as a tree, from ``start``.

Every row is a way into a node: the start node at the top, then under each
node its choices (``1 label → target``) or its ``next`` (``→ target``), each
holding the target's own ways on the first time it appears. Side flows and
nodes not reachable from ``start`` have their own sections. End nodes show
their outcome; unreachable nodes and dead ends (no ``end`` reachable) are
marked. ``enter`` on a row posts :class:`~coach.tui.messages.JumpTo` with the
line of the node (or choice) it names.

When the text being edited has errors the panel keeps the last good tree and
marks it stale (``-stale`` class, dimmed, and a note in the title).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import NodeID, TreeNode

from coach.script.model import RETURN, Choice, Node, Position, Script
from coach.tui.messages import JumpTo

WARN = "bold yellow"
END = "green"
MUTED = "dim"


#: Levels of the tree open when a script is shown, and about how many rows
#: they may take (more open as the user opens them: ``space``).
OPEN_DEPTH = 8
OPEN_ROWS = 400
#: Items this many levels deep do not open (the tree is drawn by recursion,
#: and a row that far right is off the panel): ``enter`` goes to the node.
MAX_DEPTH = 200


@dataclass(frozen=True)
class Place:
    """Where a row of the tree points in the file."""

    node: str
    pos: Position


@dataclass(frozen=True)
class Way:
    """One way on from a node, a row of the tree: a choice (``number`` from
    1) or its ``next``; ``opens`` the target's own ways under it (the first
    time the target appears), or the target was ``seen`` above."""

    target: str
    choice: Choice | None = None
    number: int = 0
    opens: bool = False
    seen: bool = False


@dataclass(frozen=True)
class Plan:
    """What the panel shows of a script, as plain data: made without the
    panel (``of``), so the editor makes it in its checking thread."""

    script: Script
    reachable: set[str]
    dead: set[str]
    tops: list[tuple[str, str, bool]]
    ways: dict[str, list[Way]]

    @classmethod
    def of(cls, script: Script) -> Plan:
        from coach.script.graph import Graph

        graph = Graph.of(script)
        reachable = graph.reachable()
        tops, ways = plan_ways(script, reachable)
        return cls(script, reachable, graph.dead_ends(), tops, ways)


def plan_ways(
    script: Script, reachable: set[str]
) -> tuple[list[tuple[str, str, bool]], dict[str, list[Way]]]:
    """The tree of ``script`` as plain data, without recursion (a chain of
    10,000 steps is 3,000 levels deep): the sections' top nodes, in order
    (``("start" | "side" | "orphans", node id)``), and the rows under each
    node whose ways on are shown (by its id).

    Every node's ways show once, under its first appearance in the order the
    tree is read (depth first); later ones point up (``seen``). A ``next``
    chain stays at one level (``→ b``, ``→ c``, ...): its steps' ways join
    the rows of the item that began it; each choice opens a level.
    """
    nodes = script.nodes
    shown: set[str] = set()
    ways: dict[str, list[Way]] = {}

    def grow(head: str) -> Iterator[str]:
        """Plan the rows of ``head``'s item; yields each target that opens an
        item of its own, to be planned (depth first) before going on."""
        rows = ways[head] = []
        current = nodes[head]
        while current.id not in shown:
            shown.add(current.id)
            for number, choice in enumerate(current.choices, start=1):
                target = nodes.get(choice.next)
                if target is None:
                    rows.append(Way(choice.next, choice, number))
                elif target.id in shown:
                    rows.append(Way(target.id, choice, number, seen=True))
                elif target.targets():
                    rows.append(Way(target.id, choice, number, opens=True))
                    yield target.id
                else:
                    shown.add(target.id)
                    rows.append(Way(target.id, choice, number))
            if current.next is None or current.next == RETURN:
                return
            nxt = nodes.get(current.next)
            if nxt is None:
                rows.append(Way(current.next))
                return
            rows.append(Way(nxt.id, seen=nxt.id in shown))
            current = nxt

    def plan(head: str) -> None:
        stack = [grow(head)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            else:
                stack.append(grow(child))

    tops: list[tuple[str, str, bool]] = []

    def top(section: str, node_id: str) -> None:
        node = nodes.get(node_id)
        if node is None:
            return
        owns = bool(node.targets()) and node_id not in shown
        tops.append((section, node_id, owns))
        if owns:
            plan(node_id)
        else:
            shown.add(node_id)

    top("start", script.start)
    side_nodes = {s.node for s in script.anytime}
    for side in script.anytime:
        top("side", side.node)
    for node in nodes.values():
        if node.id not in reachable and node.id not in side_nodes and node.id not in shown:
            top("orphans", node.id)
    return tops, ways


class StructurePanel(Tree[Place]):
    """The tree of nodes and branches of the last script that loaded."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.escape", "Back to text", tooltip="Back to the text"),
    ]

    DEFAULT_CSS = """
    StructurePanel {
        height: 1fr;
        border: round $foreground 30%;
        border-title-color: $text-muted;
        &:focus { border: round $primary; }
        &.-stale { opacity: 60%; border-title-color: $warning; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("Structure", id=id, classes=classes)
        self.auto_expand = False
        self.show_root = False
        self.guide_depth = 2
        self.script: Script | None = None
        self.stale = False
        self.border_title = "Structure"
        self._reachable: set[str] = set()
        self._dead: set[str] = set()
        self._side_nodes: set[str] = set()
        #: Each node's ways on, under the one row that opens them (``plan_ways``).
        self._ways: dict[str, list[Way]] = {}
        #: The items whose rows are made, and each item's level (by tree node id).
        self._filled: set[NodeID] = set()
        self._depth: dict[NodeID, int] = {}
        #: Items (by the node they open) the user opened or closed by hand.
        self._open_by_user: set[str] = set()
        self._shut_by_user: set[str] = set()

    # ----------------------------------------------------------------- content
    def show_script(self, script: Script, plan: Plan | None = None) -> None:
        """Show the tree of ``script`` (a version of the text without errors),
        from its ``plan`` if it was made already (``Plan.of``, in a worker).

        The ways on of every node are planned at once (plain data); rows are
        made only for the items shown open: the first ``OPEN_DEPTH`` levels,
        up to about ``OPEN_ROWS`` rows, then each item the first time it is
        opened (``space``). Items the user opened or closed stay so when the
        script is shown again after an edit.
        """
        if plan is None or plan.script is not script:
            plan = Plan.of(script)
        self.script = script
        self.stale = False
        self.remove_class("-stale")
        self.border_title = "Structure"
        self._reachable = plan.reachable
        self._dead = plan.dead
        self._side_nodes = {s.node for s in script.anytime}
        tops, self._ways = plan.tops, plan.ways
        self._filled = set()
        self._depth = {}
        line = self.cursor_line
        self.clear()
        root = self.root
        sections: dict[str, TreeNode[Place]] = {"start": root}
        titles = {
            "side": Text("Side flows", style="bold"),
            "orphans": Text("Not reachable from start", style=WARN),
        }
        keys = {s.node: s.key for s in script.anytime}
        todo: list[TreeNode[Place]] = []
        for section, node_id, owns in tops:
            if section not in sections:
                sections[section] = root.add(titles[section], None, expand=True)
            node = script.nodes[node_id]
            prefix = Text(f"[{keys[node_id]}] ", style="bold") if section == "side" else None
            label = self._label(node, prefix)
            place = Place(node.id, node.pos)
            if owns:
                item = sections[section].add(label, place, expand=node_id not in self._shut_by_user)
                self._depth[item.id] = 0
                if item.is_expanded:
                    todo.append(item)
            else:
                sections[section].add_leaf(label, place)
        self._open_levels(todo, auto=True)
        if line >= 0:
            self.cursor_line = min(line, max(self.last_line, 0))

    def _open_levels(self, todo: list[TreeNode[Place]], *, auto: bool) -> None:
        """Make the rows of the open items in ``todo``, level by level, opening
        their items in turn: those the user had open, and with ``auto`` the
        first ``OPEN_DEPTH`` levels while ``OPEN_ROWS`` last."""
        made = 0

        def wanted(head: str, depth: int) -> bool:
            if head in self._shut_by_user:
                return False
            return head in self._open_by_user or (auto and depth <= OPEN_DEPTH and made < OPEN_ROWS)

        while todo:
            below: list[TreeNode[Place]] = []
            for item in todo:
                below.extend(self._fill(item, wanted))
                made += len(item.children)
            todo = below

    def _fill(
        self, item: TreeNode[Place], wanted: Callable[[str, int], bool]
    ) -> list[TreeNode[Place]]:
        """Make the rows of ``item`` (once): the ways on of the node it opens;
        those that open items of their own are open if ``wanted`` (the node
        they open, their level): returns these."""
        if item.id in self._filled or item.data is None or self.script is None:
            return []
        self._filled.add(item.id)
        depth = self._depth.get(item.id, 0) + 1
        opened: list[TreeNode[Place]] = []
        for way in self._ways.get(item.data.node, ()):
            label = self._way_label(way)
            target = self.script.nodes.get(way.target)
            place = Place(target.id, target.pos) if target is not None else None
            if way.opens and depth >= MAX_DEPTH:
                label.append(f"  … {MAX_DEPTH} levels deep: enter goes to it", style=MUTED)
                item.add_leaf(label, place)
            elif way.opens:
                child = item.add(label, place, expand=wanted(way.target, depth))
                self._depth[child.id] = depth
                if child.is_expanded:
                    opened.append(child)
            else:
                item.add_leaf(label, place)
        return opened

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Place]) -> None:
        """The user opened an item: its rows are made now, the first time
        (and those of the items under it that they had open)."""
        event.stop()
        place = event.node.data
        if place is not None:
            self._open_by_user.add(place.node)
            self._shut_by_user.discard(place.node)
        self._open_levels([event.node], auto=False)

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed[Place]) -> None:
        event.stop()
        place = event.node.data
        if place is not None:
            self._shut_by_user.add(place.node)
            self._open_by_user.discard(place.node)

    def _way_label(self, way: Way) -> Text:
        """The row of one way on: ``1 label → target`` or ``→ target``, marked."""
        assert self.script is not None
        if way.choice is not None:
            label = Text(f"{way.number} ", style="bold")
            label.append(way.choice.label)
            if way.choice.if_:
                label.append(f" (if {way.choice.if_})", style=MUTED)
            label.append(" → ")
        else:
            label = Text("→ ")
        target = self.script.nodes.get(way.target)
        if target is None:
            label.append(way.target, style=WARN)
            return label
        label.append(target.id)
        label.append_text(self._marks(target))
        if way.seen:
            label.append("  ↑", style=MUTED)
        return label

    def mark_stale(self) -> None:
        """The text has errors now: keep the last good tree, dimmed."""
        if self.stale:
            return
        self.stale = True
        self.add_class("-stale")
        self.border_title = (
            "Structure (last good version)" if self.script else "Structure (fix the errors)"
        )

    def _label(self, node: Node, prefix: Text | None = None) -> Text:
        label = Text()
        if prefix is not None:
            label.append_text(prefix)
        label.append(node.id, style="bold" if node.id == self._start_id() else "")
        if node.id == self._start_id():
            label.append("  start", style=MUTED)
        label.append_text(self._marks(node))
        return label

    def _start_id(self) -> str:
        return self.script.start if self.script else ""

    def _marks(self, node: Node) -> Text:
        marks = Text()
        if node.end is not None:
            marks.append(f"  ■ {node.end}", style=END)
        elif node.next == RETURN:
            marks.append("  ↩ return", style=MUTED)
        if node.id in self._dead:
            marks.append("  ⚠ dead end", style=WARN)
        if self.script and node.id not in self._reachable and node.id not in self._side_nodes:
            marks.append("  ⚠ unreachable", style=WARN)
        return marks

    # --------------------------------------------------------------- selecting
    def on_tree_node_selected(self, event: Tree.NodeSelected[Place]) -> None:
        event.stop()
        place = event.node.data
        if place is None:
            event.node.toggle()
            return
        self.post_message(JumpTo(place.pos.line, place.pos.column, place.node))
