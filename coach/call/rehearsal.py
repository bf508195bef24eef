"""Which scenario a rehearsal plays, and how often each script was rehearsed.

Pure: the practice records come in as data (the callers read the store), so
``coach practice`` decides its scenario before any screen opens, and a bad
``--scenario`` is a plain message on stderr and an exit status.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from coach.call.words import id_words

# The practice rules and the stats are imported when a rehearsal is picked or
# a script's rehearsals are counted: home's lines, on a store with no
# rehearsal yet, need neither (they were 16 ms of home's start-up imports).
if TYPE_CHECKING:
    from coach.call.practice import PracticeError, RecordLike
    from coach.call.stats import ScriptStats
    from coach.script.model import Scenario, Script


def __getattr__(name: str) -> object:
    if name == "PracticeError":  # re-exported, for the callers of choose_practice
        from coach.call.practice import PracticeError

        return PracticeError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PracticeError", "PracticePick", "choose_practice", "rehearsal_line", "rehearsal_lines"]


class PracticePick(NamedTuple):
    """The scenario to rehearse (None: a free rehearsal) and what to tell the user."""

    scenario: Scenario | None
    #: Notices for the user: scenarios skipped because they no longer fit, an
    #: unreadable history, a script without scenarios.
    messages: list[str]


def choose_practice(
    script: Script,
    scenario_id: str | None = None,
    seed: int | None = None,
    *,
    records: Iterable[RecordLike] = (),
    read_problem: str | None = None,
) -> PracticePick:
    """The scenario ``coach practice`` plays.

    With ``scenario_id`` (``--scenario``) that scenario, or :class:`PracticeError`
    saying why it cannot be played. Without it, the scenario rehearsed least
    often in ``records`` (the script's practice calls; ties: the lowest average
    rating, then a pick that ``seed`` makes repeatable). ``read_problem`` says
    why the records could not be read, if they could not. A script without
    usable scenarios gives a free rehearsal (``scenario`` None).
    """
    from coach.call.practice import (
        choose_scenario,
        find_scenario,
        runs_from_records,
        usable_scenarios,
    )

    if scenario_id is not None:
        return PracticePick(find_scenario(script, scenario_id), [])
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
    if read_problem:
        messages.append(
            f"Past rehearsals could not be read ({read_problem}); the scenario is picked at random."
        )
    runs = runs_from_records(records, script.id)
    return PracticePick(choose_scenario(script, runs, seed=seed), messages)


def rehearsal_line(stats: ScriptStats, has_scenarios: bool) -> str | None:
    """One line for the home screen: how often a script was rehearsed, what is missing."""
    return _line(stats.runs, ", ".join(id_words(s) for s in stats.never_rehearsed), has_scenarios)


def _line(runs: int, never: str, has_scenarios: bool) -> str | None:
    times = "once" if runs == 1 else f"{runs} times"
    if runs == 0:
        if not has_scenarios:
            return None
        return f"Not rehearsed yet; scenarios: {never}"
    if not has_scenarios:
        return f"Rehearsed {times} (free rehearsals)"
    if never:
        return f"Rehearsed {times}; never rehearsed: {never}"
    return f"Rehearsed {times}; every scenario rehearsed"


def rehearsal_lines(scripts: Sequence[Script], records: Sequence[RecordLike]) -> dict[str, str]:
    """script id -> :func:`rehearsal_line`, from the practice records of every script."""
    lines: dict[str, str] = {}
    if not records:
        # Nothing rehearsed: each script's stats are no runs and every scenario
        # never rehearsed (what script_stats gives), without loading the stats.
        for script in scripts:
            never = ", ".join(id_words(s.id) for s in script.scenarios)
            line = _line(0, never, bool(script.scenarios))
            if line:
                lines[script.id] = line
        return lines
    from coach.call.practice import runs_from_records
    from coach.call.stats import script_stats

    for script in scripts:
        stats = script_stats(script, runs_from_records(records, script.id))
        line = rehearsal_line(stats, bool(script.scenarios))
        if line:
            lines[script.id] = line
    return lines
