"""The partner's feedback in the store: marks, a rating and a note per rehearsal.

Two tables (migration 4): ``feedback``, a row per mark, and
``partner_reviews``, a row per call with the partner's rating and note. The
partner's process (``coach partner``) writes only these, through
:class:`FeedbackWriter`: each write is one short ``BEGIN IMMEDIATE``
transaction with a small busy timeout, so it and the caller's recorder saving
the same call never hold each other up for more than a moment (and the
partner view writes from a worker thread, so its screen never waits).

Readers (:func:`read_feedback`) take a file older than migration 4 (read
only, never migrated) as having no feedback.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from coach import locations
from coach.call.feedback import (
    FeedbackError,
    Mark,
    PartnerFeedback,
    check_kind,
    check_rating,
    clean_note,
)
from coach.store.calllog import FEEDBACK_VERSION, feedback_rows
from coach.store.connection import Database
from coach.store.errors import NothingRecorded, StoreError

#: How long a partner's write waits for the caller's (milliseconds): the
#: caller's saves take well under a millisecond, so this is plenty, and a
#: write that still finds the file busy is kept and tried again.
PARTNER_BUSY_TIMEOUT_MS = 500

__all__ = [
    "FEEDBACK_VERSION",
    "PARTNER_BUSY_TIMEOUT_MS",
    "FeedbackWriter",
    "now_iso",
    "read_feedback",
]


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def read_feedback(conn: sqlite3.Connection, call_ids: Iterable[int]) -> dict[int, PartnerFeedback]:
    """The feedback on each of ``call_ids`` that has any (rows read by name)."""
    marks, reviews = feedback_rows(conn, call_ids)
    found: dict[int, PartnerFeedback] = {}
    for call_id in sorted({*marks, *reviews}):
        rating, note = reviews.get(call_id, (None, ""))
        given = tuple(Mark(node, kind, at) for node, kind, at in marks.get(call_id, ()))
        found[call_id] = PartnerFeedback(given, rating, note)
    return found


class FeedbackWriter(Database):
    """The partner's writer: marks and the review of rehearsals, nothing else.

    It opens the file the caller's app created (a missing one raises
    :class:`NothingRecorded`: there is nothing to give feedback on) and
    writes only the ``feedback`` and ``partner_reviews`` rows, each time in
    one short transaction. Every method raises :class:`StoreError`.
    """

    def __init__(
        self, path: Path | None = None, *, busy_timeout_ms: int = PARTNER_BUSY_TIMEOUT_MS
    ) -> None:
        path = Path(path) if path is not None else locations.database_path()
        if not path.is_file():
            raise NothingRecorded(f"There is no call record at {path} yet: no rehearsal to mark.")
        super().__init__(path, busy_timeout_ms=busy_timeout_ms)

    def _check_rehearsal(self, conn: sqlite3.Connection, call_id: int) -> None:
        row = conn.execute("SELECT mode FROM calls WHERE id = ?", (call_id,)).fetchone()
        if row is None:
            raise StoreError(f"There is no call {call_id} in {self.path}.")
        if row["mode"] != "practice":
            raise StoreError(f"Call {call_id} is not a rehearsal: a partner cannot mark it.")

    def add_marks(self, call_id: int, marks: Sequence[Mark]) -> None:
        """Record ``marks`` on the rehearsal ``call_id``, in order, in one transaction."""
        if not marks:
            return
        try:
            rows = [(call_id, m.node, check_kind(m.kind), m.at or now_iso()) for m in marks]
        except FeedbackError as exc:
            raise StoreError(f"The mark cannot be recorded: {exc}.") from exc
        with self._tx(immediate=True) as conn:
            self._check_rehearsal(conn, call_id)
            conn.executemany(
                "INSERT INTO feedback (call_id, node, kind, at) VALUES (?, ?, ?, ?)", rows
            )

    def set_review(self, call_id: int, rating: int | None, note: str) -> None:
        """The partner's rating (1-5, or None) and note on ``call_id`` (replacing any before)."""
        try:
            rating = check_rating(rating)
        except FeedbackError as exc:
            raise StoreError(f"The rating cannot be recorded: {exc}.") from exc
        with self._tx(immediate=True) as conn:
            self._check_rehearsal(conn, call_id)
            conn.execute(
                "INSERT INTO partner_reviews (call_id, rating, note, updated_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (call_id) DO UPDATE SET "
                "rating = excluded.rating, note = excluded.note, updated_at = excluded.updated_at",
                (call_id, rating, clean_note(note), now_iso()),
            )

    def feedback(self, call_id: int) -> PartnerFeedback:
        """What is recorded on ``call_id`` (empty when nothing is)."""
        with self._tx() as conn:
            return read_feedback(conn, [call_id]).get(call_id, PartnerFeedback())
