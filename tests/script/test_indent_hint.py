"""A list item pasted at the wrong column reads as an indentation problem, not quoting."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from coach.script import yamlnodes
from coach.script.check import check_text
from coach.script.indenthint import list_above, misplaced_list_item

HEAD = """\
title: Paste test
nodes:
  hello:
    say: Hello, is this a good time?
    choices:
      - {label: "Yes", next: status}
"""
TAIL = """\
  status:
    say: Where do things stand?
    end: pending
  voicemail:
    say: Please call me back.
    end: voicemail
"""


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both YAML parsers word their errors differently; the hint must not depend on it."""
    if request.param == "python":
        monkeypatch.setattr(yamlnodes, "_PARSER", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    return str(request.param)


def only(text: str) -> str:
    (finding,) = check_text(text, "s.yaml")
    return f"{finding.line}:{finding.column}: {finding.message}"


def test_a_flow_mapping_item_at_column_one(parser: str) -> None:
    text = HEAD + "- {label: Voicemail, next: voicemail}\n" + TAIL
    assert only(text) == (
        "7:1: YAML indentation: this list item is at column 1 but the list above "
        "starts at column 7; indent it by 6 spaces"
    )


def test_a_flow_mapping_item_at_the_column_of_the_node_keys(parser: str) -> None:
    text = HEAD + "  - {label: Voicemail, next: voicemail}\n" + TAIL
    assert only(text) == (
        "7:3: YAML indentation: this list item is at column 3 but the list above "
        "starts at column 7; indent it by 4 spaces"
    )


def test_an_item_indented_too_far_is_moved_left(parser: str) -> None:
    text = HEAD + "        - {label: Voicemail, next: voicemail}\n" + TAIL
    assert only(text) == (
        "7:9: YAML indentation: this list item is at column 9 but the list above "
        "starts at column 7; move it left by 2 spaces"
    )


def test_a_plain_checklist_item(parser: str) -> None:
    text = (
        "title: T\nchecklist:\n  - Have the notes open\n- Know their name\n"
        "nodes:\n  a:\n    say: Hi\n    end: done\n"
    )
    assert only(text) == (
        "4:1: YAML indentation: this list item is at column 1 but the list above "
        "starts at column 3; indent it by 2 spaces"
    )


def test_a_nested_mapping_item_says_its_lines_move_too(parser: str) -> None:
    text = (
        HEAD
        + "      - label: Later\n        next: voicemail\n"
        + "      # a comment between\n\n"
        + "- label: Other\n  next: voicemail\n"
        + TAIL
    )
    assert only(text) == (
        "11:1: YAML indentation: this list item is at column 1 but the list above "
        "starts at column 7; indent it by 6 spaces, and the lines that belong to it by as much"
    )


def test_the_last_line_of_the_file(parser: str) -> None:
    text = HEAD + TAIL + "  other:\n    choices:\n      - {label: A, next: status}\n- {label: B}\n"
    assert only(text).startswith(
        "16:1: YAML indentation: this list item is at column 1 but the list above "
        "starts at column 7"
    )


def test_real_quoting_problems_still_read_as_quoting(parser: str) -> None:
    item = HEAD + "      - {interviewer} answers\n" + TAIL
    assert "must be put in quotes" in only(item)
    value = "title: T\nnodes:\n  a:\n    say: {who} is here\n    end: x\n"
    assert "must be put in quotes" in only(value)
    colon = "title: Note: this\nnodes: {}\n"
    assert "contains ': ' must be put in quotes" in only(colon)


def test_a_misindented_key_is_not_a_list_item(parser: str) -> None:
    text = HEAD.replace("    say: Hello", "   say: Hello") + TAIL
    assert "this list item" not in only(text)


# ------------------------------------------------------------ the pure parts
def test_list_above_skips_comments_blank_lines_and_deeper_keys() -> None:
    lines = ["a:", "  - x: 1", "    y: 2", "", "    # note", "- z"]
    assert list_above(lines, 5) == 2
    # A key at or left of the line's column ends the search: nothing to line up with.
    assert list_above(["a:", "  b: 1", "- z"], 2) is None
    assert list_above(["- z"], 0) is None


def test_misplaced_list_item_needs_the_parser_to_stop_at_the_dash() -> None:
    text = "a:\n  - x\n- y\n"
    assert misplaced_list_item(text, 3, 1) is not None
    assert misplaced_list_item(text, 3, 3) is None  # stopped inside the line: another problem
    assert misplaced_list_item(text, 2, 3) is None  # in line with the list
    assert misplaced_list_item(text, 9, 1) is None  # no such line
    assert misplaced_list_item("a:\n  - x\n\t- y\n", 3, 2) is None  # a tab: said elsewhere


def test_coach_check_says_it(tmp_path: Path) -> None:
    path = tmp_path / "pasted.yaml"
    path.write_text(HEAD + "- {label: Voicemail, next: voicemail}\n" + TAIL, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "coach", "check", str(path)],
        capture_output=True,
        text=True,
        env={"COACH_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.strip() == (
        f"{path}:7:1: error: YAML indentation: this list item is at column 1 but the list "
        "above starts at column 7; indent it by 6 spaces"
    )
