"""LinesView keeps the steps it laid out last (memo), and every row count (counted)."""

from __future__ import annotations

from textual.content import Content

from coach.tui.widgets import lines
from coach.tui.widgets.lines import LinesView


def test_the_memo_keeps_the_steps_used_last_and_no_more() -> None:
    view = LinesView()
    made: list[int] = []

    def lay(step: int) -> object:
        def make() -> list[Content]:
            made.append(step)
            return [Content(f"step {step}")]

        return view.memo(("step", step), make)

    first = lay(0)
    for step in range(1, lines.MEMO_SIZE):
        lay(step)
    assert lay(0) is first  # still kept, and now the most recently used
    lay(lines.MEMO_SIZE)  # one more: the least recently used (1) goes, not 0
    assert len(view._memo) == lines.MEMO_SIZE
    assert lay(0) is first
    made.clear()
    lay(1)
    assert made == [1]  # laid out again
    lay(2)  # 2 went when 1 came back
    assert made == [1, 2]


def test_row_counts_outlast_the_memo() -> None:
    view = LinesView()
    counted: list[int] = []

    def count(step: int) -> int:
        def work() -> int:
            counted.append(step)
            return step

        return view.counted(("rows", step), work)

    steps = range(lines.MEMO_SIZE * 4)  # a panel sized for its tallest step counts them all
    for step in steps:
        count(step)
    for step in steps:
        assert count(step) == step
    assert counted == list(steps)  # each counted once
