"""YAML-level problems: syntax, tabs, tags, aliases, nesting, documents, encodings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from coach.script import yamlnodes
from coach.script.check import check_text
from coach.script.load import load_text
from coach.script.model import ScriptError
from coach.script.yamlnodes import MAX_BYTES
from tests.script.conftest import lines


def test_syntax_error_has_place_and_hint_for_colons() -> None:
    assert lines("title: Note: this\nnodes: {}\n") == [
        "1:12: error: YAML syntax: mapping values are not allowed in this context; text that "
        "contains ': ' must be put in quotes, e.g. say: \"Note: ...\""
    ]


def test_unquoted_template_at_the_start_of_a_value_gets_a_hint() -> None:
    (found,) = lines("title: T\nnodes:\n  a:\n    say: {who} is here\n    end: x\n")
    assert found.startswith("4:16: error: YAML syntax: ")
    assert "text that starts with '{' or '[' must be put in quotes" in found


def test_unclosed_quote_points_at_the_quote() -> None:
    assert lines('title: "T\nnodes: {}\n') == [
        "1:8: error: YAML syntax: found unexpected end of stream; a quote may not be closed"
    ]


def test_unclosed_bracket_at_the_end_points_into_the_file() -> None:
    (found,) = lines("title: [")
    assert found.startswith("1:8: error: YAML syntax: ")


def test_tab_indentation_has_its_own_message() -> None:
    assert lines("title: T\nnodes:\n\ta: {say: Hi, end: x}\n") == [
        "3:1: error: YAML syntax: a tab is used to indent this line; YAML indents with spaces "
        "only, replace the tab with spaces"
    ]


def test_empty_files() -> None:
    message = "1:1: error: the file is empty; a script needs at least 'title:' and 'nodes:'"
    for text in ("", "\n\n", "# only a comment\n", "---\n", "~\n"):
        assert lines(text) == [message], text


def test_top_level_must_be_a_mapping() -> None:
    assert lines("- title\n") == [
        "1:1: error: the top level must be a mapping of 'key: value' lines such as "
        "'title: ...' and 'nodes: ...', not a list"
    ]


def test_more_than_one_document() -> None:
    (found,) = lines("title: T\nnodes: {a: {say: Hi, end: x}}\n---\ntitle: U\n")
    assert found.startswith("3:1: error: the file holds more than one YAML document")


def test_python_tags_are_refused_and_never_run(tmp_path: object) -> None:
    import os

    marker = f"/tmp/coach-test-marker-{os.getpid()}"
    text = (
        "title: !!python/object/apply:os.system ['touch " + marker + "']\n"
        "nodes:\n"
        "  a: !!python/object:builtins.dict {say: Hi, end: x}\n"
        "description: !!python/name:os.system\n"
    )
    with pytest.raises(ScriptError) as caught:
        load_text(text)
    assert not os.path.exists(marker)
    places = [(f.line, f.column) for f in caught.value.errors if "tag" in f.message]
    assert places == [(1, 8), (3, 6), (4, 14)]
    assert "the tag '!!python/object/apply:os.system' is not allowed" in (
        caught.value.errors[0].message
    )


def test_allowed_explicit_tags() -> None:
    script = load_text(
        "format: !!int 1\ntitle: !!str 2026-03-01\nvariables: !!map\n"
        "  who: {prompt: Who, required: !!bool true}\n"
        "nodes:\n  a: {say: '{who}', end: x, tips: !!seq [a], seconds: !!int '30'}\n"
    )
    assert script.title == "2026-03-01"
    assert script.node("a").seconds == 30
    assert script.variables[0].required is True


def test_tag_that_does_not_fit_the_node() -> None:
    assert lines("title: !!map T\nnodes: {a: {say: Hi, end: x}}\n") == [
        "1:8: error: the tag '!!map' does not fit text; remove the tag"
    ]


def test_alias_bomb_stops_in_bounded_time() -> None:
    bomb = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 30):
        bomb.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    findings = check_text("\n".join(bomb) + "\n", "bomb.yaml")
    (error,) = findings
    assert error.severity == "error"
    assert "aliases would expand this file to more than 10,000 extra nodes" in error.message
    assert error.line == 5  # 9 + 90 + 810 + 7290 + 65610: the fifth line passes 10,000


def test_small_aliases_are_fine() -> None:
    script = load_text(
        "title: T\nnodes:\n  a:\n    say: Hi\n    tips: &t [Breathe, Smile]\n    next: b\n"
        "  b:\n    say: Ho\n    tips: *t\n    end: x\n"
    )
    assert script.node("b").tips == ("Breathe", "Smile")


def test_alias_loop_and_unknown_alias() -> None:
    assert lines("title: T\nnodes: &n [*n]\n") == [
        "2:12: error: the alias '*n' is inside the very thing it names, which would never "
        "end; write the value out instead"
    ]
    (found,) = lines("title: *nope\n")
    assert found == "1:8: error: the alias '*nope' names no anchor '&nope' written before it"


def test_deep_nesting_is_refused_quickly() -> None:
    depth = 2_000_000  # libyaml's composer would crash, its scanner would take hours
    (found,) = check_text("a: " + "[" * depth + "]" * depth, "deep.yaml")
    assert found.line == 1 and found.column == 103  # the top-level mapping is level 1
    assert "nested more than 100 levels deep" in found.message


@pytest.mark.parametrize("depth", [101, 999, 1000, 1001, 5000])
def test_deep_nesting_message_is_ours_at_every_depth(depth: int) -> None:
    # PyYAML 6.0.4's libyaml stops at 1,000 levels while scanning ahead; our limit wins.
    (found,) = check_text("a: " + "[" * depth + "]" * depth, "deep.yaml")
    assert (found.line, found.column) == (1, 103)
    assert "nested more than 100 levels deep" in found.message


def test_deep_nesting_message_is_ours_when_the_parser_stops_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A parser whose own limit (150 here) fires while it scans ahead of its events."""
    real_parse = yamlnodes.yaml.parse

    def parse(text: str, Loader: Any) -> Iterator[Any]:
        if text.count("[") >= 150:
            index = [i for i, c in enumerate(text) if c == "["][149]
            mark = yaml.Mark("<unicode string>", index, 0, index, text, index)
            raise yaml.MarkedYAMLError(
                "while increasing flow level", mark, "exceeded maximum nesting depth", mark
            )
        yield from real_parse(text, Loader=Loader)

    monkeypatch.setattr(yamlnodes.yaml, "parse", parse)
    (found,) = check_text("a: " + "[" * 400 + "]" * 400, "deep.yaml")
    assert (found.line, found.column) == (1, 103)
    assert "nested more than 100 levels deep" in found.message


