"""What the in-app editor does with a script's text, without a screen.

Check one version of the text (:func:`analyse`), read a file for editing
without ever raising (:func:`read_for_editing`), and the rules behind the
editor's keys: the indentation Enter gives (:func:`newline_indent`,
:func:`indent_unit`), find (:func:`find`), go to line
(:func:`parse_line_number`) and whether the panels start folded
(:func:`panels_start_folded`). The editor screen (:mod:`coach.tui.screens.editor`)
calls these; another program edits the text through :mod:`coach.script.external`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from coach.script.model import MAX_BYTES, Finding, Script, Source
from coach.script.newscript import describe_os_error


@dataclass(frozen=True)
class Analysis:
    """What the checker says about one version of the text."""

    text: str
    findings: tuple[Finding, ...]
    #: The loaded script when the text has no errors.
    script: Script | None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


def analyse(text: str, path: Path) -> Analysis:
    """Check ``text`` as the file ``path``: its findings and, without errors, its Script."""
    from coach import locations
    from coach.script.check import analyse as check_analyse

    source: Source = "user" if path.parent == locations.user_scripts_dir() else "path"
    findings, script = check_analyse(text, str(path), path=path, source=source)
    return Analysis(text, tuple(findings), script)


@dataclass(frozen=True)
class Opened:
    """The file's text as read when the editor opened it."""

    text: str
    exists: bool
    #: The bytes were not UTF-8; ``text`` has U+FFFD where they could not be read.
    lossy: bool = False
    #: Why the file could not be read at all (the editor starts empty).
    error: str | None = None


def read_for_editing(path: Path) -> Opened:
    """Read a script file for the editor; never raises."""
    from coach.script.files import NotARegularFile, TooBig, read_regular

    try:
        data, _st = read_regular(path, MAX_BYTES)
    except TooBig:  # the loader refuses larger files too
        return Opened("", True, error=f"{path} is larger than 8 MiB; it cannot be edited here")
    except NotARegularFile as exc:
        return Opened("", True, error=f"{path} is {exc.kind}, not a file; it cannot be edited")
    except FileNotFoundError:
        return Opened("", False)
    except OSError as exc:
        return Opened("", True, error=describe_os_error(exc, path, reading=True))
    try:
        return Opened(data.decode("utf-8"), True)
    except UnicodeDecodeError:
        return Opened(data.decode("utf-8", errors="replace"), True, lossy=True)


# ------------------------------------------------------------- typing keys
def _code_part(line: str) -> str:
    """``line`` without a trailing ``# comment`` (a ``#`` inside quotes is text)."""
    quote = ""
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"" and (i == 0 or line[i - 1] in " \t:[{,-"):
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
    return line


#: What ends a line that opens a block: a key (``choices:``) or a block text (``say: |``).
_OPENS_BLOCK = re.compile(r"(?::|:\s+[|>][-+0-9]*)\Z")


def newline_indent(before_cursor: str, unit: int = 2) -> str:
    """The spaces that Enter puts at the start of the new line.

    ``before_cursor`` is the current line up to the cursor. The new line keeps
    its indentation; after a line that ends with ``:`` (a trailing comment and
    spaces aside) it goes one ``unit`` deeper, under the key's name when the
    line is a list item (``- say:``).
    """
    stripped = before_cursor.lstrip(" ")
    indent = len(before_cursor) - len(stripped)
    if not stripped:
        return " " * len(before_cursor)
    code = _code_part(stripped).rstrip()
    if not code or not _OPENS_BLOCK.search(code):
        return " " * indent
    while code.startswith("- ") or code == "-":  # "- key:" and "- - key:" nest under the key
        rest = code[1:].lstrip(" ")
        indent += len(code) - len(rest)
        code = rest
    return " " * (indent + unit)


def indent_unit(text: str, default: int = 2) -> int:
    """The file's indentation step: the most common increase from one line to the next.

    Blank lines and comments are skipped; a file without nesting gets ``default``.
    """
    steps: Counter[int] = Counter()
    previous = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#") or "\t" in line[: len(line) - len(stripped)]:
            continue
        indent = len(line) - len(stripped)
        if 0 < indent - previous <= 8:
            steps[indent - previous] += 1
        previous = indent
    return steps.most_common(1)[0][0] if steps else default


# ------------------------------------------------------------------ finding
@dataclass(frozen=True)
class Match:
    """Where :func:`find` found the text: 0-based row and column, and its length."""

    row: int
    column: int
    length: int
    #: The search went past the end (or the start, searching back) to find it.
    wrapped: bool
    #: This is match ``number`` of ``total`` in the text (1-based).
    number: int
    total: int

    @property
    def end(self) -> tuple[int, int]:
        return (self.row, self.column + self.length)


def _offsets(lines: list[str]) -> list[int]:
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return starts


def find(
    lines: list[str], query: str, start: tuple[int, int], *, backwards: bool = False
) -> Match | None:
    """The next place of ``query`` from ``start`` (row, column), wrapping around.

    Searching forwards a match may begin at ``start``; backwards it must end
    before it. Case is ignored unless ``query`` has a capital letter. A match
    never spans lines. None when the text does not contain it.
    """
    if not query or "\n" in query:
        return None
    fold = query == query.lower()
    text = "\n".join(lines)
    haystack, needle = (text.lower(), query.lower()) if fold else (text, query)
    places = []
    at = haystack.find(needle)
    while at != -1:
        places.append(at)
        at = haystack.find(needle, at + 1)
    if not places:
        return None
    starts = _offsets(lines)
    row = max(0, min(start[0], len(lines) - 1))
    offset = starts[row] + min(max(start[1], 0), len(lines[row]))
    if backwards:
        before = [p for p in places if p + len(needle) <= offset]
        index, wrapped = (places.index(before[-1]), False) if before else (len(places) - 1, True)
    else:
        after = [p for p in places if p >= offset]
        index, wrapped = (places.index(after[0]), False) if after else (0, True)
    place = places[index]
    row = bisect.bisect_right(starts, place) - 1
    return Match(row, place - starts[row], len(query), wrapped, index + 1, len(places))


# ------------------------------------------------------------- go to line
def parse_line_number(typed: str, line_count: int) -> tuple[int, int]:
    """``14`` or ``14:7`` as a 1-based (line, column); ValueError says what is wrong."""
    text = typed.strip()
    if not text:
        raise ValueError("Type a line number, for example 14 (or 14:7 for a column)")
    line_part, _, column_part = text.partition(":")
    if not line_part.isdigit() or (column_part and not column_part.isdigit()):
        raise ValueError(f"'{text}' is not a line number: type digits, for example 14 or 14:7")
    line, column = int(line_part), int(column_part or "1")
    if not 1 <= line <= line_count:
        lines = f"{line_count} line{'s' * (line_count != 1)}"
        raise ValueError(f"There is no line {line}: the text has {lines} (1 to {line_count})")
    if column < 1:
        raise ValueError("Columns start at 1")
    return line, column


# ------------------------------------------------------------------ layout
#: Below this many rows, with the panels under the text, they start folded.
FOLD_BELOW_ROWS = 32
#: From this many columns on, the panels sit beside the text (the screen's breakpoint).
SIDE_BY_SIDE_COLUMNS = 100


def panels_start_folded(width: int, height: int) -> bool:
    """Fold the side panels at first on a small terminal, so the text gets most rows.

    Beside the text (a wide terminal) the panels take no rows; under it, on a
    short terminal, they would take a third of them.
    """
    return width < SIDE_BY_SIDE_COLUMNS and height < FOLD_BELOW_ROWS
