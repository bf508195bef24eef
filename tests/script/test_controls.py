"""Control characters in scripts are shown, never obeyed, and coach check warns
where they are (issue 14: a title holding an OSC 52 sequence wrote the
user's clipboard, a say holding ESC[2J wiped the call screen)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.script.controls import control_names, picture, visible
from coach.script.load import load_text
from tests.coach_run import run_coach
from tests.script.conftest import dedent, lines

EVIL = dedent(
    r"""
    title: "Evil \e]52;c;aGVsbG8=\a call"
    nodes:
      hello:
        say: "Hi \e[2J there, \x9b31m"
        tips: ["Tab\tand\nnewline are text"]
        end: pending
    """
)


def test_pictures() -> None:
    assert visible("plain") == "plain"
    assert visible("a\x1b[2Jb\x07\x00\x7f\x9b") == "a␛[2Jb␇␀␡\ufffd"
    assert visible("tab\tand\nline") == "tab\tand\nline"
    assert picture("\x1b") == "␛"
    assert control_names("\x1b]52\x07\x1b[2J\x01") == ["ESC", "BEL", "U+0001"]


def test_the_loader_shows_them_as_pictures() -> None:
    script = load_text(EVIL, "evil.yaml")
    assert script.title == "Evil ␛]52;c;aGVsbG8=␇ call"
    assert script.nodes["hello"].say == "Hi ␛[2J there, \ufffd31m"
    assert script.nodes["hello"].tips == ("Tab\tand\nnewline are text",)
    assert [(w.line, w.column) for w in script.warnings] == [(1, 8), (4, 10)]


def test_check_warns_with_the_line() -> None:
    found = lines(EVIL)
    assert found == [
        "1:8: warning: this text holds control characters (ESC, BEL) that could drive the "
        "terminal (clear the screen, write the clipboard); they are shown as symbols such "
        "as ␛, remove them",
        "4:10: warning: this text holds control characters (ESC, CSI) that could drive the "
        "terminal (clear the screen, write the clipboard); they are shown as symbols such "
        "as ␛, remove them",
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "{file}"],
        ["check", "--format", "json", "{file}"],
        ["scripts"],
        ["scripts", "--json"],
        ["graph", "{file}"],
        ["graph", "{file}", "--format", "text"],
        ["graph", "{file}", "--format", "dot"],
        ["call", "/nope/\x1b[2J.yaml"],
        ["stats", "\x1b]52;c;eA==\x07"],
    ],
)
def test_no_command_prints_a_control_character(tmp_path: Path, argv: list[str]) -> None:
    home = tmp_path / "home"
    scripts = home / "config" / "scripts"
    scripts.mkdir(parents=True)
    (scripts / "evil.yaml").write_text(EVIL, encoding="utf-8")
    args = [a.replace("{file}", str(scripts / "evil.yaml")) for a in argv]
    done = run_coach(home, *args, timeout=30)
    printed = done.stdout + done.stderr
    assert "Traceback" not in printed
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in printed)
