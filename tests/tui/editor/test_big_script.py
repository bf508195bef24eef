"""The editor on a 10,000-step script (issue 14): it opens with its structure,
takes typing, and the structure panel draws a chain 10,000 levels deep
without recursion; the fast documents behave as Textual's own."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.document._document import Document
from textual.document._wrapped_document import WrappedDocument
from textual.pilot import Pilot
from textual.widgets.tree import TreeNode

from coach.script.model import Choice, Node, Script
from coach.tui.editor_app import EditorApp
from coach.tui.screens.editor import EditorScreen
from coach.tui.widgets import structure
from coach.tui.widgets.source_fast import FastDocument, FastWrap
from coach.tui.widgets.structure import OPEN_DEPTH, Place, StructurePanel
from tests.tui.scripts import chain_text

SIZE = (120, 40)


async def until(pilot: Pilot[Any], condition: Any, what: str, tries: int = 300) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never happened: {what}")


def shown_rows(tree: StructurePanel) -> list[TreeNode[Place]]:
    """The rows made, open or not, in order (without recursion)."""
    out: list[TreeNode[Place]] = []
    stack = list(reversed(tree.root.children))
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def depth(row: TreeNode[Place]) -> int:
    """Rows above ``row`` up to the top (a top row is 0 deep)."""
    count = 0
    while row.parent is not None and row.parent.parent is not None:
        count += 1
        row = row.parent
    return count


def deep_chain(levels: int) -> Script:
    """Each step's first choice leads to the next: a tree ``levels`` deep."""
    nodes = {
        f"n{i}": Node(f"n{i}", "Go on", choices=(Choice("On", f"n{i + 1}"), Choice("Stop", "end")))
        for i in range(levels)
    }
    nodes[f"n{levels}"] = Node(f"n{levels}", "Last", end="done")
    nodes["end"] = Node("end", "Bye", end="stopped")
    return Script("deep", "Deep", nodes, "n0")


async def test_the_editor_opens_a_10000_step_script_and_takes_typing(coach_home: Path) -> None:
    path = coach_home / "gen.yaml"
    coach_home.mkdir(parents=True, exist_ok=True)
    path.write_text(chain_text(10_000), encoding="utf-8")
    app = EditorApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await until(pilot, lambda: screen.structure.script is not None, "the structure")
        assert screen.problems.findings == ()
        labels = [str(row.label) for row in shown_rows(screen.structure)]
        assert labels[0] == "step_0  start"
        assert "→ step_1" in labels
        # The chain's levels beyond the first few are made when opened.
        assert len(labels) < 2000
        area = screen.source
        lines = area.document.line_count
        area.focus()
        area.move_cursor((0, 0))
        await pilot.press(*"# big", "enter")
        assert area.text.startswith("# big\nformat: 1\n")
        assert area.document.line_count == lines + 1
        assert area._highlights[1], "the top is highlighted"
        # The end of the text draws, highlighted there too (only the rows
        # around the screen are, from a parse of their own).
        await pilot.press("ctrl+end")
        await pilot.pause()
        last = area.document.line_count - 1
        assert area.cursor_location[0] == last
        assert area._highlights[last - 1], "the end is highlighted"
        assert not area._highlights[1], "the top is not any more"


async def test_the_structure_of_a_chain_10000_levels_deep(monkeypatch: pytest.MonkeyPatch) -> None:
    # Opened by hand level by level below: stop at 30 levels, not 200, to be quick.
    monkeypatch.setattr(structure, "MAX_DEPTH", 30)

    class Panel(App[None]):
        def compose(self) -> ComposeResult:
            yield StructurePanel()

    app = Panel()
    async with app.run_test(size=(100, 30)) as pilot:
        tree = app.query_one(StructurePanel)
        tree.show_script(deep_chain(10_000))
        await pilot.pause()
        rows = shown_rows(tree)
        # The first levels are open, each with its two choices.
        assert str(rows[0].label) == "n0  start"
        assert str(rows[1].label) == "1 On → n1"
        assert max(depth(row) for row in rows) == OPEN_DEPTH + 1
        # Opening the closed item below: its rows come then.
        closed = next(row for row in rows if row.allow_expand and not row.is_expanded)
        assert len(closed.children) == 0
        closed.expand()
        await pilot.pause()
        assert [str(child.label) for child in closed.children][1] == "2 Stop → end  ■ stopped  ↑"
        # Opened by hand all the way down: it stops at MAX_DEPTH, with a way to jump there.
        item = closed
        while item.children and item.children[0].allow_expand:
            item = item.children[0]
            item.expand()
            await pilot.pause()
        last = item.children[0]
        assert "30 levels deep" in str(last.label)
        assert last.data is not None
        # Shown again after an edit, the items opened by hand stay open.
        tree.show_script(deep_chain(10_000))
        await pilot.pause()
        assert any("30 levels deep" in str(row.label) for row in shown_rows(tree))


