"""coach new / copy / save: ids, the schema line, no overwrites, atomic saves with backups."""

from __future__ import annotations

import argparse
import json
import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coach import locations
from coach.cli.scripts import cmd_new
from coach.script import newscript
from coach.script.newscript import (
    KEEP_BACKUPS,
    EditTarget,
    NewScriptError,
    backups_of,
    describe_os_error,
    ensure_schema_file,
    new_script,
    prepare_edit,
    save_text,
    with_schema_line,
)


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    return home


# ----------------------------------------------------------------------- schema
def test_schema_file_is_written_and_kept_current() -> None:
    from coach.script.schema import json_schema

    path = ensure_schema_file()
    assert path == locations.schema_path()
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema()
    path.write_text("{}", encoding="utf-8")
    ensure_schema_file()
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema()
    # No temp files left beside it.
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_schema_line_is_added_or_replaced() -> None:
    schema = Path("/tmp/x/schema.json")
    line = "# yaml-language-server: $schema=file:///tmp/x/schema.json"
    assert with_schema_line("title: A\n", schema) == f"{line}\ntitle: A\n"
    old = "# yaml-language-server: $schema=./old.json\ntitle: A\n"
    assert with_schema_line(old, schema) == f"{line}\ntitle: A\n"


# ---------------------------------------------------------------------- new
def test_new_script_writes_the_starter_with_the_schema_line() -> None:
    path = new_script("acme-call")
    assert path == locations.user_scripts_dir() / "acme-call.yaml"
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    assert first == f"# yaml-language-server: $schema={locations.schema_path().resolve().as_uri()}"
    assert rest == newscript.starter_text()
    assert locations.schema_path().is_file()


def test_starter_has_no_findings_even_strict() -> None:
    from coach.script.load import check_text

    path = new_script("fresh")
    findings = check_text(path.read_text(encoding="utf-8"), str(path))
    assert findings == []


def test_new_script_refuses_to_overwrite() -> None:
    path = new_script("mine")
    path.write_text("title: edited by hand\n", encoding="utf-8")
    with pytest.raises(NewScriptError, match="already exists") as info:
        new_script("mine")
    assert str(path) in str(info.value)
    assert info.value.exit_code == 1
    assert path.read_text(encoding="utf-8") == "title: edited by hand\n"


def test_new_script_refuses_when_a_yml_file_has_the_id() -> None:
    folder = locations.user_scripts_dir()
    folder.mkdir(parents=True)
    (folder / "mine.yml").write_text("title: x\n", encoding="utf-8")
    with pytest.raises(NewScriptError, match=r"mine\.yml already exists"):
        new_script("mine")
    assert not (folder / "mine.yaml").exists()


@pytest.mark.parametrize("bad", ["", "Acme", "-x", "my call", "a/b", "../x", "x.yaml", "é"])
def test_bad_ids_are_refused_with_a_clear_message(bad: str) -> None:
    with pytest.raises(NewScriptError, match="not a valid script id") as info:
        new_script(bad)
    assert info.value.exit_code == 2
    assert not locations.user_scripts_dir().exists()


def test_new_script_from_a_bundled_script_copies_its_text() -> None:
    bundled = locations.bundled_scripts_dir() / "follow-up.yaml"
    path = new_script("my-follow-up", "follow-up")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=file://")
    body = bundled.read_text(encoding="utf-8")
    if body.startswith("# yaml-language-server:"):
        body = body.partition("\n")[2]
    assert text.partition("\n")[2] == body


def test_new_script_from_an_unknown_script() -> None:
    with pytest.raises(NewScriptError, match="no script with id 'nope'") as info:
        new_script("x", "nope")
    assert info.value.exit_code == 2


