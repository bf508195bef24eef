"""Practice statistics: per scenario, per step, and what was never rehearsed."""

from __future__ import annotations

import json

import pytest

from coach.call.practice import PracticeRun
from coach.call.stats import format_stats_text, script_stats, seconds_text, stats_json
from tests.call.practice_fixtures import run, small_script


def _runs() -> list[PracticeRun]:
    return [
        run(
            "deciding",
            rating=4,
            score=(2, 2),
            started_at="2026-03-05T09:00:00+01:00",
            steps=(("hello", 10.0), ("status", 30.0), ("pending", 5.0)),
        ),
        run(
            "deciding",
            rating=2,
            score=(1, 2),
            started_at="2026-03-01T09:00:00+01:00",
            steps=(("hello", 20.0), ("status", 10.0), ("hello", 6.0)),
        ),
        run(
            "deciding",
            rating=None,
            score=(0, 2),
            started_at="2026-03-03T09:00:00+01:00",
            steps=(("hello", 2.0),),
        ),
        run("filled", rating=5, score=(2, 2), started_at="2026-02-20T08:00:00+00:00"),
        run(None, rating=3, started_at="2026-03-06T08:00:00+00:00", steps=(("hello", 4.0),)),
        run("retired", started_at="2026-01-01T08:00:00+00:00"),
    ]


def test_per_scenario_numbers() -> None:
    stats = script_stats(small_script(), _runs())
    assert stats.runs == 6
    deciding = stats.scenario("deciding")
    assert deciding is not None
    assert deciding.runs == 3
    assert deciding.average_score == pytest.approx((1 + 0.5 + 0) / 3)
    assert deciding.average_rating == pytest.approx(3.0)  # the unrated run is left out
    assert deciding.last == "2026-03-05"
    filled = stats.scenario("filled")
    assert filled is not None and filled.runs == 1 and filled.average_score == 1.0
    vm = stats.scenario("vm")
    assert vm is not None and vm.runs == 0
    assert vm.average_score is None and vm.average_rating is None and vm.last is None


def test_every_scenario_listed_then_free_and_retired() -> None:
    stats = script_stats(small_script(), _runs())
    assert [s.id for s in stats.scenarios] == ["deciding", "filled", "vm", None, "retired"]
    free = stats.scenario(None)
    assert free is not None and free.runs == 1 and free.average_score is None
    retired = stats.scenario("retired")
    assert retired is not None and not retired.in_script
    assert stats.never_rehearsed == ("vm",)


def test_step_medians_use_each_runs_total_per_step() -> None:
    stats = script_stats(small_script(), _runs())
    steps = {s.node: s for s in stats.steps}
    # hello per run: 10, 26 (20 + 6, visited twice), 2, 4 -> median of 2, 4, 10, 26 = 7
    assert steps["hello"].median_s == pytest.approx(7.0)
    assert steps["hello"].runs == 4
    assert steps["status"].median_s == pytest.approx(20.0)
    assert steps["pending"].median_s == pytest.approx(5.0) and steps["pending"].runs == 1
    # In the script's order, only steps rehearsed at least once.
    assert [s.node for s in stats.steps] == ["hello", "status", "pending"]


def test_no_runs_at_all() -> None:
    stats = script_stats(small_script(), [])
    assert stats.runs == 0 and stats.steps == ()
    assert stats.never_rehearsed == ("deciding", "filled", "vm")
    text = format_stats_text(stats)
    assert "0 finished rehearsals" in text and "No step times yet." in text
    assert "Never rehearsed:" in text and "vm: Voicemail" in text


def test_text_report() -> None:
    text = format_stats_text(script_stats(small_script(), _runs()))
    lines = text.splitlines()
    row = next(line for line in lines if line.startswith("Still deciding"))
    assert row.split() == ["Still", "deciding", "3", "50%", "3.0/5", "2026-03-05"]
    vm_row = next(line for line in lines if line.startswith("Voicemail"))
    assert vm_row.split()[-1] == "never" and "—" in vm_row
    assert any("retired (no longer in the script)" in line for line in lines)
    status_row = next(line for line in lines if line.startswith("status"))
    assert "20 s" in status_row and "slowest" in status_row
    assert "Never rehearsed:" in text and "  vm: Voicemail" in lines
    assert max(len(line) for line in lines) <= 80


def test_every_scenario_rehearsed_is_said() -> None:
    runs = [run("deciding"), run("filled"), run("vm")]
    text = format_stats_text(script_stats(small_script(), runs))
    assert "Never rehearsed" not in text
    assert "Every scenario has been rehearsed at least once." in text


def test_script_without_scenarios() -> None:
    stats = script_stats(small_script(scenarios=()), [run(None, steps=(("hello", 3.0),))])
    assert stats.never_rehearsed == ()
    text = format_stats_text(stats)
    assert "Free rehearsal" in text


def test_json_output() -> None:
    data = stats_json(script_stats(small_script(), _runs()))
    json.dumps(data)  # JSON-able
    assert data["script"] == "small" and data["runs"] == 6
    first = data["scenarios"][0]
    assert first == {
        "id": "deciding",
        "title": "Still deciding",
        "runs": 3,
        "average_score": 0.5,
        "average_rating": 3.0,
        "last": "2026-03-05",
        "in_script": True,
    }
    assert data["steps"][0] == {"node": "hello", "median_s": 7.0, "runs": 4}
    assert data["never_rehearsed"] == ["vm"]


def test_seconds_text() -> None:
    assert seconds_text(4.4) == "4 s"
    assert seconds_text(59.4) == "59 s"
    assert seconds_text(185) == "3:05"
