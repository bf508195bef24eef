"""Validate a call script against SCRIPT_FORMAT.md and build its model.

The YAML is read into the nodes of :mod:`coach.script.yamlnodes`, then the
phases below run in the order :func:`_build` gives: each takes what earlier
phases produced and returns what it read, and every problem it finds (never
only the first) goes to the one :class:`~coach.script.check.reader.Reader`
with the line and column of the key or value at fault. The rules that need
the whole file (template ids, the ``return`` rule, reachability, unused
variables) run last. Findings are reported sorted by place; those at the same
place keep the order they were found in. What a phase returns is a plain
slotted class, read and never changed (cheaper to define than a dataclass,
and ``coach check`` defines them at every start).

===========  ==================================================================
module       reads
===========  ==================================================================
reader       typed fields (text, ids, booleans, numbers) and the findings
top          the top level: ``format``, ``title``, ``description``
sections     ``variables``, ``checklist``, ``answers``
targets      the ids under ``nodes:``, and names that must be one of them
nodes        each node, its captures and choices
anytime      the side flows and their keys
practice     the rehearsal scenarios and what they expect
rules        template ids, ``next: return``, reachability, unused variables
===========  ==================================================================
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coach.script.check.anytime import read_anytime
from coach.script.check.nodes import build_nodes
from coach.script.check.practice import Practice, read_practice
from coach.script.check.reader import Reader, null
from coach.script.check.rules import check_flow, check_refs, warn_unused
from coach.script.check.sections import (
    Answers,
    Variables,
    read_answers,
    read_checklist,
    read_variables,
)
from coach.script.check.targets import Targets, index_nodes
from coach.script.check.top import read_top
from coach.script.model import Finding, Script, ScriptError, Source
from coach.script.yamlnodes import YNode, compose, decode, read, text_size_ok

__all__ = ["analyse", "check_path", "check_text"]


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
    with _collector_paused():
        return _analyse(text, file, script_id, path, source)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a text is checked, if it was on.

    Checking builds a node per YAML value (180,000 for 10,000 steps) and
    frees them all at the end by reference counting; none is in a cycle. The
    collector, meanwhile, walks them again and again and finds nothing: it
    was 40-55% of ``coach check`` (10,000 nodes: 1.77 s with it, 0.76 s
    without; 1,000 nodes: 112 ms, 67 ms), and the same share of loading a
    script for a call and of the editor's check. Process-wide, as the
    collector is: another thread that finds it off leaves it so, and only
    the one that turned it off turns it on.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _analyse(
    text: str, file: str, script_id: str | None, path: Path | None, source: Source
) -> tuple[list[Finding], Script | None]:
    root, problems = compose(text, file)
    r = Reader(text, file)
    r.findings.extend(problems)
    failed = sum(1 for problem in problems if problem.severity == "error")
    r.errors += failed
    script = None
    if root is None or (not failed and null(root)):
        if not failed:
            r.error((1, 1), "the file is empty; a script needs at least 'title:' and 'nodes:'")
    else:
        script = _build(r, root, script_id or _stem(path, file), path, source)
    findings = sorted(r.findings, key=lambda f: (f.line, f.column))
    if script is None or r.errors:
        return findings, None
    warnings = tuple(f for f in findings if f.severity == "warning")
    return findings, script._replace(warnings=warnings)


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


def _stem(path: Path | None, file: str) -> str:
    if path is not None:
        return path.stem
    if file == "<string>":
        return "script"
    return Path(file).stem or "script"


def _build(
    r: Reader, root: YNode, script_id: str, path: Path | None, source: Source
) -> Script | None:
    """Every phase, in order; the Script when nothing was wrong."""
    top = read_top(r, root)
    if top is None:
        return None
    get = top.sections
    variables = read_variables(r, get["variables"]) if "variables" in get else Variables({}, {})
    checklist = read_checklist(r, get["checklist"]) if "checklist" in get else ()
    answers = read_answers(r, get["answers"]) if "answers" in get else Answers((), [])
    # Names of nodes may point forward, so every id is known before any node is built.
    index = index_nodes(r, top.root, get.get("nodes"))
    targets = Targets(r, index.keys)
    nodes = build_nodes(r, index.pairs, targets, variables.keys)
    start = targets.target(get["start"], "", "start") if "start" in get else targets.first
    anytime = read_anytime(r, get["anytime"], targets) if "anytime" in get else ()
    practice = (
        read_practice(r, get["practice"], targets, nodes.built)
        if "practice" in get
        else Practice((), [])
    )
    used = check_refs(
        r, answers.refs + nodes.refs + practice.refs, set(variables.built) | set(nodes.captures)
    )
    check_flow(r, nodes.built, index.keys, start, anytime, nodes.broken)
    warn_unused(r, variables.built, variables.keys, used)
    if r.errors or top.title is None or start is None:
        return None
    return Script(
        id=script_id,
        title=top.title,
        nodes=nodes.built,
        start=start,
        description=top.description,
        variables=tuple(variables.built.values()),
        checklist=checklist,
        anytime=anytime,
        answers=answers.cards,
        scenarios=practice.scenarios,
        path=path,
        source=source,
        warnings=(),
    )
