"""The call screen's panels, each drawn line by line (see ``lines.LinesView``).

- ``StepView``: where you are and the clock, what the other side says (solo
  practice), and what to say now with the step's tips, in a box.
- ``ChoicesPanel``: where to go next (numbered choices, or Enter), and the side
  flows that are always in reach.
- ``CapturesPanel``: the step's capture fields as text (``tab`` edits them).

Each lays out the step shown and, once it is on screen, the steps one key can
lead to (``prepare``), so a move only swaps lines.
"""

from __future__ import annotations

from textual.content import Content

from coach.call.session import CallSession
from coach.call.words import route_words, step_words
from coach.script.model import RETURN, Node
from coach.tui.text import breadcrumb, clock, id_words, outcome_words, segments_content
from coach.tui.widgets.fields import date_hint
from coach.tui.widgets.lines import Laid, LinesView, box, fit, wrap


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
        node, returns_to = session.node, back_to(session.return_stack)
        self.set_lines(lambda width: self.laid_for(session, node, width, returns_to))

    def prepare(self, session: CallSession) -> None:
        """Lay out and render every step one key can lead to from here."""
        width = self.line_width
        if width <= 0:
            return  # not laid out yet: prepared once it is
        for node_id, stack in session.moves_from_here():
            node = session.script.nodes[node_id]
            self.warm(self.laid_for(session, node, width, back_to(stack)))


