"""The pieces of the call screen. Each is a Static updated in place on a move."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.call.session import CallSession
from coach.script.model import RETURN
from coach.tui.text import breadcrumb, clock, outcome_words, segments_content


class SayPanel(Static):
    """What to say now: large-ish, bold, wrapped, in a bordered panel."""

    def show(self, session: CallSession) -> None:
        node = session.node
        self.update(segments_content(session.render_segments(node.say), "bold"))
        if node.end is not None:
            self.border_title = f"Final step · {outcome_words(node.end)}"
        elif session.in_side_flow:
            self.border_title = f"Say · side step, back to {session.return_stack[-1]}"
        else:
            self.border_title = "Say"


class TipsView(Static):
    """Coaching hints for this step, smaller and dimmer than the say text."""

    def show(self, session: CallSession) -> None:
        tips = session.node.tips
        self.display = bool(tips)
        lines = [
            Content.assemble(("› ", "$text-muted"), segments_content(session.render_segments(tip)))
            for tip in tips
        ]
        self.update(Content("\n").join(lines))


class ChoicesView(Static):
    """Where to go next: numbered choices, or Enter to continue or finish."""

    def show(self, session: CallSession) -> None:
        node = session.node
        if node.end is not None:
            self.update(
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
            self.update(Content.assemble(("⏎ ", "bold $accent"), label))
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
        self.update(Content("\n").join(lines))


class Breadcrumb(Static):
    """Where you are: the steps that led here (the last few), then this one."""

    def show(self, session: CallSession) -> None:
        route = [move.src for move in session.history] + [session.current]
        text = breadcrumb(route)
        self.update(Content(text))


class CallClock(Static):
    """The call's clock and this step's timer (amber past the step's budget)."""

    def show(self, session: CallSession) -> None:
        step = clock(session.step_elapsed())
        budget = session.node.seconds
        if budget is not None:
            step += f"/{clock(budget)}"
        over = session.over_budget()
        self.set_class(over, "-over")
        self.update(
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
