"""The base of the call screen's step panels: one step shown, the next ones prepared."""

from __future__ import annotations

from coach.call.session import CallSession
from coach.call.stepkeys import returns_to
from coach.script.model import Node
from coach.tui.widgets.lines import Laid, LinesView


def fields_key(session: CallSession) -> tuple[object, ...]:
    """What the templates of any step are filled in with, as a comparable key."""
    return (id(session.script), tuple(session.values.items()), tuple(session.captures.items()))


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

    def prepare(self, session: CallSession) -> None:
        """Lay out and render every step one key can lead to from here."""
        width = self.line_width
        if width <= 0:
            return  # not laid out yet: prepared once it is
        for node_id, stack in session.moves_from_here():
            node = session.script.nodes[node_id]
            self.warm(self.laid_for(session, node, width, back_to(stack)))
