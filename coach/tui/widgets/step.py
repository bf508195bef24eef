"""The call screen's panels, each drawn line by line (see ``lines.LinesView``).

- ``StepView``: where you are and the clock, what to say now, in a box, and
  what the other side answers (solo practice).
- ``ChoicesPanel`` (``choices.py``): right under it, where to go next
  (numbered choices, or Enter), the side flows, then the step's tips.
- ``CapturesPanel`` (``captures.py``): the step's capture fields as text
  (``tab`` edits them).

Each lays out the step shown and, once it is on screen, the steps one key can
lead to (``prepare``), so a move only swaps lines.
"""

from __future__ import annotations

from textual.content import Content

from coach.call.session import CallSession
from coach.call.stepkeys import returns_to
from coach.call.words import route_words, step_words
from coach.script.model import Node
from coach.tui.text import breadcrumb, clock, outcome_words, segments_content

# The other panels of the step, importable from here too.
from coach.tui.widgets.captures import CapturesPanel as CapturesPanel
from coach.tui.widgets.choices import ChoicesPanel as ChoicesPanel
from coach.tui.widgets.lines import Laid, box, fit, wrap
from coach.tui.widgets.panel import Moves, StepPanel, fields_key, likeliest, text_rows

#: First lines kept (those of the steps prepared, and the clock's last seconds).
HEADERS_KEPT = 64


