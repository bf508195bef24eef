"""The problems and structure panels on their own."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets.tree import TreeNode

from coach.script.model import Choice, Finding, Node, Position, Script, SideFlow
from coach.tui.messages import JumpTo
from coach.tui.widgets.problems import ProblemsPanel, problem_row, summary
from coach.tui.widgets.structure import Place, StructurePanel


class PanelsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield StructurePanel()
        yield ProblemsPanel()


def _script() -> Script:
    nodes = {
        "hello": Node(
            "hello",
            "Hi",
            choices=(Choice("Talk", "loop_a", pos=Position(5, 9)), Choice("Bye", "bye")),
            pos=Position(3, 3),
        ),
        "loop_a": Node("loop_a", "A", next="loop_b", pos=Position(8, 3)),
        "loop_b": Node("loop_b", "B", next="loop_a", pos=Position(10, 3)),
        "bye": Node("bye", "Bye", end="pending", pos=Position(12, 3)),
        "repeat": Node("repeat", "Again?", next="return", pos=Position(14, 3)),
        "orphan": Node("orphan", "Nobody comes here", end="done", pos=Position(16, 3)),
    }
    return Script("t", "Test", nodes, "hello", anytime=(SideFlow("repeat", "r"),))


def _labels(tree: StructurePanel) -> list[str]:
    out: list[str] = []
    stack: list[TreeNode[Place]] = list(reversed(tree.root.children))
    while stack:
        node = stack.pop()
        out.append(str(node.label))
        stack.extend(reversed(node.children))
    return out


async def test_structure_marks_side_flows_unreachable_nodes_and_dead_ends() -> None:
    app = PanelsApp()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(StructurePanel)
        tree.show_script(_script())
        await pilot.pause()
        labels = _labels(tree)
        assert labels[0] == "hello  start"
        assert "1 Talk → loop_a  ⚠ dead end" in labels
        assert "→ loop_b  ⚠ dead end" in labels
        assert "→ loop_a  ⚠ dead end  ↑" in labels
        assert "2 Bye → bye  ■ pending" in labels
        assert "Side flows" in labels
        assert "[r] repeat  ↩ return" in labels
        assert "Not reachable from start" in labels
        assert "orphan  ■ done  ⚠ unreachable" in labels
        assert not tree.stale
        tree.mark_stale()
        assert tree.stale and tree.has_class("-stale")
        assert "last good version" in str(tree.border_title)
        assert _labels(tree) == labels  # the last good tree stays


async def test_structure_select_posts_the_place() -> None:
    seen: list[tuple[int, int, str]] = []

    class Recording(PanelsApp):
        def on_jump_to(self, message: JumpTo) -> None:
            seen.append((message.line, message.column, message.node))

    app = Recording()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(StructurePanel)
        tree.show_script(_script())
        tree.focus()
        await pilot.pause()
        tree.cursor_line = 0
        await pilot.press("enter")
        await pilot.pause()
        assert seen == [(3, 3, "hello")]


def test_problem_rows_and_summary() -> None:
    error = Finding("f.yaml", 12, 7, "error", "node 'x': next 'y' is not a node")
    warning = Finding("f.yaml", 3, 1, "warning", "variable 'v' is never used")
    assert problem_row(error).plain == "12:7 error: node 'x': next 'y' is not a node"
    assert summary([error, warning]) == "1 error, 1 warning"
    assert summary([error, error]) == "2 errors"
    assert summary([]) == "No problems"


async def test_problems_panel_lists_errors_first_and_says_when_clean() -> None:
    seen: list[tuple[int, int]] = []

    class Recording(PanelsApp):
        def on_jump_to(self, message: JumpTo) -> None:
            seen.append((message.line, message.column))

    app = Recording()
    async with app.run_test(size=(100, 30)) as pilot:
        panel = app.query_one(ProblemsPanel)
        assert panel.option_count == 1
        assert str(panel.get_option_at_index(0).prompt) == "No problems"
        warning = Finding("f.yaml", 3, 1, "warning", "never used")
        error = Finding("f.yaml", 12, 7, "error", "broken")
        panel.show([warning, error])
        assert [f.severity for f in panel.findings] == ["error", "warning"]
        assert panel.has_class("-errors")
        panel.focus()
        panel.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert seen == [(3, 1)]
        panel.show([])
        assert panel.has_class("-clean")
        assert "none" in str(panel.border_title)
