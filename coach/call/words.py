"""Ids, outcomes and durations in words a person reads. Pure: no Textual."""

from __future__ import annotations

from collections.abc import Sequence

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


def step_words(node_id: str) -> str:
    """A step as the caller reads it (breadcrumbs, the summary's path, step times):
    its id in words, ``pending_when`` -> ``Pending when``. The format gives steps
    no title, and what they say is too long for a path."""
    return id_words(node_id)


def route_words(route: Sequence[str]) -> list[str]:
    """Each step of ``route`` in words (see :func:`step_words`)."""
    return [step_words(node_id) for node_id in route]


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
