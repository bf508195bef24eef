"""Messages the Call Coach widgets post to their screens."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class FieldChanged(Message):
    """A form or capture field was edited (sent on every keystroke)."""

    field_id: str
    value: str


@dataclass
class FieldDone(Message):
    """Enter was pressed in a one-line field: the user is done typing there."""

    field_id: str


@dataclass
class JumpTo(Message):
    """Move the editor's cursor to this place (1-based, like the findings).

    Posted by the editor's structure panel (``node``: the node its row names)
    and by its problems panel (``node`` empty: a finding names no node).
    """

    line: int
    column: int
    node: str = ""


@dataclass
class ScriptChosen(Message):
    """The user picked a script on the home screen."""

    script_id: str
