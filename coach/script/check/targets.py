"""The node ids under ``nodes:``, and the names that must be one of them.

Every place that names a node (``start``, a ``next``, a choice, an
``anytime`` entry, a scenario's ``expect``) may name one written later in the
file, so the ids are gathered first (:func:`index_nodes`) and the nodes are
built after (:mod:`coach.script.check.nodes`), each name checked by a
:class:`Targets` made from the index.
"""

from __future__ import annotations

from coach.script.check.reader import Reader, null
from coach.script.model import RETURN
from coach.script.yamlnodes import YMap, YNode, YScalar, kind


class NodeIndex:
    """The keys under ``nodes:``."""

    __slots__ = ("keys", "pairs")

    def __init__(self, keys: dict[str, YScalar], pairs: list[tuple[str, YScalar, YNode]]) -> None:
        #: Every key given once, by its text (also one that is not a valid id):
        #: a name pointing at it is not reported a second time.
        self.keys = keys
        #: The nodes to build: (id, key, value), in file order.
        self.pairs = pairs


def index_nodes(r: Reader, holder: YNode, node: YNode | None) -> NodeIndex:
    """The ids of the ``nodes:`` mapping (``node`` is None when it is missing from ``holder``)."""
    keys: dict[str, YScalar] = {}
    pairs: list[tuple[str, YScalar, YNode]] = []
    if node is None:
        r.error(holder, "'nodes' is missing; add 'nodes:' with the steps of the call under it")
        return NodeIndex(keys, pairs)
    if not isinstance(node, YMap):
        if null(node):
            r.error(node, "'nodes' has no nodes; a script needs at least one step")
        else:
            r.not_mapping(node, "", "'nodes'")
        return NodeIndex(keys, pairs)
    if not node.pairs:
        r.error(node, "'nodes' has no nodes; a script needs at least one step")
        return NodeIndex(keys, pairs)
    for key, value in node.pairs:
        if not isinstance(key, YScalar):
            r.error(key, f"a node id must be a plain word, not {kind(key)}")
            continue
        if key.value in keys:
            r.error(
                key,
                f"node '{key.value}' is given twice (first on line "
                f"{keys[key.value].line}); rename or remove one",
            )
            continue
        keys[key.value] = key
        node_id = r.ident(key, "", "node id")
        if node_id == RETURN:
            r.error(
                key,
                "'return' cannot be a node id: 'next: return' means going "
                "back from a side flow; choose another id",
            )
            node_id = None
        if node_id is not None:
            pairs.append((node_id, key, value))
    return NodeIndex(keys, pairs)


class Targets:
    """Checks names of nodes against the index."""

    def __init__(self, r: Reader, keys: dict[str, YScalar]) -> None:
        self._r = r
        self._keys = keys
        self._names: list[str] | None = None

    @property
    def first(self) -> str | None:
        """The first key under ``nodes:``: the start when ``start:`` is not given."""
        return next(iter(self._keys), None)

    def target(self, node: YNode, ctx: str, what: str, *, allow_return: bool = False) -> str | None:
        """The node id ``node`` names; None (reported) when it is not an id of a node."""
        r = self._r
        node_id = r.ident(node, ctx, what)
        if node_id is None or node_id in self._keys or (allow_return and node_id == RETURN):
            return node_id
        if self._names is None:
            self._names = list(self._keys)
        hint = r.suggest(node_id, self._names)
        if not hint:
            hint = f"; add a node '{node_id}' under 'nodes' or name an existing one"
        r.error(node, f"{ctx}{what} '{node_id}' is not a node{hint}")
        return None
