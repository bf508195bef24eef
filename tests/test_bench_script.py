"""scripts/bench.py: its inputs are valid and its check figures run (no timing asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.script.check import check_text
from coach.script.load import load_text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench  # noqa: E402


@pytest.mark.parametrize("nodes", [10, 100, 1000])
def test_generated_scripts_check_clean(nodes: int) -> None:
    text = bench.generate(nodes)
    assert check_text(text, f"gen-{nodes}.yaml") == []
    script = load_text(text)
    assert len(script.nodes) == nodes


def test_the_walk_follows_the_generated_script() -> None:
    """gen_walk's keys are the moves the script's steps take (next, else choice 1)."""
    script = load_text(bench.generate(100))
    walk = bench.gen_walk(20)
    node = script.nodes[script.start]
    for key in walk[:20]:
        if key == "Enter":
            assert node.next is not None
            node = script.nodes[node.next]
        else:
            assert key == "1" and node.choices
            node = script.nodes[node.choices[0].next]
    assert walk[20:] == ["b"] * 20


def test_quick_check_figures_run(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench.py"),
            "--quick",
            "--figures",
            "check",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: a target missed, not an error
    rows = json.loads(result.stdout)["rows"]
    assert [row["measured"] for row in rows] == [
        "check 1000",
        "check 10000",
        "check 1000 new",
        "check 10000 new",
    ]
    assert [row["target"] is None for row in rows] == [False, False, True, True]
    for row in rows:
        assert row["failure"] is None
        assert row["median"] > 0 and row["floor_median"] > 0
        target = row["target"]
        assert row["passed"] == (target is None or row["ratio"] <= target)


def test_unknown_figures_are_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--figures", "speed"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "--figures takes some of: home, keys, check" in result.stderr


def test_clearing_a_home_keeps_only_its_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cache = home / "data" / "cache"
    (cache / "files").mkdir(parents=True)
    (cache / "files" / "a.pickle").write_bytes(b"kept")
    (home / "data" / "coach.db").write_bytes(b"db")
    (home / "config" / "scripts").mkdir(parents=True)
    (home / "config" / "settings.toml").write_text("x")
    bench._clear_home(home, keep=cache)
    left = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert left == ["data", "data/cache", "data/cache/files", "data/cache/files/a.pickle"]
    bench._clear_home(home, keep=None)
    assert not home.exists()


def test_the_instruction_count_says_when_valgrind_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import bench_instructions

    monkeypatch.setattr(bench_instructions.shutil, "which", lambda name: None)
    assert bench_instructions.main([]) == 2
    assert "valgrind is not installed" in capsys.readouterr().out


def test_the_first_frame_runner_needs_floor_or_coach() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "first_frame.py"), "home"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Usage: python scripts/first_frame.py floor" in result.stderr


def test_an_unknown_instruction_figure_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import bench_instructions

    with pytest.raises(SystemExit) as ended:
        bench_instructions.main(["--figures", "floor,speed"])
    assert ended.value.code == 2
    assert "--figures takes some of: floor, empty, big" in capsys.readouterr().err
