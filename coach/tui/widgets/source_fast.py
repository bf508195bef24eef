"""Textual's text area on a long script: the same text, without the whole-document
work on every key.

On the editor's 10,000-step script (69,000 lines) a key took seconds: Textual
8.2's ``TextArea`` sums the height of every line for each line it draws
(``WrappedDocument.height``), joins the whole text for each line it draws
(``render_line`` asks ``self.text`` whether to show the placeholder), measures
every line's width after each edit (``Document.get_size``), queries the
highlights of the whole document after each edit (``_build_highlight_map``),
parses it again reading every line through a Python callback, and wraps
every line again (a regex per line) seven times while opening.

Here, with the same results:

- ``FastWrap.height`` is the count of wrapped lines it keeps anyway; its
  ``wrap`` does nothing when the document and width are those of the last
  one, and without soft wrapping (the editor's) skips the tab regex on
  lines without tabs;
- ``FastDocument``/``FastSyntaxDocument`` keep the joined text and each
  line's width until an edit changes them (only the edited lines again);
- ``fast_documents()`` has ``TextArea`` build those classes (it names them
  in its module), and ``SourceArea`` uses it;
- ``WindowHighlighter`` highlights only the rows around those on screen,
  from a parse of those rows alone, and ``SourceArea`` does it again when a
  row outside them is drawn; a long text keeps no syntax tree.

Private parts of Textual, used only on the tested releases (``compat``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.control import strip_control_codes
from textual._wrap import compute_wrap_offsets
from textual._wrap import re_chunk as _CHUNK
from textual.document._document import Document
from textual.document._syntax_aware_document import SyntaxAwareDocument
from textual.document._wrapped_document import WrappedDocument
from textual.expand_tabs import get_tab_widths
from textual.geometry import Offset
from textual.widgets import TextArea

from coach.tui import compat

if TYPE_CHECKING:
    from textual.document._document import EditResult, Location

#: What the wrapping's chunks call a space (``textual._wrap.re_chunk``'s ``\s``).
_SPACE = re.compile(r"\s")

#: Rows above and below those on screen whose highlights are queried at once.
HIGHLIGHT_MARGIN = 200


class FastWrap(WrappedDocument):
    """``WrappedDocument`` with a height that costs nothing (see the module)."""

    @property
    def height(self) -> int:
        # One entry per wrapped line, kept by ``wrap`` and ``wrap_range``.
        return len(self._offset_to_line_info)

    #: What the wrapping was made for: (width, tab width, the document's edits).
    _made_for: tuple[int, int, int] | None = None

    def wrap(self, width: int, tab_width: int | None = None) -> None:
        edits: int | None = getattr(self.document, "edits", None)
        wanted = None if edits is None else (width, tab_width or self._tab_width, edits)
        if wanted is not None and wanted == self._made_for:
            return  # the same document, unchanged, at the same width: already so
        self._made_for = None
        if width:
            super().wrap(width, tab_width)
        else:
            self._wrap_flat(tab_width)
        self._made_for = wanted

    def get_sections(self, line_index: int) -> list[str]:
        # Textual builds a rich Text of the line and divides it (1 ms a call
        # on a 3,000-character line, twice a key); the same, by slicing.
        line = strip_control_codes(self.document[line_index])
        bounds = [0, *self._wrap_offsets[line_index], len(line)]
        return [line[a:b] for a, b in pairwise(bounds)]

    def location_to_offset(self, location: Location) -> Offset:
        # Textual expands the tabs of the text before the cursor with a regex
        # (O(line) a key); without tabs, its width is its cell length.
        row, column = location
        if 0 <= row < len(self._wrap_offsets) and row < self.document.line_count:
            line = self.document[row]
            if "\t" not in line and line == strip_control_codes(line):
                offsets = self._wrap_offsets[row]
                index = bisect_right(offsets, column)
                begin = offsets[index - 1] if index else 0
                y = self._line_index_to_offsets[row][index]
                return Offset(cell_len(line[begin:column]), y)
        return super().location_to_offset(location)

    def wrap_range(self, start: Location, old_end: Location, new_end: Location) -> None:
        if not self._rewrap_in_line(start, old_end, new_end):
            super().wrap_range(start, old_end, new_end)
        self._track_edits()

    def _rewrap_in_line(self, start: Location, old_end: Location, new_end: Location) -> bool:
        """An edit inside one soft-wrapped line: wrap again only from the last
        break the edit cannot move, not the whole line (a key in a long note
        re-wrapped all of it: 3 ms a key at 12,800 characters). False when the
        edit is not of that kind, or it changes the line's number of rows."""
        row = start[0]
        width = self._width
        if not row == old_end[0] == new_end[0]:
            return False
        if row >= len(self._wrap_offsets) or row >= self.document.line_count:
            return False
        line = self.document[row]
        if not width:
            if "\t" in line:
                return False
            # Not wrapped: one row as before; only its tabs (none) to note.
            self._tab_width_cache[row] = [0] if line else []
            return True
        old = self._wrap_offsets[row]
        if not old or "\t" in line or len(line) < 4 * width:
            return False
        edit_at = min(start[1], old_end[1])
        # The last break before the edit that the greedy wrapping makes as it
        # did: one at a word's start whose word (and the spaces after it) ends
        # before the edit, or one inside a word too long for a row (folded)
        # before the edit. The wrapping from there on is the wrapping of the
        # rest of the line alone.
        index = bisect_right(old, edit_at) - 1
        while index >= 0:
            at = old[index]
            if 0 < at < edit_at:
                word_start = _SPACE.match(line, at - 1) is not None and (
                    _SPACE.match(line, at) is None
                )
                if not word_start:
                    break  # a fold inside a long word
                chunk = _CHUNK.match(line, at)
                if chunk is not None and chunk.end() < edit_at:
                    break
            index -= 1
        if index < 0:
            return False
        at = old[index]
        tail = compute_wrap_offsets(line[at:], width, tab_size=self._tab_width)
        new = [*old[: index + 1], *(at + offset for offset in tail)]
        if len(new) != len(old):
            return False  # the rows below move: Textual's own way
        self._wrap_offsets[row] = new
        return True

    def _track_edits(self) -> None:
        made, edits = self._made_for, getattr(self.document, "edits", None)
        self._made_for = None if made is None or edits is None else (made[0], made[1], edits)

    def _wrap_flat(self, tab_width: int | None) -> None:
        """``wrap(0)``: one row per line, the tab regex only on lines with tabs."""
        self._width = 0
        if tab_width:
            self._tab_width = tab_width
        tab = self._tab_width
        lines = self.document.lines
        count = len(lines)
        self._wrap_offsets = [[] for _ in range(count)]
        self._offset_to_line_info = [(index, 0) for index in range(count)]
        self._line_index_to_offsets = [[index] for index in range(count)]
        # What get_tab_widths gives a line without tabs: one section of width 0
        # (none for an empty line).
        self._tab_width_cache = [
            [width for _, width in get_tab_widths(line, tab)]
            if "\t" in line
            else ([0] if line else [])
            for line in lines
        ]


