"""The call-script model: immutable records, built only by the loader.

Everything here is plain data. The records are named tuples, not frozen
dataclasses: every command that reads a script imports this module (home,
a call, ``coach check``), and making its eleven dataclasses took 8 ms of
their start-up against 1.5 ms for the named tuples (the generated methods
are compiled one by one). They are immutable and compare by value as
before; ``_replace`` makes a changed copy, and the script cache's pickles
are smaller and quicker to load. Positions (``line``/``column``) are 1-based and
point into the script's YAML file, so that later checks (and the editor) can
name the place a thing was written.
"""

# No ``from __future__ import annotations`` here: typing compiles each string
# annotation of a named tuple as the class is made (a ForwardRef each). The
# annotations evaluated instead, home's imports ran 6.3 M fewer instructions.
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

FieldType = Literal["text", "date", "multiline"]
Severity = Literal["error", "warning"]
Source = Literal["bundled", "user", "path", "text"]

#: ``next: return`` ends a side flow and goes back to where it was opened.
RETURN = "return"

#: Keys the call screen uses itself; side flows may not take them.
RESERVED_KEYS = frozenset("abnq")

#: Outcomes that mean something to the follow-up tracker.
KNOWN_OUTCOMES = ("offer", "rejected", "pending", "voicemail", "no_answer", "call_back")

ID_PATTERN = r"[a-z][a-z0-9_]*"

MAX_CHOICES = 9

#: The largest script file (or text) the loader reads.
MAX_BYTES = 8 * 1024 * 1024

#: The default of a scenario's mappings: one empty dict, shared by every
#: scenario that leaves them out (typed read-only, so nothing changes it; a
#: read-only proxy would not pickle into the script cache).
_NO_LINES: Mapping[str, str] = {}


class Position(NamedTuple):
    """Where something was written in the file (1-based)."""

    line: int = 0
    column: int = 0


class Finding(NamedTuple):
    """One problem found in a script, like a compiler's diagnostic."""

    file: str
    line: int
    column: int
    severity: Severity
    message: str

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


class ScriptError(Exception):
    """A script could not be loaded; ``findings`` says every reason found."""

    def __init__(self, findings: list[Finding], *, unreadable: bool = False) -> None:
        self.findings = findings
        #: True when the file itself could not be read (``coach check`` exit 2).
        self.unreadable = unreadable
        first = next((f for f in findings if f.severity == "error"), None)
        super().__init__(first.format() if first else "script could not be loaded")

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


class Variable(NamedTuple):
    id: str
    prompt: str
    type: FieldType = "text"
    required: bool = False
    default: str | None = None
    pos: Position = Position()


class ChecklistItem(NamedTuple):
    id: str
    text: str
    why: str = ""
    required: bool = False
    pos: Position = Position()
    #: Only a live call needs it (the timing of the call, the interviewer's
    #: number): a rehearsal leaves it out.
    live_only: bool = False


class Capture(NamedTuple):
    id: str
    prompt: str
    type: FieldType = "text"
    pos: Position = Position()


class Choice(NamedTuple):
    label: str
    next: str
    #: Shown only while this variable or capture is non-empty.
    if_: str | None = None
    pos: Position = Position()


class Node(NamedTuple):
    id: str
    say: str
    tips: tuple[str, ...] = ()
    capture: tuple[Capture, ...] = ()
    choices: tuple[Choice, ...] = ()
    #: A node id, or ``RETURN`` in a side flow.
    next: str | None = None
    #: The outcome id when this is a final node.
    end: str | None = None
    partner: str | None = None
    seconds: int | None = None
    pos: Position = Position()

    @property
    def is_end(self) -> bool:
        return self.end is not None

    def targets(self) -> tuple[str, ...]:
        """Node ids this node can move to (``return`` excluded)."""
        if self.choices:
            return tuple(c.next for c in self.choices)
        if self.next is not None and self.next != RETURN:
            return (self.next,)
        return ()


class SideFlow(NamedTuple):
    """An ``anytime`` entry: a node opened from any step with ``key``."""

    node: str
    key: str
    pos: Position = Position()


class Answer(NamedTuple):
    title: str
    text: str
    pos: Position = Position()


class Scenario(NamedTuple):
    id: str
    title: str
    brief: str
    #: node id -> the node id the caller should move to there.
    expect: Mapping[str, str] = _NO_LINES
    pos: Position = Position()
    #: node id -> what the other side says there in this scenario (a template);
    #: solo practice shows it instead of the node's ``partner`` text.
    says: Mapping[str, str] = _NO_LINES

    def line_at(self, node: Node) -> str | None:
        """What the other side says at ``node`` in this scenario: its ``says`` line,
        else the node's ``partner`` text, else None."""
        return self.says.get(node.id) or node.partner or None


class Script(NamedTuple):
    """A loaded, valid call script."""

    id: str
    title: str
    nodes: Mapping[str, Node]
    start: str
    description: str = ""
    variables: tuple[Variable, ...] = ()
    checklist: tuple[ChecklistItem, ...] = ()
    anytime: tuple[SideFlow, ...] = ()
    answers: tuple[Answer, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    #: The file it came from, if any.
    path: Path | None = None
    source: Source = "text"
    #: Warnings found while loading (errors prevent a Script from existing).
    warnings: tuple[Finding, ...] = ()

    def node(self, node_id: str) -> Node:
        return self.nodes[node_id]

    def variable(self, var_id: str) -> Variable | None:
        return next((v for v in self.variables if v.id == var_id), None)

    def scenario(self, scenario_id: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def side_flow_for_key(self, key: str) -> SideFlow | None:
        return next((s for s in self.anytime if s.key == key), None)

    def capture_ids(self) -> list[str]:
        return [c.id for n in self.nodes.values() for c in n.capture]

    def capture(self, capture_id: str) -> Capture | None:
        for node in self.nodes.values():
            for cap in node.capture:
                if cap.id == capture_id:
                    return cap
        return None
