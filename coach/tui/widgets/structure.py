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

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from coach.script.model import RETURN, Node, Position, Script
from coach.tui.messages import JumpTo

WARN = "bold yellow"
END = "green"
MUTED = "dim"


@dataclass(frozen=True)
class Place:
    """Where a row of the tree points in the file."""

    node: str
    pos: Position


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
        self._expanded: set[str] = set()
        self._reachable: set[str] = set()
        self._dead: set[str] = set()

    # ----------------------------------------------------------------- content
    def show_script(self, script: Script) -> None:
        """Show the tree of ``script`` (a version of the text without errors)."""
        from coach.script.graph import dead_ends, reachable

        self.script = script
        self.stale = False
        self.remove_class("-stale")
        self.border_title = "Structure"
        self._reachable = set(reachable(script))
        self._dead = set(dead_ends(script))
        self._expanded = set()
        line = self.cursor_line
        self.clear()
        root = self.root
        side_nodes = {s.node for s in script.anytime}
        start = script.nodes.get(script.start)
        if start is not None:
            self._top(root, start, self._label(start))
        if script.anytime:
            section = root.add(Text("Side flows", style="bold"), None, expand=True)
            for side in script.anytime:
                node = script.nodes.get(side.node)
                if node is None:
                    continue
                self._top(section, node, self._label(node, Text(f"[{side.key}] ", style="bold")))
        orphans = [
            n
            for n in script.nodes.values()
            if n.id not in self._reachable and n.id not in side_nodes
        ]
        if orphans:
            section = root.add(Text("Not reachable from start", style=WARN), None, expand=True)
            for node in orphans:
                if node.id in self._expanded:
                    continue
                self._top(section, node, self._label(node))
        if line >= 0:
            self.cursor_line = min(line, max(self.last_line, 0))

    def _top(self, parent: TreeNode[Place], node: Node, label: Text) -> None:
        """A section's row for ``node``, holding its ways on (if it has any)."""
        place = Place(node.id, node.pos)
        if node.targets() and node.id not in self._expanded:
            self._grow(parent.add(label, place, expand=True), node)
        else:
            self._expanded.add(node.id)
            parent.add_leaf(label, place)

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
        side_nodes = {s.node for s in self.script.anytime} if self.script else set()
        if self.script and node.id not in self._reachable and node.id not in side_nodes:
            marks.append("  ⚠ unreachable", style=WARN)
        return marks

    def _grow(self, item: TreeNode[Place], node: Node) -> None:
        """Add the ways on from ``node`` under ``item``, each node's once.

        A ``next`` chain stays at one level (``→ b``, ``→ c``, ...), so a
        sequence of steps reads like a list; each choice opens a level.
        """
        assert self.script is not None
        current = node
        while current.id not in self._expanded:
            self._expanded.add(current.id)
            for number, choice in enumerate(current.choices, start=1):
                label = Text(f"{number} ", style="bold")
                label.append(choice.label)
                if choice.if_:
                    label.append(f" (if {choice.if_})", style=MUTED)
                label.append(" → ")
                self._choice_row(item, label, choice.next)
            if current.next is None or current.next == RETURN:
                return
            target = self.script.nodes.get(current.next)
            row = Text("→ ")
            if target is None:
                row.append(current.next, style=WARN)
                item.add_leaf(row, None)
                return
            row.append(target.id)
            row.append_text(self._marks(target))
            if target.id in self._expanded:
                row.append("  ↑", style=MUTED)
            item.add_leaf(row, Place(target.id, target.pos))
            current = target

    def _choice_row(self, item: TreeNode[Place], label: Text, target_id: str) -> None:
        assert self.script is not None
        target = self.script.nodes.get(target_id)
        if target is None:
            label.append(target_id, style=WARN)
            item.add_leaf(label, None)
            return
        label.append(target.id)
        label.append_text(self._marks(target))
        place = Place(target.id, target.pos)
        if target.id in self._expanded:
            label.append("  ↑", style=MUTED)
            item.add_leaf(label, place)
        elif target.targets():
            self._grow(item.add(label, place, expand=True), target)
        else:
            self._expanded.add(target.id)
            item.add_leaf(label, place)

    # --------------------------------------------------------------- selecting
    def on_tree_node_selected(self, event: Tree.NodeSelected[Place]) -> None:
        event.stop()
        place = event.node.data
        if place is None:
            event.node.toggle()
            return
        self.post_message(JumpTo(place.pos.line, place.pos.column, place.node))
