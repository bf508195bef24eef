"""Validate a call script against SCRIPT_FORMAT.md and build its model.

One linear walk over the nodes of :mod:`coach.script.yamlnodes` collects every
problem (never only the first) with the line and column of the key or value
at fault, and builds the frozen dataclasses of :mod:`coach.script.model` on
the way. Checks that need the whole file (targets, template ids, the
``return`` rule, reachability) run after the walk.

Typed fields are read as YAML 1.2 would: ``required`` takes ``true`` or
``false`` (``yes``/``no``/``on``/``off`` are refused with a hint, so a file
means the same in every editor), ``format`` and ``seconds`` take a plain
decimal integer. A quoted value is text, so ``seconds: "30"`` is an error.
Every text field keeps the scalar as written: ``Yes``, ``3.10`` and
``2026-03-01`` stay text. Trailing line breaks of ``|`` and ``>`` blocks are
dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coach.script import template
from coach.script.graph import Graph
from coach.script.model import (
    ID_PATTERN,
    MAX_CHOICES,
    RESERVED_KEYS,
    RETURN,
    Answer,
    Capture,
    ChecklistItem,
    Choice,
    FieldType,
    Finding,
    Node,
    Position,
    Scenario,
    Script,
    ScriptError,
    SideFlow,
    Source,
    Variable,
)
from coach.script.yamlnodes import (
    BAD,
    BOOL,
    INT,
    YMap,
    YNode,
    YScalar,
    YSeq,
    compose,
    decode,
    kind,
    read,
    text_size_ok,
)

_ID = re.compile(ID_PATTERN)
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML11_BOOLS = frozenset(
    {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"}
)
_FIELD_TYPES: tuple[FieldType, ...] = ("text", "date", "multiline")

TOP_KEYS = (
    "format",
    "title",
    "description",
    "start",
    "variables",
    "checklist",
    "anytime",
    "answers",
    "nodes",
    "practice",
)
NODE_KEYS = ("say", "tips", "capture", "choices", "next", "end", "partner", "seconds")
VARIABLE_KEYS = ("prompt", "type", "required", "default")
CHECKLIST_KEYS = ("id", "text", "why", "required")
CAPTURE_KEYS = ("id", "prompt", "type")
CHOICE_KEYS = ("label", "next", "if")
SIDE_FLOW_KEYS = ("node", "key")
ANSWER_KEYS = ("title", "text")
PRACTICE_KEYS = ("scenarios",)
SCENARIO_KEYS = ("id", "title", "brief", "expect")

#: Suggestions cost a scan of the candidates; a file full of typos gets the first ones.
_MAX_SUGGESTIONS = 200

Fields = dict[str, tuple[YScalar, YNode]]


def _null(node: YNode) -> bool:
    return isinstance(node, YScalar) and node.is_null


def _pos(node: YNode) -> Position:
    return Position(node.line, node.column)


def _fix_id(text: str) -> str:
    fixed = re.sub(r"[^a-z0-9_]+", "_", text.strip().lower()).strip("_")
    fixed = re.sub(r"^[0-9_]+", "", fixed)
    return fixed if _ID.fullmatch(fixed) else ""


class _Checker:
    def __init__(self, text: str, file: str) -> None:
        self.source = text
        self.file = file
        self.findings: list[Finding] = []
        self.errors = 0
        self._suggestions = 0
        #: Ids already seen to be well formed (targets repeat the same few ids).
        self._good_ids: set[str] = set()
        #: Template references and `if`s, checked once every capture is known:
        #: (field id, scalar, offset of "{" or -1, context).
        self.refs: list[tuple[str, YScalar, int, str]] = []
        self.node_ids: dict[str, YScalar] = {}
        self.variables: dict[str, Variable] = {}
        self.variable_keys: dict[str, YScalar] = {}
        self.captures: dict[str, tuple[Capture, str]] = {}

    # ------------------------------------------------------------ reporting
    def error(self, at: YNode | tuple[int, int], message: str) -> None:
        line, column = (at.line, at.column) if isinstance(at, YNode) else at
        self.findings.append(Finding(self.file, line, column, "error", message))
        self.errors += 1

    def warn(self, at: YNode, message: str) -> None:
        self.findings.append(Finding(self.file, at.line, at.column, "warning", message))

    def suggest(self, word: str, choices: Sequence[str]) -> str:
        """``; did you mean 'x'?`` or an empty string."""
        if self._suggestions >= _MAX_SUGGESTIONS or not choices:
            return ""
        self._suggestions += 1
        import difflib

        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        if not close and word.lower() != word:
            close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
        return f"; did you mean '{close[0]}'?" if close else ""

    # --------------------------------------------------------- basic shapes
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

    def _flow_hint(self, node: YNode) -> str:
        if isinstance(node, YMap | YSeq) and node.flow:
            return (
                "; text that starts with '{' or '[' must be put in quotes, "
                'e.g. say: "{interviewer} is on the line"'
            )
        return ""

    def items(self, node: YNode, ctx: str, what: str) -> list[YNode] | None:
        if isinstance(node, YSeq):
            return node.items
        if _null(node):
            return []
        if node.tag is not BAD:
            self.error(
                node, f"{ctx}{what} must be a list (lines starting with '- '), not {kind(node)}"
            )
        return None

    def text(
        self,
        node: YNode,
        ctx: str,
        key: str,
        *,
        required: bool = True,
        is_template: bool = False,
    ) -> str | None:
        """The text of a scalar as written; None (reported) when it is not text."""
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
            if is_template and ("{" in value or "}" in value):
                self.template(value, node, f"{ctx}'{key}'")
            return value
        if node.tag is not BAD:
            self.error(node, f"{ctx}'{key}' must be text, not {kind(node)}{self._flow_hint(node)}")
        return None

    def template(self, value: str, node: YScalar, where: str) -> None:
        try:
            parts = template.parse(value)
        except template.TemplateError as exc:
            self.error(self.place(node, exc.offset), f"{where}: {exc.message}")
            return
        for part in parts:
            if isinstance(part, tuple):
                self.refs.append((part[0], node, part[1], where))

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

    def missing(self, at: YNode, ctx: str, key: str, example: str) -> None:
        self.error(at, f"{ctx}'{key}' is missing; add it, e.g. '{example}'")

    # ------------------------------------------------------------- sections
    def not_mapping(self, node: YNode, ctx: str, what: str) -> None:
        if node.tag is not BAD:
            self.error(
                node, f"{ctx}{what} must be a mapping of 'key: value' lines, not {kind(node)}"
            )

    def variables_section(self, node: YNode) -> None:
        if not isinstance(node, YMap):
            if not _null(node):
                self.not_mapping(node, "", "'variables'")
            return
        seen = self.variable_keys
        for key, value in node.pairs:
            if not isinstance(key, YScalar):
                self.error(key, f"a variable id must be a plain word, not {kind(key)}")
                continue
            var_id = self.ident(key, "", "variable id")
            if key.value in seen:
                self.error(
                    key,
                    f"variable '{key.value}' is given twice (first on line "
                    f"{seen[key.value].line}); keep only one",
                )
                continue
            seen[key.value] = key
            ctx = f"variable '{key.value}': "
            prompt: str | None
            var_type: FieldType = "text"
            required = False
            default = None
            if isinstance(value, YScalar):
                prompt = self.text(value, ctx, "prompt")
            else:
                fields = self.fields(value, VARIABLE_KEYS, ctx, "a variable")
                if fields is None:
                    continue
                prompt = None
                if "prompt" in fields:
                    prompt = self.text(fields["prompt"][1], ctx, "prompt")
                else:
                    self.missing(key, ctx, "prompt", "prompt: Who interviewed you?")
                if "type" in fields:
                    var_type = self.field_type(fields["type"][1], ctx)
                if "required" in fields:
                    required = bool(self.boolean(fields["required"][1], ctx, "required"))
                if "default" in fields:
                    default = self.text(fields["default"][1], ctx, "default", required=False)
            if var_id is not None and prompt is not None:
                self.variables[var_id] = Variable(
                    var_id, prompt, var_type, required, default, _pos(key)
                )

    def checklist_section(self, node: YNode) -> tuple[ChecklistItem, ...]:
        entries = self.items(node, "", "'checklist'")
        out: list[ChecklistItem] = []
        ids: dict[str, int] = {}
        for number, entry in enumerate(entries or (), 1):
            ctx = f"checklist item {number}: "
            auto = f"item_{number}"
            item_id: str | None = auto
            why = ""
            required = False
            at: YNode = entry
            if isinstance(entry, YScalar):
                text = self.text(entry, ctx, "text")
            else:
                fields = self.fields(entry, CHECKLIST_KEYS, ctx, "a checklist item")
                if fields is None:
                    continue
                text = None
                if "id" in fields:
                    at = fields["id"][1]
                    item_id = self.ident(at, ctx, "id")
                if "text" in fields:
                    text = self.text(fields["text"][1], ctx, "text")
                else:
                    self.missing(entry, ctx, "text", "text: Your resume is in front of you")
                if "why" in fields:
                    why = self.text(fields["why"][1], ctx, "why", required=False) or ""
                if "required" in fields:
                    required = bool(self.boolean(fields["required"][1], ctx, "required"))
            if item_id is None or text is None:
                continue
            if item_id in ids:
                self.error(
                    at,
                    f"{ctx}the id '{item_id}' is also the id of checklist item "
                    f"{ids[item_id]}; give one of them another id",
                )
                continue
            ids[item_id] = number
            out.append(ChecklistItem(item_id, text, why, required, _pos(entry)))
        return tuple(out)

    def answers_section(self, node: YNode) -> tuple[Answer, ...]:
        out: list[Answer] = []
        for number, entry in enumerate(self.items(node, "", "'answers'") or (), 1):
            ctx = f"answer {number}: "
            fields = self.fields(entry, ANSWER_KEYS, ctx, "an answer card")
            if fields is None:
                continue
            got: dict[str, str | None] = {}
            for key, example in (("title", "title: Salary"), ("text", "text: Ask their range")):
                if key in fields:
                    got[key] = self.text(fields[key][1], ctx, key, is_template=True)
                else:
                    got[key] = None
                    self.missing(entry, ctx, key, example)
            title, text = got["title"], got["text"]
            if title is not None and text is not None:
                out.append(Answer(title, text, _pos(entry)))
        return tuple(out)

    # ---------------------------------------------------------------- nodes
    def nodes_section(self, holder: YNode, node: YNode | None) -> dict[str, Node]:
        if node is None:
            self.error(
                holder, "'nodes' is missing; add 'nodes:' with the steps of the call under it"
            )
            return {}
        if not isinstance(node, YMap):
            if _null(node):
                self.error(node, "'nodes' has no nodes; a script needs at least one step")
            else:
                self.not_mapping(node, "", "'nodes'")
            return {}
        if not node.pairs:
            self.error(node, "'nodes' has no nodes; a script needs at least one step")
            return {}
        pairs: list[tuple[str, YScalar, YNode]] = []
        for key, value in node.pairs:
            if not isinstance(key, YScalar):
                self.error(key, f"a node id must be a plain word, not {kind(key)}")
                continue
            if key.value in self.node_ids:
                self.error(
                    key,
                    f"node '{key.value}' is given twice (first on line "
                    f"{self.node_ids[key.value].line}); rename or remove one",
                )
                continue
            self.node_ids[key.value] = key
            node_id = self.ident(key, "", "node id")
            if node_id == RETURN:
                self.error(
                    key,
                    "'return' cannot be a node id: 'next: return' means going "
                    "back from a side flow; choose another id",
                )
                node_id = None
            if node_id is not None:
                pairs.append((node_id, key, value))
        return {
            node_id: built
            for node_id, key, value in pairs
            if (built := self.node(node_id, key, value)) is not None
        }

    def target(self, node: YNode, ctx: str, what: str, *, allow_return: bool = False) -> str | None:
        node_id = self.ident(node, ctx, what)
        if node_id is None or node_id in self.node_ids or (allow_return and node_id == RETURN):
            return node_id
        hint = self.suggest(node_id, list(self.node_ids))
        if not hint:
            hint = f"; add a node '{node_id}' under 'nodes' or name an existing one"
        self.error(node, f"{ctx}{what} '{node_id}' is not a node{hint}")
        return None

    def node(self, node_id: str, key: YScalar, value: YNode) -> Node | None:
        ctx = f"node '{node_id}': "
        if _null(value):
            self.error(
                key,
                f"{ctx}the node is empty; give it 'say:' and one of 'choices:', 'next:' or 'end:'",
            )
            return None
        fields = self.fields(value, NODE_KEYS, ctx, "a node")
        if fields is None:
            return None
        say = None
        if "say" in fields:
            say = self.text(fields["say"][1], ctx, "say", is_template=True)
        else:
            self.missing(key, ctx, "say", "say: Hello, this is Sam.")
        tips: list[str] = []
        if "tips" in fields:
            tips_node = fields["tips"][1]
            tip_nodes: list[YNode]
            if isinstance(tips_node, YScalar):
                tip_nodes = [] if tips_node.is_null else [tips_node]
            else:
                tip_nodes = self.items(tips_node, ctx, "'tips'") or []
            for tip in tip_nodes:
                text = self.text(tip, ctx, "tips", is_template=True)
                if text is not None:
                    tips.append(text)
        captures = self.capture_list(node_id, fields["capture"][1]) if "capture" in fields else ()
        # An empty `choices:`/`next:`/`end:` counts as not written.
        ways = [k for k in ("choices", "next", "end") if k in fields and not _null(fields[k][1])]
        if not ways:
            self.error(
                key,
                f"{ctx}the node has no way on: add 'choices:' to branch, "
                "'next: <node id>' to continue, or 'end: <outcome>' to finish the call",
            )
        for extra in ways[1:]:
            self.error(
                fields[extra][0],
                f"{ctx}the node has both '{ways[0]}' and '{extra}'; "
                "a node has exactly one of 'choices', 'next' and 'end'",
            )
        choices: tuple[Choice, ...] = ()
        nxt = end = None
        if "choices" in ways:
            choices = self.choice_list(ctx, fields["choices"][1])
        if "next" in ways:
            nxt = self.target(fields["next"][1], ctx, "next", allow_return=True)
        if "end" in ways:
            end = self.ident(fields["end"][1], ctx, "the outcome")
        partner = None
        if "partner" in fields:
            partner = self.text(
                fields["partner"][1], ctx, "partner", required=False, is_template=True
            )
        seconds = None
        if "seconds" in fields:
            seconds_node = fields["seconds"][1]
            seconds = self.integer(seconds_node, ctx, "seconds", "90")
            if seconds is not None and seconds <= 0:
                self.error(seconds_node, f"{ctx}'seconds' must be more than 0")
                seconds = None
        # Built even when something is wrong, so later checks see its ways on.
        return Node(
            node_id,
            say or "",
            tuple(tips),
            captures,
            choices,
            nxt,
            end,
            partner,
            seconds,
            _pos(key),
        )

    def capture_list(self, node_id: str, value: YNode) -> tuple[Capture, ...]:
        ctx = f"node '{node_id}': "
        out: list[Capture] = []
        for number, entry in enumerate(self.items(value, ctx, "'capture'") or (), 1):
            here = f"node '{node_id}', capture {number}: "
            fields = self.fields(entry, CAPTURE_KEYS, here, "a capture")
            if fields is None:
                continue
            cap_id = prompt = None
            if "id" in fields:
                cap_id = self.ident(fields["id"][1], here, "id")
            else:
                self.missing(entry, here, "id", "id: decision_date")
            if "prompt" in fields:
                prompt = self.text(fields["prompt"][1], here, "prompt", is_template=True)
            else:
                self.missing(entry, here, "prompt", "prompt: When will they decide?")
            cap_type = self.field_type(fields["type"][1], here) if "type" in fields else "text"
            if cap_id is None or prompt is None:
                continue
            at = fields["id"][1]
            # One id is one fact: branches may each ask for it (the tracker reads
            # `callback_date` wherever it was written down), but not as two kinds of field.
            other = self.captures.get(cap_id)
            if other is not None and other[1] == node_id:
                self.error(at, f"{here}'{cap_id}' is captured twice in this node; keep one")
                continue
            if other is not None and other[0].type != cap_type:
                self.error(
                    at,
                    f"{here}'{cap_id}' is a {other[0].type} capture in node '{other[1]}' "
                    f"(line {other[0].pos.line}) but a {cap_type} one here; give both the "
                    "same type, or this one another id",
                )
                continue
            if cap_id in self.variable_keys:
                self.error(
                    at,
                    f"{here}'{cap_id}' is already a variable (line "
                    f"{self.variable_keys[cap_id].line}); give the capture another id",
                )
                continue
            capture = Capture(cap_id, prompt, cap_type, _pos(entry))
            self.captures.setdefault(cap_id, (capture, node_id))
            out.append(capture)
        return tuple(out)

    def choice_list(self, ctx: str, value: YNode) -> tuple[Choice, ...]:
        entries = self.items(value, ctx, "'choices'")
        if entries is None:
            return ()
        if not entries:
            self.error(
                value,
                f"{ctx}'choices' is empty; give at least one choice, or use "
                "'next:' or 'end:' instead",
            )
        if len(entries) > MAX_CHOICES:
            self.error(
                entries[MAX_CHOICES],
                f"{ctx}there are {len(entries)} choices; at most "
                f"{MAX_CHOICES} fit on keys 1-9, split them over two steps",
            )
        out: list[Choice] = []
        for number, entry in enumerate(entries, 1):
            here = f"{ctx[:-2]}, choice {number}: "
            fields = self.fields(entry, CHOICE_KEYS, here, "a choice")
            if fields is None:
                continue
            label = nxt = None
            if "label" in fields:
                label = self.text(fields["label"][1], here, "label", is_template=True)
            else:
                self.missing(entry, here, "label", "label: Still deciding")
            if "next" in fields:
                next_node = fields["next"][1]
                if isinstance(next_node, YScalar) and next_node.value == RETURN:
                    self.error(
                        next_node,
                        f"{here}a choice cannot go to 'return'; make it go "
                        "to a node that has 'next: return'",
                    )
                else:
                    nxt = self.target(next_node, here, "next")
            else:
                self.missing(entry, here, "next", "next: thanks")
            condition = None
            if "if" in fields:
                cond_node = fields["if"][1]
                condition = self.ident(cond_node, here, "'if'")
                if condition is not None and isinstance(cond_node, YScalar):
                    self.refs.append((condition, cond_node, -1, f"{here}'if'"))
            if label is not None and nxt is not None:
                out.append(Choice(label, nxt, condition, _pos(entry)))
        return tuple(out)

    # ------------------------------------------------------ after the nodes
    def anytime_section(self, node: YNode) -> tuple[SideFlow, ...]:
        entries: list[tuple[str, str | None, YNode, int]] = []
        taken: dict[str, int] = {}
        for number, entry in enumerate(self.items(node, "", "'anytime'") or (), 1):
            ctx = f"anytime entry {number}: "
            key: str | None = None
            if isinstance(entry, YScalar):
                target = self.target(entry, ctx, "node")
            else:
                fields = self.fields(entry, SIDE_FLOW_KEYS, ctx, "a side flow")
                if fields is None:
                    continue
                target = None
                if "node" in fields:
                    target = self.target(fields["node"][1], ctx, "node")
                else:
                    self.missing(entry, ctx, "node", "node: repeat")
                if "key" in fields:
                    key = self.side_key(fields["key"][1], ctx, taken, number)
                    if key is None:
                        continue
            if target is not None:
                entries.append((target, key, entry, number))
        out: list[SideFlow] = []
        for target, key, entry, number in entries:
            if key is None:
                key = next(
                    (
                        c
                        for c in target
                        if "a" <= c <= "z" and c not in RESERVED_KEYS and c not in taken
                    ),
                    None,
                )
                if key is None:
                    self.error(
                        entry,
                        f"anytime entry {number}: every letter of '{target}' is "
                        "taken by the call screen or another side flow; give it a "
                        "free one with {node: " + target + ", key: <letter>}",
                    )
                    continue
                taken[key] = number
            out.append(SideFlow(target, key, _pos(entry)))
        return tuple(out)

    def side_key(self, node: YNode, ctx: str, taken: dict[str, int], number: int) -> str | None:
        value = self.text(node, ctx, "key")
        if value is None:
            return None
        if len(value) != 1 or not "a" <= value <= "z":
            self.error(node, f"{ctx}key '{value}' must be one lowercase letter, e.g. 'r'")
            return None
        if value in RESERVED_KEYS:
            self.error(
                node,
                f"{ctx}key '{value}' is used by the call screen itself "
                "(a answers, b back, n notes, q quit); choose another letter",
            )
            return None
        if value in taken:
            self.error(
                node,
                f"{ctx}key '{value}' is already the key of anytime entry "
                f"{taken[value]}; choose another letter",
            )
            return None
        taken[value] = number
        return value

    def practice_section(self, node: YNode, nodes: dict[str, Node]) -> tuple[Scenario, ...]:
        fields = self.fields(node, PRACTICE_KEYS, "practice: ", "'practice'")
        if not fields or "scenarios" not in fields:
            return ()
        out: list[Scenario] = []
        ids: dict[str, int] = {}
        for number, entry in enumerate(
            self.items(fields["scenarios"][1], "practice: ", "'scenarios'") or (), 1
        ):
            ctx = f"practice scenario {number}: "
            got = self.fields(entry, SCENARIO_KEYS, ctx, "a scenario")
            if got is None:
                continue
            scenario_id = title = brief = None
            if "id" in got:
                scenario_id = self.ident(got["id"][1], ctx, "id")
                if scenario_id is not None and scenario_id in ids:
                    self.error(
                        got["id"][1],
                        f"{ctx}the id '{scenario_id}' is also the id of "
                        f"scenario {ids[scenario_id]}; give one of them another id",
                    )
                    scenario_id = None
                if scenario_id is not None:
                    ids[scenario_id] = number
                    ctx = f"practice scenario '{scenario_id}': "
            else:
                self.missing(entry, ctx, "id", "id: still_deciding")
            for key, example in (
                ("title", "title: They are still deciding"),
                ("brief", "brief: You are {interviewer}..."),
            ):
                if key in got:
                    value = self.text(got[key][1], ctx, key, is_template=key == "brief")
                    title, brief = (value, brief) if key == "title" else (title, value)
                else:
                    self.missing(entry, ctx, key, example)
            expect = self.expect(got["expect"][1], ctx, nodes) if "expect" in got else {}
            if scenario_id is not None and title is not None and brief is not None:
                out.append(Scenario(scenario_id, title, brief, expect, _pos(entry)))
        return tuple(out)

    def expect(self, node: YNode, ctx: str, nodes: dict[str, Node]) -> dict[str, str]:
        out: dict[str, str] = {}
        if _null(node):
            return out
        if not isinstance(node, YMap):
            self.not_mapping(node, ctx, "'expect'")
            return out
        here = f"{ctx}expect: "
        for key, value in node.pairs:
            at = self.target(key, here, "key")
            goal = self.target(
                value, here, f"{key.value} ->" if isinstance(key, YScalar) else "the value"
            )
            if at is None or goal is None:
                continue
            if at in out:
                self.error(key, f"{here}node '{at}' is given twice; keep only one")
                continue
            built = nodes.get(at)
            if built is None:
                continue
            targets = [c.next for c in built.choices]
            if not targets:
                self.error(
                    key,
                    f"{here}node '{at}' has no choices, so there is nothing to "
                    "expect there; name a node that has 'choices'",
                )
            elif goal not in targets:
                listed = ", ".join(dict.fromkeys(targets))
                self.error(
                    value,
                    f"{here}'{goal}' is not one of the choices of node '{at}' "
                    f"(they go to {listed})",
                )
            else:
                out[at] = goal
        return out


def analyse(
    text: str | bytes,
    file: str = "<string>",
    *,
    script_id: str | None = None,
    path: Path | None = None,
    source: Source = "text",
) -> tuple[list[Finding], Script | None]:
    """Every finding in ``text`` (sorted by place) and the Script when there is no error."""
    try:
        if isinstance(text, bytes):
            text = decode(text, file)
        elif not text_size_ok(text):
            raise ScriptError(
                [
                    Finding(
                        file, 1, 1, "error", "the text is over 8 MiB; a script may be at most 8 MiB"
                    )
                ]
            )
    except ScriptError as exc:
        return exc.findings, None
    if text.startswith("\ufeff"):
        text = text[1:]
    root, problems = compose(text, file)
    checker = _Checker(text, file)
    checker.findings.extend(problems)
    checker.errors += len(problems)
    script = None
    if root is None or (not problems and _null(root)):
        if not problems:
            checker.error(
                (1, 1), "the file is empty; a script needs at least 'title:' and 'nodes:'"
            )
    else:
        script = _walk(checker, root, script_id or _stem(path, file), path, source)
    findings = sorted(checker.findings, key=lambda f: (f.line, f.column))
    if script is None or checker.errors:
        return findings, None
    warnings = tuple(f for f in findings if f.severity == "warning")
    return findings, dataclasses.replace(script, warnings=warnings)


def _stem(path: Path | None, file: str) -> str:
    if path is not None:
        return path.stem
    if file == "<string>":
        return "script"
    return Path(file).stem or "script"


def _walk(
    c: _Checker, root: YNode, script_id: str, path: Path | None, source: Source
) -> Script | None:
    if not isinstance(root, YMap):
        if root.tag is not BAD:
            c.error(
                root,
                "the top level must be a mapping of 'key: value' lines such as "
                "'title: ...' and 'nodes: ...', not " + kind(root),
            )
        return None
    top = c.fields(root, TOP_KEYS, "", "the top level")
    assert top is not None
    get: dict[str, Any] = {k: v for k, (_, v) in top.items()}
    if "format" in get:
        version = c.integer(get["format"], "", "format", "1")
        if version is not None and version != 1:
            c.error(
                get["format"], f"format {version} is not supported; this program reads format 1"
            )
    title = None
    if "title" in get:
        title = c.text(get["title"], "", "title")
    else:
        c.missing(root, "", "title", "title: Follow-up call")
    description = ""
    if "description" in get:
        description = c.text(get["description"], "", "description", required=False) or ""
    if "variables" in get:
        c.variables_section(get["variables"])
    checklist = c.checklist_section(get["checklist"]) if "checklist" in get else ()
    answers = c.answers_section(get["answers"]) if "answers" in get else ()
    nodes = c.nodes_section(root, get.get("nodes"))
    start = next(iter(c.node_ids), None)
    if "start" in get:
        start = c.target(get["start"], "", "start")
    anytime = c.anytime_section(get["anytime"]) if "anytime" in get else ()
    scenarios = c.practice_section(get["practice"], nodes) if "practice" in get else ()
    used = _check_refs(c)
    _check_flow(c, nodes, start, anytime)
    for var in c.variables.values():
        if var.id not in used:
            c.warn(
                c.variable_keys[var.id],
                f"variable '{var.id}' is never used "
                f"in a template or an 'if'; use it as {{{var.id}}} or remove it",
            )
    if c.errors or title is None or start is None:
        return None
    return Script(
        id=script_id,
        title=title,
        nodes=nodes,
        start=start,
        description=description,
        variables=tuple(c.variables.values()),
        checklist=checklist,
        anytime=anytime,
        answers=answers,
        scenarios=scenarios,
        path=path,
        source=source,
        warnings=(),
    )


def _check_refs(c: _Checker) -> set[str]:
    known = set(c.variables) | set(c.captures)
    used: set[str] = set()
    names = sorted(known)
    for ref, node, offset, where in c.refs:
        used.add(ref)
        if ref in known:
            continue
        at = c.place(node, offset) if offset >= 0 else node
        if offset >= 0:
            message = f"{where} uses {{{ref}}}, which is not a variable or a capture"
        else:
            message = f"{where}: '{ref}' is not a variable or a capture"
        hint = c.suggest(ref, names) or (
            f"; add it under 'variables:' or write '{{{{{ref}}}}}' for literal braces"
            if offset >= 0
            else "; name a variable or a capture id"
        )
        c.error(at, message + hint)
    return used


def _check_flow(
    c: _Checker, nodes: dict[str, Node], start: str | None, anytime: Sequence[SideFlow]
) -> None:
    """The ``return`` rule (an error) and the reachability warnings."""
    graph = Graph(
        edges={n.id: [t for t in n.targets() if t in nodes] for n in nodes.values()},
        start=start if start in nodes else None,
        side_roots=[s.node for s in anytime],
        ends=frozenset(n.id for n in nodes.values() if n.end is not None),
        returns=frozenset(n.id for n in nodes.values() if n.next == RETURN),
    )
    main = graph.main_flow()
    side = graph.side_flows()
    for node_id in graph.returns:
        key = c.node_ids[node_id]
        if node_id not in side:
            c.error(
                key,
                f"node '{node_id}': 'next: return' only works in a side flow; list "
                "the flow's first node under 'anytime:', or go on with 'next: <node id>'",
            )
        elif node_id in main:
            c.error(
                key,
                f"node '{node_id}': 'next: return' is used, but this node is also "
                f"reached from start '{start}', where there is nothing to return to",
            )
    if graph.start is None:
        return
    finishing = graph.finishing()
    for node_id in nodes:
        key = c.node_ids[node_id]
        if node_id not in main and node_id not in side:
            c.warn(
                key,
                f"node '{node_id}' cannot be reached from start '{start}' or from a "
                "side flow; link to it from a choice or a 'next', or remove it",
            )
        elif node_id not in finishing:
            if node_id in main:
                c.warn(
                    key,
                    f"node '{node_id}': no 'end' can be reached from here, so the call "
                    "could never finish; add a way to a node with 'end:'",
                )
            else:
                c.warn(
                    key,
                    f"node '{node_id}': this side flow never reaches 'next: return' "
                    "or an 'end'; add a way back",
                )


def check_text(text: str | bytes, file: str = "<string>") -> list[Finding]:
    """Every error and warning in a script's text; never raises."""
    return analyse(text, file)[0]


def check_path(path: Path) -> tuple[list[Finding], bool]:
    """Every finding in a file, and whether the file could not be read at all."""
    try:
        text = read(path)
    except ScriptError as exc:
        return exc.findings, exc.unreadable
    return analyse(text, str(path), path=path)[0], False
