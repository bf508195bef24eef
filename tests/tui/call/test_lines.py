"""The line helpers of the call panels: every line they make is exactly as wide as asked."""

from __future__ import annotations

import pytest
from textual.content import Content

from coach.tui.widgets.lines import Laid, box, fit, line_key, wrap


def test_wrap_indents_lines_after_the_prefix() -> None:
    text = Content("one two three four five six seven eight nine ten")
    lines = wrap(text, 14, Content("1 "))
    assert [line.plain.rstrip() for line in lines] == [
        "1 one two",
        "  three four",
        "  five six",
        "  seven eight",
        "  nine ten",
    ]
    assert all(line.cell_length <= 14 for line in lines)


def test_wrap_of_empty_text_is_one_empty_line() -> None:
    assert [line.plain for line in wrap(Content(""), 10)] == [""]


@pytest.mark.parametrize("width", [1, 5, 12, 40])
def test_fit_makes_a_line_exactly_the_width(width: int) -> None:
    line = fit(Content("A sentence a little long"), width)
    assert line.cell_length == width
    if width < 24:
        assert line.plain.endswith("…")


@pytest.mark.parametrize("width", [8, 20, 61])
def test_box_lines_are_all_the_width_with_the_title_on_top(width: int) -> None:
    body = wrap(Content("What to say now, wrapped inside the box."), width - 6)
    lines = box("Say", body, width, "$primary")
    assert {line.cell_length for line in lines} == {width}
    assert lines[0].plain.lstrip().startswith("╭─ Say") or width < 10
    assert lines[-1].plain.strip().startswith("╰") and lines[-1].plain.strip().endswith("╯")
    assert len(lines) == len(body) + 2


def test_laid_keeps_keys_with_lines() -> None:
    a = Laid.of([Content("x"), Content.styled("y", "bold")])
    b = Laid.of([Content("z")])
    both = a + b
    assert [line.plain for line in both.lines] == ["x", "y", "z"]
    assert both.keys == [line_key(line) for line in both.lines]
    assert line_key(Content("y")) != line_key(Content.styled("y", "bold"))
