"""The editor's text area: Textual's code editor with the keys editor users expect.

On top of :class:`~textual.widgets.TextArea`: ``ctrl+home``/``ctrl+end`` go to
the start and the end of the text (with ``shift``: selecting), Enter keeps the
line's indentation and goes one level deeper after a line that ends with
``:`` (the rule is :func:`coach.script.editing.newline_indent`; the level is
the file's own indent unit), ``ctrl+c`` copies the selection and says so (it
never quits), and ``escape`` runs the screen's ``escape`` action (Textual's
code editor would move the focus on). ``ctrl+e`` stays the end of the line, as in Textual.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.strip import Strip
from textual.widgets.text_area import Location, Selection

from coach.script.editing import indent_unit, newline_indent
from coach.tui import compat
from coach.tui.widgets.source_fast import HIGHLIGHT_MARGIN, QuickTextArea, WindowHighlighter

#: From this many lines on, only the rows around the screen are highlighted
#: at a time (``source_fast``); a shorter text is highlighted whole.
WINDOWED_LINES = 3000


class SourceArea(QuickTextArea):
    """The script's text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "cursor_document_start", "Start of text", show=False),
        Binding("ctrl+end", "cursor_document_end", "End of text", show=False),
        Binding("ctrl+shift+home", "cursor_document_start(True)", show=False),
        Binding("ctrl+shift+end", "cursor_document_end(True)", show=False),
    ]

    #: Spaces per indentation level that Enter adds after a ``key:`` line.
    indent_unit: int = 2
    #: The rows (first, last) whose highlights are known, on a long text.
    _lit: tuple[int, int] | None = None
    #: The language and document ``_set_document`` last made.
    _made_for: tuple[str | None, int] | None = None
    #: On a long text, what highlights the rows around the screen.
    _window: WindowHighlighter | None = None

    def _set_document(self, text: str, language: str | None) -> None:
        # A long text: a plain document, and the rows on screen highlighted
        # from a parse of their own (source_fast.WindowHighlighter).
        self._window = None
        if (
            language
            and language not in self._languages
            and text.count("\n") >= WINDOWED_LINES
            and compat.private_ok()
        ):
            self._window = WindowHighlighter.of(language)
        super()._set_document(text, None if self._window is not None else language)
        self._made_for = (language, id(self.document))

    def _watch_language(self, language: str | None) -> None:
        # Textual makes the document again when the language is first set, at
        # mount, though __init__ made it for that language: a second parse and
        # wrap of the whole text (1 s on 69,000 lines).
        if self._made_for == (language, id(self.document)) and compat.private_ok():
            return
        super()._watch_language(language)

    # ------------------------------------------------- highlights, long texts
    def _row_at(self, y: int) -> int | None:
        """The text's row drawn ``y`` rows from the top of the area."""
        infos = self.wrapped_document._offset_to_line_info
        offset = self.scroll_offset.y + y
        return infos[offset][0] if 0 <= offset < len(infos) else None

    def _build_highlight_map(self) -> None:
        """On a long text, the highlights of the rows around the screen only
        (Textual's are of the whole text, after every key: 1.5 s on 69,000 lines)."""
        window = self._window
        if window is None:
            self._lit = None
            super()._build_highlight_map()
            return
        self._line_cache.clear()
        self._highlights.clear()
        top = self._row_at(0) or 0
        first = max(0, top - HIGHLIGHT_MARGIN)
        last = top + max(self.size.height, 1) + HIGHLIGHT_MARGIN
        self._highlights.update(window.highlights(self.document.lines, first, last))
        self._lit = (first, last)

    def render_line(self, y: int) -> Strip:
        lit = self._lit
        if lit is not None:
            row = self._row_at(y)
            if row is not None and not lit[0] <= row <= lit[1]:
                self._build_highlight_map()  # scrolled past the rows known
        return super().render_line(y)

    def detect_indent_unit(self) -> None:
        """Take the indentation step from the text (2 when it has no nesting yet)."""
        self.indent_unit = indent_unit(self.text)

    def show(self, start: Location, end: Location | None = None) -> None:
        """Select ``start``..``end`` (or put the cursor at ``start``) and scroll to it.

        A place off the screen comes to the middle of it; one on it stays put
        (Textual's ``center=True`` would centre it sideways too, and the text
        would jump left and right between matches on one screen).
        """
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        off_screen = not top <= start[0] < top + height
        self.selection = Selection(start, end if end is not None else start)
        if off_screen:
            self.scroll_to(y=max(0, start[0] - height // 2), animate=False, immediate=True)

    def action_cursor_document_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_cursor_document_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)

    async def _on_key(self, event: events.Key) -> None:
        # Textual runs TextArea._on_key after this one unless the default is prevented.
        if event.key == "escape":
            # Textual's code editor moves the focus on; here the screen decides.
            event.stop()
            event.prevent_default()
            await self.run_action("screen.escape")
        elif event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            start = min(self.selection)
            before = self.document.get_line(start[0])[: start[1]]
            self._restart_blink()
            self._replace_via_keyboard(
                "\n" + newline_indent(before, self.indent_unit), *self.selection
            )

    def action_copy(self) -> None:
        text = self.selected_text
        if not text:
            self.notify(
                "Nothing is selected: shift+arrows select text. ctrl+q quits.",
                title="Copy",
                timeout=4,
            )
            return
        self.app.copy_to_clipboard(text)
        lines = text.count("\n") + (not text.endswith("\n"))
        what = f"{lines} lines" if lines > 1 else f"{len(text)} character{'s' * (len(text) != 1)}"
        self.notify(f"Copied {what}", title="Copy", timeout=3)
