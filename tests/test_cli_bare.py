"""``coach`` with no arguments at all goes straight to home without argparse, and
behaves as the parser's path did: the same arguments, messages and exit codes."""

from __future__ import annotations

import argparse
import errno
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from coach.cli import build_parser, main
from coach.cli.commands import home_arguments


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    return home


@pytest.fixture
def handled(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What ``cmd_home`` is given (home itself is not started)."""
    import coach.tui.run

    given: list[object] = []

    def run_home() -> int:
        given.append("run_home")
        return 0

    import coach.cli.calls

    original = coach.cli.calls.cmd_home

    def cmd_home(args: argparse.Namespace) -> int:
        given.append(vars(args))
        return original(args)

    monkeypatch.setattr(coach.tui.run, "run_home", run_home)
    monkeypatch.setattr(coach.cli.calls, "cmd_home", cmd_home)
    monkeypatch.setenv("TERM", "xterm-256color")
    return given


def test_the_arguments_are_those_argparse_gives_for_none() -> None:
    parsed = build_parser().parse_args([])
    assert vars(home_arguments()) == vars(parsed) == {"command": None}


def test_bare_coach_runs_home_with_them(handled: list[object]) -> None:
    assert main([]) == 0
    assert handled == [{"command": None}, "run_home"]


def test_bare_coach_never_imports_argparse_nor_the_output_cache(tmp_path: Path) -> None:
    code = f"""
        import os, sys
        os.environ["COACH_HOME"] = {str(tmp_path)!r}
        os.environ["TERM"] = "xterm-256color"
        import coach.tui.run
        coach.tui.run.run_home = lambda: 7
        from coach.cli import main
        sys.argv = ["coach"]  # the process's own command line: nothing after the name
        code = main()
        loaded = [m in sys.modules for m in ("argparse", "coach.cli.parser", "coach.cli.cache")]
        print(code, *loaded)
        """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["7", "False", "False", "False"]


def test_any_argument_still_goes_through_argparse(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--no-such-option"])
    assert exc.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_a_dumb_terminal_gets_the_sentence_and_the_usage_as_before(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("coach: ") and "TERM=dumb" in err
    # As argparse's path wrote it: the top parser's usage after the sentence.
    assert err.endswith(build_parser().format_usage())


def test_an_empty_coach_home_is_refused_before_home(
    handled: list[object], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACH_HOME", "")
    assert main([]) == 2
    assert "COACH_HOME is set but empty" in capsys.readouterr().err
    assert handled == []


@pytest.mark.parametrize(
    ("raised", "code"),
    [
        (KeyboardInterrupt(), 130),
        (PermissionError(errno.EACCES, "Permission denied", "/x/coach.db"), None),
    ],
)
def test_what_home_raises_gives_the_same_exit_codes(
    raised: BaseException,
    code: int | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import coach.tui.run
    from coach.cli.status import os_error_code

    def run_home() -> int:
        raise raised

    monkeypatch.setattr(coach.tui.run, "run_home", run_home)
    monkeypatch.setenv("TERM", "xterm-256color")
    got = main([])
    err = capsys.readouterr().err
    if code is None:  # an OSError: a sentence and its code, as for every command
        assert isinstance(raised, OSError)
        assert got == os_error_code(raised) != 0
        assert err.startswith("coach: ") and "Traceback" not in err
    else:
        assert got == code