class StepView(StepPanel):
    """Where you are, the clock, and what to say now.

    The first line is the path so far and the clock; then the say box; then,
    in solo practice, what the other side says (the scenario's ``says`` line,
    else the step's ``partner`` text). With ``rows`` set, the box is
    drawn that many rows high whatever the step (the most any step of the
    script needs), so the choices under it never move; a step too long for
    the panel scrolls.
    """

    #: Solo practice: the other side's line is shown above the say box.
    show_partner = False
    #: Rows below the header, the same at every step (0: each step's own).
    rows = 0
    #: Words in the say box's bottom edge, right above the choices, and their
    #: style: what a key that did nothing means, or how to get the keys back.
    status: tuple[str, str] | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The step timer is past the step's budget (drawn amber).
        self.over_budget = False
        self._session: CallSession | None = None
        #: The steps ``most_rows`` lays out, and the script and width they are for.
        self._tallest_for: list[Node] = []
        self._tallest_key: tuple[object, ...] | None = None
        #: First lines made, by what they show (see ``_header``).
        self._headers: dict[tuple[object, ...], Content] = {}

    # ---------------------------------------------------------------- parts
    def header(self, session: CallSession, width: int) -> Content:
        over = session.over_budget()
        self.over_budget = over
        return self._header(
            session.route(), session.step_elapsed(), session.node.seconds, over,
            session.elapsed(), width,
        )  # fmt: skip

    def _header(
        self,
        route: list[str],
        step_seconds: float,
        budget: int | None,
        over: bool,
        call_seconds: float,
        width: int,
    ) -> Content:
        """The first line, kept by what it shows: the move after ``prepare``
        finds it made (and its strip rendered)."""
        key = (tuple(route), clock(step_seconds), budget, over, clock(call_seconds), width)
        line = self._headers.get(key)
        if line is None:
            if len(self._headers) >= HEADERS_KEPT:
                self._headers.clear()
            line = self._headers[key] = self._make_header(*key)
        return line

    @staticmethod
    def _make_header(
        route: tuple[str, ...], step: str, budget: int | None, over: bool, call: str, width: int
    ) -> Content:
        if budget is not None:
            step += f"/{clock(budget)}"
        timer = Content.assemble(
            ("call ", "$foreground-muted"),
            call,
            (" · step ", "$foreground-muted"),
            (step, "bold $text-warning" if over else ""),
        )
        words = route_words(route)
        # Room for the steps: a space before them, two between them and the clock.
        room = max(1, width - timer.cell_length - 4)
        crumb = Content.styled(breadcrumb(words, width=room), "$foreground-muted")
        line = Content.assemble(" ", crumb)
        gap = max(1, width - line.cell_length - timer.cell_length - 1)
        return fit(line + Content(" " * gap) + timer + " ", width).stylize_before("on $panel")

    def prepare(self, session: CallSession, moves: Moves | None = None) -> None:
        """The steps one key leads to, and their first line too: the path with
        that step, its clock at 0:00 and the call's clock now (a move in the
        same second draws a line already rendered)."""
        if moves is None:
            moves = session.moves_from_here()
        super().prepare(session, moves)
        width = self.line_width
        if width <= 0:
            return
        route, now = session.route(), session.elapsed()
        back = session.history[-1] if session.history else None
        for node_id, stack in moves:
            budget = session.script.nodes[node_id].seconds
            routes = [[*route, node_id]]
            if back is not None and (node_id, stack) == (back.src, back.stack_before):
                routes.append(route[:-1])  # ``b``: the last step dropped
            for path in routes:
                self.warm(Laid.of([self._header(path, 0.0, budget, False, now, width)]))

    def laid_for(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> Laid:
        """The lines below the header (the header changes with the clock)."""
        key = (
            fields_key(session),
            node.id,
            width,
            returns_to,
            self.show_partner,
            self.rows,
            self.status,
        )
        return self.memo(key, lambda: self._body(session, node, width, returns_to, self.rows))

    def _body(
        self, session: CallSession, node: Node, width: int, returns_to: str | None, rows: int
    ) -> list[Content]:
        inner = max(1, width - 6)
        lines: list[Content] = []
        # Solo practice: what the other side says, under what you say (you
        # speak, they answer, you pick where to go).
        theirs: list[Content] = []
        line = session.their_line(node) if self.show_partner else None
        if line:
            said = segments_content(session.render_segments(line), "italic")
            theirs = box("They say", wrap(said, inner), width, "$secondary")
        text = wrap(self._say(session, node), inner)
        # The box grows to the rows kept for every step: its bottom edge, and
        # the choices under it, stay put.
        text.extend(Content("") for _ in range(rows - len(theirs) - len(text) - 2))
        if node.end is not None:
            title = f"Final step · {outcome_words(node.end)}"
        elif returns_to is not None:
            title = f"Say · side step, back to {step_words(returns_to)}"
        else:
            title = "Say"
        footer = Content.styled(*self.status) if self.status is not None else None
        lines.extend(box(title, text, width, "$primary", footer))
        lines.extend(theirs)
        return lines

    def body_rows(self, session: CallSession, node: Node, width: int) -> int:
        """Rows ``node`` needs below the header, unpadded."""
        key = (fields_key(session), node.id, width, self.show_partner)
        return self.counted(key, lambda: len(self._body(session, node, width, None, 0)))

    def most_rows(self, session: CallSession, width: int) -> int:
        """Rows of the whole panel for the step that needs the most (in a big
        script, of those likeliest to: ``panel.likeliest``)."""
        key = ("most", fields_key(session), width, self.show_partner)
        return self.counted(
            key,
            lambda: (
                1
                + max(
                    (self.body_rows(session, n, width) for n in self._tallest(session, width)),
                    default=3,
                )
            ),
        )

    def _tallest(self, session: CallSession, width: int) -> list[Node]:
        """The steps whose say (and other side's line) look the longest, by
        their text: the ranking is kept for the script and width."""
        inner = max(1, width - 6)
        key = (id(session.script), inner, self.show_partner)
        if self._tallest_key != key:

            def rows(node: Node) -> int:
                theirs = session.their_line(node) if self.show_partner else None
                return text_rows(node.say, inner) + (text_rows(theirs, inner) + 2 if theirs else 0)

            self._tallest_for = likeliest(session.script.nodes.values(), rows)
            self._tallest_key = key
        return self._tallest_for

    def step_rows(self, session: CallSession, width: int) -> int:
        """Rows of the whole panel at the step the call is on, unpadded."""
        return 1 + self.body_rows(session, session.node, width)

    @staticmethod
    def _say(session: CallSession, node: Node) -> Content:
        return segments_content(session.render_segments(node.say), "bold")

    @property
    def say_content(self) -> Content:
        """What the say box holds for the step shown (for tests and tools)."""
        if self._session is None:
            return Content("")
        return self._say(self._session, self._session.node)

    # ------------------------------------------------------------- updating
    def show(self, session: CallSession) -> None:
        self._session = session
        node, back = session.node, returns_to(session)
        self.set_lines(
            lambda width: (
                Laid.of([self.header(session, width)]) + self.laid_for(session, node, width, back)
            )
        )

    def set_status(self, status: tuple[str, str] | None) -> None:
        """Say ``status`` in the box's bottom edge (redrawn if it changed)."""
        if status == self.status:
            return
        self.status = status
        if self._session is not None:
            self.show(self._session)

    def show_clock(self, session: CallSession) -> None:
        if self._width > 0:
            self.set_line(0, self.header(session, self._width))
