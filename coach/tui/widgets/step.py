"""The pieces of the call screen. Each is a Static updated in place on a move."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.visual import visualize
from textual.widgets import Static

from coach.call.session import CallSession
from coach.script.model import RETURN, Node
from coach.tui.text import breadcrumb, clock, outcome_words, segments_content

LineKey = tuple[str, tuple[object, ...]]


def _line_keys(content: Content, width: int) -> list[LineKey]:
    """The wrapped lines of ``content`` as comparable keys (text and styles)."""
    return [(line.plain, tuple(line.spans)) for line in content.wrap(width)]


class StepPart(Static):
    """A Static that redraws only what a move changed.

    A move through the call updates a few of these. A layout pass re-arranges
    and repaints the whole screen, so when the new text fits the part's fixed
    height there is none; and only the lines whose text changed are marked
    for repainting, so the compositor redraws those lines, not the whole
    panel. Anything else (a text too tall, a scrollbar, no size yet) takes
    the ordinary full update.
    """

    _lines: list[LineKey] | None = None

    def set_content(self, content: Content) -> None:
        width, height = self.content_size
        fixed = self.styles.height is not None and not self.styles.height.is_auto
        lines = _line_keys(content, width) if width > 0 else None
        before, self._lines = self._lines, lines
        if (
            lines is None
            or not fixed
            or not self.display
            or self.show_vertical_scrollbar
            or len(lines) > height
        ):
            self.update(content, layout=True)  # the size may change
            return
        if before is None:
            self.update(content, layout=False)  # what is on screen is not known by line
            return
        changed = [
            y
            for y in range(max(len(before), len(lines)))
            if y >= len(before) or y >= len(lines) or before[y] != lines[y]
        ]
        # What Static.update does, without marking the whole widget dirty.
        self._Static__content = content
        self._Static__visual = visualize(self, content, markup=False)
        if changed:
            self.refresh(*(Region(0, y, width, 1) for y in changed))

    def on_resize(self) -> None:
        self._lines = None  # wrapped for another width: the next update is a full one


class SayPanel(StepPart):
    """What to say now, bold and wrapped, with the step's tips below it, smaller.

    Its height is set for the script's longest step (``fit_script``), so the
    panel and the choices under it stay in one place from step to step and a
    move redraws text without moving anything; a step too long for a small
    terminal scrolls inside the panel.
    """

    #: Tips are left out when the screen is short (the ``-short`` layout).
    show_tips = True

    def step_content(self, session: CallSession, node: Node) -> Content:
        parts = [segments_content(session.render_segments(node.say), "bold")]
        if node.tips and self.show_tips:
            parts.append(Content(""))
            parts.extend(
                Content.assemble(
                    ("› ", "$text-muted"),
                    segments_content(session.render_segments(tip), "$text-muted"),
                )
                for tip in node.tips
            )
        return Content("\n").join(parts)

    def fit_script(self, session: CallSession) -> None:
        """Size the panel for the longest step at the current width."""
        width = self.content_size.width
        if width <= 0:
            return
        tallest = max(
            self.step_content(session, node).get_height(self.styles, width)  # type: ignore[arg-type]
            for node in session.script.nodes.values()
        )
        height = tallest + self.styles.gutter.height
        if self.styles.height is None or self.styles.height.cells != height:
            self.styles.height = height

    def show(self, session: CallSession) -> None:
        node = session.node
        if node.end is not None:
            title = f"Final step · {outcome_words(node.end)}"
        elif session.in_side_flow:
            title = f"Say · side step, back to {session.return_stack[-1]}"
        else:
            title = "Say"
        if self.border_title != title:
            self.border_title = title
        self.set_content(self.step_content(session, node))
        if self.scroll_y:
            self.scroll_home(animate=False)


class ChoicesView(StepPart):
    """Where to go next: numbered choices, or Enter to continue or finish.

    Its height is set once per call, for the step with the most choices, so
    the list does not jump about between steps.
    """

    def fit_script(self, session: CallSession) -> None:
        most = max((len(n.choices) for n in session.script.nodes.values()), default=1)
        self.styles.height = max(1, most) + 1  # + its top rule

    def show(self, session: CallSession) -> None:
        node = session.node
        if node.end is not None:
            self.set_content(
                Content.assemble(
                    ("⏎ ", "bold $accent"),
                    (f"Finish call ({outcome_words(node.end)})", "bold"),
                )
            )
            return
        if node.next is not None:
            label = "Continue"
            if node.next == RETURN and session.return_stack:
                label = f"Continue (back to {session.return_stack[-1]})"
            self.set_content(Content.assemble(("⏎ ", "bold $accent"), label))
            return
        lines: list[Content] = []
        for visible in session.visible_choices():
            segments = session.render_segments(visible.choice.label)
            lines.append(
                Content.assemble((f"{visible.key} ", "bold $accent"), segments_content(segments))
            )
        if not lines:
            lines.append(
                Content.styled("No choice applies yet: fill in the fields above.", "$text-warning")
            )
        self.set_content(Content("\n").join(lines))


class Breadcrumb(StepPart):
    """Where you are: the steps that led here (the last few), then this one."""

    def show(self, session: CallSession) -> None:
        route = [move.src for move in session.history] + [session.current]
        width = self.content_size.width or None
        self.set_content(Content(breadcrumb(route, width=width)))


class CallClock(StepPart):
    """The call's clock and this step's timer (amber past the step's budget)."""

    def show(self, session: CallSession) -> None:
        step = clock(session.step_elapsed())
        budget = session.node.seconds
        if budget is not None:
            step += f"/{clock(budget)}"
        over = session.over_budget()
        self.set_class(over, "-over")
        self.set_content(
            Content.assemble(
                ("call ", "$text-muted"),
                clock(session.elapsed()),
                (" · step ", "$text-muted"),
                (step, "bold $text-warning" if over else ""),
            )
        )


class PartnerLine(Static):
    """Solo practice only: what "they" say at this step, above the caller's line."""

    def show(self, session: CallSession) -> None:
        partner = session.node.partner
        self.display = bool(partner)
        if partner:
            self.update(segments_content(session.render_segments(partner), "italic"))


class SideFlowsLine(Static):
    """The script's side flows, always in reach: ``Anytime: r Repeat · u Unexpected``."""

    def show(self, session: CallSession) -> None:
        keys = session.side_flow_keys()
        self.display = bool(keys)
        parts: list[Content] = [Content.styled("Anytime: ", "$text-muted")]
        for index, (key, node_id) in enumerate(keys.items()):
            if index:
                parts.append(Content.styled(" · ", "$text-muted"))
            label = node_id.replace("_", " ").capitalize()
            parts.append(Content.assemble((key, "bold $accent"), " ", label))
        self.update(Content.assemble(*parts))
