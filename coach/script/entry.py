"""One script of the library, loaded or not (shared by the library and its cache)."""

# No ``from __future__ import annotations``: see coach/script/model.py.
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from coach.script.model import Finding, Script, Source


class ScriptEntry(NamedTuple):
    """One script in the library, loaded or not (a named tuple, as the model's
    records: see :mod:`coach.script.model`)."""

    id: str
    source: Source
    path: Path
    script: Script | None
    findings: Sequence[Finding] = ()

    @property
    def ok(self) -> bool:
        return self.script is not None

    @property
    def title(self) -> str:
        return self.script.title if self.script else self.id

    @property
    def description(self) -> str:
        return self.script.description if self.script else ""

    @property
    def first_error(self) -> Finding | None:
        return next((f for f in self.findings if f.severity == "error"), None)
