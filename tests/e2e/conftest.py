"""End-to-end tests: the real `coach` in a real terminal (tmux)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from follow_up import set_options  # noqa: E402
from tmux_driver import Tmux, tmux_available  # noqa: E402

from tests.coach_run import run_coach  # noqa: E402

COACH = f"{sys.executable} -m coach"

pytestmark = pytest.mark.tmux


def sets() -> str:
    return set_options()


@pytest.fixture
def coach_home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def run_tmux(coach_home: Path) -> Iterator[object]:
    if not tmux_available():
        pytest.fail("tmux is not installed: scripts/test installs it")
    sessions: list[Tmux] = []

    def start(args: str, width: int = 100, height: int = 30) -> Tmux:
        env = {
            "COACH_HOME": str(coach_home),
            "PYTHONPATH": str(ROOT),
            "TEXTUAL_ANIMATIONS": "none",
        }
        tmux = Tmux(f"{COACH} {args}", width=width, height=height, env=env, cwd=ROOT)
        sessions.append(tmux)
        return tmux

    yield start
    for tmux in sessions:
        tmux.kill()


def coach_cli(coach_home: Path, *args: str) -> str:
    """``coach ARGS...`` run with this test's COACH_HOME; its stdout (it must succeed)."""
    result = run_coach(coach_home, *args, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def coach_json(coach_home: Path, *args: str) -> list[dict[str, object]]:
    """``coach ARGS... --json``: the JSON array it prints."""
    data = json.loads(coach_cli(coach_home, *args, "--json"))
    assert isinstance(data, list)
    return data


def coach_log(coach_home: Path) -> list[dict[str, object]]:
    return coach_json(coach_home, "log")
