"""The call screen's two panels, each drawn line by line.

A move through the call must show the next step at once. Textual's ordinary
widgets re-render and re-compose their whole area on an update; these panels
instead lay their text out as lines of ``Content``, compare them with the lines
on screen and ask the compositor to repaint only the lines that differ. Each
line is turned into a ``Strip`` once and kept, so going back to a step (or a
line shared by two steps: a border, a blank, the side-flow line) costs nothing
to draw again. The panels never change size on a move, so a move never costs a
layout pass either.

- ``StepView``: where you are and the clock, what the other side says (solo
  practice), and what to say now with the step's tips, in a box.
- ``ChoicesPanel``: where to go next (numbered choices, or Enter), and the side
  flows that are always in reach.
- ``CapturesPanel``: the step's capture fields as text (``tab`` edits them).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textual.color import Color
from textual.content import Content
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.theme import Theme
from textual.visual import Visual

from coach.call.followup import long_date, parse_iso_date
from coach.call.session import CallSession
from coach.script.model import RETURN, Node
from coach.tui.text import breadcrumb, clock, outcome_words, segments_content
from coach.tui.widgets.fields import DATE_HELP, date_problem

#: A laid-out line, as compared between two renders: its text and its styles.
LineKey = tuple[str, tuple[object, ...]]


class Laid(NamedTuple):
    """Lines laid out for a panel, with their keys (computed once)."""

    lines: list[Content]
    keys: list[LineKey]

    @classmethod
    def of(cls, lines: list[Content]) -> Laid:
        return cls(lines, [line_key(line) for line in lines])

    def __add__(self, other: object) -> Laid:
        assert isinstance(other, Laid)
        return Laid(self.lines + other.lines, self.keys + other.keys)


#: Lays the panel's lines out for a given width.
Builder = Callable[[int], Laid]

#: Lines kept as strips per panel; more than a script's steps ever need.
STRIP_CACHE = 4096
#: Laid-out steps kept per panel.
MEMO_SIZE = 512


def fields_key(session: CallSession) -> tuple[object, ...]:
    """What the templates of any step are filled in with, as a comparable key."""
    return (id(session.script), tuple(session.values.items()), tuple(session.captures.items()))


def back_to(stack: tuple[str, ...] | list[str]) -> str | None:
    """The step a side flow returns to, or ``None`` outside side flows."""
    return stack[-1] if stack else None


def line_key(line: Content) -> LineKey:
    return (line.plain, tuple(line.spans))


def wrap(content: Content, width: int, prefix: Content | None = None) -> list[Content]:
    """``content`` wrapped to ``width`` cells; ``prefix`` starts the first line
    and the others are indented under it."""
    indent = prefix.cell_length if prefix is not None else 0
    lines = content.wrap(max(1, width - indent)) or [Content("")]
    if prefix is None:
        return lines
    pad = Content(" " * indent)
    return [(prefix if index == 0 else pad) + line for index, line in enumerate(lines)]


def fit(content: Content, width: int) -> Content:
    """One line exactly ``width`` cells wide: cut with ``…`` or padded."""
    if content.cell_length > width:
        return content.truncate(max(0, width - 1)) + "…" if width > 0 else Content("")
    return content.pad_right(width - content.cell_length)


def box(title: str, body: list[Content], width: int, colour: str) -> list[Content]:
    """``body`` (already wrapped to ``width - 6``) in a rounded box with a title."""
    inner = max(1, width - 6)
    title_part = f" {title} " if title else ""
    title_part = title_part[: max(0, width - 5)]
    top_rule = "─" * max(0, width - 5 - len(title_part))
    lines = [
        Content.assemble(
            " ", ("╭─", colour), (title_part, f"bold {colour}"), (top_rule + "╮", colour), " "
        )
    ]
    side = Content.styled("│", colour)
    for line in body:
        lines.append(Content.assemble(" ", side, " ", fit(line, inner), " ", side, " "))
    lines.append(Content.assemble(" ", ("╰" + "─" * max(0, width - 4) + "╯", colour), " "))
    return lines


class LinesView(ScrollView, can_focus=False):
    """A panel drawn from a list of one-line ``Content``s.

    ``set_lines`` takes a builder (width -> lines) so the panel can lay its
    text out again whenever its width changes (a resize, a scrollbar showing).
    A line whose text and styles did not change is not repainted; a line seen
    before is not rendered again.
    """

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    LinesView {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.auto_links = False  # no links here: rendering skips the link scan
        self._builder: Builder | None = None
        self._lines: list[Content] = []
        self._keys: list[LineKey] = []
        self._width = 0
        self._line_width: int | None = None
        self._strips: dict[tuple[LineKey, int], Strip] = {}
        self._memo: dict[tuple[object, ...], Laid] = {}
        #: The last full frame (filters applied), what it was drawn for, and
        #: its rows changed since (see ``render_lines``).
        self._frame: list[Strip] | None = None
        self._frame_key: tuple[object, ...] | None = None
        self._stale: set[int] = set()
        self._background: Color | None = None

    def memo(self, key: tuple[object, ...], make: Callable[[], list[Content]]) -> Laid:
        """The lines ``make`` lays out, kept under ``key`` (a step seen or
        prepared before is not laid out again)."""
        laid = self._memo.get(key)
        if laid is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            laid = self._memo[key] = Laid.of(make())
        return laid

    def warm(self, laid: Laid) -> None:
        """Render ``laid`` to strips now, so showing it later costs nothing."""
        width = self.line_width
        if width > 0:
            for key, line in zip(laid.keys, laid.lines, strict=True):
                self._strip(key, line, width)

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        self._strips.clear()  # the colours are in the strips
        self._background = None
        self._frame = None
        self.refresh()

    def _blank(self, width: int) -> Strip:
        """An empty line in the panel's colours (kept: most of a panel is blank)."""
        return self._strip(("", ()), Content(""), width)

    def _strip(self, key: LineKey, line: Content, width: int) -> Strip:
        strip = self._strips.get((key, width))
        if strip is None:
            if len(self._strips) >= STRIP_CACHE:
                self._strips.clear()
            strips = Visual.to_strips(self, line, width, 1, self.visual_style, pad=True)
            strip = strips[0] if strips else Strip.blank(width, self.rich_style)
            self._strips[key, width] = strip
        return strip

    # -------------------------------------------------------------- content
    @property
    def line_width(self) -> int:
        """The width lines are laid out for (known once the panel has a size)."""
        if self._line_width is None:
            self._line_width = self.scrollable_content_region.width
        return self._line_width

    def watch_show_vertical_scrollbar(self) -> None:
        self._line_width = None  # the scrollbar takes a column, or gives it back

    @property
    def text(self) -> str:
        """What the panel shows, as plain text (trailing spaces dropped)."""
        return "\n".join(line.plain.rstrip() for line in self._lines).rstrip("\n")

    @property
    def lines(self) -> list[Content]:
        return list(self._lines)

    def set_lines(self, builder: Builder) -> None:
        """Show what ``builder`` lays out, repainting only the lines that changed."""
        self._builder = builder
        width = self.line_width
        if width <= 0:
            return  # not laid out yet: the first render builds the lines
        before = self._keys if self._width == width else None
        self._layout(width)
        if self.scroll_y:
            self.scroll_to(y=0, animate=False, immediate=True)
            self._frame = None
            self.refresh()
            return
        if before is None:
            self._frame = None
            self.refresh()
            return
        keys = self._keys
        changed = [
            y
            for y in range(max(len(before), len(keys)))
            if y >= len(before) or y >= len(keys) or before[y] != keys[y]
        ]
        if changed:
            self._stale.update(changed)
            self.refresh(*(Region(0, y, width, 1) for y in changed))

    def set_line(self, index: int, line: Content) -> None:
        """Replace one line (the clock's) without laying the rest out again."""
        if index >= len(self._lines) or self._width <= 0:
            return
        key = line_key(line)
        if self._keys[index] == key:
            return
        self._lines[index] = line
        self._keys[index] = key
        row = index - round(self.scroll_y)
        self._stale.add(row)
        self.refresh(Region(0, row, self._width, 1))

    def _layout(self, width: int) -> None:
        lines, keys = self._builder(width) if self._builder is not None else Laid([], [])
        self._lines = lines
        self._keys = keys
        self._width = width
        virtual = Size(width, len(lines))
        if self.virtual_size == virtual:
            return
        height = self.styles.height
        if height is None or height.is_auto:
            self.virtual_size = virtual  # sized to its lines: lay the screen out again
        else:
            # The panel's own size does not follow its lines: no layout pass
            # (the reactive would ask for one), only the scrollbars to check
            # (a layout follows if one shows or hides).
            self.set_reactive(LinesView.virtual_size, virtual)
            if len(lines) <= self.scrollable_content_region.height and not (
                self.show_vertical_scrollbar
            ):
                return  # it fits, as before: no scrollbar to show or hide
        # Textual re-checks the scrollbars on a size change only.
        self._scroll_update(virtual)

    # ------------------------------------------------------------ rendering
    def render_line(self, y: int) -> Strip:
        width = self.line_width
        if width != self._width and self._builder is not None and width > 0:
            self._layout(width)
        index = y + round(self.scroll_y)
        if index >= len(self._lines) or width <= 0:
            return self._blank(width)
        return self._strip(self._keys[index], self._lines[index], width)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The panel's lines for the compositor, without Textual's styles cache.

        The panel has no border or padding (its CSS says so), and its strips
        already carry its colours, so what the styles cache would add is only
        the app's line filters. The last full frame is kept, and only the
        lines changed since are rendered again.
        """
        width = self.line_width
        if width != self._width and self._builder is not None and width > 0:
            self._layout(width)
            self._frame = None
        size = self.region.size
        if self._background is None:
            self._background = self.background_colors[1]
        filters = tuple(self.app.get_line_filters())
        key = (size, round(self.scroll_y), self._background, filters)
        full = crop.x == 0 and crop.y == 0 and crop.size == size
        frame = self._frame
        if full and frame is not None and self._frame_key == key:
            for y in self._stale:
                if y < len(frame):
                    frame[y] = self._final_line(y, size.width, filters)
            self._stale.clear()
            return list(frame)
        x1, x2 = crop.column_span
        strips = [self._final_line(y, size.width, filters) for y in crop.line_range]
        if full:
            self._frame, self._frame_key = list(strips), key
            self._stale.clear()
        elif x1 or x2 != size.width:
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips

    def _final_line(self, y: int, region_width: int, filters: tuple[LineFilter, ...]) -> Strip:
        strip = self.render_line(y)
        if strip.cell_length < region_width:  # a scrollbar covers the rest
            strip = Strip.join([strip, self._blank(region_width - strip.cell_length)])
        background = self._background
        assert background is not None
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        return strip

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._frame = None

    def on_resize(self) -> None:
        self._line_width = None
        self._frame = None
        if self._builder is not None and self.line_width > 0:
            self._layout(self.line_width)
            self.refresh()


class StepView(LinesView):
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
        route = [move.src for move in session.history] + [session.current]
        room = max(1, width - timer.cell_length - 3)
        crumb = Content.styled(breadcrumb(route, width=room), "$foreground-muted")
        line = Content.assemble(" ", crumb)
        gap = max(1, width - line.cell_length - timer.cell_length - 1)
        return fit(line + Content(" " * gap) + timer + " ", width).stylize_before("on $panel")

    def body(self, session: CallSession, node: Node, width: int, returns_to: str | None) -> Laid:
        """The lines below the header for ``node`` at ``width``, in a side flow
        that ``returns_to`` a step (or not)."""
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
        say = segments_content(session.render_segments(node.say), "bold")
        text = wrap(say, inner)
        if node.tips and self.show_tips:
            text.append(Content(""))
            for tip in node.tips:
                tip_text = segments_content(session.render_segments(tip), "$foreground-muted")
                text.extend(wrap(tip_text, inner, Content.styled("› ", "$foreground-muted")))
        if node.end is not None:
            title = f"Final step · {outcome_words(node.end)}"
        elif returns_to is not None:
            title = f"Say · side step, back to {returns_to}"
        else:
            title = "Say"
        lines.extend(box(title, text, width, "$primary"))
        return lines

    @property
    def say_content(self) -> Content:
        """What the say box holds for the step shown (for tests and tools)."""
        if self._session is None:
            return Content("")
        node = self._session.node
        return segments_content(self._session.render_segments(node.say), "bold")

    # ------------------------------------------------------------- updating
    def show(self, session: CallSession) -> None:
        self._session = session
        node, returns_to = session.node, back_to(session.return_stack)
        self.set_lines(
            lambda width: (
                Laid.of([self.header(session, width)]) + self.body(session, node, width, returns_to)
            )
        )

    def show_clock(self, session: CallSession) -> None:
        if self._width > 0:
            self.set_line(0, self.header(session, self._width))

    def prepare(self, session: CallSession) -> None:
        """Lay out and render every step one key can lead to from here."""
        width = self.line_width
        if width <= 0:
            return  # not laid out yet: prepared once it is
        for node_id, stack in session.moves_from_here():
            self.warm(self.body(session, session.script.nodes[node_id], width, back_to(stack)))


class ChoicesPanel(LinesView):
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
                text = f"Continue (back to {returns_to or 'the call'})"
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
            label = node_id.replace("_", " ").capitalize()
            parts.append(Content.assemble((key, "bold $accent"), " ", label))
        return Content.assemble(*parts)

    def most_rows(self, session: CallSession, width: int) -> int:
        """Rows for the choices of the step that has the most (wrapped)."""
        nodes = session.script.nodes.values()
        return max(
            (len(self.choice_lines(session, n, width, None, every=True)) for n in nodes),
            default=1,
        )

    def build(self, session: CallSession, node: Node, width: int, returns_to: str | None) -> Laid:
        """The panel's lines at ``node`` (kept: a step seen before is not laid out again)."""
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

    def show(self, session: CallSession) -> None:
        node, returns_to = session.node, back_to(session.return_stack)
        self.set_lines(lambda width: self.build(session, node, width, returns_to))

    def prepare(self, session: CallSession) -> None:
        """Lay out and render the choices of every step one key can lead to."""
        width = self.line_width
        if width <= 0:
            return  # not laid out yet: prepared once it is
        for node_id, stack in session.moves_from_here():
            self.warm(self.build(session, session.script.nodes[node_id], width, back_to(stack)))

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


