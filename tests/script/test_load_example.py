"""The example of SCRIPT_FORMAT.md loads exactly as that page describes."""

from __future__ import annotations

from coach.script.load import load_text
from coach.script.model import Position
from tests.script.conftest import FORMAT_EXAMPLE


def test_example_loads_without_findings() -> None:
    script = load_text(FORMAT_EXAMPLE, "my-call.yaml")
    assert script.warnings == ()
    assert script.id == "my-call"
    assert script.title == "Follow-up call"
    assert script.start == "hello"  # the first key under `nodes`
    assert list(script.nodes) == ["hello", "status", "thanks", "voicemail", "repeat"]


def test_example_variables_short_and_long_forms() -> None:
    script = load_text(FORMAT_EXAMPLE)
    interviewer, position = script.variables
    assert (interviewer.id, interviewer.prompt, interviewer.required) == (
        "interviewer",
        "Who interviewed you?",
        True,
    )
    assert (position.prompt, position.type, position.required) == (
        "Position you interviewed for",
        "text",
        False,
    )
    assert interviewer.pos == Position(4, 3)


def test_example_checklist_ids_default_from_position() -> None:
    script = load_text(FORMAT_EXAMPLE)
    assert [(i.id, i.required) for i in script.checklist] == [("item_1", False), ("quiet", True)]


def test_example_side_flow_key_and_return() -> None:
    script = load_text(FORMAT_EXAMPLE)
    (side,) = script.anytime
    assert (side.node, side.key) == ("repeat", "r")
    assert script.node("repeat").next == "return"
    assert script.node("repeat").targets() == ()


def test_example_nodes() -> None:
    script = load_text(FORMAT_EXAMPLE)
    hello = script.node("hello")
    assert [(c.label, c.next) for c in hello.choices] == [
        ("{interviewer} is on the line", "status"),
        ("Voicemail", "voicemail"),
    ]
    (capture,) = script.node("status").capture
    assert (capture.id, capture.prompt, capture.type) == (
        "decision_date",
        "When will they decide?",
        "date",
    )
    assert script.node("thanks").end == "pending"
    assert script.node("voicemail").is_end
    assert hello.pos == Position(11, 3)


def test_text_stays_as_written() -> None:
    text = FORMAT_EXAMPLE.replace("{label: Voicemail,", "{label: Yes,").replace(
        "title: Follow-up call", "title: 2026-03-01"
    )
    text = text.replace("say: Thank you for your time.", "say: 3.10")
    text = text.replace(
        "      - {label: Still deciding, next: thanks}", "      - {label: On, next: thanks}"
    )
    script = load_text(text)
    assert script.title == "2026-03-01"
    assert script.node("hello").choices[1].label == "Yes"
    assert script.node("thanks").say == "3.10"
    assert script.node("status").choices[0].label == "On"


def test_node_ids_that_look_like_booleans_stay_ids() -> None:
    script = load_text(
        "title: T\nnodes:\n  yes:\n    say: Hi\n    next: no\n  no:\n    say: Bye\n    end: off\n"
    )
    assert list(script.nodes) == ["yes", "no"]
    assert script.node("no").end == "off"


def test_script_id_defaults() -> None:
    assert load_text(FORMAT_EXAMPLE).id == "script"
    assert load_text(FORMAT_EXAMPLE, "dir/abc.yml").id == "abc"
    assert load_text(FORMAT_EXAMPLE, "x.yaml", script_id="given").id == "given"


def test_bytes_with_a_byte_order_mark_load() -> None:
    script = load_text(b"\xef\xbb\xbf" + FORMAT_EXAMPLE.encode())
    assert script.title == "Follow-up call"
    assert script.node("hello").pos == Position(11, 3)


def test_block_scalars_lose_their_final_line_break() -> None:
    script = load_text(
        "title: T\nnodes:\n  a:\n    say: |\n      Line one\n      Line two\n    end: x\n"
    )
    assert script.node("a").say == "Line one\nLine two"
