"""What was typed into a form before a call and not used yet, kept on disk.

The call details and the prep checklist come before the call has a record,
so a killed process or a closed terminal lost them. Each change is written
through here (atomically: a temporary file renamed over the draft), one
JSON file per script, and dropped once the call starts or the user throws
the values away. The next time that script's call is begun the draft is
offered back. A draft that cannot be written or read is skipped: forms go
on without it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from coach import locations


@dataclass(frozen=True)
class FormDraft:
    """Typed call details and checklist ticks of one script."""

    values: dict[str, str] = field(default_factory=dict)
    ticks: dict[str, bool] = field(default_factory=dict)


class FormDrafts:
    """The drafts in ``folder`` (created when the first one is written)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, script_id: str, kind: str = "call") -> Path:
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in script_id)
        return self.folder / f"{kind}-{safe or 'script'}.json"

    def read(self, script_id: str, *, kind: str = "call") -> FormDraft | None:
        """The draft of ``script_id``; None if there is none or it cannot be read.

        ``kind`` names the form: ``call`` (details and ticks of a script's call,
        by script id) or ``job`` (the job form, by job id or ``new``)."""
        try:
            raw = json.loads(self._path(script_id, kind).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(raw, dict):
            return None
        values, ticks = raw.get("values"), raw.get("ticks")
        return FormDraft(
            {str(k): v for k, v in values.items() if isinstance(v, str)}
            if isinstance(values, dict)
            else {},
            {str(k): v for k, v in ticks.items() if isinstance(v, bool)}
            if isinstance(ticks, dict)
            else {},
        )

    def write(
        self,
        script_id: str,
        *,
        values: Mapping[str, str] | None = None,
        ticks: Mapping[str, bool] | None = None,
        kind: str = "call",
    ) -> bool:
        """Replace the values or the ticks of the draft (the other part is kept).
        False if it could not be written (a full disk, a read-only folder)."""
        old = self.read(script_id, kind=kind) or FormDraft()
        data = {
            "values": dict(old.values if values is None else values),
            "ticks": dict(old.ticks if ticks is None else ticks),
        }
        try:
            locations.write_atomic(
                self._path(script_id, kind), json.dumps(data, ensure_ascii=False)
            )
        except OSError:
            return False
        return True

    def drop(self, script_id: str, *, kind: str = "call") -> None:
        """Forget the draft of ``script_id`` (its call started, or it was thrown away)."""
        with suppress(OSError):
            self._path(script_id, kind).unlink(missing_ok=True)
