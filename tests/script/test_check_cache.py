"""``coach check`` keeps what it found in an unchanged file (coach/script/check_cache.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coach import locations
from coach.script import check, check_cache
from coach.script.check import check_path as check_afresh

BROKEN = """\
title: Kept
nodes:
  hello:
    say: Hi {nobody}
    next: gone
"""


def entries() -> list[Path]:
    return sorted((locations.cache_dir() / check_cache.FOLDER).glob("*.json"))


@pytest.fixture
def script(tmp_path: Path) -> Path:
    path = tmp_path / "kept.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_an_unchanged_file_gives_what_the_checker_gave_without_checking_again(
    script: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = check_cache.check_path(script)
    assert first == check_afresh(script)
    assert any(f.severity == "error" for f in first[0])
    assert len(entries()) == 1
    refuse = pytest.MonkeyPatch()
    refuse.setattr(check, "analyse", lambda *a, **k: pytest.fail("checked again"))
    try:
        assert check_cache.check_path(script) == first
        # The name the user typed comes back, whatever the name was the first time.
        monkeypatch.chdir(script.parent)
        relative = check_cache.check_path(Path("kept.yaml"))[0]
        assert {f.file for f in relative} == {"kept.yaml"}
        assert [f.message for f in relative] == [f.message for f in first[0]]
    finally:
        refuse.undo()


def test_an_edited_file_is_checked_again_even_at_the_same_size_and_time(script: Path) -> None:
    check_cache.check_path(script)
    st = script.stat()
    fixed = BROKEN.replace("{nobody}", "nobodyy").replace("next: gone", "end: pending")
    fixed = fixed[: len(BROKEN)].ljust(len(BROKEN), "\n")
    script.write_text(fixed, encoding="utf-8")
    os.utime(script, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert script.stat().st_size == st.st_size
    assert check_cache.check_path(script) == check_afresh(script)
    assert not any(f.severity == "error" for f in check_cache.check_path(script)[0])


def test_new_checking_code_never_sees_an_old_result(
    script: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_cache.check_path(script)
    calls: list[object] = []
    real = check.analyse

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "analyse", counting)
    monkeypatch.setattr("coach.script.cache.code_stamp", lambda: ("another version",))
    check_cache.check_path(script)
    assert len(calls) == 1


@pytest.mark.parametrize(
    "kept",
    [
        "not json {",
        "[]",
        json.dumps({"key": "wrong", "findings": []}),
        "\x00\x01",
    ],
)
def test_a_corrupt_or_foreign_entry_is_ignored_and_written_again(script: Path, kept: str) -> None:
    expected = check_cache.check_path(script)
    [entry] = entries()
    entry.write_text(kept, encoding="utf-8")
    assert check_cache.check_path(script) == expected
    assert json.loads(entry.read_text(encoding="utf-8"))["key"][2:] != []


def test_a_tampered_entry_with_the_right_key_but_odd_rows_is_ignored(script: Path) -> None:
    expected = check_cache.check_path(script)
    [entry] = entries()
    kept = json.loads(entry.read_text(encoding="utf-8"))
    for rows in ([[1, 1, "fatal", "x"]], [["1", 1, "error", "x"]], [[1, 1, "error"]], "rows"):
        entry.write_text(json.dumps({**kept, "findings": rows}), encoding="utf-8")
        assert check_cache.check_path(script) == expected


def test_an_unreadable_file_is_never_kept_and_the_checker_says_why(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    assert check_cache.check_path(missing) == check_afresh(missing)
    assert check_cache.check_path(missing)[1] is True
    assert entries() == []


def test_a_cache_that_cannot_be_written_is_no_error(
    script: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(locations, "write_atomic", full)
    assert check_cache.check_path(script) == check_afresh(script)
    assert entries() == []
