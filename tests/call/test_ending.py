"""Ending a call early (``q``): the script's outcomes by key, or just stop."""

from __future__ import annotations

import pytest

from coach.call.ending import (
    OUTCOME_KEYS,
    STOP_KEY,
    EndChoice,
    end_choices,
    end_with,
    script_outcomes,
)
from coach.call.report import as_job_call
from coach.call.session import CallSession, SessionError
from coach.script.model import Node
from tests.tui.scripts import small_script

VALUES = {"interviewer": "Ms Lee"}


def test_the_outcomes_are_the_ends_of_the_script_in_its_order_once_each() -> None:
    script = small_script()
    assert script_outcomes(script) == ["pending", "voicemail"]
    nodes = {**script.nodes, "again": Node("again", "Bye", end="pending")}
    assert script_outcomes(script._replace(nodes=nodes)) == ["pending", "voicemail"]


def test_each_outcome_gets_a_key_in_words_and_just_stop_comes_last() -> None:
    session = CallSession(small_script(), VALUES)
    assert end_choices(session) == [
        EndChoice("1", "pending", "Decision pending"),
        EndChoice("2", "voicemail", "Left a voicemail"),
        EndChoice(STOP_KEY, None, "Just stop"),
    ]


def test_the_final_step_the_call_is_on_is_marked() -> None:
    session = CallSession(small_script(), VALUES)
    session.choose("2")  # voicemail: a final step
    here = [c.outcome for c in end_choices(session) if c.here]
    assert here == ["voicemail"]


def test_many_outcomes_keep_one_key_each_and_never_the_stop_key() -> None:
    script = small_script()
    nodes = dict(script.nodes)
    for i in range(14):
        nodes[f"end_{i}"] = Node(f"end_{i}", "Bye", end=f"outcome_{i}")
    session = CallSession(script._replace(nodes=nodes), VALUES)
    keys = [c.key for c in end_choices(session)]
    assert len(keys) == len(set(keys)) == 17
    assert keys[:10] == list("1234567890")
    assert keys[-1] == STOP_KEY and STOP_KEY not in OUTCOME_KEYS
    assert end_choices(session)[10].words == "Outcome 8"


def test_a_chosen_outcome_finishes_the_call_like_an_end_node() -> None:
    early = CallSession(small_script(), VALUES)
    early.choose("1")  # at "status", not a final step
    assert end_with(early, "pending") == "done"
    assert early.finished and not early.abandoned and early.outcome == "pending"
    assert early.ended_at is not None
    assert as_job_call(early).status == "done"

    reached = CallSession(small_script(), VALUES)
    reached.choose("1")
    reached.choose("1")
    reached.advance()  # Enter on the "thanks" end node
    for name in ("finished", "abandoned", "outcome"):
        assert getattr(early, name) == getattr(reached, name)
    assert early.to_snapshot().finished == reached.to_snapshot().finished


def test_just_stop_abandons_the_call_without_an_outcome() -> None:
    session = CallSession(small_script(), VALUES)
    assert end_with(session, None) == "abandoned"
    assert session.finished and session.abandoned and session.outcome is None
    assert as_job_call(session).status == "abandoned"


def test_an_outcome_the_script_does_not_have_is_refused() -> None:
    session = CallSession(small_script(), VALUES)
    with pytest.raises(SessionError, match="not an outcome"):
        end_with(session, "offer")
    assert not session.finished
    session.choose("1")
    with pytest.raises(SessionError, match="final step"):
        session.finish()  # no outcome given, and not on an end node
