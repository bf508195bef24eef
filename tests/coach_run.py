"""Running the real ``coach`` command in a subprocess, for tests that need its
exit code, stdout and stderr exactly as a shell would see them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_coach(
    home: Path,
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``coach ARGS...`` with ``COACH_HOME=home`` (and ``env`` on top), stdin
    closed; the exit code is the caller's to check."""
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        env={**os.environ, "COACH_HOME": str(home), **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
        check=False,
    )
