"""Practice statistics of one script: per scenario and per step. Pure.

Built from :class:`coach.call.practice.PracticeRun` values (finished
rehearsals only), so the numbers mean "rehearsals that reached an end".
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coach.call.pace import Mark, Verdict, compare_runs
from coach.call.practice import FREE_TITLE, PracticeRun
from coach.call.words import id_words, step_words
from coach.script.model import Script


@dataclass(frozen=True)
class ScenarioStats:
    """How one scenario has been rehearsed."""

    id: str | None
    title: str
    runs: int
    #: Mean of matched/total over the scored runs (0 to 1), None when none.
    average_score: float | None
    average_rating: float | None
    #: The date (YYYY-MM-DD) of the latest rehearsal, None when never.
    last: str | None
    #: False for a scenario id stored with old runs that the script no longer has.
    in_script: bool = True
    #: The latest run against the one before it and against the best before it
    #: (``coach.call.pace``: moves first, then steps off pace); None without two scored runs.
    than_previous: Verdict | None = None
    than_best: Verdict | None = None


@dataclass(frozen=True)
class StepStats:
    """How long a step takes, over the rehearsals that went through it."""

    node: str
    median_s: float
    #: How many rehearsals went through the step.
    runs: int


@dataclass(frozen=True)
class ScriptStats:
    script: str
    title: str
    runs: int
    #: Every scenario of the script in its order, then free rehearsals and
    #: scenarios that are no longer in the script (only when rehearsed).
    scenarios: tuple[ScenarioStats, ...]
    #: Steps in the script's order, only those rehearsed at least once.
    steps: tuple[StepStats, ...]
    #: Ids of the script's scenarios never rehearsed, in the script's order.
    never_rehearsed: tuple[str, ...]

    def scenario(self, scenario_id: str | None) -> ScenarioStats | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)


def _date(started_at: str) -> str:
    return started_at[:10]


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _scenario_stats(
    scenario_id: str | None, title: str, runs: Sequence[PracticeRun], in_script: bool
) -> ScenarioStats:
    fractions = [f for f in (r.fraction for r in runs) if f is not None]
    ratings = [float(r.rating) for r in runs if r.rating is not None]
    last = max((_date(r.started_at) for r in runs if r.started_at), default=None)
    marks = [Mark(r.score, r.pace) for r in runs]  # newest first
    compared = compare_runs(marks[0], marks[1:]) if marks else None
    if compared is None or compared.runs == 0:
        compared = None
    return ScenarioStats(
        id=scenario_id,
        title=title,
        runs=len(runs),
        average_score=_mean(fractions),
        average_rating=_mean(ratings),
        last=last,
        in_script=in_script,
        than_previous=compared.than_last if compared else None,
        than_best=compared.than_best if compared else None,
    )


def script_stats(script: Script, runs: Sequence[PracticeRun]) -> ScriptStats:
    """Stats of ``script`` from its finished rehearsals (see ``runs_from_records``)."""
    by_scenario: dict[str | None, list[PracticeRun]] = {}
    for run in runs:
        by_scenario.setdefault(run.scenario, []).append(run)
    rows = [
        _scenario_stats(s.id, s.title, by_scenario.get(s.id, []), True) for s in script.scenarios
    ]
    if by_scenario.get(None):
        rows.append(_scenario_stats(None, FREE_TITLE, by_scenario[None], True))
    known = {s.id for s in script.scenarios}
    for scenario_id in sorted(k for k in by_scenario if k is not None and k not in known):
        title = id_words(scenario_id)  # the script no longer gives its title
        rows.append(_scenario_stats(scenario_id, title, by_scenario[scenario_id], False))

    per_node: dict[str, list[float]] = {}
    for run in runs:
        for node, seconds in run.node_times().items():
            per_node.setdefault(node, []).append(seconds)
    order = {node_id: i for i, node_id in enumerate(script.nodes)}
    steps = tuple(
        StepStats(node, statistics.median(times), len(times))
        for node, times in sorted(
            per_node.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
        )
    )
    never = tuple(s.id for s in script.scenarios if not by_scenario.get(s.id))
    return ScriptStats(script.id, script.title, len(runs), tuple(rows), steps, never)


# ------------------------------------------------------------------- output
def _score_text(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _rating_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}/5"


def seconds_text(seconds: float) -> str:
    """``42 s`` below a minute, ``3:05`` above."""
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    minutes, secs = divmod(total, 60)
    return f"{minutes}:{secs:02d}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        out = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "  ".join(out).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def format_stats_text(stats: ScriptStats) -> str:
    """A readable report: a table of scenarios, one of steps, what was never rehearsed."""
    noun = "rehearsal" if stats.runs == 1 else "rehearsals"
    lines = [f"{stats.title} ({stats.script}): {stats.runs} finished {noun}", ""]
    if stats.scenarios:
        rows = []
        for s in stats.scenarios:
            title = s.title if s.in_script else f"{s.title} (no longer in the script)"
            rows.append(
                [
                    _clip(title, 46),
                    str(s.runs),
                    _score_text(s.average_score),
                    _rating_text(s.average_rating),
                    s.last or "never",
                    s.than_previous or "—",
                ]
            )
        header = ["Scenario", "Runs", "Score", "Rating", "Last", "Last run"]
        lines += _table(header, rows, {1, 2, 3})
        if any(s.than_previous for s in stats.scenarios):
            lines.append("Last run: the latest run against the one before it.")
    else:
        lines.append("This script has no practice scenarios: rehearsals are free, without a score.")
    lines.append("")
    if stats.steps:
        rows = [
            [_clip(step_words(step.node), 46), seconds_text(step.median_s), str(step.runs)]
            for step in stats.steps
        ]
        lines += _table(["Step", "Median time", "Runs"], rows, {1, 2})
        if len(stats.steps) > 1:
            slowest = max(stats.steps, key=lambda s: s.median_s)
            lines.append("")
            lines.append(
                f"Slowest step: {step_words(slowest.node)}, "
                f"{seconds_text(slowest.median_s)} at the median."
            )
    else:
        lines.append("No step times yet.")
    if stats.never_rehearsed:
        titles = {s.id: s.title for s in stats.scenarios}
        lines.append("")
        lines.append("Never rehearsed:")
        lines += [
            f"  {titles.get(sid, id_words(sid))} (--scenario {sid})"
            for sid in stats.never_rehearsed
        ]
        lines.append(f"Run `coach practice {stats.script}` to rehearse the least practised one.")
    elif stats.scenarios and stats.runs:
        lines.append("")
        lines.append("Every scenario has been rehearsed at least once.")
    return "\n".join(lines)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def stats_json(stats: ScriptStats) -> dict[str, Any]:
    """The stats as a JSON-able object (``coach stats SCRIPT --json``)."""
    return {
        "script": stats.script,
        "title": stats.title,
        "runs": stats.runs,
        "scenarios": [
            {
                "id": s.id,
                "title": s.title,
                "runs": s.runs,
                "average_score": _round(s.average_score, 4),
                "average_rating": _round(s.average_rating, 2),
                "last": s.last,
                "in_script": s.in_script,
                "last_vs_previous": s.than_previous,
                "last_vs_best": s.than_best,
            }
            for s in stats.scenarios
        ],
        "steps": [
            {"node": step.node, "median_s": round(step.median_s, 3), "runs": step.runs}
            for step in stats.steps
        ],
        "never_rehearsed": list(stats.never_rehearsed),
    }
