"""The steps of the call: each node of ``nodes:`` with its captures and choices."""

from __future__ import annotations

from coach.script.check.reader import Reader, Ref, null, pos
from coach.script.check.targets import Targets
from coach.script.model import MAX_CHOICES, RETURN, Capture, Choice, Node
from coach.script.yamlnodes import YNode, YScalar

NODE_KEYS = ("say", "tips", "capture", "choices", "next", "end", "partner", "seconds")
#: The keys of a node's way on: exactly one of them.
WAY_KEYS = ("choices", "next", "end")
CAPTURE_KEYS = ("id", "prompt", "type")
CHOICE_KEYS = ("label", "next", "if")


class Nodes:
    """What the nodes give the rest of the check."""

    __slots__ = ("broken", "built", "captures", "refs")

    def __init__(
        self,
        built: dict[str, Node],
        captures: dict[str, tuple[Capture, str]],
        refs: list[Ref],
        broken: frozenset[str] = frozenset(),
    ) -> None:
        self.built = built
        #: Each capture id, the first capture that has it and the id of its node.
        self.captures = captures
        #: The ids used by templates and ``if``s, in file order.
        self.refs = refs
        #: Nodes whose way on could not be read (an error says why): where they
        #: lead is unknown, so the graph's warnings would only repeat that error.
        self.broken = broken


def build_nodes(
    r: Reader,
    pairs: list[tuple[str, YScalar, YNode]],
    targets: Targets,
    variable_keys: dict[str, YScalar],
) -> Nodes:
    """Build the nodes the index found; ``variable_keys`` are the ids captures may not take."""
    builder = _Builder(r, targets, variable_keys)
    built = {
        node_id: node
        for node_id, key, value in pairs
        if (node := builder.node(node_id, key, value)) is not None
    }
    return Nodes(built, builder.captures, builder.refs, frozenset(builder.broken))


def _misspelt_way(fields: dict[str, tuple[YScalar, YNode]]) -> bool:
    """An unknown key of the node is closest to a key of its way on (``ends``, ``nxt``)."""
    import difflib

    for name in fields:
        if name not in NODE_KEYS:
            close = difflib.get_close_matches(name.lower(), NODE_KEYS, n=1, cutoff=0.6)
            if close and close[0] in WAY_KEYS:
                return True
    return False


