"""FileWatcher (stat-only change detection) and reload_for_call (keep your place)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coach.script.model import Script
from coach.script.watch import Changes, FileWatcher, reload_for_call

SCRIPT = """\
title: Watch test
nodes:
  hello:
    say: Hello.
    choices:
      - {label: Talk, next: talk}
      - {label: Bye, next: bye}
  talk:
    say: Let us talk.
    next: bye
  bye:
    say: Goodbye.
    end: pending
"""


def _bump(path: Path, text: str) -> None:
    """Write ``text`` and make sure the mtime moves even on coarse clocks."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


# -------------------------------------------------------------------- watcher
def test_nothing_changed_means_empty_changes(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x", encoding="utf-8")
    watcher = FileWatcher.of([path])
    changes = watcher.poll()
    assert not changes
    assert changes == Changes()


def test_modified_file_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x", encoding="utf-8")
    watcher = FileWatcher.of([path])
    _bump(path, "xy")
    changes = watcher.poll()
    assert changes.modified == (path,)
    assert changes.touches(path)
    assert not watcher.poll()


def test_same_size_same_mtime_but_replaced_is_modified(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("aa", encoding="utf-8")
    stat = path.stat()
    watcher = FileWatcher.of([path])
    other = tmp_path / "b.tmp"
    other.write_text("bb", encoding="utf-8")
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(other, path)  # what an atomic save does: a new inode
    assert watcher.poll().modified == (path,)


def test_removed_and_recreated_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x", encoding="utf-8")
    watcher = FileWatcher.of([path])
    path.unlink()
    assert watcher.poll().removed == (path,)
    assert not watcher.poll()
    path.write_text("again", encoding="utf-8")
    assert watcher.poll().added == (path,)


def test_a_watched_file_that_does_not_exist_yet(tmp_path: Path) -> None:
    path = tmp_path / "later.yaml"
    watcher = FileWatcher.of([path])
    assert not watcher.poll()
    path.write_text("x", encoding="utf-8")
    assert watcher.poll().added == (path,)


def test_folder_scripts_added_modified_removed(tmp_path: Path) -> None:
    folder = tmp_path / "scripts"
    folder.mkdir()
    one = folder / "one.yaml"
    one.write_text("1", encoding="utf-8")
    watcher = FileWatcher.of(folders=[folder])
    two = folder / "two.yml"
    two.write_text("2", encoding="utf-8")
    (folder / "notes.txt").write_text("not a script", encoding="utf-8")
    (folder / ".hidden.yaml").write_text("editor temp file", encoding="utf-8")
    changes = watcher.poll()
    assert changes == Changes(added=(two,))
    _bump(one, "11")
    one_changes = watcher.poll()
    assert one_changes.modified == (one,) and not one_changes.added
    two.unlink()
    assert watcher.poll() == Changes(removed=(two,))
    assert watcher.paths == frozenset({one})


def test_a_missing_folder_counts_as_empty_until_it_appears(tmp_path: Path) -> None:
    folder = tmp_path / "scripts"
    watcher = FileWatcher.of(folders=[folder])
    assert not watcher.poll()
    folder.mkdir()
    (folder / "new.yaml").write_text("x", encoding="utf-8")
    assert watcher.poll().added == (folder / "new.yaml",)


def test_sync_swallows_our_own_save(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x", encoding="utf-8")
    watcher = FileWatcher.of([path])
    _bump(path, "mine")
    watcher.sync(path)
    assert not watcher.poll()


def test_remove_path_stops_watching(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("x", encoding="utf-8")
    watcher = FileWatcher.of([path])
    watcher.remove_path(path)
    _bump(path, "changed")
    assert not watcher.poll()


# --------------------------------------------------------------------- reload
@pytest.fixture
def script_file(tmp_path: Path) -> Path:
    path = tmp_path / "watch-test.yaml"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def _load(path: Path) -> Script:
    from coach.script.load import load_path

    return load_path(path)


def test_reload_takes_the_new_text(script_file: Path) -> None:
    old = _load(script_file)
    script_file.write_text(SCRIPT.replace("Let us talk.", "Let us talk about dates."), "utf-8")
    result = reload_for_call(old, script_file, "talk")
    assert result.reloaded
    assert result.script.node("talk").say == "Let us talk about dates."
    assert result.message == "Reloaded watch-test.yaml"
    assert result.severity == "information"


def test_reload_with_errors_keeps_the_old_script(script_file: Path) -> None:
    old = _load(script_file)
    script_file.write_text(SCRIPT.replace("next: bye", "next: byee"), "utf-8")
    result = reload_for_call(old, script_file, "talk")
    assert not result.reloaded
    assert result.script is old
    assert result.severity == "warning"
    assert result.error is not None
    expected = f"watch-test.yaml:{result.error.line}:{result.error.column}: "
    assert expected in result.message
    assert "byee" in result.message
    assert "last good version" in result.message


def test_reload_without_the_current_node_keeps_the_old_script(script_file: Path) -> None:
    old = _load(script_file)
    script_file.write_text(
        SCRIPT.replace("next: talk", "next: bye").replace(
            "  talk:\n    say: Let us talk.\n    next: bye\n", ""
        ),
        "utf-8",
    )
    result = reload_for_call(old, script_file, "talk")
    assert not result.reloaded
    assert result.script is old
    assert "'talk'" in result.message


def test_reload_keeps_the_old_script_when_back_would_need_a_gone_node(
    script_file: Path,
) -> None:
    old = _load(script_file)
    text = SCRIPT.replace("hello:", "greet:")
    script_file.write_text(text, "utf-8")
    result = reload_for_call(old, script_file, "talk", needed=["hello"])
    assert not result.reloaded
    assert "'hello'" in result.message
    assert reload_for_call(old, script_file, "talk").reloaded


def test_reload_of_a_deleted_file_keeps_the_old_script(script_file: Path) -> None:
    old = _load(script_file)
    script_file.unlink()
    result = reload_for_call(old, script_file, "talk")
    assert not result.reloaded
    assert result.script is old
    assert "last good version" in result.message


@pytest.mark.parametrize("module", ["coach.script.watch", "coach.script.newscript"])
def test_pure_modules_import_no_textual(module: str) -> None:
    import subprocess
    import sys

    code = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'textual', 'rich', 'sqlite3', '_sqlite3'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_changes_and_reload_results_stay_immutable_values(tmp_path: Path) -> None:
    """NamedTuples now (building them as dataclasses slowed every TUI start):
    still equal by value, hashable (changes), and never changed in place."""
    from coach.script.watch import ReloadResult

    one = tmp_path / "one.yaml"
    assert Changes(added=(one,)) == Changes((), (one,), ())
    assert Changes(added=(one,)) != Changes(removed=(one,))
    assert hash(Changes(added=(one,))) == hash(Changes(added=(one,)))
    assert repr(Changes()) == "Changes(modified=(), added=(), removed=())"
    assert not Changes() and Changes(modified=(one,)).touches(one)
    with pytest.raises(AttributeError):
        Changes().added = (one,)  # type: ignore[misc]
    result = ReloadResult(None, False, "kept", "warning")  # type: ignore[arg-type]
    assert result == ReloadResult(None, False, "kept", "warning", None)  # type: ignore[arg-type]
    assert result.error is None and result.severity == "warning"
    with pytest.raises(AttributeError):
        result.message = "other"  # type: ignore[misc]
    assert FileWatcher.of(folders=[tmp_path]) == FileWatcher.of(folders=[tmp_path])
