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
from textual.widgets import TextArea
from textual.widgets.text_area import Location, Selection

from coach.script.editing import indent_unit, newline_indent


class SourceArea(TextArea):
    """The script's text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "cursor_document_start", "Start of text", show=False),
        Binding("ctrl+end", "cursor_document_end", "End of text", show=False),
        Binding("ctrl+shift+home", "cursor_document_start(True)", show=False),
        Binding("ctrl+shift+end", "cursor_document_end(True)", show=False),
    ]

    #: Spaces per indentation level that Enter adds after a ``key:`` line.
    indent_unit: int = 2

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
