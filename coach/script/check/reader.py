"""Read YAML nodes as the typed fields of a script, and keep every finding.

A :class:`Reader` is what every phase of the check is given: it turns nodes
into text, ids, booleans and whole numbers (reporting, never raising, when a
value does not fit) and collects the findings in the order they were found.
It holds nothing about the script itself; what one phase learns and another
needs (node ids, variables, captures, template references) is returned by the
first and passed to the second.

Typed fields are read as YAML 1.2 would: ``required`` takes ``true`` or
``false`` (``yes``/``no``/``on``/``off`` are refused with a hint, so a file
means the same in every editor), ``format`` and ``seconds`` take a plain
decimal integer. A quoted value is text, so ``seconds: "30"`` is an error.
Every text field keeps the scalar as written: ``Yes``, ``3.10`` and
``2026-03-01`` stay text. Trailing line breaks of ``|`` and ``>`` blocks are
dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.script import template
from coach.script.model import ID_PATTERN, FieldType, Finding, Position
from coach.script.yamlnodes import BAD, BOOL, INT, YMap, YNode, YScalar, YSeq, kind

_ID = re.compile(ID_PATTERN)
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML11_BOOLS = frozenset(
    {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
)
_FIELD_TYPES: tuple[FieldType, ...] = ("text", "date", "multiline")

#: Suggestions cost a scan of the candidates; a file full of typos gets the first ones.
MAX_SUGGESTIONS = 200

#: The keys of a mapping: name -> (key node, value node).
Fields = dict[str, tuple[YScalar, YNode]]


#: An id used by a template or an ``if``, checked once every capture is known:
#: (id, scalar, offset of its ``{`` in the value or -1 for an ``if``, where it was
#: written as findings name it). A plain tuple: a script has one per template field.
Ref = tuple[str, YScalar, int, str]


def null(node: YNode) -> bool:
    """True for an empty value, ``~`` or ``null``."""
    return isinstance(node, YScalar) and node.is_null


def pos(node: YNode) -> Position:
    return Position(node.line, node.column)


def _fix_id(text: str) -> str:
    fixed = re.sub(r"[^a-z0-9_]+", "_", text.strip().lower()).strip("_")
    fixed = re.sub(r"^[0-9_]+", "", fixed)
    return fixed if _ID.fullmatch(fixed) else ""


class Reader:
    """Typed reads of one script's nodes, and the findings they gave, in order."""

    def __init__(self, source: str, file: str) -> None:
        #: The text the nodes were read from (to place a template error exactly).
        self.source = source
        self.file = file
        self.findings: list[Finding] = []
        self.errors = 0
        self._suggestions = 0
        #: Ids already seen to be well formed (targets repeat the same few ids).
        self._good_ids: set[str] = set()

    # ------------------------------------------------------------ reporting
    def error(self, at: YNode | tuple[int, int], message: str) -> None:
        line, column = (at.line, at.column) if isinstance(at, YNode) else at
        self.findings.append(Finding(self.file, line, column, "error", message))
        self.errors += 1

    def warn(self, at: YNode, message: str) -> None:
        self.findings.append(Finding(self.file, at.line, at.column, "warning", message))

    def suggest(self, word: str, choices: Sequence[str]) -> str:
        """``; did you mean 'x'?`` or an empty string."""
        if self._suggestions >= MAX_SUGGESTIONS or not choices:
            return ""
        self._suggestions += 1
        import difflib

        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        if not close and word.lower() != word:
            close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
        return f"; did you mean '{close[0]}'?" if close else ""

    def missing(self, at: YNode, ctx: str, key: str, example: str) -> None:
        self.error(at, f"{ctx}'{key}' is missing; add it, e.g. '{example}'")

    def not_mapping(self, node: YNode, ctx: str, what: str) -> None:
        if node.tag is not BAD:
            self.error(
                node, f"{ctx}{what} must be a mapping of 'key: value' lines, not {kind(node)}"
            )

    # ----------------------------------------------------------- collections
    def fields(self, node: YNode, known: Sequence[str], ctx: str, what: str) -> Fields | None:
        """The keys of a mapping; reports unknown and duplicate keys."""
        if not isinstance(node, YMap):
            self.not_mapping(node, ctx, what)
            return None
        out: Fields = {}
        for key, value in node.pairs:
            if not isinstance(key, YScalar):
                self.error(
                    key, f"{ctx}a key must be a plain word such as '{known[0]}', not {kind(key)}"
                )
                continue
            name = key.value
            if name in out:
                first = out[name][0]
                self.error(
                    key, f"{ctx}'{name}' is given twice (first on line {first.line}); keep only one"
                )
                continue
            out[name] = (key, value)
            if name not in known:
                if name == "<<":
                    self.error(
                        key, f"{ctx}YAML merge keys ('<<') are not supported; write the keys out"
                    )
                    continue
                hint = self.suggest(name, known)
                if not hint:
                    hint = "; the keys here are " + ", ".join(f"'{k}'" for k in known)
                self.error(key, f"{ctx}'{name}' is not a known key{hint}")
        return out

    def items(self, node: YNode, ctx: str, what: str) -> list[YNode] | None:
        """The entries of a list (an empty value is an empty list); None when not a list."""
        if isinstance(node, YSeq):
            return node.items
        if null(node):
            return []
        if node.tag is not BAD:
            self.error(
                node, f"{ctx}{what} must be a list (lines starting with '- '), not {kind(node)}"
            )
        return None

    # --------------------------------------------------------------- scalars
    def text(
        self,
        node: YNode,
        ctx: str,
        key: str,
        *,
        required: bool = True,
        refs: list[Ref] | None = None,
    ) -> str | None:
        """The text of a scalar as written; None (reported) when it is not text.

        With ``refs`` the text is a template: its syntax is checked and the ids
        it uses are added to ``refs``.
        """
        if isinstance(node, YScalar):
            if node.tag is BAD:
                return None
            if node.is_null:
                if required:
                    self.error(node, f"{ctx}'{key}' is empty; write the text after '{key}:'")
                return None
            value = node.value
            if node.style in ("|", ">"):
                value = value.rstrip("\n")
            if required and not value.strip():
                self.error(node, f"{ctx}'{key}' is empty; write the text after '{key}:'")
                return None
            if refs is not None and ("{" in value or "}" in value):
                self._template(value, node, f"{ctx}'{key}'", refs)
            return value
        if node.tag is not BAD:
            self.error(node, f"{ctx}'{key}' must be text, not {kind(node)}{_flow_hint(node)}")
        return None

    def _template(self, value: str, node: YScalar, where: str, refs: list[Ref]) -> None:
        try:
            parts = template.parse(value)
        except template.TemplateError as exc:
            self.error(self.place(node, exc.offset), f"{where}: {exc.message}")
            return
        for part in parts:
            if isinstance(part, tuple):
                refs.append((part[0], node, part[1], where))

    def place(self, node: YScalar, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset`` of a scalar's value, when knowable."""
        raw = self.source[node.start : node.end]
        if "\n" not in raw:
            if not node.style and raw == node.value:
                return node.line, node.column + offset
            if node.style in ("'", '"') and raw[1:-1] == node.value:
                return node.line, node.column + 1 + offset
        return node.line, node.column

    def ident(self, node: YNode, ctx: str, what: str) -> str | None:
        """An id (``[a-z][a-z0-9_]*``); None (reported) otherwise."""
        if node.tag is BAD:
            return None
        if not isinstance(node, YScalar) or node.is_null:
            self.error(node, f"{ctx}{what} must be an id such as 'status', not {kind(node)}")
            return None
        value = node.value
        if value in self._good_ids:
            return value
        if _ID.fullmatch(value):
            self._good_ids.add(value)
            return value
        fixed = _fix_id(value)
        hint = f" (try '{fixed}')" if fixed else ""
        self.error(
            node,
            f"{ctx}{what} '{value}' is not a valid id: use lowercase letters, "
            f"digits and '_', starting with a letter{hint}",
        )
        return None

    def boolean(self, node: YNode, ctx: str, key: str) -> bool | None:
        if isinstance(node, YScalar) and (
            node.tag == BOOL or (node.tag is None and not node.style)
        ):
            if node.value in _TRUE:
                return True
            if node.value in _FALSE:
                return False
        if node.tag is BAD:
            return None
        if isinstance(node, YScalar) and node.value in _YAML11_BOOLS:
            self.error(
                node,
                f"{ctx}'{key}' must be true or false; write "
                f"{'true' if node.value.lower() in ('yes', 'on') else 'false'} "
                f"instead of '{node.value}'",
            )
        else:
            shown = f"'{node.value}'" if isinstance(node, YScalar) else kind(node)
            self.error(node, f"{ctx}'{key}' must be true or false, not {shown}")
        return None

    def integer(self, node: YNode, ctx: str, key: str, example: str) -> int | None:
        if (
            isinstance(node, YScalar)
            and node.tag in (None, INT)
            and (not node.style or node.tag == INT)
            and _DECIMAL.fullmatch(node.value)
        ):
            return int(node.value.replace("_", ""))
        if node.tag is BAD:
            return None
        if isinstance(node, YScalar) and node.style in ("'", '"'):
            shown = "text in quotes; remove the quotes"
        elif isinstance(node, YScalar):
            shown = f"'{node.value}'"
        else:
            shown = kind(node)
        self.error(node, f"{ctx}'{key}' must be a whole number such as {example}, not {shown}")
        return None

    def field_type(self, node: YNode, ctx: str) -> FieldType:
        value = self.text(node, ctx, "type")
        if value is None:
            return "text"
        for known in _FIELD_TYPES:
            if value == known:
                return known
        hint = self.suggest(value, _FIELD_TYPES) or "; use text, date or multiline"
        self.error(node, f"{ctx}type '{value}' is not a field type{hint}")
        return "text"


def _flow_hint(node: YNode) -> str:
    if isinstance(node, YMap | YSeq) and node.flow:
        return (
            "; text that starts with '{' or '[' must be put in quotes, "
            'e.g. say: "{interviewer} is on the line"'
        )
    return ""
