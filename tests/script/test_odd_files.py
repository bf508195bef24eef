"""Only regular files are read: a FIFO, a device, a folder or a symlink loop
named like a script is refused at once with a message, and nothing waits on it
(issue 14: a FIFO named x.yaml froze coach, coach scripts, check, graph and call)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coach.script.check import check_path
from coach.script.editing import read_for_editing
from coach.script.files import NotARegularFile, TooBig, read_regular
from coach.script.library import find_path
from coach.script.load import load_path
from coach.script.model import ScriptError
from tests.coach_run import run_coach
from tests.script.conftest import BASE


def odd(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "x.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "loop":
        path.symlink_to(tmp_path / "y.yaml")
        (tmp_path / "y.yaml").symlink_to(path)
    elif kind == "device":
        return Path("/dev/zero")
    return path


KINDS = {
    "fifo": "it is a pipe (FIFO), not a regular file",
    "folder": "it is a folder, not a regular file",
    "loop": "its links loop back on themselves",
    "device": "it is a device, not a regular file",
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_loader_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    path = odd(tmp_path, kind)
    with pytest.raises(ScriptError) as caught:
        load_path(path)
    assert caught.value.unreadable
    (finding,) = caught.value.findings
    assert finding.message == f"the file could not be read: {KINDS[kind]}"
    assert check_path(path)[1] is True


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_path_given_on_the_command_line_is_read_for_what_it_is(tmp_path: Path, kind: str) -> None:
    path = odd(tmp_path, kind)
    assert find_path(str(path)) == (path, "path")  # not "no such file"


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_the_editor_opens_nothing_from_them(tmp_path: Path, kind: str) -> None:
    opened = read_for_editing(odd(tmp_path, kind))
    assert opened.text == "" and opened.error is not None and "cannot be edited" in opened.error


def test_a_regular_file_reads_whole_and_the_limit_holds(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(BASE, encoding="utf-8")
    data, st = read_regular(path, 1 << 20)
    assert data == BASE.encode() and st.st_size == len(data)
    with pytest.raises(TooBig):
        read_regular(path, 10)
    with pytest.raises(NotARegularFile):
        read_regular(tmp_path, 10)


@pytest.mark.parametrize(
    "argv",
    [
        ["scripts"],
        ["scripts", "--json"],
        ["check", "x.yaml"],
        ["check", "{scripts}/x.yaml"],
        ["graph", "x"],
        ["call", "{scripts}/x.yaml"],
        ["practice", "x"],
        ["edit", "{scripts}/x.yaml"],
    ],
)
def test_no_command_waits_on_a_fifo_in_the_scripts_folder(tmp_path: Path, argv: list[str]) -> None:
    home = tmp_path / "home"
    scripts = home / "config" / "scripts"
    scripts.mkdir(parents=True)
    os.mkfifo(scripts / "x.yaml")
    (scripts / "ok.yaml").write_text(BASE, encoding="utf-8")
    args = [a.replace("{scripts}", str(scripts)) for a in argv]
    done = run_coach(home, *args, cwd=scripts, env={"TERM": "xterm"}, timeout=30)
    assert "Traceback" not in done.stderr
    if argv[0] == "scripts":
        assert "ok" in done.stdout and "x" in done.stdout + done.stderr
    else:
        assert done.returncode != 0
        assert "pipe (FIFO)" in done.stdout + done.stderr, done.stdout + done.stderr


def test_a_thousand_scripts_beside_every_odd_kind_are_all_listed(tmp_path: Path) -> None:
    """1,000 scripts, and a FIFO, a folder, a symlink loop and a file that is
    no script among them: each script is listed, each odd one says why, and
    nothing waits (the timeout is a guard against a hang, not a timing)."""
    home = tmp_path / "home"
    scripts = home / "config" / "scripts"
    scripts.mkdir(parents=True)
    for index in range(1000):
        (scripts / f"s{index:04}.yaml").write_text(BASE, encoding="utf-8")
    os.mkfifo(scripts / "fifo.yaml")
    (scripts / "folder.yaml").mkdir()
    (scripts / "loop.yaml").symlink_to(scripts / "loop2.yaml")
    (scripts / "loop2.yaml").symlink_to(scripts / "loop.yaml")
    (scripts / "broken.yaml").write_bytes(b"\x00\xff: [")
    done = run_coach(home, "scripts", "--json", env={"TERM": "xterm"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    listed = {entry["id"]: entry for entry in json.loads(done.stdout)}
    assert all(listed[f"s{index:04}"]["ok"] for index in range(1000))
    for name in ("fifo", "folder", "loop", "loop2", "broken"):
        assert listed[name]["ok"] is False, name
        assert listed[name]["error"], name
