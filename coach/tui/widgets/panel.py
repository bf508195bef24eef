"""The base of the call screen's step panels: one step shown, the next ones prepared."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable

from coach.call.session import CallSession
from coach.call.stepkeys import returns_to
from coach.script.model import Node
from coach.tui.widgets.lines import Laid, LinesView

#: Where one key can take the call (``CallSession.moves_from_here``).
Moves = list[tuple[str, tuple[str, ...]]]


#: The last key :func:`fields_key` made (one: the fields change seldom).
_last_fields: list[tuple[object, ...]] = []


def fields_key(session: CallSession) -> tuple[object, ...]:
    """What the templates of any step are filled in with, as a comparable key.

    While the fields are the same, the same tuple is handed back: every kept
    layout and row count of every panel holds one in its key, and a copy
    each (a tuple per value) was 125 KiB of a call's memory (tracemalloc).
    """
    key = (id(session.script), tuple(session.values.items()), tuple(session.captures.items()))
    if _last_fields and _last_fields[0] == key:
        return _last_fields[0]
    _last_fields[:] = [key]
    return key


#: Up to this many steps, a panel sized for "the step that needs the most"
#: lays every step out to find it; a bigger script lays out only the
#: ``LIKELIEST`` steps whose text is the longest (``likeliest``).
EXACT_UP_TO = 200
LIKELIEST = 24


def text_rows(text: str, width: int) -> int:
    """About the rows ``text`` takes wrapped to ``width`` (each line of it cut
    into pieces of ``width``): a cheap measure to rank steps by, not a layout."""
    width = max(1, width)
    if "\n" not in text:
        return len(text) // width + 1
    return sum(len(line) // width + 1 for line in text.split("\n"))


def likeliest(
    nodes: Iterable[Node], rows: Callable[[Node], int], keep: int = LIKELIEST
) -> list[Node]:
    """The steps to lay out to find the one that needs the most rows: all of
    them in a small script; in a big one the ``keep`` that need the most by the
    cheap measure ``rows``.

    Laying out all 10,000 steps of a big script took 2.4 s (the say boxes) and
    2 s (the choices) before its first step showed, and again for each new
    width or captured value. A step the measure misjudges needs at most a row
    or two more than it says, and a step taller than its panel scrolls.
    """
    listed = list(nodes)
    if len(listed) <= EXACT_UP_TO:
        return listed
    return heapq.nlargest(keep, listed, key=rows)


def back_to(stack: tuple[str, ...] | list[str]) -> str | None:
    """The step a side flow returns to, or ``None`` outside side flows."""
    return stack[-1] if stack else None


class StepPanel(LinesView):
    """A panel that shows one step of a call, and lays out ahead of time the
    steps one key can lead to (``prepare``), so a move only swaps lines."""

    def laid_for(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> Laid:
        """The panel's lines at ``node`` for ``width``, in a side flow that
        ``returns_to`` a step (or not); kept, so a step is laid out once."""
        raise NotImplementedError

    def show(self, session: CallSession) -> None:
        node, back = session.node, returns_to(session)
        self.set_lines(lambda width: self.laid_for(session, node, width, back))

    def prepare(self, session: CallSession, moves: Moves | None = None) -> None:
        """Lay out and render every step one key can lead to from here
        (``moves``: ``session.moves_from_here()``, if the caller has it)."""
        width = self.line_width
        if width <= 0:
            return  # not laid out yet: prepared once it is
        for node_id, stack in session.moves_from_here() if moves is None else moves:
            node = session.script.nodes[node_id]
            self.warm(self.laid_for(session, node, width, back_to(stack)))