def test_cmd_new_prints_the_path_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cmd_new(argparse.Namespace(id="call-one", from_ref=None)) == 0
    out, err = capsys.readouterr()
    assert out.strip() == str(locations.user_scripts_dir() / "call-one.yaml")
    assert err == ""
    assert cmd_new(argparse.Namespace(id="call-one", from_ref=None)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("coach: ") and "already exists" in err
    assert cmd_new(argparse.Namespace(id="Bad Id", from_ref=None)) == 2
    assert "not a valid script id" in capsys.readouterr().err


# --------------------------------------------------------------------- copy
def test_editing_a_bundled_script_writes_no_copy_until_saved() -> None:
    bundled = locations.bundled_scripts_dir() / "follow-up.yaml"
    target = prepare_edit("follow-up")
    copy = locations.user_scripts_dir() / "follow-up.yaml"
    assert target.path == copy
    assert not copy.exists()  # nothing shadows the bundled script yet
    assert target.notice == (
        f"Editing a copy of the bundled script; it is saved to {copy} on first save"
    )
    assert target.initial_text is not None
    assert target.initial_text.startswith("# yaml-language-server: $schema=file://")
    assert target.initial_text.endswith(bundled.read_text(encoding="utf-8"))
    # Asking again still writes nothing.
    assert prepare_edit("follow-up") == target
    assert not copy.exists()


def test_a_saved_copy_is_the_one_edited_from_then_on() -> None:
    copy = locations.user_scripts_dir() / "follow-up.yaml"
    copy.parent.mkdir(parents=True)
    copy.write_text("title: mine\n", encoding="utf-8")
    target = prepare_edit("follow-up")
    assert target.path == copy
    assert target.initial_text is None  # the file is read as it is, never replaced
    assert target.notice is None  # the user's script shadows the bundled one: just theirs
    assert copy.read_text(encoding="utf-8") == "title: mine\n"


def test_prepare_edit_of_a_bundled_file_by_path_edits_a_copy() -> None:
    bundled = locations.bundled_scripts_dir() / "follow-up.yaml"
    target = prepare_edit(str(bundled))
    assert target.path == locations.user_scripts_dir() / "follow-up.yaml"
    assert target.notice is not None and "on first save" in target.notice
    assert not target.path.exists()


def test_prepare_edit_of_a_user_file_says_nothing(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("title: mine\n", encoding="utf-8")
    assert prepare_edit(str(path)) == EditTarget(path)


# --------------------------------------------------------------------- save
def test_save_text_is_atomic_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("old\n", encoding="utf-8")
    inode = path.stat().st_ino
    backup = save_text(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_ino != inode  # replaced, not rewritten in place
    assert backup is not None
    assert backup.parent == tmp_path / ".backups"
    assert backup.read_text(encoding="utf-8") == "old\n"
    # Nothing else left behind (no temp files).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".backups", "s.yaml"]


def test_save_text_of_a_new_file_has_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "s.yaml"
    assert save_text(path, "x\n") is None
    assert path.read_text(encoding="utf-8") == "x\n"


def test_save_text_keeps_only_the_newest_backups(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("v0", encoding="utf-8")
    start = datetime(2026, 3, 1, 9, 0, 0)
    for i in range(1, KEEP_BACKUPS + 4):
        save_text(path, f"v{i}", now=start + timedelta(seconds=i))
    kept = backups_of(path)
    assert len(kept) == KEEP_BACKUPS
    assert kept[-1].read_text(encoding="utf-8") == f"v{KEEP_BACKUPS + 2}"
    assert kept[0].read_text(encoding="utf-8") == "v3"


def test_save_text_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("a", encoding="utf-8")
    os.chmod(path, 0o600)
    save_text(path, "b")
    assert path.stat().st_mode & 0o777 == 0o600


def test_save_text_follows_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("a", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    save_text(link, "b")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "b"


def test_a_failed_save_leaves_the_file_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("old", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(newscript.os, "replace", refuse)
    with pytest.raises(PermissionError) as info:
        save_text(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    message = describe_os_error(info.value, path)
    assert "not writable" in message and str(tmp_path) in message


def test_save_into_a_path_whose_folder_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OSError) as info:
        save_text(blocker / "s.yaml", "x")
    assert "s.yaml" in describe_os_error(info.value, blocker / "s.yaml")


def test_cmd_edit_of_an_unknown_script_says_how_to_create_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from coach.cli.scripts import cmd_edit

    assert cmd_edit(argparse.Namespace(script="nope")) == 2
    err = capsys.readouterr().err
    assert "no script with id 'nope'" in err
    assert "coach new nope" in err


def test_coach_new_never_imports_textual(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import argparse, sys\n"
        "from coach.cli.scripts import cmd_new\n"
        "rc = cmd_new(argparse.Namespace(id='fast', from_ref=None))\n"
        "print(rc, 'textual' in sys.modules)\n"
    )
    env = {**os.environ, "COACH_HOME": str(tmp_path / "h")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["0", "False"]
