"""A command started with its output closed (``coach due >&-``) runs without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.cli.output import Visible


def _run_closed(
    args: list[str], home: Path, *, close: str = ">&-"
) -> subprocess.CompletedProcess[str]:
    """``coach ARGS`` with standard output (or what ``close`` says) closed, in a shell."""
    env = {**os.environ, "COACH_HOME": str(home)}
    command = f'exec "$@" {close}'
    return subprocess.run(
        ["bash", "-c", command, "_", sys.executable, "-m", "coach", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["due", "--json"],
        ["log"],
        ["log", "--json"],
        ["scripts"],
        ["job", "list"],
        ["--help"],
    ],
)
def test_closed_output_is_dropped_without_a_traceback(args: list[str], tmp_path: Path) -> None:
    result = _run_closed(args, tmp_path)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert result.stderr == ""


def test_closed_output_still_shows_errors_on_stderr(tmp_path: Path) -> None:
    result = _run_closed(["job", "show", "42"], tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_both_streams_closed(tmp_path: Path) -> None:
    result = _run_closed(["due"], tmp_path, close=">&- 2>&-")
    assert result.returncode == 0


def test_visible_drops_writes_to_a_closed_stream() -> None:
    stream = Visible(None)
    assert stream.write("gone\n") == 5
    stream.writelines(["a", "b"])
    stream.flush()
