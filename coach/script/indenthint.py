"""Say "indent this list item" when a YAML error is a list item out of line.

A line pasted at the wrong column inside a list (``- {label: Yes, next: x}``
at column 1 under a ``choices:`` whose items are at column 7) makes the YAML
parser stop at that line with a message about keys or block ends that reads
like a quoting problem. :func:`misplaced_list_item` recognises the case from
where the parser stopped and the lines above it, and says what the
indentation should be. Pure: no YAML library here, only the text.
"""

from __future__ import annotations


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_item(stripped: str) -> bool:
    return stripped == "-" or stripped.startswith("- ")


def _is_content(stripped: str) -> bool:
    return bool(stripped) and not stripped.startswith("#")


def _spaces(n: int) -> str:
    return f"{n} space{'s' * (n != 1)}"


def list_above(lines: list[str], row: int) -> int | None:
    """The 0-based column of the list that the lines above ``row`` (0-based) end in.

    Walks up over blank and comment lines and over lines indented deeper than
    ``row`` (the keys of a list item that is a mapping); the first list item
    met gives the column. A line at or left of ``row``'s column that is not a
    list item ends the search: there is no list above to line up with.
    """
    column = _indent(lines[row])
    for above in range(row - 1, -1, -1):
        stripped = lines[above].strip()
        if not _is_content(stripped):
            continue
        indent = _indent(lines[above])
        if _is_item(stripped):
            return indent
        if indent <= column:
            return None
    return None


def misplaced_list_item(text: str, line: int, column: int) -> str | None:
    """The message for a list item at the wrong column, or None when it is not that.

    ``line`` and ``column`` (1-based) are where the parser stopped. It is this
    case when the parser stopped at the ``-`` of a list item and the list the
    lines above end in starts at another column.
    """
    lines = text.split("\n")
    row = line - 1
    if not 0 <= row < len(lines):
        return None
    source = lines[row].rstrip("\r")
    stripped = source.strip()
    at = _indent(source)
    if not _is_item(stripped) or column - 1 != at or "\t" in source[:at]:
        return None
    lines[row] = source
    expected = list_above(lines, row)
    if expected is None or expected == at:
        return None
    if expected > at:
        fix = f"indent it by {_spaces(expected - at)}"
    else:
        fix = f"move it left by {_spaces(at - expected)}"
    content = stripped[1:].strip()
    if content and content[0] not in "{[\"'" and ": " in content + " ":
        fix += ", and the lines that belong to it by as much"
    return (
        f"YAML indentation: this list item is at column {at + 1} but the list above "
        f"starts at column {expected + 1}; {fix}"
    )
