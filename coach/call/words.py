"""Ids, outcomes and durations in words a person reads. Pure: no Textual."""

from __future__ import annotations

#: Outcomes of the bundled scripts in words; any other outcome id is shown with :func:`id_words`.
OUTCOME_WORDS = {
    "offer": "Offer made",
    "rejected": "Not selected",
    "pending": "Decision pending",
    "voicemail": "Left a voicemail",
    "no_answer": "No answer",
    "call_back": "Call back later",
}


def id_words(ident: str) -> str:
    """An id in words: ``on_hold`` -> ``On hold``."""
    return ident.replace("_", " ").capitalize()


def outcome_words(outcome: str | None, *, abandoned: bool = False) -> str:
    """The outcome in human words."""
    if outcome:
        return OUTCOME_WORDS.get(outcome, id_words(outcome))
    if abandoned:
        return "Ended early"
    return "In progress"


def duration_words(seconds: float | None) -> str:
    """``4 min 05 s`` style duration, or an em dash when unknown."""
    if seconds is None:
        return "—"
    total = max(0, round(seconds))
    minutes, secs = divmod(total, 60)
    if minutes:
        return f"{minutes} min {secs:02d} s"
    return f"{secs} s"