class _Builder:
    """One pass over the nodes; gathers captures (one id, one type) and references."""

    def __init__(self, r: Reader, targets: Targets, variable_keys: dict[str, YScalar]) -> None:
        self.r = r
        self.targets = targets
        self.variable_keys = variable_keys
        self.captures: dict[str, tuple[Capture, str]] = {}
        self.refs: list[Ref] = []
        self.broken: set[str] = set()

    def node(self, node_id: str, key: YScalar, value: YNode) -> Node | None:
        r, refs = self.r, self.refs
        ctx = f"node '{node_id}': "
        if null(value):
            r.error(
                key,
                f"{ctx}the node is empty; give it 'say:' and one of 'choices:', 'next:' or 'end:'",
            )
            return None
        fields = r.fields(value, NODE_KEYS, ctx, "a node")
        if fields is None:
            return None
        say = None
        if "say" in fields:
            say = r.text(fields["say"][1], ctx, "say", refs=refs)
        else:
            r.missing(key, ctx, "say", "say: Hello, this is Sam.")
        tips: list[str] = []
        if "tips" in fields:
            tips_node = fields["tips"][1]
            tip_nodes: list[YNode]
            if isinstance(tips_node, YScalar):
                tip_nodes = [] if tips_node.is_null else [tips_node]
            else:
                tip_nodes = r.items(tips_node, ctx, "'tips'") or []
            for tip in tip_nodes:
                text = r.text(tip, ctx, "tips", refs=refs)
                if text is not None:
                    tips.append(text)
        captures = self.capture_list(node_id, fields["capture"][1]) if "capture" in fields else ()
        # An empty `choices:`/`next:`/`end:` counts as not written.
        ways = [k for k in WAY_KEYS if k in fields and not null(fields[k][1])]
        errors_before = r.errors
        # A misspelt way on ('ends:') is already reported, with the key meant:
        # saying the node has none would only repeat it.
        if not ways and not _misspelt_way(fields):
            r.error(
                key,
                f"{ctx}the node has no way on: add 'choices:' to branch, "
                "'next: <node id>' to continue, or 'end: <outcome>' to finish the call",
            )
        for extra in ways[1:]:
            r.error(
                fields[extra][0],
                f"{ctx}the node has both '{ways[0]}' and '{extra}'; "
                "a node has exactly one of 'choices', 'next' and 'end'",
            )
        choices: tuple[Choice, ...] = ()
        nxt = end = None
        if "choices" in ways:
            choices = self.choice_list(ctx, fields["choices"][1])
        if "next" in ways:
            nxt = self.targets.target(fields["next"][1], ctx, "next", allow_return=True)
        if "end" in ways:
            end = r.ident(fields["end"][1], ctx, "the outcome")
        if not ways or r.errors > errors_before:
            self.broken.add(node_id)
        partner = None
        if "partner" in fields:
            partner = r.text(fields["partner"][1], ctx, "partner", required=False, refs=refs)
        seconds = None
        if "seconds" in fields:
            seconds_node = fields["seconds"][1]
            seconds = r.integer(seconds_node, ctx, "seconds", "90")
            if seconds is not None and seconds <= 0:
                r.error(seconds_node, f"{ctx}'seconds' must be more than 0")
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
            pos(key),
        )

    def capture_list(self, node_id: str, value: YNode) -> tuple[Capture, ...]:
        r = self.r
        ctx = f"node '{node_id}': "
        out: list[Capture] = []
        for number, entry in enumerate(r.items(value, ctx, "'capture'") or (), 1):
            here = f"node '{node_id}', capture {number}: "
            fields = r.fields(entry, CAPTURE_KEYS, here, "a capture")
            if fields is None:
                continue
            cap_id = prompt = None
            if "id" in fields:
                cap_id = r.ident(fields["id"][1], here, "id")
            else:
                r.missing(entry, here, "id", "id: decision_date")
            if "prompt" in fields:
                prompt = r.text(fields["prompt"][1], here, "prompt", refs=self.refs)
            else:
                r.missing(entry, here, "prompt", "prompt: When will they decide?")
            cap_type = r.field_type(fields["type"][1], here) if "type" in fields else "text"
            if cap_id is None or prompt is None:
                continue
            at = fields["id"][1]
            # One id is one fact: branches may each ask for it (the tracker reads
            # `callback_date` wherever it was written down), but not as two kinds of field.
            other = self.captures.get(cap_id)
            if other is not None and other[1] == node_id:
                r.error(at, f"{here}'{cap_id}' is captured twice in this node; keep one")
                continue
            if other is not None and other[0].type != cap_type:
                r.error(
                    at,
                    f"{here}'{cap_id}' is a {other[0].type} capture in node '{other[1]}' "
                    f"(line {other[0].pos.line}) but a {cap_type} one here; give both the "
                    "same type, or this one another id",
                )
                continue
            if cap_id in self.variable_keys:
                r.error(
                    at,
                    f"{here}'{cap_id}' is already a variable (line "
                    f"{self.variable_keys[cap_id].line}); give the capture another id",
                )
                continue
            capture = Capture(cap_id, prompt, cap_type, pos(entry))
            self.captures.setdefault(cap_id, (capture, node_id))
            out.append(capture)
        return tuple(out)

    def choice_list(self, ctx: str, value: YNode) -> tuple[Choice, ...]:
        r = self.r
        entries = r.items(value, ctx, "'choices'")
        if entries is None:
            return ()
        if not entries:
            r.error(
                value,
                f"{ctx}'choices' is empty; give at least one choice, or use "
                "'next:' or 'end:' instead",
            )
        if len(entries) > MAX_CHOICES:
            r.error(
                entries[MAX_CHOICES],
                f"{ctx}there are {len(entries)} choices; at most "
                f"{MAX_CHOICES} fit on keys 1-9, split them over two steps",
            )
        out: list[Choice] = []
        for number, entry in enumerate(entries, 1):
            here = f"{ctx[:-2]}, choice {number}: "
            fields = r.fields(entry, CHOICE_KEYS, here, "a choice")
            if fields is None:
                continue
            label = nxt = None
            if "label" in fields:
                label = r.text(fields["label"][1], here, "label", refs=self.refs)
            else:
                r.missing(entry, here, "label", "label: Still deciding")
            if "next" in fields:
                next_node = fields["next"][1]
                if isinstance(next_node, YScalar) and next_node.value == RETURN:
                    r.error(
                        next_node,
                        f"{here}a choice cannot go to 'return'; make it go "
                        "to a node that has 'next: return'",
                    )
                else:
                    nxt = self.targets.target(next_node, here, "next")
            else:
                r.missing(entry, here, "next", "next: thanks")
            condition = None
            if "if" in fields:
                cond_node = fields["if"][1]
                condition = r.ident(cond_node, here, "'if'")
                if condition is not None and isinstance(cond_node, YScalar):
                    self.refs.append((condition, cond_node, -1, f"{here}'if'"))
            if label is not None and nxt is not None:
                out.append(Choice(label, nxt, condition, pos(entry)))
        return tuple(out)
