"""Read a script's bytes and YAML into plain nodes that know where they were written.

Nothing is ever constructed: the file is read as a stream of parser events
(libyaml's when available) and turned into :class:`YScalar`, :class:`YSeq` and
:class:`YMap` nodes that keep each scalar's text exactly as written, its
explicit tag if any and its 1-based line and column. Building the tree from
events rather than with ``yaml.compose`` also lets us

* refuse tags other than ``!!str !!int !!float !!bool !!null !!seq !!map``
  (``!!python/object`` and friends never reach a constructor),
* stop at the alias that would make the document expand past
  :data:`MAX_ALIAS_EXPANSION` nodes (a "billion laughs" file costs no more
  than its own size),
* stop at :data:`MAX_DEPTH` levels of nesting (libyaml's composer recurses in
  C and crashes on deep enough nesting; its scanner is quadratic in depth),
* skip the per-scalar implicit tag resolution that makes ``yaml.compose``
  slow; the checker resolves the few typed fields (``format``, ``seconds``,
  ``required``) itself.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from coach.script.controls import CONTROLS, control_names, visible
from coach.script.indenthint import misplaced_list_item
from coach.script.model import MAX_BYTES, Finding, ScriptError

#: Aliases may add at most this many nodes to the document.
MAX_ALIAS_EXPANSION = 10_000
#: Collections nested deeper than this are refused (a script needs about 6).
MAX_DEPTH = 100

_PARSER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, SEQ, MAP = (
    _T + t for t in ("str", "int", "float", "bool", "null", "seq", "map")
)
_SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, "!"})
_MAP_TAGS = frozenset({MAP, "!"})
_SEQ_TAGS = frozenset({SEQ, "!"})
#: Tag given to a node whose explicit tag was refused (already reported).
BAD = "<refused tag>"

_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class YNode:
    """A node of the document; ``line``/``column`` are 1-based."""

    __slots__ = ("column", "end", "line", "start", "tag")

    def __init__(self, mark: Any, tag: str | None) -> None:
        self.line: int = mark.line + 1
        self.column: int = mark.column + 1
        #: Character offsets of the node in the text (end set for scalars only).
        self.start: int = mark.index
        self.end: int = mark.index
        #: The explicit tag (``None`` when none was written), or :data:`BAD`.
        self.tag: str | None = tag


class YScalar(YNode):
    __slots__ = ("style", "value")

    def __init__(self, event: Any, tag: str | None) -> None:
        super().__init__(event.start_mark, tag)
        self.end = event.end_mark.index
        self.value: str = event.value
        #: ``""`` plain, ``'`` / ``"`` quoted, ``|`` / ``>`` block.
        self.style: str = event.style or ""

    @property
    def is_null(self) -> bool:
        """True for ``~``, ``null``, an empty value or an explicit ``!!null``."""
        if self.tag == NULL:
            return True
        return self.tag is None and not self.style and self.value in _NULL_WORDS


class YSeq(YNode):
    __slots__ = ("flow", "items")

    def __init__(self, event: Any, tag: str | None) -> None:
        super().__init__(event.start_mark, tag)
        self.items: list[YNode] = []
        self.flow: bool = bool(event.flow_style)


class YMap(YNode):
    __slots__ = ("flow", "items", "pairs")

    def __init__(self, event: Any, tag: str | None) -> None:
        super().__init__(event.start_mark, tag)
        #: Keys and values in turn while the mapping is read; see ``pairs``.
        self.items: list[YNode] = []
        self.pairs: list[tuple[YNode, YNode]] = []
        self.flow: bool = bool(event.flow_style)


def kind(node: YNode) -> str:
    """How a node would be described to someone who does not know YAML."""
    if isinstance(node, YMap):
        return "a mapping (key: value lines)"
    if isinstance(node, YSeq):
        return "a list"
    if isinstance(node, YScalar) and node.is_null:
        return "nothing"
    return "text"


# ----------------------------------------------------------------- reading
def _finding(file: str, line: int, column: int, message: str) -> Finding:
    return Finding(file, line, column, "error", message)


def decode(data: bytes, file: str) -> str:
    """UTF-8 (a byte order mark is fine) or ScriptError with the bad byte's place."""
    if len(data) > MAX_BYTES:
        raise ScriptError([_too_big(file, len(data))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        byte = data[exc.start]
        raise ScriptError(
            [
                _finding(
                    file,
                    line,
                    column,
                    f"the file is not UTF-8 text (byte 0x{byte:02x} here); "
                    "save it as UTF-8 in your editor",
                )
            ]
        ) from None


def _too_big(file: str, size: int) -> Finding:
    mib = size / (1024 * 1024)
    return _finding(
        file,
        1,
        1,
        f"the file is {mib:.1f} MiB; a script may be at most 8 MiB, split it or remove "
        "what it does not need",
    )


def read(path: Path) -> str:
    """The text of a script file; ScriptError (``unreadable`` when it cannot be read).

    Only a regular file is read: a pipe, a device or a folder is refused at
    once (a FIFO named ``x.yaml`` used to freeze every command).
    """
    from coach.script.files import NotARegularFile, TooBig, read_regular

    file = str(path)
    try:
        data, _st = read_regular(path, MAX_BYTES)
    except TooBig as exc:
        raise ScriptError([_too_big(file, exc.size)]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, NotARegularFile):
            reason = f"it is {exc.kind}, not a regular file"
        elif isinstance(exc, FileNotFoundError):
            reason = "there is no such file"
        elif isinstance(exc, PermissionError):
            reason = "permission denied"
        elif exc.errno == errno.ELOOP:
            reason = "its links loop back on themselves"
        raise ScriptError(
            [_finding(file, 1, 1, f"the file could not be read: {reason}")], unreadable=True
        ) from None
    return decode(data, file)


def text_size_ok(text: str) -> bool:
    if len(text) * 4 <= MAX_BYTES:
        return True
    return len(text) <= MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) <= MAX_BYTES


# ------------------------------------------------------------------ parsing
def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def _controls_warning(file: str, node: YNode) -> Finding:
    """A warning for a scalar holding control characters, which it now shows
    as pictures (its value is changed here, once, for every reader)."""
    assert isinstance(node, YScalar)
    names = ", ".join(control_names(node.value))
    node.value = visible(node.value)
    return Finding(
        file,
        node.line,
        node.column,
        "warning",
        f"this text holds control characters ({names}) that could drive the terminal "
        "(clear the screen, write the clipboard); they are shown as symbols such as ␛, "
        "remove them",
    )


def compose(text: str, file: str) -> tuple[YNode | None, list[Finding]]:
    """Read ``text`` into nodes.

    Returns the root (None for an empty document or when reading had to stop)
    and the findings: errors (YAML syntax, refused tags, aliases, nesting) and
    warnings (control characters, shown as pictures in the values).
    """
    errors: list[Finding] = []
    root: YNode | None = None
    stack: list[YSeq | YMap] = []
    anchors: dict[str, YNode] = {}
    #: Expanded size of each anchored node; missing while it is still open.
    sizes: dict[int, int] = {}
    #: For open anchored collections: (anchor, nodes created, expansion) at their start.
    opened: dict[int, tuple[int, int]] = {}
    created = 0
    expansion = 0
    documents = 0

    def fatal(mark: Any, message: str) -> tuple[None, list[Finding]]:
        errors.append(_finding(file, mark.line + 1, mark.column + 1, message))
        return None, errors

    def add(node: YNode) -> None:
        nonlocal root
        if stack:
            stack[-1].items.append(node)
        else:
            root = node

    def checked_tag(event: Any, allowed: frozenset[str], what: str) -> str | None:
        tag: str | None = event.tag
        if tag is None or tag in allowed:
            return None if tag == "!" else tag
        mark = event.start_mark
        shown = _tag_name(tag)
        if tag in _SCALAR_TAGS or tag in (SEQ, MAP):
            message = f"the tag '{shown}' does not fit {what}; remove the tag"
        else:
            message = (
                f"the tag '{shown}' is not allowed; scripts may only use "
                "!!str !!int !!float !!bool !!null !!seq !!map, and most need no tag at all"
            )
        errors.append(_finding(file, mark.line + 1, mark.column + 1, message))
        return BAD

    events: Iterator[Any] = yaml.parse(text, Loader=_PARSER)
    try:
        for event in events:
            cls = type(event)
            if cls is yaml.ScalarEvent:
                node: YNode = YScalar(event, checked_tag(event, _SCALAR_TAGS, "text"))
                if CONTROLS.search(event.value) is not None:
                    errors.append(_controls_warning(file, node))
                created += 1
                if event.anchor is not None:
                    anchors[event.anchor] = node
                    sizes[id(node)] = 1
                add(node)
            elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    return fatal(event.start_mark, _depth_message())
                collection: YMap | YSeq
                if cls is yaml.MappingStartEvent:
                    collection = YMap(event, checked_tag(event, _MAP_TAGS, "a mapping"))
                else:
                    collection = YSeq(event, checked_tag(event, _SEQ_TAGS, "a list"))
                created += 1
                if event.anchor is not None:
                    anchors[event.anchor] = collection
                    opened[id(collection)] = (created, expansion)
                add(collection)
                stack.append(collection)
            elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                done = stack.pop()
                if isinstance(done, YMap):
                    items = done.items
                    done.pairs = list(zip(items[0::2], items[1::2], strict=False))
                    done.items = []
                start = opened.pop(id(done), None)
                if start is not None:
                    sizes[id(done)] = 1 + created - start[0] + expansion - start[1]
            elif cls is yaml.AliasEvent:
                target = anchors.get(event.anchor)
                if target is None:
                    return fatal(
                        event.start_mark,
                        f"the alias '*{event.anchor}' names no anchor '&{event.anchor}' "
                        "written before it",
                    )
                size = sizes.get(id(target))
                if size is None:
                    return fatal(
                        event.start_mark,
                        f"the alias '*{event.anchor}' is inside the very thing it names, "
                        "which would never end; write the value out instead",
                    )
                expansion += size
                if expansion > MAX_ALIAS_EXPANSION:
                    return fatal(
                        event.start_mark,
                        f"aliases would expand this file to more than "
                        f"{MAX_ALIAS_EXPANSION:,} extra nodes; write the values out "
                        "instead of repeating aliases",
                    )
                add(target)
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    return fatal(
                        event.start_mark,
                        "the file holds more than one YAML document ('---'); "
                        "a script is one document, remove the second '---' or split the file",
                    )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and _PARSER_DEPTH_LIMIT in str(exc):
            return _too_deep(text, file, mark)
        errors.append(syntax_error(exc, text, file))
        return None, errors
    finally:
        close = getattr(events, "close", None)
        if close is not None:
            close()
    return root, errors


def _too_deep(text: str, file: str, mark: Any) -> tuple[None, list[Finding]]:
    """Our nesting limit and message, when the parser stopped at its own limit first.

    libyaml 0.2.6 (in PyYAML 6.0.4) refuses nesting past 1,000 levels while it
    scans ahead of the events (up to 1,024 characters for a possible key), so
    it can stop before our :data:`MAX_DEPTH` is reached through the events.
    The text before where it stopped is nested deeper than ours allows, so
    reading that part again reports our limit at the same place whatever the
    PyYAML version.
    """
    prefix = text[: max(0, min(mark.index, len(text)))]
    if prefix != text:
        _, found = compose(prefix, file)
        if found and _OUR_DEPTH_MESSAGE in found[0].message:
            return None, found[:1]
    message = _depth_message()
    return None, [_finding(file, mark.line + 1, mark.column + 1, message)]


def _depth_message() -> str:
    return (
        f"lists and mappings are nested more than {MAX_DEPTH} levels deep "
        "here; a script needs only a few levels"
    )


#: What libyaml's own nesting limit says (PyYAML 6.0.4 and newer).
_PARSER_DEPTH_LIMIT = "exceeded maximum nesting depth"
_OUR_DEPTH_MESSAGE = f"nested more than {MAX_DEPTH} levels deep"


# ------------------------------------------------------------ syntax errors
_STARTS_FLOW = re.compile(r"(?:^|:\s|-\s)\s*[\[{]")


def syntax_error(exc: yaml.YAMLError, text: str, file: str) -> Finding:
    """A YAML syntax error as a finding with a hint for the usual mistakes."""
    line, column = 1, 1
    problem = str(exc)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
            end = len(text.rstrip())
            if mark.index >= end:
                # Found at the end of the file: the cause is earlier, where the
                # unfinished thing began (an open quote, a '[' never closed).
                before = exc.context_mark
                index = before.index if before is not None and before.index < end else end - 1
                line, column = _line_column(text, max(index, 0))
        problem = exc.problem or exc.context or "the YAML could not be read"
    elif isinstance(exc, yaml.reader.ReaderError):
        position = min(max(exc.position, 0), len(text))
        if _PARSER is not yaml.SafeLoader:
            # libyaml counts bytes; map the offset back to characters.
            position = len(
                text.encode("utf-8", "surrogatepass")[: exc.position].decode("utf-8", "ignore")
            )
        line, column = _line_column(text, position)
        problem = "this character is not allowed in a YAML file (a control character?)"
    lines = text.split("\n", line)
    source = lines[line - 1] if line - 1 < len(lines) else ""
    indent = source[: len(source) - len(source.lstrip(" \t"))]
    if "\t" in indent:
        return _finding(
            file,
            line,
            indent.index("\t") + 1,
            "YAML syntax: a tab is used to indent this line; YAML indents with "
            "spaces only, replace the tab with spaces",
        )
    misplaced = misplaced_list_item(text, line, column)
    if misplaced is not None:
        return _finding(file, line, column, misplaced)
    hint = _hint(problem, source, text, line)
    return _finding(file, line, column, f"YAML syntax: {problem}{hint}")


def _line_column(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _hint(problem: str, source: str, text: str, line: int) -> str:
    previous = text.split("\n", line)[line - 2] if line >= 2 else ""
    if "\t" in source or "'\\t'" in problem:
        return "; YAML indents with spaces only, replace the tab with spaces"
    if "mapping values are not allowed" in problem:
        return "; text that contains ': ' must be put in quotes, e.g. say: \"Note: ...\""
    if _STARTS_FLOW.search(source) or _STARTS_FLOW.search(previous):
        return (
            "; text that starts with '{' or '[' must be put in quotes, "
            'e.g. label: "{interviewer} is on the line"'
        )
    if "end of stream" in problem and ('"' in text or "'" in text):
        return "; a quote may not be closed"
    if "cannot start any token" in problem:
        return "; text that starts with '@', '`' or '%' must be put in quotes"
    if "expected <block end>" in problem or "expected key" in problem:
        return "; check the indentation: keys of one mapping line up under each other"
    return ""
