"""One script of the library, loaded or not (shared by the library and its cache)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coach.script.model import Finding, Script, Source


@dataclass(frozen=True)
class ScriptEntry:
    """One script in the library, loaded or not."""

    id: str
    source: Source
    path: Path
    script: Script | None
    findings: list[Finding] = field(default_factory=list)

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
