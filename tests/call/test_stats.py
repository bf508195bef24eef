"""Practice statistics: per scenario, per step, and what was never rehearsed."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coach import locations
from coach.call.practice import PracticeRun
from coach.call.session import CallSession
from coach.call.stats import format_stats_text, script_stats, seconds_text, stats_json
from coach.cli.records import cmd_stats
from coach.script.model import Finding, Script, ScriptError
from coach.store import Store
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
    assert "Never rehearsed:" in text and "  Voicemail (--scenario vm)" in text.splitlines()


def test_text_report() -> None:
    text = format_stats_text(script_stats(small_script(), _runs()))
    lines = text.splitlines()
    row = next(line for line in lines if line.startswith("Still deciding"))
    # The latest run (2/2) is better than the one before it (1/2).
    assert row.split() == ["Still", "deciding", "3", "50%", "3.0/5", "2026-03-05", "better"]
    assert "Last run: the latest run against the one before it." in lines
    vm_row = next(line for line in lines if line.startswith("Voicemail"))
    assert vm_row.split()[-2:] == ["never", "—"]
    assert any("Retired (no longer in the script)" in line for line in lines)
    status_row = next(line for line in lines if line.startswith("Status"))
    assert status_row.split() == ["Status", "20", "s", "2"]
    assert "Slowest step: Status, 20 s at the median." in lines
    assert "Never rehearsed:" in text and "  Voicemail (--scenario vm)" in lines
    assert max(len(line) for line in lines) <= 80


def test_every_column_of_the_text_report_has_a_heading() -> None:
    lines = format_stats_text(script_stats(small_script(), _runs())).splitlines()
    rules = [i for i, line in enumerate(lines) if line and set(line) <= {"-", " "}]
    assert len(rules) == 2  # the scenarios and the steps
    for i in rules:
        heading = lines[i - 1]
        for column in re.finditer(r"-+", lines[i]):
            assert heading[column.start() : column.end()].strip(), (
                f"a column without a heading in {heading!r}"
            )


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
        "last_vs_previous": "better",
        "last_vs_best": "better",
    }
    assert data["steps"][0] == {"node": "hello", "median_s": 7.0, "runs": 4}
    assert data["never_rehearsed"] == ["vm"]


def test_a_single_run_or_a_worse_one_is_said_as_it_is() -> None:
    once = script_stats(small_script(), [run("deciding", score=(1, 2))]).scenario("deciding")
    assert once is not None and once.than_previous is None and once.than_best is None
    runs = [run("deciding", score=(1, 2)), run("deciding", score=(2, 2))]
    worse = script_stats(small_script(), runs).scenario("deciding")
    assert worse is not None and (worse.than_previous, worse.than_best) == ("worse", "worse")


def test_seconds_text() -> None:
    assert seconds_text(4.4) == "4 s"
    assert seconds_text(59.4) == "59 s"
    assert seconds_text(185) == "3:05"


# --------------------------------------------------- the `coach stats` handler
def _stats_args(script: str, as_json: bool = False) -> argparse.Namespace:
    return argparse.Namespace(script=script, json=as_json)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    script = small_script()
    monkeypatch.setattr(
        "coach.script.library.resolve",
        lambda ref: script if ref == "small" else _unknown(ref),
    )
    return tmp_path / "home"


def _unknown(ref: str) -> Script:
    raise ScriptError([Finding(ref, 1, 1, "error", f"no script with id '{ref}'")], unreadable=True)


def test_cmd_stats_without_a_record_creates_nothing(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cmd_stats(_stats_args("small")) == 0
    out = capsys.readouterr().out
    assert "0 finished rehearsals" in out and "Never rehearsed:" in out
    assert not locations.database_path().exists()


def test_cmd_stats_reads_practice_calls(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = small_script()
    with Store() as store:
        # filled: hello -> status (1), then "Position filled" (2, matched) or "Still deciding" (1).
        for scenario_id, keys in (("filled", "12"), ("filled", "11"), ("vm", "2")):
            session = CallSession(
                script, {}, mode="practice", scenario=script.scenario(scenario_id)
            )
            call_id = store.start_call(session.snapshot())
            for key in keys:
                session.choose(key)
            while not session.finished:
                session.advance()
            session.set_rating(4)
            store.finish(call_id, session.snapshot())
        live = CallSession(script, {})
        store.start_call(live.snapshot())  # a live call never counts
    assert cmd_stats(_stats_args("small", as_json=True)) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == 3
    rows = {row["id"]: row for row in data["scenarios"]}
    assert rows["filled"]["runs"] == 2
    assert rows["filled"]["average_score"] == pytest.approx(0.75)  # 2/2 and 1/2
    assert rows["filled"]["average_rating"] == 4.0
    assert rows["vm"]["runs"] == 1 and rows["vm"]["average_score"] == 1.0
    assert data["never_rehearsed"] == ["deciding"]


def test_cmd_stats_unknown_script(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_stats(_stats_args("nope")) == 2
    assert "no script with id 'nope'" in capsys.readouterr().err


def test_cmd_stats_damaged_record(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = locations.database_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    assert cmd_stats(_stats_args("small")) == 1
    err = capsys.readouterr().err
    assert err.startswith("coach: cannot read the call record:") and "Traceback" not in err


def test_cmd_stats_never_imports_textual(tmp_path: Path) -> None:
    code = (
        "import sys, argparse\n"
        "from coach.cli.records import cmd_stats\n"
        "cmd_stats(argparse.Namespace(script='coach/script/bundled/follow-up.yaml', json=True))\n"
        "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'OK')\n"
    )
    env = {**os.environ, "COACH_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert result.stdout.strip().splitlines()[-1] == "OK", result.stderr
