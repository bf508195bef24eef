"""A panel drawn line by line, for screens that must redraw at once.

A move through the call must show the next step at once. Textual's ordinary
widgets re-render and re-compose their whole area on an update; a
``LinesView`` instead lays its text out as lines of ``Content``, compares them
with the lines on screen and asks the compositor to repaint only the lines
that differ. Each line is turned into a ``Strip`` once and kept, so going back
to a step (or a line shared by two steps: a border, a blank) costs nothing to
draw again; its last frame is kept too. A panel whose size does not follow its
lines never costs a layout pass.

The last two go past Textual's public API (``Widget._scroll_update``, and
``render_lines`` without the styles cache), so they are used only on the
Textual versions they were tested on (``coach.tui.compat``). On any other the
panel is a plain line-API ``ScrollView``: the same lines, drawn through
Textual's own cache, with a layout pass when the line count changes.
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

from coach.tui import compat

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
#: Laid-out steps kept per panel, the last used: a step and the steps one key
#: from it (``StepPanel.prepare``) with room to spare. More only held memory:
#: a call's panels kept every step they ever laid out, up to 512 each.
MEMO_SIZE = 32
#: Row counts kept per panel (one per step and width: a panel sized for its
#: tallest step counts them all).
COUNT_SIZE = 512


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


def box(
    title: str, body: list[Content], width: int, colour: str, footer: Content | None = None
) -> list[Content]:
    """``body`` (already wrapped to ``width - 6``) in a rounded box with a
    title, and ``footer`` (one line, styled) in its bottom edge."""
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
    bottom = max(0, width - 4)
    words = Content("")
    if footer is not None and footer.cell_length and bottom > 4:
        words = Content.assemble(" ", footer, " ")
        if words.cell_length > bottom - 2:
            words = fit(words, bottom - 2)
    if words.cell_length:
        rule = "─" * max(0, bottom - 1 - words.cell_length)
        lines.append(Content.assemble(" ", ("╰─", colour), words, (rule + "╯", colour), " "))
    else:
        lines.append(Content.assemble(" ", ("╰" + "─" * bottom + "╯", colour), " "))
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
        self._counts: dict[tuple[object, ...], int] = {}
        #: The last full frame (filters applied), what it was drawn for, and
        #: its rows changed since (see ``render_lines``).
        self._frame: list[Strip] | None = None
        self._frame_key: tuple[object, ...] | None = None
        self._stale: set[int] = set()
        self._background: Color | None = None
        #: Textual's private parts may be used (a tested version): the fast path.
        self._fast = compat.private_ok()

    def memo(self, key: tuple[object, ...], make: Callable[[], list[Content]]) -> Laid:
        """The lines ``make`` lays out, kept under ``key`` (a step seen or
        prepared before is not laid out again)."""
        memo = self._memo
        laid = memo.pop(key, None)  # put back last: the most recently used
        if laid is None:
            laid = Laid.of(make())
            if len(memo) >= MEMO_SIZE:
                del memo[next(iter(memo))]  # the least recently used
        memo[key] = laid
        return laid

    def counted(self, key: tuple[object, ...], count: Callable[[], int]) -> int:
        """A number of rows ``count`` works out, kept under ``key`` (sizing
        the panels for a script must not cost a move its time)."""
        found = self._counts.get(key)
        if found is None:
            if len(self._counts) >= COUNT_SIZE:
                self._counts.clear()
            found = self._counts[key] = count()
        return found

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
        self._redraw()

    def _redraw(self) -> None:
        """Repaint the whole panel (its kept frame no longer holds)."""
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
            width = self.scrollable_content_region.width
            if width <= 0:
                return 0  # hidden or not laid out yet: ask again next time
            self._line_width = width
        return self._line_width

    def watch_show_vertical_scrollbar(self) -> None:
        self._line_width = None  # the scrollbar takes a column, or gives it back

    @property
    def text(self) -> str:
        """What the panel shows, as plain text (trailing spaces dropped)."""
        return "\n".join(line.plain.rstrip() for line in self._lines).rstrip("\n")

    def set_lines(self, builder: Builder) -> None:
        """Show what ``builder`` lays out, repainting only the lines that changed."""
        self._builder = builder
        width = self.line_width
        if width <= 0:
            return  # not laid out yet: the first render builds the lines
        before = self._keys if self._width == width else None
        self._layout(width)
        if before is None or self.scroll_y:
            if self.scroll_y:  # a new step starts at its top
                self.scroll_to(y=0, animate=False, immediate=True)
            self._redraw()
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
        if not self._fast:
            self.virtual_size = virtual  # the public way: Textual lays out and checks
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
        width = self._width
        index = y + round(self.scroll_y)
        if index >= len(self._lines) or width <= 0:
            return self._blank(width)
        return self._strip(self._keys[index], self._lines[index], width)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The panel's lines for the compositor, without Textual's styles cache.

        The panel has no border or padding (its CSS says so), and its strips
        already carry its colours, so what the styles cache would add is only
        the app's line filters. The last full frame is kept, and only the
        lines changed since are rendered again (a new size or scroll position
        draws it all).
        """
        width = self.line_width
        if width != self._width and self._builder is not None and width > 0:
            self._layout(width)
            self._frame = None
        if not self._fast:
            return super().render_lines(crop)
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

    def on_resize(self) -> None:
        self._line_width = None
        if self._builder is not None and self.line_width > 0:
            self._layout(self.line_width)
        self._redraw()
