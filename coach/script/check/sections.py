"""The sections read before the nodes: ``variables``, ``checklist`` and ``answers``.

None of them needs anything from another section; the nodes need the
variables' ids (a capture may not reuse one) and the whole-file rules need the
variables and the answers' template references.
"""

from __future__ import annotations

from coach.script.check.reader import Reader, Ref, null, pos
from coach.script.model import Answer, ChecklistItem, FieldType, Variable
from coach.script.yamlnodes import YMap, YNode, YScalar, kind

VARIABLE_KEYS = ("prompt", "type", "required", "default")
CHECKLIST_KEYS = ("id", "text", "why", "required", "live_only")
ANSWER_KEYS = ("title", "text")


class Variables:
    """What ``variables:`` declares."""

    __slots__ = ("built", "keys")

    def __init__(self, built: dict[str, Variable], keys: dict[str, YScalar]) -> None:
        #: The variables that could be built, in file order.
        self.built = built
        #: Every key written (even a faulty one), for "already a variable" and unused warnings.
        self.keys = keys


def read_variables(r: Reader, node: YNode) -> Variables:
    """The ``variables:`` mapping: ``id: prompt`` or ``id: {prompt, type, required, default}``."""
    built: dict[str, Variable] = {}
    seen: dict[str, YScalar] = {}
    if not isinstance(node, YMap):
        if not null(node):
            r.not_mapping(node, "", "'variables'")
        return Variables(built, seen)
    for key, value in node.pairs:
        if not isinstance(key, YScalar):
            r.error(key, f"a variable id must be a plain word, not {kind(key)}")
            continue
        var_id = r.ident(key, "", "variable id")
        if key.value in seen:
            r.error(
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
            prompt = r.text(value, ctx, "prompt")
        else:
            fields = r.fields(value, VARIABLE_KEYS, ctx, "a variable")
            if fields is None:
                continue
            prompt = None
            if "prompt" in fields:
                prompt = r.text(fields["prompt"][1], ctx, "prompt")
            else:
                r.missing(key, ctx, "prompt", "prompt: Who interviewed you?")
            if "type" in fields:
                var_type = r.field_type(fields["type"][1], ctx)
            if "required" in fields:
                required = bool(r.boolean(fields["required"][1], ctx, "required"))
            if "default" in fields:
                default = r.text(fields["default"][1], ctx, "default", required=False)
        if var_id is not None and prompt is not None:
            built[var_id] = Variable(var_id, prompt, var_type, required, default, pos(key))
    return Variables(built, seen)


def read_checklist(r: Reader, node: YNode) -> tuple[ChecklistItem, ...]:
    """The ``checklist:`` list: plain text, or ``{id, text, why, required, live_only}``."""
    entries = r.items(node, "", "'checklist'")
    out: list[ChecklistItem] = []
    ids: dict[str, int] = {}
    for number, entry in enumerate(entries or (), 1):
        ctx = f"checklist item {number}: "
        auto = f"item_{number}"
        item_id: str | None = auto
        why = ""
        required = live_only = False
        at: YNode = entry
        if isinstance(entry, YScalar):
            text = r.text(entry, ctx, "text")
        else:
            fields = r.fields(entry, CHECKLIST_KEYS, ctx, "a checklist item")
            if fields is None:
                continue
            text = None
            if "id" in fields:
                at = fields["id"][1]
                item_id = r.ident(at, ctx, "id")
            if "text" in fields:
                text = r.text(fields["text"][1], ctx, "text")
            else:
                r.missing(entry, ctx, "text", "text: Your resume is in front of you")
            if "why" in fields:
                why = r.text(fields["why"][1], ctx, "why", required=False) or ""
            if "required" in fields:
                required = bool(r.boolean(fields["required"][1], ctx, "required"))
            if "live_only" in fields:
                live_only = bool(r.boolean(fields["live_only"][1], ctx, "live_only"))
        if item_id is None or text is None:
            continue
        if item_id in ids:
            r.error(
                at,
                f"{ctx}the id '{item_id}' is also the id of checklist item "
                f"{ids[item_id]}; give one of them another id",
            )
            continue
        ids[item_id] = number
        out.append(ChecklistItem(item_id, text, why, required, pos(entry), live_only))
    return tuple(out)


class Answers:
    """The quick-answer cards, and the ids their templates use."""

    __slots__ = ("cards", "refs")

    def __init__(self, cards: tuple[Answer, ...], refs: list[Ref]) -> None:
        self.cards = cards
        self.refs = refs


def read_answers(r: Reader, node: YNode) -> Answers:
    """The ``answers:`` list of ``{title, text}`` cards (both templates)."""
    out: list[Answer] = []
    refs: list[Ref] = []
    for number, entry in enumerate(r.items(node, "", "'answers'") or (), 1):
        ctx = f"answer {number}: "
        fields = r.fields(entry, ANSWER_KEYS, ctx, "an answer card")
        if fields is None:
            continue
        got: dict[str, str | None] = {}
        for key, example in (("title", "title: Salary"), ("text", "text: Ask their range")):
            if key in fields:
                got[key] = r.text(fields[key][1], ctx, key, refs=refs)
            else:
                got[key] = None
                r.missing(entry, ctx, key, example)
        title, text = got["title"], got["text"]
        if title is not None and text is not None:
            out.append(Answer(title, text, pos(entry)))
    return Answers(tuple(out), refs)
