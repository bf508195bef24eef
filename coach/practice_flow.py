"""Which scenario a ``coach practice`` run plays, decided before any screen opens.

No Textual here: the command line calls :func:`pick_scenario` first, so a bad
``--scenario`` is a plain message on stderr and an exit status, never a screen.
The home screen's ``p`` key uses it too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from coach.call.practice import (
    PracticeError,
    choose_scenario,
    find_scenario,
    runs_from_records,
    usable_scenarios,
)
from coach.call.stats import ScriptStats, script_stats
from coach.script.model import Scenario, Script
from coach.store import CallRecord, NothingRecorded, Store, StoreError

__all__ = ["PracticeError", "PracticePick", "pick_scenario", "rehearsal_line"]


@dataclass(frozen=True)
class PracticePick:
    """The scenario to rehearse (None: a free rehearsal) and what to tell the user."""

    scenario: Scenario | None
    #: Notices for the user: scenarios skipped because they no longer fit, an
    #: unreadable history, a script without scenarios.
    messages: list[str] = field(default_factory=list)


def _practice_records(
    script: Script, store: Store | None, db_path: Path | None
) -> tuple[list[CallRecord], str | None]:
    """This script's practice records, and a message when they could not be read."""
    try:
        if store is not None:
            return store.calls(mode="practice", script=script.id), None
        with Store(db_path, read_only=True) as reader:
            return reader.calls(mode="practice", script=script.id), None
    except NothingRecorded:
        return [], None  # nothing rehearsed yet (reading never creates the file)
    except StoreError as exc:
        return [], f"Past rehearsals could not be read ({exc}); the scenario is picked at random."


def pick_scenario(
    script: Script,
    scenario_id: str | None = None,
    seed: int | None = None,
    store: Store | None = None,
    *,
    db_path: Path | None = None,
) -> PracticePick:
    """The scenario ``coach practice`` plays.

    With ``scenario_id`` (``--scenario``) that scenario, or :class:`PracticeError`
    saying why it cannot be played. Without it, the scenario rehearsed least
    often (ties: the lowest average rating, then a pick that ``seed`` makes
    repeatable), read from ``store`` or, when none is given, from the database
    file opened read-only. A script without usable scenarios gives a free
    rehearsal (``scenario`` None).
    """
    if scenario_id is not None:
        return PracticePick(find_scenario(script, scenario_id))
    usable, messages = usable_scenarios(script)
    if not usable:
        if not script.scenarios:
            messages.append(
                f"'{script.title}' has no practice scenarios: this is a free rehearsal, "
                "without a score."
            )
        else:
            messages.append("No scenario fits the script any more: this is a free rehearsal.")
        return PracticePick(None, messages)
    records, problem = _practice_records(script, store, db_path)
    if problem:
        messages.append(problem)
    runs = runs_from_records(records, script.id)
    return PracticePick(choose_scenario(script, runs, seed=seed), messages)


def scenario_words(scenario_id: str) -> str:
    """``position_filled`` -> ``Position filled``."""
    return scenario_id.replace("_", " ").capitalize()


def rehearsal_line(stats: ScriptStats, has_scenarios: bool) -> str | None:
    """One line for the home screen: how often a script was rehearsed, what is missing."""
    times = "once" if stats.runs == 1 else f"{stats.runs} times"
    never = ", ".join(scenario_words(s) for s in stats.never_rehearsed)
    if stats.runs == 0:
        if not has_scenarios:
            return None
        return f"Not rehearsed yet; scenarios: {never}"
    if not has_scenarios:
        return f"Rehearsed {times} (free rehearsals)"
    if never:
        return f"Rehearsed {times}; never rehearsed: {never}"
    return f"Rehearsed {times}; every scenario rehearsed"


def rehearsal_lines(scripts: list[Script], read: Callable[[], list[CallRecord]]) -> dict[str, str]:
    """script id -> :func:`rehearsal_line`, from one read of every practice record."""
    records = read()
    lines: dict[str, str] = {}
    for script in scripts:
        stats = script_stats(script, runs_from_records(records, script.id))
        line = rehearsal_line(stats, bool(script.scenarios))
        if line:
            lines[script.id] = line
    return lines
