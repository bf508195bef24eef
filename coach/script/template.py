"""``{id}`` templates: parse, list the ids they use, render with placeholders.

The only syntax is ``{id}`` (id matches ``[a-z][a-z0-9_]*``) and the literal
braces ``{{`` and ``}}``. Rendering returns segments rather than markup, so a
value the user typed (``[bold]``, ``[/]``) is always shown as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_ID = re.compile(r"[a-z][a-z0-9_]*")


class TemplateError(ValueError):
    """A template that cannot be parsed; ``offset`` is the index in the text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class Segment:
    """A run of rendered text; ``field`` is set where a value was inserted."""

    text: str
    #: The variable or capture id this segment came from, or None for literal text.
    field: str | None = None
    #: True when the field had no value and ``text`` is the visible placeholder.
    missing: bool = False


Part = str | tuple[str, int]  # literal text, or (id, offset of its "{")


def parse(template: str) -> list[Part]:
    """Split a template into literal strings and ``(id, offset)`` references."""
    parts: list[Part] = []
    buf: list[str] = []
    i = 0
    n = len(template)
    while i < n:
        ch = template[i]
        if ch == "{":
            if template.startswith("{{", i):
                buf.append("{")
                i += 2
                continue
            close = template.find("}", i + 1)
            if close == -1:
                raise TemplateError("'{' is not closed; write '{{' for a literal brace", i)
            name = template[i + 1 : close]
            if not _ID.fullmatch(name):
                shown = name if len(name) <= 30 else name[:27] + "..."
                raise TemplateError(
                    f"'{{{shown}}}' is not a field reference: use {{id}} with a "
                    "lowercase id, or '{{' for a literal brace",
                    i,
                )
            if buf:
                parts.append("".join(buf))
                buf = []
            parts.append((name, i))
            i = close + 1
            continue
        if ch == "}":
            if template.startswith("}}", i):
                buf.append("}")
                i += 2
                continue
            raise TemplateError("'}' has no matching '{'; write '}}' for a literal brace", i)
        buf.append(ch)
        i += 1
    if buf:
        parts.append("".join(buf))
    return parts


def field_ids(template: str) -> list[str]:
    """The ids a template refers to, in order (may repeat)."""
    return [p[0] for p in parse(template) if isinstance(p, tuple)]


def placeholder(field_id: str) -> str:
    return f"[{field_id}]"


def render_segments(template: str, values: Mapping[str, str]) -> list[Segment]:
    """Render to segments; an empty or missing value becomes ``[id]``.

    A template that does not parse (the loader rejects those, so this only
    happens with text from elsewhere) is returned as one literal segment.
    """
    try:
        parts = parse(template)
    except TemplateError:
        return [Segment(template)]
    out: list[Segment] = []
    for part in parts:
        if isinstance(part, str):
            out.append(Segment(part))
            continue
        name = part[0]
        value = values.get(name, "")
        if value and value.strip():
            out.append(Segment(value, field=name))
        else:
            out.append(Segment(placeholder(name), field=name, missing=True))
    return out


def render(template: str, values: Mapping[str, str]) -> str:
    """Render to plain text, with ``[id]`` for fields that have no value."""
    return "".join(s.text for s in render_segments(template, values))
