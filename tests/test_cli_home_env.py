"""COACH_HOME that cannot be used gets a sentence and exit 2, never a
traceback or, when empty, the user's real folders (issue 14)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from coach.cli import main


@pytest.mark.parametrize("argv", [["where"], ["new", "x"], ["edit", "follow-up"], ["log"], []])
def test_an_empty_coach_home_is_refused(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACH_HOME", "")
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert err == (
        "coach: COACH_HOME is set but empty; unset it to use your own folders, "
        "or give it a folder\n"
    )
    assert out == ""


@pytest.mark.parametrize("argv", [["where"], ["new", "x"], ["job", "list"], ["due"]])
def test_a_file_as_coach_home_is_refused(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder")
    monkeypatch.setenv("COACH_HOME", str(home))
    assert main(argv) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert home.read_text() == "not a folder"


# (coach edit of a bundled script makes nothing before its first save now.)
@pytest.mark.parametrize("argv", [["new", "x"], ["job", "add", "--company", "A"]])
def test_a_folder_that_cannot_be_made_is_a_sentence(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("COACH_HOME", str(blocker / "below"))
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("coach: ") and "ot a directory" in err
    assert "Traceback" not in err


def test_a_read_only_place_is_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Root writes anywhere, so the read-only folder is simulated where it bites.
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    assert main(["new", "x"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("coach: cannot write ") and "not writable" in err


@pytest.mark.parametrize(
    "argv",
    [[], ["call", "follow-up"], ["practice", "follow-up"], ["edit", "follow-up"], ["partner"]],
)
def test_a_dumb_terminal_gets_a_sentence_not_the_full_screen_app(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TERM", "dumb")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "TERM=dumb" in err and "coach due" in err
    assert not (tmp_path / "home" / "config" / "scripts").exists()  # edit copied nothing