def test_control_characters() -> None:
    (found,) = lines("title: T\x07\n")
    assert found.startswith("1:9: error: YAML syntax: this character is not allowed")


def test_bytes_that_are_not_utf8() -> None:
    findings = check_text(b"title: T\nnodes:\n  a: {say: caf\xe9, end: x}\n", "latin.yaml")
    assert [f.format() for f in findings] == [
        "latin.yaml:3:15: error: the file is not UTF-8 text (byte 0xe9 here); save it as "
        "UTF-8 in your editor"
    ]


def test_text_over_8_mib() -> None:
    (found,) = check_text("#" * (MAX_BYTES + 1), "big.yaml")
    assert found.message.startswith("the text is over 8 MiB")


def test_load_text_raises_with_every_error_and_the_warnings() -> None:
    text = "title: T\nvariables: {v: V}\nnodes:\n  a: {say: Hi, next: b}\n  c: {say: '{x}'}\n"
    with pytest.raises(ScriptError) as caught:
        load_text(text, "many.yaml")
    exc = caught.value
    assert not exc.unreadable
    # Where the call can go is unknown while a node's way on is broken: the
    # reachability warnings wait until it is fixed (the unused variable does not).
    assert [(f.line, f.severity) for f in exc.findings] == [
        (2, "warning"),
        (4, "error"),
        (5, "error"),
        (5, "error"),
    ]
    assert str(exc).startswith("many.yaml:4:")