class _Kept:
    """The joined text and the lines' widths, kept until an edit (a mixin)."""

    _lines: list[str]
    #: Edits made so far (``FastWrap`` wraps again only after one).
    edits = 0
    _kept_text: str | None = None
    _widths: list[int] | None = None
    _widths_tab = 0

    @property
    def text(self) -> str:
        kept = self._kept_text
        if kept is None:
            newline: str = self.newline  # type: ignore[attr-defined]
            kept = self._kept_text = newline.join(self._lines)
        return kept

    def get_size(self, tab_width: int) -> Any:
        from textual.geometry import Size

        widths = self._widths
        if widths is None or self._widths_tab != tab_width:
            widths = self._widths = [self._width_of(line, tab_width) for line in self._lines]
            self._widths_tab = tab_width
        return Size(max(widths, default=0), len(self._lines))

    @staticmethod
    def _width_of(line: str, tab_width: int) -> int:
        return cell_len(line.expandtabs(tab_width) if "\t" in line else line)

    def replace_range(self, start: Location, end: Location, text: str) -> EditResult:
        top, bottom = sorted((start, end))
        before = len(self._lines)
        result: EditResult = super().replace_range(start, end, text)  # type: ignore[misc]
        self.edits += 1
        self._kept_text = None
        widths = self._widths
        if widths is not None:
            first, last = top[0], min(bottom[0], before - 1)
            new_last = result.end_location[0]
            tab = self._widths_tab
            widths[first : last + 1] = [
                self._width_of(line, tab) for line in self._lines[first : new_last + 1]
            ]
            if len(widths) != len(self._lines):
                self._widths = None  # measured again in full next time
        return result


