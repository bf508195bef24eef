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


# -- the call record's name as text, without pathlib (coach log) -------------------

ODD_PATHS = [
    "/tmp/x", "/tmp/x/", "//srv/x", "///srv//x", "rel/./a", ".", "", "a/../b",
    "/a/./b/.", "/", "//", "////", "./x", "x//y///", " spaced /x ", "/ünï/çødé",
]  # fmt: skip


@pytest.mark.parametrize("text", ODD_PATHS)
def test_posix_text_is_what_pathlib_writes(text: str) -> None:
    assert locations.posix_text(text) == str(Path(text))
    assert locations.posix_text(text, "data", "coach.db") == str(Path(text, "data", "coach.db"))
    assert locations.posix_text("~/x") is None  # the home folder is pathlib's to find


@pytest.mark.parametrize(
    "env",
    [*ENVIRONMENTS, *({"COACH_HOME": path} for path in ODD_PATHS if path), {"COACH_HOME": "~/c"}],
    ids=_env_id,
)
def test_the_files_as_text_are_the_paths(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("COACH_HOME", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert locations.database_file() == str(locations.database_path())
    assert locations.config_file("settings.toml") == str(locations.config_dir() / "settings.toml")
    assert locations.cache_file("cli", "e.bin") == str(locations.cache_dir() / "cli" / "e.bin")


@pytest.mark.parametrize("name", ["plain", "a space", "100%", "why?", "#1", "ünï", "~tilde"])
def test_the_file_uri_is_pathlibs(name: str, tmp_path: Path) -> None:
    from coach.store.connection import file_uri

    target = tmp_path / name / "coach.db"
    target.parent.mkdir()
    link = tmp_path / f"link to {name}"
    link.symlink_to(target.parent)
    for path in (target, link / "coach.db", tmp_path / name / ".." / name / "coach.db"):
        assert file_uri(path) == file_uri(str(path)) == path.resolve().as_uri()


def test_reading_the_call_record_imports_no_pathlib(tmp_path: Path) -> None:
    from coach.store import Store

    with Store(tmp_path / "data" / "coach.db"):
        pass
    code = (
        "import contextlib, io, os, sys\n"
        f"os.environ['COACH_HOME'] = {str(tmp_path)!r}\n"
        "from coach.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['log', '--json', '--limit', '20']) == 0\n"
        "print(sorted(m for m in sys.modules if m in ('pathlib', 'urllib.parse', 'typing')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
