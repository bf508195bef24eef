"""The partner's feedback on a rehearsal: marks at steps, a rating and a note.

Pure: no Textual, no SQLite. The partner view (``coach partner``) records a
:class:`Mark` at the step the caller is on when the friend hears a filler
word, rambling or a strong point; once the rehearsal is over the friend may
rate it (1 to 5) and leave a short note. The store keeps them apart from the
caller's own rating (:mod:`coach.store.feedback`); the caller's practice
summary shows them by step (:func:`feedback_by_step`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from coach.call.words import step_words

#: The kinds of mark, in the order they are shown (and their keys, by first letter).
KINDS = ("filler", "rambling", "strong")

#: Each kind in words, singular and plural.
KIND_WORDS = {
    "filler": ("filler word", "filler words"),
    "rambling": ("rambling", "rambling"),
    "strong": ("strong point", "strong points"),
}

#: The longest partner note kept (a note is a line or two, not a report).
NOTE_LIMIT = 500

RATINGS = range(1, 6)


class FeedbackError(ValueError):
    """A mark, rating or note that cannot be recorded; the message says why."""


@dataclass(frozen=True)
class Mark:
    """One mark the partner made: at step ``node``, of ``kind``, at ``at`` (ISO 8601)."""

    node: str
    kind: str
    at: str = ""

    def as_log(self) -> dict[str, str]:
        """The mark as ``coach log --json`` prints it."""
        return {"node": self.node, "kind": self.kind}


@dataclass(frozen=True)
class PartnerFeedback:
    """Everything a partner gave on one rehearsal (marks oldest first)."""

    marks: tuple[Mark, ...] = ()
    rating: int | None = None
    note: str = ""

    @property
    def empty(self) -> bool:
        return not self.marks and self.rating is None and not self.note.strip()

    def log_fields(self) -> dict[str, Any]:
        """The fields ``coach log --json`` adds for it."""
        return {
            "feedback": [mark.as_log() for mark in self.marks],
            "partner_rating": self.rating,
            "partner_note": self.note,
        }

    def with_marks(self, marks: Iterable[Mark]) -> PartnerFeedback:
        return PartnerFeedback((*self.marks, *marks), self.rating, self.note)


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise FeedbackError(f"unknown kind of mark {kind!r}: use one of {', '.join(KINDS)}")
    return kind


def check_rating(rating: int | None) -> int | None:
    if rating is not None and rating not in RATINGS:
        raise FeedbackError(f"a rating is 1 to 5, not {rating}")
    return rating


def clean_note(note: str) -> str:
    """The note as kept: one or two lines, at most :data:`NOTE_LIMIT` characters."""
    return note.strip()[:NOTE_LIMIT]


def kind_count_words(kind: str, count: int) -> str:
    """``2 filler words``, ``1 strong point``."""
    one, many = KIND_WORDS.get(kind, (kind, kind))
    return f"{count} {one if count == 1 else many}"


def counts(marks: Iterable[Mark], node: str | None = None) -> dict[str, int]:
    """How many marks of each kind (at ``node`` only, when given), every kind present."""
    totals = dict.fromkeys(KINDS, 0)
    for mark in marks:
        if node is None or mark.node == node:
            totals[mark.kind] = totals.get(mark.kind, 0) + 1
    return totals


def counts_words(totals: dict[str, int]) -> str:
    """``2 filler words · 1 strong point`` (kinds with no mark left out; '' for none)."""
    return " · ".join(kind_count_words(kind, n) for kind, n in totals.items() if n)


@dataclass(frozen=True)
class StepFeedback:
    """The marks at one step, for the caller's summary."""

    node: str
    #: The step in words (:func:`coach.call.words.step_words`).
    words: str
    counts: dict[str, int]

    @property
    def text(self) -> str:
        return counts_words(self.counts)


def feedback_by_step(marks: Sequence[Mark], path: Sequence[str] = ()) -> list[StepFeedback]:
    """The marks grouped by step, in the order of ``path`` (the steps the call took).

    A step marked but not in ``path`` (the script changed since) comes after,
    in the order it was first marked.
    """
    order: list[str] = []
    for node in (*path, *(mark.node for mark in marks)):
        if node not in order:
            order.append(node)
    steps = []
    for node in order:
        totals = counts(marks, node)
        if any(totals.values()):
            steps.append(StepFeedback(node, step_words(node), totals))
    return steps


# -- what the partner may do, and when -----------------------------------------

#: The partner's actions: mark a step, rate, write a note.
MARK, RATE, NOTE = "mark", "rate", "note"


def partner_actions(*, following: bool, live: bool) -> frozenset[str]:
    """What the partner may do now.

    Marks while the rehearsal runs (``live``: running and not at its end);
    rating and note once it is over. Nothing while no rehearsal is shown.
    """
    if not following:
        return frozenset()
    if live:
        return frozenset({MARK})
    return frozenset({RATE, NOTE})
