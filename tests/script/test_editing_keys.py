"""The rules behind the editor's keys: Enter's indentation, find, go to line, folding."""

from __future__ import annotations

import pytest

from coach.script.editing import (
    Match,
    find,
    indent_unit,
    newline_indent,
    panels_start_folded,
    parse_line_number,
)


# ---------------------------------------------------------------- indentation
@pytest.mark.parametrize(
    ("before", "expected"),
    [
        ("", ""),
        ("title: T", ""),
        ("    say: Hello", "    "),
        ("      - {label: Yes, next: x}", "      "),
        ("nodes:", "  "),
        ("  hello:", "    "),
        ("    choices:   ", "      "),
        ("    choices:  # the answers", "      "),
        ("    choices: #", "      "),
        ("    say: |", "      "),
        ("    say: >-", "      "),
        ("  - say:", "      "),  # under the key, not under the dash
        ("- - key:", "      "),
        ("    say: 'a # not a comment:'", "    "),
        ('    say: "ends with a colon:"', "    "),
        ("    ", "    "),  # the cursor in the indentation: keep what is left of it
        ("  # a comment:", "  "),
    ],
)
def test_enter_keeps_the_indentation_and_opens_a_block_after_a_colon(
    before: str, expected: str
) -> None:
    assert newline_indent(before) == expected


def test_enter_uses_the_files_indent_unit() -> None:
    assert newline_indent("  hello:", unit=4) == "      "
    assert newline_indent("  hello: # note", unit=4) == "      "


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("title: T\nnodes:\n  a:\n    say: x\n    choices:\n      - y\n", 2),
        ("title: T\nnodes:\n    a:\n        say: x\n    b:\n        say: y\n", 4),
        ("title: T\n# comment\n\nformat: 1\n", 2),  # no nesting: the default
        ("a:\n\tb: 1\n", 2),  # tabs are an error elsewhere; they are not a unit
        ("", 2),
    ],
)
def test_indent_unit(text: str, unit: int) -> None:
    assert indent_unit(text) == unit


# ------------------------------------------------------------------- finding
LINES = ["nodes:", "  hello:", "    say: Hello", "  thanks:", "    say: Thank you, hello"]


def test_find_goes_forward_from_the_cursor_and_wraps() -> None:
    first = find(LINES, "hello", (0, 0))
    assert first == Match(1, 2, 5, False, 1, 3)
    second = find(LINES, "hello", first.end if first else (0, 0))
    assert second == Match(2, 9, 5, False, 2, 3)
    third = find(LINES, "hello", (2, 14))
    assert third == Match(4, 20, 5, False, 3, 3)
    wrapped = find(LINES, "hello", third.end if third else (0, 0))
    assert wrapped == Match(1, 2, 5, True, 1, 3)


def test_find_backwards_wraps_to_the_last() -> None:
    assert find(LINES, "hello", (2, 9), backwards=True) == Match(1, 2, 5, False, 1, 3)
    assert find(LINES, "hello", (1, 2), backwards=True) == Match(4, 20, 5, True, 3, 3)


def test_find_ignores_case_unless_the_query_has_capitals() -> None:
    assert find(LINES, "HELLO", (0, 0)) is None
    match = find(LINES, "Hello", (0, 0))
    assert match is not None and (match.row, match.column, match.total) == (2, 9, 1)


def test_find_without_a_match() -> None:
    assert find(LINES, "goodbye", (0, 0)) is None
    assert find(LINES, "", (0, 0)) is None
    assert find([""], "x", (0, 0)) is None


def test_find_clamps_a_start_outside_the_text() -> None:
    assert find(LINES, "nodes", (99, 99)) == Match(0, 0, 5, True, 1, 1)


# -------------------------------------------------------------- go to line
def test_parse_line_number() -> None:
    assert parse_line_number("14", 42) == (14, 1)
    assert parse_line_number(" 14:7 ", 42) == (14, 7)
    assert parse_line_number("1", 1) == (1, 1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type a line number, for example 14 (or 14:7 for a column)"),
        ("abc", "'abc' is not a line number: type digits, for example 14 or 14:7"),
        ("-3", "'-3' is not a line number: type digits, for example 14 or 14:7"),
        ("4:x", "'4:x' is not a line number: type digits, for example 14 or 14:7"),
        ("0", "There is no line 0: the text has 42 lines (1 to 42)"),
        ("90", "There is no line 90: the text has 42 lines (1 to 42)"),
        ("3:0", "Columns start at 1"),
    ],
)
def test_bad_line_numbers_say_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_line_number(typed, 42)


# ------------------------------------------------------------------ folding
def test_panels_start_folded_only_when_they_would_take_the_texts_rows() -> None:
    assert panels_start_folded(80, 24)
    assert not panels_start_folded(80, 40)  # tall enough for both
    assert not panels_start_folded(120, 24)  # the panels sit beside the text
    assert not panels_start_folded(120, 40)
