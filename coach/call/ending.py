"""Ending a call before it reaches its end (``q``): with an outcome, or just stopping.

``q`` asks how the call ended: each outcome of the script (the ``end`` ids
of its nodes, in the script's order) on a key of its own, plus "just stop".
A chosen outcome counts exactly like reaching an ``end`` node with it: the
call is ``done`` with that outcome, and the job's next step follows from it.
"Just stop" abandons the call (saved as ended early, no next step).

Pure: the call screen shows :func:`end_choices` in a dialog and hands the one
picked to :func:`end_with`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coach.call.session import CallSession
from coach.call.words import outcome_words
from coach.script.model import Script

#: How a call was closed, as the recorder writes it.
EndStatus = Literal["done", "abandoned"]

#: The key of "just stop" in the question.
STOP_KEY = "s"

#: The keys of the outcomes, in order: digits first, then letters (never ``STOP_KEY``).
OUTCOME_KEYS = "1234567890abcdefghijklmnopqrtuvwxyz"


@dataclass(frozen=True)
class EndChoice:
    """One answer to "how did the call end?"."""

    key: str
    #: The outcome id, or None for "just stop".
    outcome: str | None
    #: What the answer says (the outcome in words).
    words: str
    #: The step the call is on is a final step with this outcome.
    here: bool = False


def script_outcomes(script: Script) -> list[str]:
    """The outcomes of ``script``: the ``end`` of each final node, first seen first."""
    return list(dict.fromkeys(node.end for node in script.nodes.values() if node.end is not None))


def end_choices(session: CallSession) -> list[EndChoice]:
    """The answers ``q`` offers: every outcome of the script on its key, then "just stop"."""
    here = session.node.end
    outcomes = script_outcomes(session.script)[: len(OUTCOME_KEYS)]
    choices = [
        EndChoice(key, outcome, outcome_words(outcome), here=outcome == here)
        for key, outcome in zip(OUTCOME_KEYS, outcomes, strict=False)
    ]
    choices.append(EndChoice(STOP_KEY, None, "Just stop"))
    return choices


def end_with(session: CallSession, outcome: str | None) -> EndStatus:
    """End ``session`` now: ``done`` with ``outcome`` (as if an ``end`` node with it had
    been reached), or ``abandoned`` when ``outcome`` is None ("just stop")."""
    if outcome is None:
        session.abandon()
        return "abandoned"
    session.finish(outcome)
    return "done"
