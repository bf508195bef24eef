"""The partner's feedback in ``coach partner``: what was marked, and writing it.

:class:`FeedbackQueue` holds the marks and the review (rating and note) the
partner gave that are not written yet, and writes them from a worker thread
through :class:`~coach.store.feedback.FeedbackWriter` (its own short
transactions). A write that finds the file busy keeps everything and is
tried again on the next poll, so nothing the partner gave is lost, and the
screen never waits for the file. What the view shows is what the store has
plus what is still waiting (:meth:`FeedbackQueue.shown`).

The functions below turn feedback into the partner view's lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from textual.content import Content

from coach.call.feedback import (
    KIND_WORDS,
    Mark,
    PartnerFeedback,
    counts,
    counts_words,
)
from coach.store import StoreError
from coach.store.feedback import FeedbackWriter, now_iso


@dataclass
class Batch:
    """What one write takes: each call's waiting marks and review, as they were."""

    marks: dict[int, list[Mark]] = field(default_factory=dict)
    reviews: dict[int, tuple[int | None, str]] = field(default_factory=dict)
    #: Why the write failed (None: all of it was written).
    error: str | None = None

    @property
    def empty(self) -> bool:
        return not self.marks and not self.reviews

    def applied_to(self, call_id: int, stored: PartnerFeedback) -> PartnerFeedback:
        """``stored`` (the store's feedback on ``call_id`` before) with this batch written."""
        rating, note = self.reviews.get(call_id, (stored.rating, stored.note))
        return PartnerFeedback((*stored.marks, *self.marks.get(call_id, ())), rating, note)


class FeedbackQueue:
    """The partner's feedback on its way to the store.

    Args:
        db_path: the call record (default: the app's database).
        open_writer: opens the writer (tests pass their own).
    """

    def __init__(
        self,
        db_path: Path | None = None,
        open_writer: Callable[[Path | None], FeedbackWriter] = FeedbackWriter,
    ) -> None:
        self._db_path = db_path
        self._open_writer = open_writer
        self._writer: FeedbackWriter | None = None
        self._marks: dict[int, list[Mark]] = {}
        self._reviews: dict[int, tuple[int | None, str]] = {}
        #: Bumped after each write: a read of the store begun before it is stale.
        self.generation = 0
        #: A write is under way (one at a time).
        self.writing = False

    # -- giving feedback (main thread) --

    def mark(self, call_id: int, node: str, kind: str) -> Mark:
        made = Mark(node, kind, now_iso())
        self._marks.setdefault(call_id, []).append(made)
        return made

    def review(self, call_id: int, rating: int | None, note: str) -> None:
        self._reviews[call_id] = (rating, note)

    @property
    def waiting(self) -> bool:
        return bool(self._marks or self._reviews)

    def shown(self, call_id: int, stored: PartnerFeedback) -> PartnerFeedback:
        """``stored`` with what is still waiting to be written on ``call_id``."""
        given = stored.with_marks(self._marks.get(call_id, ()))
        if call_id in self._reviews:
            rating, note = self._reviews[call_id]
            given = PartnerFeedback(given.marks, rating, note)
        return given

    # -- writing --

    def take(self) -> Batch:
        """What the next write takes (a copy: more may be given meanwhile)."""
        return Batch(
            {call: list(marks) for call, marks in self._marks.items()}, dict(self._reviews)
        )

    def write(self, batch: Batch) -> Batch:
        """Write ``batch`` (in a worker thread); returns it with ``error`` set on failure."""
        try:
            if self._writer is None:
                self._writer = self._open_writer(self._db_path)
            for call_id, marks in batch.marks.items():
                self._writer.add_marks(call_id, marks)
            for call_id, (rating, note) in batch.reviews.items():
                self._writer.set_review(call_id, rating, note)
        except StoreError as exc:
            batch.error = str(exc)
        return batch

    def written(self, batch: Batch) -> None:
        """Forget what ``batch`` wrote (main thread); on an error, keep all of it."""
        if batch.error is not None:
            return
        for call_id, marks in batch.marks.items():
            rest = self._marks.get(call_id, [])[len(marks) :]
            if rest:
                self._marks[call_id] = rest
            else:
                self._marks.pop(call_id, None)
        for call_id, review in batch.reviews.items():
            if self._reviews.get(call_id) == review:
                del self._reviews[call_id]
        self.generation += 1

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


# -- what the partner view says about it ------------------------------------------

MARK_HINT = "Mark what you hear: f filler word · r rambling · s strong point"


def marks_line(given: PartnerFeedback, node: str, flash: str | None = None) -> Content:
    """The line under the step: the marks at this step (and the one just made)."""
    here = counts_words(counts(given.marks, node))
    if flash is not None:
        return Content.assemble(
            ("Marked: ", "bold"), (KIND_WORDS[flash][0], "bold"), f"  · here: {here}"
        )
    if not here:
        return Content.styled(MARK_HINT, "$text-muted")
    return Content.assemble(("Marked here: ", "$text-muted"), here)


def review_content(given: PartnerFeedback, *, writing_note: bool) -> Content:
    """After the rehearsal: the marks given, the rating and note, and how to give them."""
    total = counts_words(counts(given.marks))
    lines = [
        Content.assemble(("Your marks  ", "bold"), total or "none"),
    ]
    if given.rating is None:
        lines.append(
            Content.assemble(
                ("Your rating ", "bold"), ("☆☆☆☆☆  press 1 (poor) to 5 (great)", "$text-muted")
            )
        )
    else:
        stars = "★" * given.rating + "☆" * (5 - given.rating)
        lines.append(
            Content.assemble(
                ("Your rating ", "bold"),
                (stars, "bold $text-warning"),
                f"  {given.rating}/5",
                ("  (1-5 to change)", "$text-muted"),
            )
        )
    if not writing_note:
        note = given.note.strip()
        lines.append(
            Content.assemble(("Your note   ", "bold"), note)
            if note
            else Content.styled("Press n to leave the caller a short note.", "$text-muted")
        )
    return Content("\n").join(lines)
