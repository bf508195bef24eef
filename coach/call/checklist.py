"""The prep checklist's rules: a call may start once every required item is ticked
(or the caller says to start anyway); a rehearsal leaves out the items marked
``live_only`` (only a live call needs them: that a week has passed, the
interviewer's direct number), so practice never asks for them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coach.script.model import ChecklistItem, Script


def checklist_items(script: Script, mode: str = "live") -> tuple[ChecklistItem, ...]:
    """The items a call in ``mode`` shows: all for a live call; for a rehearsal
    (``practice``) those not marked ``live_only``."""
    if mode == "practice":
        return tuple(item for item in script.checklist if not item.live_only)
    return script.checklist


def ticks_of(script: Script, ticked: Iterable[str], mode: str = "live") -> dict[str, bool]:
    """Every checklist item a call in ``mode`` shows -> whether its id is in ``ticked``."""
    chosen = set(ticked)
    return {item.id: item.id in chosen for item in checklist_items(script, mode)}


def unticked_required(
    script: Script, ticks: Mapping[str, bool], mode: str = "live"
) -> list[ChecklistItem]:
    """The required items (of those ``mode`` shows) not ticked, in the script's order."""
    items = checklist_items(script, mode)
    return [item for item in items if item.required and not ticks.get(item.id)]
