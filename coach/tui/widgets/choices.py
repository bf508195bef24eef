"""Where to go next, right under what to say: the choices, then the step's tips.

One panel, drawn line by line (see ``lines.LinesView``):

- the numbered choices, or Enter to continue or finish;
- the side flows, always in reach (``Anytime: r Repeat · u Unexpected``);
- the step's tips, quieter, in the rows left: they give way first.

With ``rows`` set, the choices take the rows of the step that has the most,
so the side flows and the tips do not jump about between steps.
"""

from __future__ import annotations

from textual.content import Content

from coach.call.session import CallSession
from coach.call.stepkeys import enter_words, returns_to
from coach.script.model import Node
from coach.tui.text import id_words, segments_content
from coach.tui.widgets.lines import Laid, fit, wrap
from coach.tui.widgets.panel import StepPanel, fields_key, likeliest, text_rows

#: The styles of a key and its words, live or off (while a field has the keys).
KEY_STYLE = "bold $accent"
OFF_STYLE = "$foreground-disabled"


class ChoicesPanel(StepPanel):
    """The way on from this step, and its tips (see the module docstring)."""

    #: Rows kept for the choices at every step (0: each step's own).
    rows = 0

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The call's keys are off (a field or the answers have them): drawn dimmed.
        self.dim = False
        self._session: CallSession | None = None
        #: The steps ``most_rows`` lays out, and the script and width they are for.
        self._most_for: list[Node] = []
        self._most_key: tuple[object, ...] | None = None

    # ---------------------------------------------------------------- parts
    def choice_lines(
        self,
        session: CallSession,
        node: Node,
        width: int,
        returns_to: str | None,
        *,
        every: bool = False,
        dim: bool = False,
    ) -> list[Content]:
        """The lines of ``node``'s way on: those of its choices that apply, or
        with ``every`` all of them (to size the panel for any step)."""
        key_style = OFF_STYLE if dim else KEY_STYLE
        text_style = OFF_STYLE if dim else ""
        enter = Content.styled("⏎ ", key_style)
        words = enter_words(node, returns_to if not every else returns_to or "the call")
        if words is not None:
            style = text_style or ("bold" if node.end is not None else "")
            return wrap(Content.styled(words, style), width, enter)
        choices = (
            [(str(i), c) for i, c in enumerate(node.choices, start=1)]
            if every
            else [(v.key, v.choice) for v in session.visible_choices(node)]
        )
        lines: list[Content] = []
        for key, choice in choices:
            label = segments_content(session.render_segments(choice.label), text_style)
            lines.extend(wrap(label, width, Content.styled(f"{key} ", key_style)))
        if not lines:
            warning = "No choice applies yet: fill in the fields first (tab)."
            lines.extend(wrap(Content.styled(warning, text_style or "$text-warning"), width))
        return lines

    def side_flows(
        self, session: CallSession, *, dim: bool = False, width: int | None = None
    ) -> Content | None:
        """``Anytime: r Repeat · u Unexpected``; where ``width`` is too narrow for
        it, without ``Anytime:``, then with the first word of each, then the
        bare keys: every side flow's key stays in sight."""
        keys = session.side_flow_keys()
        if not keys:
            return None
        muted = OFF_STYLE if dim else "$foreground-muted"
        key_style = OFF_STYLE if dim else KEY_STYLE

        def line(label: bool, words: int | None) -> Content:
            parts: list[Content] = [Content.styled("Anytime: ", muted)] if label else []
            for index, (key, node_id) in enumerate(keys.items()):
                if index:
                    parts.append(Content.styled(" · ", muted))
                said = id_words(node_id)
                if words is not None:
                    said = " ".join(said.split(" ")[:words])
                parts.append(
                    Content.assemble(
                        (key, key_style), (" " + said if said else "", OFF_STYLE if dim else "")
                    )
                )
            return Content.assemble(*parts)

        for label, words in ((True, None), (False, None), (False, 1), (False, 0)):
            shown = line(label, words)
            if width is None or shown.cell_length <= width:
                return shown
        return shown

    def tip_lines(self, session: CallSession, node: Node, width: int) -> list[Content]:
        if not node.tips:
            return []
        muted = "$foreground-muted"
        lines = [Content("")]
        for tip in node.tips:
            text = segments_content(session.render_segments(tip), muted)
            lines.extend(wrap(text, width, Content.styled("› ", muted)))
        return lines

    def most_rows(self, session: CallSession, width: int) -> int:
        """Rows for the choices of the step that has the most (wrapped; in a
        big script, of the steps likeliest to: ``panel.likeliest``)."""
        key = (id(session.script), width)
        if self._most_key != key:
            # Each choice's label after its key ("1 "), or one line for Enter.
            def rows(node: Node) -> int:
                return sum(text_rows(c.label, width - 2) for c in node.choices) or 1

            self._most_for = likeliest(session.script.nodes.values(), rows)
            self._most_key = key
        nodes = self._most_for

        def most() -> int:
            lines = (len(self.choice_lines(session, n, width, None, every=True)) for n in nodes)
            return max(lines, default=1)

        return self.counted(("most", fields_key(session), width), most)

    def way_on_rows(self, session: CallSession, width: int, *, most: bool = False) -> int:
        """Rows of the choices (this step's, or the most any step has) and the
        side flows: what must be seen, tips left out."""
        if most:
            choices = self.most_rows(session, width)
        else:
            node, back = session.node, returns_to(session)
            key = ("here", fields_key(session), node.id, width, back)
            choices = self.counted(key, lambda: len(self.choice_lines(session, node, width, back)))
        return choices + (1 if session.side_flow_keys() else 0)

    # ------------------------------------------------------------- laying out
    def laid_for(
        self, session: CallSession, node: Node, width: int, returns_to: str | None
    ) -> Laid:
        height = self.size.height
        key = (
            fields_key(session),
            node.id,
            width,
            height,
            returns_to,
            self.rows,
            self.dim,
        )
        return self.memo(key, lambda: self._build(session, node, width, height, returns_to))

    def _build(
        self, session: CallSession, node: Node, width: int, height: int, returns_to: str | None
    ) -> list[Content]:
        lines = self.choice_lines(session, node, width, returns_to, dim=self.dim)
        lines.extend(Content("") for _ in range(self.rows - len(lines)))
        flows = self.side_flows(session, dim=self.dim, width=width)
        if flows is not None:
            lines.append(fit(flows, width))
        tips = self.tip_lines(session, node, width)
        room = height - len(lines)
        if tips and room == 1:
            tips = tips[1:]  # no room for the gap above them
        if tips and room >= 1:
            if len(tips) > room:
                tips = [*tips[: room - 1], fit(tips[room - 1] + " …", width)]
            lines.extend(tips)
        return lines

    def show(self, session: CallSession) -> None:
        self._session = session
        super().show(session)

    def set_dim(self, dim: bool) -> None:
        """Dim the call's keys (or not); redrawn if it changed."""
        if dim == self.dim:
            return
        self.dim = dim
        if self._session is not None:
            self.show(self._session)