class CapturesPanel(LinesView):
    """What to note down at this step: each capture's prompt, what was typed
    (or what to type), and a date's long form or what is wrong with it.

    Drawn as lines like the other panels, so a move shows another step's
    fields without a layout pass; ``tab`` swaps it for the real fields while
    the user types (see ``CallScreen``).
    """

    #: The compact layouts draw nothing at a step without captures (the panel
    #: then takes no room); the wide one says there is nothing to note.
    compact = False
    #: Lines of a multiline value shown before it is cut with ``…``.
    VALUE_LINES = 3

    def build(self, session: CallSession, node: Node, width: int) -> Laid:
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
            if capture.type == "date":
                prompt += Content.styled(f"  ({DATE_HELP})", "$foreground-muted")
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
            if capture.type == "date":
                problem = date_problem(value)
                day = parse_iso_date(value)
                if problem is not None:
                    lines.extend(wrap(Content.styled(problem, "$text-error"), width))
                elif day is not None:
                    lines.append(Content.styled(f" {long_date(day)}", "$text-success"))
        return lines

    def show(self, session: CallSession) -> None:
        node = session.node
        self.set_lines(lambda width: self.build(session, node, width))

    def prepare(self, session: CallSession) -> None:
        """Lay out and render the fields of every step one key can lead to."""
        width = self.line_width
        if width <= 0:
            return
        for node_id, _stack in session.moves_from_here():
            self.warm(self.build(session, session.script.nodes[node_id], width))
