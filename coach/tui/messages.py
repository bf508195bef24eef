"""Messages the Call Coach widgets and screens post (to their screen, or up to the app)."""

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
class StartCall(Message):
    """Start the call walk (details, prep, call) with a script of the library.

    ``job``: the call is about this job (its values filled, its next step set).
    """

    script_id: str
    job: int | None = None


@dataclass
class StartPractice(Message):
    """Rehearse a script of the library (its least-rehearsed scenario)."""

    script_id: str


@dataclass
class EditScript(Message):
    """Open the editor on a script: an id or a path (a bundled one is copied first)."""

    ref: str


@dataclass
class NewScript(Message):
    """Ask for an id, create a script from the starter and open it in the editor."""


@dataclass
class OpenJob(Message):
    """Show one job: its calls, notes, next step and actions."""

    job_id: int


@dataclass
class AddJob(Message):
    """Open the form that adds a job."""