class StepView(StepPanel):
    """Where you are, the clock, and what to say now.

    The first line is the path so far and the clock; then, in solo practice,
    what the other side says; then the say box with the step's tips. It
    takes the room the captures and choices leave, whatever the step, so
    nothing moves from step to step; a step too long for it scrolls.
    """

    #: Tips are left out when the screen is short (the compact layout).
    show_tips = True
    #: Solo practice: the other side's line is shown above the say box.
    show_partner = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The step timer is past the step's budget (drawn amber).
        self.over_budget = False
        self._session: CallSession | None = None

    # ---------------------------------------------------------------- parts
    def header(self, session: CallSession, width: int) -> Content:
        step = clock(session.step_elapsed())
        budget = session.node.seconds
        if budget is not None:
            step += f"/{clock(budget)}"
        over = session.over_budget()
        self.over_budget = over
        timer = Content.assemble(
            ("call ", "$foreground-muted"),
            clock(session.elapsed()),
            (" · step ", "$foreground-muted"),
            (step, "bold $text-warning" if over else ""),
        )
        route = route_words(session.route())
        # Room for the steps: a space before them, two between them and the clock.
        room = max(1, width - timer.cell_length - 4)
        crumb = Content.styled(breadcrumb(route, width=room), "$foreground-muted")
        line = Content.assemble(" ", crumb)
        gap = max(1, width - line.cell_length - timer.cell_length - 1)
        return fit(line + Content(" " * gap) + timer + " ", width).stylize_before("on $panel")

    def laid_for(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> Laid:
        """The lines below the header (the header changes with the clock)."""
        key = (fields_key(session), node.id, width, returns_to, self.show_tips, self.show_partner)
        return self.memo(key, lambda: self._body(session, node, width, returns_to))

    def _body(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> list[Content]:
        inner = max(1, width - 6)
        lines: list[Content] = []
        if self.show_partner and node.partner:
            said = segments_content(session.render_segments(node.partner), "italic")
            lines.extend(box("They say", wrap(said, inner), width, "$secondary"))
        text = wrap(self._say(session, node), inner)
        if node.tips and self.show_tips:
            text.append(Content(""))
            for tip in node.tips:
                tip_text = segments_content(session.render_segments(tip), "$foreground-muted")
                text.extend(wrap(tip_text, inner, Content.styled("› ", "$foreground-muted")))
        if node.end is not None:
            title = f"Final step · {outcome_words(node.end)}"
        elif returns_to is not None:
            title = f"Say · side step, back to {step_words(returns_to)}"
        else:
            title = "Say"
        lines.extend(box(title, text, width, "$primary"))
        return lines

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
        node, returns_to = session.node, back_to(session.return_stack)
        self.set_lines(
            lambda width: (
                Laid.of([self.header(session, width)])
                + self.laid_for(session, node, width, returns_to)
            )
        )

    def show_clock(self, session: CallSession) -> None:
        if self._width > 0:
            self.set_line(0, self.header(session, self._width))


class ChoicesPanel(StepPanel):
    """Where to go next: numbered choices, or Enter to continue or finish;
    then the side flows, always in reach (``Anytime: r Repeat · u Unexpected``).

    Its height is set for the step with the most choices, so the list does not
    jump about between steps. In the compact layout (``spaced`` off) it takes
    only the rows the step needs, to leave the most room to what to say.
    """

    #: Rows kept for the step with the most choices, a blank line above the
    #: side flows (both left out in the compact layout).
    spaced = True
    #: Rows kept for choices: the most any step needs (set by ``fit_script``).
    rows = 1

    def choice_lines(
        self,
        session: CallSession,
        node: Node,
        width: int,
        returns_to: str | None,
        *,
        every: bool = False,
    ) -> list[Content]:
        """The lines of ``node``'s way on: those of its choices that apply, or
        with ``every`` all of them (to size the panel for any step)."""
        enter = Content.styled("⏎ ", "bold $accent")
        if node.end is not None:
            label = Content.styled(f"Finish call ({outcome_words(node.end)})", "bold")
            return wrap(label, width, enter)
        if node.next is not None:
            text = "Continue"
            if node.next == RETURN and (returns_to is not None or every):
                back = step_words(returns_to) if returns_to is not None else "the call"
                text = f"Continue (back to {back})"
            return wrap(Content(text), width, enter)
        choices = (
            [(str(i), c) for i, c in enumerate(node.choices, start=1)]
            if every
            else [(v.key, v.choice) for v in session.visible_choices(node)]
        )
        lines: list[Content] = []
        for key, choice in choices:
            label = segments_content(session.render_segments(choice.label))
            lines.extend(wrap(label, width, Content.styled(f"{key} ", "bold $accent")))
        if not lines:
            warning = Content.styled(
                "No choice applies yet: fill in the fields first (tab).", "$text-warning"
            )
            lines.extend(wrap(warning, width))
        return lines

    def side_flows(self, session: CallSession) -> Content | None:
        keys = session.side_flow_keys()
        if not keys:
            return None
        parts: list[Content] = [Content.styled("Anytime: ", "$foreground-muted")]
        for index, (key, node_id) in enumerate(keys.items()):
            if index:
                parts.append(Content.styled(" · ", "$foreground-muted"))
            parts.append(Content.assemble((key, "bold $accent"), " ", id_words(node_id)))
        return Content.assemble(*parts)

    def most_rows(self, session: CallSession, width: int) -> int:
        """Rows for the choices of the step that has the most (wrapped)."""
        nodes = session.script.nodes.values()
        return max(
            (len(self.choice_lines(session, n, width, None, every=True)) for n in nodes),
            default=1,
        )

    def laid_for(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> Laid:
        key = (fields_key(session), node.id, width, returns_to, self.spaced, self.rows)
        return self.memo(key, lambda: self._build(session, node, width, returns_to))

    def _build(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> list[Content]:
        rule = Content.styled("─" * width, "$primary")
        lines = [rule, *self.choice_lines(session, node, width, returns_to)]
        flows = self.side_flows(session)
        if flows is not None:
            if self.spaced:
                lines.extend(Content("") for _ in range(1 + self.rows - len(lines)))
                lines.append(Content(""))
            lines.append(fit(flows, width))
        return lines

    def fit_script(self, session: CallSession) -> None:
        width = self.line_width
        if width <= 0:
            return
        if not self.spaced:
            self.styles.height = "auto"  # the compact layout: the rows this step needs
            return
        self.rows = self.most_rows(session, width)
        rows = 1 + self.rows
        if session.side_flow_keys():
            rows += 2
        height = rows + self.styles.gutter.height
        if self.styles.height is None or self.styles.height.cells != height:
            self.styles.height = height


class CapturesPanel(StepPanel):
    """What to note down at this step: each capture's prompt, what was typed
    (or what to type), and the day a date names (or that it is kept as typed).

    Drawn as lines like the other panels, so a move shows another step's
    fields without a layout pass; ``tab`` swaps it for the real fields while
    the user types (see ``CallScreen``).
    """

    #: The compact layouts draw nothing at a step without captures (the panel
    #: then takes no room); the wide one says there is nothing to note.
    compact = False
    #: Lines of a multiline value shown before it is cut with ``…``.
    VALUE_LINES = 3

    def laid_for(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> Laid:
        key = (fields_key(session), node.id, width, self.compact)
        return self.memo(key, lambda: self._build(session, node, width))

    def _build(self, session: CallSession, node: Node, width: int) -> list[Content]:
        if not node.capture:
            if self.compact:
                return []
            return [
                Content.styled("Note down", "$foreground-muted"),
                Content.styled("Nothing to note down at this step.", "italic $foreground-muted"),
            ]
        lines = [Content.styled("Note down (tab)", "$foreground-muted")]
        bar = Content.styled("▎", "$primary")
        for index, capture in enumerate(node.capture):
            if index:
                lines.append(Content(""))
            prompt = segments_content(session.render_segments(capture.prompt))
            lines.extend(wrap(prompt, width))
            value = session.captures.get(capture.id, "")
            if not value:
                lines.append(bar + Content.styled("nothing yet", "italic $foreground-disabled"))
                continue
            shown: list[Content] = []
            for text_line in value.splitlines() or [""]:
                shown.extend(wrap(Content(text_line), width, bar))
            if len(shown) > self.VALUE_LINES:
                shown = [
                    *shown[: self.VALUE_LINES - 1],
                    fit(shown[self.VALUE_LINES - 1] + " …", width),
                ]
            lines.extend(shown)
            hint = date_hint(value, session.day) if capture.type == "date" else None
            if hint is not None:
                lines.extend(wrap(hint, width, Content(" ")))
        return lines
