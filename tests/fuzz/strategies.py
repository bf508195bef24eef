"""Hypothesis strategies: valid call scripts built from the format's rules, and broken ones.

:func:`valid_scripts` draws a script as the plain data a person would write
(``doc``, dumped to YAML by :func:`dump`) that follows every rule of
SCRIPT_FORMAT.md: ids, templates that name known fields, one way on per node,
at most 9 choices, side flows with free keys that ``return``, captures with one
type per id, practice scenarios whose ``expect`` names real choices and whose
``says`` names real nodes. :func:`broken_texts` mutates such a script's text
(lines deleted, duplicated, swapped; random bytes; wrong types; unknown ids;
deep nesting).
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import strategies as st

#: How many times the example counts of tests/fuzz are multiplied (hunting locally).
SCALE = max(1, int(os.environ.get("COACH_FUZZ_SCALE", "1") or 1))


def budget(examples: int) -> int:
    return examples * SCALE


ids = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True).filter(lambda s: s != "return")

#: Text a person may type: any unicode (emoji, right-to-left, combining marks,
#: CJK), control characters but NUL too, never a brace (templates add those).
# YAML 1.1 reads NEL, LS and PS as line breaks (folded to a space in a flow
# scalar), so text holding one does not survive a dump and a load unchanged:
# that is YAML, not the loader. Every other character is fair game.
_plain = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="{}\x00\x85\u2028\u2029"),
    max_size=30,
)
#: Letters of the keys a side flow may take (a b n q are the call screen's).
SIDE_KEYS = [c for c in string.ascii_lowercase if c not in "abnq"]
OUTCOMES = st.sampled_from(["offer", "rejected", "pending", "voicemail", "no_answer", "call_back"])
OUTCOMES = OUTCOMES | ids


def template(fields: list[str]) -> st.SearchStrategy[str]:
    """A template: text with ``{id}`` of known fields and literal ``{{``/``}}``; never blank."""
    piece = _plain
    if fields:
        piece = piece | st.sampled_from(fields).map(lambda f: "{" + f + "}")
    piece = piece | st.sampled_from(["{{", "}}"])
    return st.lists(piece, min_size=1, max_size=4).map("".join).filter(lambda s: bool(s.strip()))


@dataclass
class Drawn:
    """A valid script: the data written, and what the loader must make of it."""

    doc: dict[str, Any]
    main: list[str]
    side: list[str]
    keys: dict[str, str]


@st.composite
def valid_scripts(draw: st.DrawFn) -> Drawn:
    names = draw(st.lists(ids, min_size=1, max_size=12, unique=True))
    cut = draw(st.integers(1, len(names)))
    main, side = names[:cut], names[cut:]
    field_ids = draw(st.lists(ids, max_size=6, unique=True))
    n_vars = draw(st.integers(0, len(field_ids)))
    var_ids, cap_ids = field_ids[:n_vars], field_ids[n_vars:]
    cap_type = {c: draw(st.sampled_from(["text", "date", "multiline"])) for c in cap_ids}
    # Each capture id is captured by one node at least (else a template naming it is an error).
    caught: dict[str, list[str]] = {n: [] for n in names}
    for c in cap_ids:
        for n in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
            caught[n].append(c)
    fields = field_ids
    text = template(fields)

    doc: dict[str, Any] = {}
    if draw(st.booleans()):
        doc["format"] = 1
    doc["title"] = draw(text)
    if draw(st.booleans()):
        doc["description"] = draw(text)
    if draw(st.booleans()):
        doc["start"] = main[0]
    if var_ids:
        variables: dict[str, Any] = {}
        for v in var_ids:
            if draw(st.booleans()):
                variables[v] = draw(text)
            else:
                spec: dict[str, Any] = {"prompt": draw(text)}
                if draw(st.booleans()):
                    spec["type"] = draw(st.sampled_from(["text", "date", "multiline"]))
                if draw(st.booleans()):
                    spec["required"] = draw(st.booleans())
                if draw(st.booleans()):
                    spec["default"] = draw(_plain.filter(str.strip))
                variables[v] = spec
        doc["variables"] = variables
    if draw(st.booleans()):
        items: list[Any] = []
        for number, item_id in enumerate(draw(st.lists(ids, max_size=4, unique=True)), 1):
            if draw(st.booleans()):
                items.append(draw(text))
            else:
                entry: dict[str, Any] = {"id": f"c{number}_{item_id}", "text": draw(text)}
                if draw(st.booleans()):
                    entry["why"] = draw(_plain)
                if draw(st.booleans()):
                    entry["required"] = draw(st.booleans())
                if draw(st.booleans()):
                    entry["live_only"] = draw(st.booleans())
                items.append(entry)
        doc["checklist"] = items
    keys: dict[str, str] = {}
    if bool(side) or draw(st.booleans()):
        roots = draw(st.lists(st.sampled_from(names), max_size=4, unique=True))
        # Every side node opens a flow: one reached from none could not 'return'.
        roots = list(dict.fromkeys([*side, *roots]))
        letters = draw(st.permutations(SIDE_KEYS))
        doc["anytime"] = [{"node": r, "key": k} for r, k in zip(roots, letters, strict=False)]
        keys = {k: r for r, k in zip(roots, letters, strict=False)}
    if draw(st.booleans()):
        doc["answers"] = [
            {"title": draw(text), "text": draw(text)} for _ in range(draw(st.integers(0, 3)))
        ]

    nodes: dict[str, Any] = {}
    for node_id in names:
        in_side = node_id in side
        goals = names if in_side else main
        node: dict[str, Any] = {"say": draw(text)}
        if draw(st.booleans()):
            node["tips"] = draw(text | st.lists(text, max_size=3))
        if caught[node_id]:
            node["capture"] = [
                {"id": c, "prompt": draw(text), "type": cap_type[c]} for c in caught[node_id]
            ]
        way = draw(st.sampled_from(["choices", "next", "end"]))
        if way == "choices":
            node["choices"] = []
            for _ in range(draw(st.integers(1, 9))):
                choice: dict[str, Any] = {"label": draw(text), "next": draw(st.sampled_from(goals))}
                if bool(fields) and draw(st.booleans()):
                    choice["if"] = draw(st.sampled_from(fields))
                node["choices"].append(choice)
        elif way == "next":
            node["next"] = draw(st.sampled_from([*goals, "return"] if in_side else goals))
        else:
            node["end"] = draw(OUTCOMES)
        if draw(st.booleans()):
            node["partner"] = draw(text)
        if draw(st.booleans()):
            node["seconds"] = draw(st.integers(1, 10_000))
        nodes[node_id] = node
    doc["nodes"] = nodes

    if draw(st.booleans()):
        scenarios = []
        for number in range(draw(st.integers(0, 3))):
            scenario: dict[str, Any] = {
                "id": f"s{number}",
                "title": draw(text),
                "brief": draw(text),
            }
            branching = [n for n in names if "choices" in nodes[n]]
            expect = {}
            for at in draw(st.lists(st.sampled_from(branching), unique=True)) if branching else []:
                expect[at] = draw(st.sampled_from([c["next"] for c in nodes[at]["choices"]]))
            if bool(expect) or draw(st.booleans()):
                scenario["expect"] = expect
            if draw(st.booleans()):
                scenario["says"] = {
                    n: draw(text) for n in draw(st.lists(st.sampled_from(names), unique=True))
                }
            scenarios.append(scenario)
        doc["practice"] = {"scenarios": scenarios}
    return Drawn(doc, main, side, keys)


def dump(doc: Any) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=60)


# -- broken scripts ---------------------------------------------------------------

#: Values of the wrong type (or the wrong shape) for any key.
WRONG = st.sampled_from(
    [None, True, 0, -1, 3.5, "", " ", "return", "Yes", [], {}, [1, 2], {"a": 1}, "{nope}", "{", "}"]
)


@st.composite
def broken_texts(draw: st.DrawFn) -> str | bytes:
    """A valid script broken one way (or a few): its text or its data."""
    drawn = draw(valid_scripts())
    how = draw(
        st.sampled_from(
            ["delete", "duplicate", "swap", "bytes", "wrong", "unknown", "nest", "indent"]
        )
    )
    text = dump(drawn.doc)
    lines = text.splitlines(keepends=True)
    if how in ("delete", "duplicate", "swap", "indent"):
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if how == "delete" and len(lines) > 1:
                del lines[i]
            elif how == "duplicate":
                lines.insert(j, lines[i])
            elif how == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines[i] = draw(st.sampled_from(["", " ", "  ", "\t", "- "])) + lines[i]
        return "".join(lines)
    if how == "bytes":
        raw = bytearray(text.encode("utf-8"))
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(raw)))
            raw[at:at] = draw(st.binary(min_size=1, max_size=6))
        return bytes(raw)
    doc = drawn.doc
    # A path into the data: change what is found there.
    holder: Any = doc
    for _ in range(draw(st.integers(0, 4))):
        if isinstance(holder, dict) and holder:
            key = draw(st.sampled_from(sorted(holder, key=str)))
            if not isinstance(holder[key], dict | list) or not holder[key]:
                break
            holder = holder[key]
        elif isinstance(holder, list) and holder:
            index = draw(st.integers(0, len(holder) - 1))
            if not isinstance(holder[index], dict | list) or not holder[index]:
                break
            holder = holder[index]
    value: Any
    if how == "wrong":
        value = draw(WRONG)
    elif how == "unknown":
        value = draw(ids.map(lambda s: s + "_gone"))
    else:
        value = "x"
        for _ in range(draw(st.integers(5, 60))):
            value = draw(st.sampled_from([[value], {"k": value}]))
    if isinstance(holder, dict) and holder:
        holder[draw(st.sampled_from(sorted(holder, key=str)))] = value
    elif isinstance(holder, list) and holder:
        holder[draw(st.integers(0, len(holder) - 1))] = value
    else:
        doc["nodes"] = value
    return dump(doc)
