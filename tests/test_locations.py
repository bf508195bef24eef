"""The app's folders: COACH_HOME, else what platformdirs says (read without it on plain Linux)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach import locations

ENVIRONMENTS = [
    {"HOME": "/home/sam"},
    {"HOME": "/home/sam/"},
    {"HOME": "/"},
    {"HOME": "/home/sam", "XDG_DATA_HOME": "/data/x", "XDG_CONFIG_HOME": "/conf/y/"},
    {"HOME": "/home/sam", "XDG_DATA_HOME": "relative", "XDG_CONFIG_HOME": ""},
    {"HOME": "/home/sam", "XDG_DATA_HOME": " /spaced"},
    {"XDG_DATA_HOME": "/data/x", "XDG_CONFIG_HOME": "/conf"},
]
WHERE = (
    "import sys; from coach import locations; from platformdirs import "
    "user_config_path, user_data_path; "
    "print(locations.data_dir(), user_data_path('call-coach'), sep='|'); "
    "print(locations.config_dir(), user_config_path('call-coach'), sep='|'); "
    "print('platformdirs' in sys.modules)"
)


def _env_id(env: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in env.items())


@pytest.mark.skipif(sys.platform != "linux", reason="the plain case is Linux's")
@pytest.mark.parametrize("env", ENVIRONMENTS, ids=_env_id)
def test_the_folders_are_those_platformdirs_gives(env: dict[str, str]) -> None:
    clean = {"PATH": "/usr/bin:/bin", **env}
    result = subprocess.run(
        [sys.executable, "-c", WHERE], env=clean, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    data, config, _ = result.stdout.splitlines()
    ours, theirs = data.split("|")
    assert ours == theirs
    ours, theirs = config.split("|")
    assert ours == theirs


def test_plain_linux_needs_no_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("COACH_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.setenv("HOME", "/home/sam")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/conf")
    assert locations.data_dir() == Path("/home/sam/.local/share/call-coach")
    assert locations.config_dir() == Path("/conf/call-coach")
    assert locations.database_path() == Path("/home/sam/.local/share/call-coach/coach.db")
    code = (
        "import sys; from coach import locations; locations.database_path(); "
        "locations.config_dir(); print('platformdirs' in sys.modules)"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": "/home/sam"}
    if sys.platform == "linux":
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
        assert out.stdout.strip() == "False", out.stderr


def test_anything_less_plain_is_platformdirs_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COACH_HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", "relative/home")
    assert locations._plain_linux_dir("XDG_DATA_HOME", "/.local/share") is None
    monkeypatch.setenv("HOME", "/home/sam")
    monkeypatch.setenv("ANDROID_DATA", "/data")
    monkeypatch.setenv("ANDROID_ROOT", "/system")
    assert locations._plain_linux_dir("XDG_DATA_HOME", "/.local/share") is None
    monkeypatch.delenv("ANDROID_DATA")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert locations._plain_linux_dir("XDG_DATA_HOME", "/.local/share") is None


def test_coach_home_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "/elsewhere")
    assert locations.data_dir() == tmp_path / "data"
    assert locations.config_dir() == tmp_path / "config"
