"""The partner's feedback rules: counts, the summary by step, what the partner may do."""

from __future__ import annotations

import pytest

from coach.call.feedback import (
    MARK,
    NOTE,
    RATE,
    FeedbackError,
    Mark,
    PartnerFeedback,
    check_kind,
    check_rating,
    clean_note,
    counts,
    counts_words,
    feedback_by_step,
    partner_actions,
)

MARKS = (
    Mark("hello", "filler"),
    Mark("pending_when", "strong"),
    Mark("hello", "filler"),
    Mark("gone", "rambling"),
    Mark("hello", "strong"),
)


def test_counts_every_kind_at_a_step_or_overall() -> None:
    assert counts(MARKS, "hello") == {"filler": 2, "rambling": 0, "strong": 1}
    assert counts(MARKS) == {"filler": 2, "rambling": 1, "strong": 2}
    assert counts((), "hello") == {"filler": 0, "rambling": 0, "strong": 0}


def test_counts_in_words() -> None:
    assert counts_words(counts(MARKS, "hello")) == "2 filler words · 1 strong point"
    assert counts_words(counts(MARKS, "gone")) == "1 rambling"
    assert counts_words(counts((), None)) == ""


def test_by_step_follows_the_path_in_words() -> None:
    steps = feedback_by_step(MARKS, ["hello", "status", "pending_when", "thanks"])
    assert [(s.node, s.words, s.text) for s in steps] == [
        ("hello", "Hello", "2 filler words · 1 strong point"),
        ("pending_when", "Pending when", "1 strong point"),
        # not on the path (the script changed since): after it, still shown
        ("gone", "Gone", "1 rambling"),
    ]
    assert feedback_by_step((), ["hello"]) == []


def test_log_fields_keep_the_order_of_marks() -> None:
    fields = PartnerFeedback(MARKS[:2], 4, "Good").log_fields()
    assert fields == {
        "feedback": [
            {"node": "hello", "kind": "filler"},
            {"node": "pending_when", "kind": "strong"},
        ],
        "partner_rating": 4,
        "partner_note": "Good",
    }
    assert PartnerFeedback().empty and not PartnerFeedback(rating=1).empty
    assert PartnerFeedback(MARKS[:1]).with_marks(MARKS[1:2]).marks == MARKS[:2]


def test_checks() -> None:
    assert check_kind("strong") == "strong"
    with pytest.raises(FeedbackError):
        check_kind("cough")
    assert check_rating(None) is None and check_rating(5) == 5
    for bad in (0, 6, -1):
        with pytest.raises(FeedbackError):
            check_rating(bad)
    assert clean_note("  ok \n") == "ok"
    assert len(clean_note("y" * 900)) == 500


def test_marks_while_live_rating_once_over() -> None:
    assert partner_actions(following=False, live=False) == frozenset()
    assert partner_actions(following=False, live=True) == frozenset()
    assert partner_actions(following=True, live=True) == {MARK}
    assert partner_actions(following=True, live=False) == {RATE, NOTE}
