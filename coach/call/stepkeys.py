"""Which keys work at a step of a call, in that step's words. Pure: no Textual.

The call screen's footer shows exactly these (DESIGN.md, "Keys on the call
screen"): a key that does nothing at this step is not offered, and Enter is
named by what it does here ("Finish call (Decision pending)", "Continue").
While the user types in a field, or reads the quick answers, the call's keys
are off: the footer then leads with the keys that work there and shows the
call's keys dimmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.call.session import CallSession
from coach.call.words import id_words, outcome_words
from coach.script.model import RETURN, Node

#: The footer's name for the Enter key.
ENTER = "⏎"


@dataclass(frozen=True)
class KeyHint:
    """One key of the footer: as shown, what it does, and whether it works now."""

    key: str
    words: str
    live: bool = True


def key_range(count: int) -> str:
    """The number keys of ``count`` choices: ``1``, ``1-5``."""
    return "1" if count <= 1 else f"1-{min(count, 9)}"


def enter_words(node: Node, returns_to: str | None) -> str | None:
    """What Enter does at ``node`` (in a side flow that ``returns_to`` a step),
    or None where it does nothing (a step with choices)."""
    if node.end is not None:
        return f"Finish call ({outcome_words(node.end)})"
    if node.next is None:
        return None
    if node.next == RETURN:
        if returns_to is None:
            return None
        return f"Continue (back to {id_words(returns_to)})"
    return "Continue"


def returns_to(session: CallSession) -> str | None:
    """The step a side flow returns to, or None outside side flows."""
    stack = session.return_stack
    return stack[-1] if stack else None


def step_keys(session: CallSession) -> tuple[KeyHint, ...]:
    """The keys that work at the session's step, most used first."""
    node = session.node
    hints: list[KeyHint] = []
    shown = session.visible_choices()
    if shown:
        hints.append(KeyHint(key_range(len(shown)), "Choose"))
    enter = enter_words(node, returns_to(session))
    if enter is not None:
        hints.append(KeyHint(ENTER, enter))
    if session.history:
        hints.append(KeyHint("b", "Back"))
    if node.capture:
        hints.append(KeyHint("tab", "Note down"))
    hints.append(KeyHint("n", "Notes"))
    if session.script.answers:
        hints.append(KeyHint("a", "Answers"))
    hints.append(KeyHint("q", "End call"))
    return tuple(hints)


def typing_keys(session: CallSession, *, in_notes: bool) -> tuple[KeyHint, ...]:
    """While a field has focus: how to get back, how to move on, then the
    call's keys, dimmed (typed into the field, not obeyed)."""
    captures = len(session.node.capture)
    hints = [KeyHint("esc", "Back to the call keys")]
    if (in_notes and captures) or captures > 1:
        hints.append(KeyHint("tab", "Next field" if not in_notes else "Note down"))
    here = {"tab", "n"} if in_notes else {"tab"}
    off = [KeyHint(h.key, h.words, live=False) for h in step_keys(session) if h.key not in here]
    return (*hints, *off)


def answers_keys(count: int) -> tuple[KeyHint, ...]:
    """While the quick answers are open: pick one, scroll, close."""
    hints = []
    if count:
        hints.append(KeyHint(key_range(count), "Show answer"))
        hints.append(KeyHint("↑↓", "Scroll"))
    hints.append(KeyHint("esc", "Back to the call keys"))
    return tuple(hints)


def refused(session: CallSession, key: str) -> str | None:
    """What to tell the user when ``key`` does nothing here (None: it works).

    ``key`` is ``enter``, ``b`` or a digit. Shown in one line of the screen
    that covers nothing, never as a notice over the choices.
    """
    node = session.node
    shown = session.visible_choices()
    if key == "enter":
        if enter_words(node, returns_to(session)) is not None:
            return None
        if shown:
            return f"Enter does nothing here: pick a choice ({key_range(len(shown))})"
        if node.choices:
            return "No choice applies yet: fill in the fields first (tab)"
        return "There is no step to go back to: press b to undo"
    if key == "b":
        return None if session.history else "This is the first step: nothing to undo"
    if key.isdigit():
        if any(v.key == key for v in shown):
            return None
        if shown:
            return f"There is no choice {key} here: pick {key_range(len(shown))}"
        words = enter_words(node, returns_to(session))
        if words is not None:
            return f"No choices at this step: {ENTER} {words}"
        return "No choice applies yet: fill in the fields first (tab)"
    return None
