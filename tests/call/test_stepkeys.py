"""Which keys work at a step, in its words (the call screen's footer), without a terminal."""

from __future__ import annotations

from coach.call.session import CallSession
from coach.call.stepkeys import (
    ENTER,
    KeyHint,
    answers_keys,
    enter_words,
    key_range,
    refused,
    step_keys,
    typing_keys,
)
from coach.script.model import RETURN, Answer, Capture, Choice, Node, Script, SideFlow


def script(*, answers: bool = True) -> Script:
    nodes = {
        "hello": Node(
            "hello",
            "Hello.",
            choices=(
                Choice("On the line", "status"),
                Choice("Voicemail", "voicemail"),
                Choice("Extension {ext}", "status", if_="ext"),
            ),
        ),
        "status": Node(
            "status",
            "Where do things stand?",
            capture=(Capture("when", "When?", "date"), Capture("who", "Who?")),
            choices=(Choice("Decided on {when}", "thanks", if_="when"),),
        ),
        "intro": Node("intro", "I'm calling about the role.", next="thanks"),
        "thanks": Node("thanks", "Thank you.", end="pending"),
        "voicemail": Node("voicemail", "Leave a message.", end="voicemail"),
        "on_hold": Node("on_hold", "I'll hold.", next=RETURN),
    }
    return Script(
        id="t",
        title="T",
        description="",
        nodes=nodes,
        start="hello",
        anytime=(SideFlow("on_hold", "h"),),
        answers=(Answer("Salary", "A range."),) if answers else (),
    )


def keys(hints: tuple[KeyHint, ...]) -> list[str]:
    return [f"{h.key} {h.words}" for h in hints]


def test_key_range() -> None:
    assert key_range(1) == "1"
    assert key_range(5) == "1-5"
    assert key_range(12) == "1-9"


def test_a_first_step_with_choices_offers_no_enter_no_back_no_fields() -> None:
    session = CallSession(script())
    assert keys(step_keys(session)) == ["1-2 Choose", "n Notes", "a Answers", "q End call"]
    assert all(h.live for h in step_keys(session))


def test_enter_is_named_by_what_it_does() -> None:
    session = CallSession(script(), start_at="intro")
    assert keys(step_keys(session))[0] == f"{ENTER} Continue"
    session = CallSession(script(), start_at="thanks")
    assert keys(step_keys(session))[0] == f"{ENTER} Finish call (Decision pending)"
    assert not any("Choose" in k for k in keys(step_keys(session)))


def test_a_side_flow_continues_back_to_its_step_in_words() -> None:
    session = CallSession(script())
    session.open_side_flow("h")
    assert keys(step_keys(session))[:2] == [f"{ENTER} Continue (back to Hello)", "b Back"]
    node = session.script.nodes["on_hold"]
    assert enter_words(node, None) is None  # nowhere to return to


def test_fields_and_a_choice_that_waits_for_them() -> None:
    session = CallSession(script())
    session.choose(1)
    # The only choice needs a capture: no number key works yet, tab does.
    assert keys(step_keys(session)) == [
        "b Back",
        "tab Note down",
        "n Notes",
        "a Answers",
        "q End call",
    ]
    assert refused(session, "1") == "No choice applies yet: fill in the fields first (tab)"
    session.set_capture("when", "2026-03-10")
    assert keys(step_keys(session))[0] == "1 Choose"
    assert refused(session, "1") is None


def test_no_answers_no_answers_key() -> None:
    session = CallSession(script(answers=False))
    assert "a Answers" not in keys(step_keys(session))


def test_what_a_key_that_does_nothing_says() -> None:
    session = CallSession(script())
    assert refused(session, "enter") == "Enter does nothing here: pick a choice (1-2)"
    assert refused(session, "b") == "This is the first step: nothing to undo"
    assert refused(session, "7") == "There is no choice 7 here: pick 1-2"
    assert refused(session, "2") is None
    session = CallSession(script(), start_at="intro")
    assert refused(session, "enter") is None
    assert refused(session, "1") == f"No choices at this step: {ENTER} Continue"


def test_while_typing_esc_leads_and_the_call_keys_are_off() -> None:
    session = CallSession(script())
    session.choose(1)  # two fields here
    hints = typing_keys(session, in_notes=False)
    assert keys(hints)[:2] == ["esc Back to the call keys", "tab Next field"]
    assert hints[0].live and hints[1].live
    assert all(not h.live for h in hints[2:])
    assert "b Back" in keys(hints[2:])
    in_notes = typing_keys(session, in_notes=True)
    assert keys(in_notes)[:2] == ["esc Back to the call keys", "tab Note down"]
    assert "n Notes" not in keys(in_notes)
    # A step without fields: tab goes nowhere, so it is not offered.
    first = CallSession(script())
    assert [h.key for h in typing_keys(first, in_notes=True) if h.live] == ["esc"]


def test_answers_keys() -> None:
    assert keys(answers_keys(6)) == ["1-6 Show answer", "↑↓ Scroll", "esc Back to the call keys"]
    assert keys(answers_keys(0)) == ["esc Back to the call keys"]