class FastDocument(_Kept, Document):
    """A plain ``Document`` that keeps its joined text and line widths."""


class FastSyntaxDocument(_Kept, SyntaxAwareDocument):
    """A ``SyntaxAwareDocument`` that keeps its joined text and line widths."""


@contextmanager
def fast_documents() -> Iterator[None]:
    """While inside, ``TextArea`` makes the fast documents (it looks the
    classes up in its module when it builds a document)."""
    if not compat.private_ok():
        yield
        return
    import textual.widgets._text_area as module

    saved = (module.Document, module.SyntaxAwareDocument, module.WrappedDocument)
    module.Document = FastDocument  # type: ignore[misc]
    module.SyntaxAwareDocument = FastSyntaxDocument  # type: ignore[misc]
    module.WrappedDocument = FastWrap  # type: ignore[misc]
    try:
        yield
    finally:
        module.Document, module.SyntaxAwareDocument, module.WrappedDocument = saved  # type: ignore[misc]


class WindowHighlighter:
    """The highlights of a window of rows, from a parse of those rows alone.

    A long text keeps no syntax tree: Textual's incremental parse re-read the
    whole text through a Python callback after every key (160 ms a key on
    9,800 lines). The rows around the screen parse in about a millisecond;
    a construct that begins above the window (a block scalar) may be coloured
    as plain text there, ``HIGHLIGHT_MARGIN`` rows off the screen.
    """

    def __init__(self, language: Any, query: Any) -> None:
        from tree_sitter import Parser

        self._parser = Parser(language)
        self._query = query

    @classmethod
    def of(cls, name: str) -> WindowHighlighter | None:
        """For Textual's built-in language ``name``; None without tree-sitter or the language."""
        from textual._tree_sitter import TREE_SITTER, get_language

        if not TREE_SITTER:
            return None
        language = get_language(name)
        query_text = TextArea._get_builtin_highlight_query(name)
        if language is None or not query_text:
            return None
        from tree_sitter import Query

        return cls(language, Query(language, query_text))

    def highlights(
        self, lines: list[str], first: int, last: int
    ) -> defaultdict[int, list[tuple[int, int | None, str]]]:
        """The highlights of rows ``first`` to ``last`` (0-based, inclusive), laid
        out as ``TextArea._build_highlight_map`` lays them out (byte columns)."""
        from tree_sitter import QueryCursor

        highlights: defaultdict[int, list[tuple[int, int | None, str]]] = defaultdict(list)
        text = "\n".join(lines[first : last + 1]).encode("utf-8")
        tree = self._parser.parse(text)
        captures = QueryCursor(self._query).captures(tree.root_node)
        for name, nodes in captures.items():
            for node in nodes:
                start_row, start_column = node.start_point
                end_row, end_column = node.end_point
                start_row += first
                end_row += first
                if start_row == end_row:
                    highlights[start_row].append((start_column, end_column, name))
                    continue
                highlights[start_row].append((start_column, None, name))
                for row in range(start_row + 1, end_row):
                    highlights[row].append((0, None, name))
                highlights[end_row].append((0, end_column, name))
        return highlights


class QuickTextArea(TextArea):
    """Textual's ``TextArea`` on the fast documents (``fast_documents``): the
    call's notes and multiline fields, and the editor's text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with fast_documents():
            super().__init__(*args, **kwargs)

    def _set_document(self, text: str, language: str | None) -> None:
        with fast_documents():
            super()._set_document(text, language)
