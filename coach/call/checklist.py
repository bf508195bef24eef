"""The prep checklist's rule: a call may start once every required item is ticked
(or the caller says to start anyway)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coach.script.model import ChecklistItem, Script


def ticks_of(script: Script, ticked: Iterable[str]) -> dict[str, bool]:
    """Every checklist item of ``script`` -> whether its id is in ``ticked``."""
    chosen = set(ticked)
    return {item.id: item.id in chosen for item in script.checklist}


def unticked_required(script: Script, ticks: Mapping[str, bool]) -> list[ChecklistItem]:
    """The required items not ticked, in the script's order."""
    return [item for item in script.checklist if item.required and not ticks.get(item.id)]