@pytest.mark.parametrize("seed", range(5))
def test_the_fast_documents_match_textuals_own(seed: int) -> None:
    """Random edits (in a line, across lines, inserting and removing newlines
    and tabs): the same text, size and wrapping as Textual's documents."""
    rng = random.Random(seed)
    lines = ["nodes:", "  a:", "\tsay: hi", "", "  b: {say: x, next: a}"] * 20
    text = "\n".join(lines)
    plain, fast = Document(text), FastDocument(text)
    plain_wrap, fast_wrap = WrappedDocument(plain, tab_width=4), FastWrap(fast, tab_width=4)
    assert fast.get_size(4) == plain.get_size(4)
    pieces = ["x", "\n", "\t", "", "ab\ncd", "é漢", "\n\n"]
    for _ in range(60):
        count = plain.line_count
        start = (rng.randrange(count), 0)
        start = (start[0], rng.randrange(len(plain[start[0]]) + 1))
        end_row = min(count - 1, start[0] + rng.choice([0, 0, 1, 2]))
        end = (end_row, rng.randrange(len(plain[end_row]) + 1))
        if end < start:
            start, end = end, start
        piece = rng.choice(pieces)
        for doc, wrap in ((plain, plain_wrap), (fast, fast_wrap)):
            result = doc.replace_range(start, end, piece)
            wrap.wrap_range(start, end, result.end_location)
        assert fast.text == plain.text
        assert fast.get_size(4) == plain.get_size(4)
        assert fast_wrap.height == plain_wrap.height
        assert fast_wrap._offset_to_line_info == plain_wrap._offset_to_line_info
        assert fast_wrap._tab_width_cache == plain_wrap._tab_width_cache
        row = start[0]
        for column in (0, len(plain[row]) // 2, len(plain[row])):
            assert fast_wrap.location_to_offset((row, column)) == plain_wrap.location_to_offset(
                (row, column)
            )
    plain_wrap.wrap(0, 4)
    fast_wrap.wrap(0, 4)
    for name in ("_wrap_offsets", "_offset_to_line_info", "_line_index_to_offsets"):
        assert getattr(fast_wrap, name) == getattr(plain_wrap, name), name
    assert fast_wrap._tab_width_cache == plain_wrap._tab_width_cache


@pytest.mark.parametrize("seed", range(8))
def test_wrapping_a_long_line_again_from_the_edit_matches_textuals_own(seed: int) -> None:
    """Keys typed and rubbed out in one long soft-wrapped line (words, words
    too long for a row, wide characters, runs of spaces): FastWrap re-wraps
    from a break the edit cannot move, with the result of wrapping it all."""
    rng = random.Random(seed)
    words = ["a", "word", "x" * 90, "漢字漢字", "  ", "end.", "é" * 7]
    text = " ".join(rng.choice(words) for _ in range(60))
    plain, fast = Document(text), FastDocument(text)
    width = rng.choice([20, 37, 60])
    plain_wrap = WrappedDocument(plain, width=width, tab_width=4)
    fast_wrap = FastWrap(fast, width=width, tab_width=4)
    pieces = ["x", " ", "y", "", "  ", "漢", "zz z"]
    for _ in range(150):
        length = len(plain[0])
        column = rng.choice([length, length, rng.randrange(length + 1)])
        start = (0, max(0, column - rng.choice([0, 0, 0, 1, 3])))
        end = (0, column)
        piece = rng.choice(pieces)
        for doc, wrap in ((plain, plain_wrap), (fast, fast_wrap)):
            result = doc.replace_range(start, end, piece)
            wrap.wrap_range(start, end, result.end_location)
        assert fast_wrap._wrap_offsets == plain_wrap._wrap_offsets
        assert fast_wrap.get_sections(0) == plain_wrap.get_sections(0)
        assert fast_wrap.location_to_offset((0, column)) == plain_wrap.location_to_offset(
            (0, column)
        )
