"""Editor recovery files (issue 14): names, the JSON layout, and what a broken or
foreign file gives (None, never a traceback); the write-through's order."""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.store.editor_recovery import (
    KIND,
    Recovery,
    RecoveryFiles,
    RecoveryWriter,
    decode,
    encode,
    file_prefix,
    first_difference,
    text_hash,
    when_made,
)

WHEN = datetime(2026, 12, 1, 13, 5, tzinfo=UTC)


def recovery(path: Path, text: str = "title: x\n", **changes: object) -> Recovery:
    fields: dict[str, object] = {
        "path": str(path.resolve()),
        "text": text,
        "saved_hash": text_hash("title: old\n"),
        "written_at": WHEN,
        "pid": 4242,
        "marker": "boot:123",
    }
    fields.update(changes)
    return Recovery(**fields)  # type: ignore[arg-type]


def test_names_come_from_the_resolved_path(tmp_path: Path) -> None:
    script = tmp_path / "follow up.yaml"
    script.write_text("x")
    link = tmp_path / "link.yaml"
    link.symlink_to(script)
    assert file_prefix(script) == file_prefix(link) == file_prefix(tmp_path / "." / script.name)
    assert file_prefix(script).startswith("follow_up-")
    assert file_prefix(script) != file_prefix(tmp_path / "other" / "follow up.yaml")
    assert file_prefix(tmp_path / "été.yaml").startswith("été-")
    assert "/" not in file_prefix(tmp_path / "a:b\\c.yaml")
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert file_prefix(loop)  # a symlink loop still gets a name
    files = RecoveryFiles(tmp_path / "recovery")
    assert files.new_file(script) != files.new_file(script)  # one file per session


@pytest.mark.parametrize(
    "text",
    ["", "title: x\n", "say: 'Dana [bold]Lee\u200f 李 🎉'\n\x1b]52;c;QQ==\x07", "lone \ud800 half"],
)
def test_encode_and_decode_round_trip(tmp_path: Path, text: str) -> None:
    kept = recovery(tmp_path / "a.yaml", text, saved_hash=None, marker=None)
    raw = encode(kept)
    raw.encode("utf-8")  # always writable as UTF-8
    assert decode(raw) == kept
    assert decode(raw.encode("utf-8", "surrogatepass")) == kept


GOOD = {
    "kind": KIND,
    "version": 1,
    "path": "/x/a.yaml",
    "text": "t",
    "saved_hash": None,
    "written_at": "2026-12-01T13:05:00+00:00",
    "pid": 1,
    "marker": None,
}


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"\xff\xfe not text",
        "{not json",
        "[1, 2]",
        "null",
        "[" * 100_000,
        '{"values": {}, "ticks": {}}',  # a form draft, not ours
        {**GOOD, "kind": "vim-swap"},
        {**GOOD, "version": 2},
        {**GOOD, "text": 3},
        {**GOOD, "path": ""},
        {**GOOD, "saved_hash": 5},
        {**GOOD, "pid": True},
        {**GOOD, "pid": "1"},
        {**GOOD, "marker": 1},
        {**GOOD, "written_at": "yesterday"},
        {**GOOD, "written_at": "2026-12-01T13:05:00"},  # no zone
        {k: v for k, v in GOOD.items() if k != "text"},
    ],
)
def test_anything_but_a_whole_recovery_file_gives_none(raw: object) -> None:
    import json

    text = raw if isinstance(raw, str | bytes) else json.dumps(raw)
    assert decode(text) is None


def test_the_good_example_itself_decodes() -> None:
    import json

    kept = decode(json.dumps(GOOD))
    assert kept is not None and kept.text == "t" and kept.written_at == WHEN - timedelta(0)


def test_when_made_says_the_day_in_words() -> None:
    zone = timezone(timedelta(hours=1))
    now = datetime(2026, 12, 1, 18, 0, tzinfo=zone)
    assert when_made(WHEN, now) == "today at 14:05"
    assert when_made(WHEN - timedelta(days=1), now) == "yesterday at 14:05"
    assert when_made(WHEN - timedelta(days=4), now) == "on Friday 27 November at 14:05"
    assert when_made(WHEN - timedelta(days=730), now) == "on Sunday 1 December 2024 at 14:05"


def test_first_difference_names_the_line() -> None:
    assert first_difference("a\nb\n", "a\nb\n") is None
    assert first_difference("a\nb\nc", "a\nB\nc") == (2, "B")
    assert first_difference("a\n", "a\nmore") == (2, "more")
    assert first_difference("a\nb", "a") == (2, "")


def test_found_gives_this_scripts_files_newest_first(tmp_path: Path) -> None:
    script = tmp_path / "a.yaml"
    files = RecoveryFiles(tmp_path / "recovery")
    assert files.found(script) == []  # no folder yet
    old, new = files.new_file(script), files.new_file(script)
    assert files.write(old, recovery(script, "old")) is None
    assert files.write(new, recovery(script, "new", written_at=WHEN + timedelta(hours=1))) is None
    # Same name, another path inside (a copied folder): not this script's.
    stray = files.new_file(script)
    files.write(stray, recovery(tmp_path / "elsewhere.yaml", "stray"))
    (files.folder / f"{file_prefix(script)}-broken.json").write_text("{")
    os.mkfifo(files.folder / f"{file_prefix(script)}-fifo.json")  # never opened: no hang
    (files.folder / f"{file_prefix(script)}-dir.json").mkdir()
    assert [f.recovery.text for f in files.found(script)] == ["new", "old"]
    assert files.found(tmp_path / "b.yaml") == []
    files.drop(new)
    files.drop(new)  # twice is fine
    assert [f.recovery.text for f in files.found(script)] == ["old"]


def test_a_file_that_cannot_be_written_gives_the_error(tmp_path: Path) -> None:
    (tmp_path / "in-the-way").write_text("")
    files = RecoveryFiles(tmp_path / "in-the-way" / "recovery")
    assert isinstance(files.write(files.new_file(tmp_path / "a.yaml"), recovery(tmp_path)), OSError)


def test_the_writer_writes_the_latest_and_forgets(tmp_path: Path) -> None:
    script = tmp_path / "a.yaml"
    files = RecoveryFiles(tmp_path / "recovery")
    writer = RecoveryWriter(files, script, now=lambda: WHEN)
    assert writer.want("one", "h1")
    assert writer.want("two", "h1")  # only the latest is written
    assert writer.flush() is None
    [found] = files.found(script)
    assert found.file == writer.file
    assert found.recovery == Recovery(
        str(script.resolve()), "two", "h1", WHEN, os.getpid(), found.recovery.marker
    )
    assert not found.recovery.alive()  # this very process is no other editor
    assert not writer.want("two", "h1")  # the file holds it already
    assert writer.flush() is None
    writer.want("three", "h1")
    writer.forget()
    assert writer.flush() is None  # what was wanted before forget is dropped too
    assert files.found(script) == []
    assert list(files.folder.iterdir()) == []


def test_a_flush_under_way_when_forgotten_never_brings_the_file_back(tmp_path: Path) -> None:
    script = tmp_path / "a.yaml"
    started, release = threading.Event(), threading.Event()

    class SlowFiles(RecoveryFiles):
        @staticmethod
        def write(file: Path, kept: Recovery) -> OSError | None:
            started.set()
            release.wait(5)
            return RecoveryFiles.write(file, kept)

    files = SlowFiles(tmp_path / "recovery")
    writer = RecoveryWriter(files, script)
    writer.want("text", None)
    flushing = threading.Thread(target=writer.flush)
    flushing.start()
    assert started.wait(5)
    forgetting = threading.Thread(target=writer.forget)
    forgetting.start()
    release.set()
    flushing.join(5)
    forgetting.join(5)
    assert files.found(script) == []
    assert writer.written is None


def test_a_living_other_process_is_another_editor(tmp_path: Path) -> None:
    from coach.store.liveness import process_marker

    parent = os.getppid()
    assert recovery(tmp_path, pid=parent, marker=process_marker(parent)).alive()
    assert not recovery(tmp_path, pid=parent, marker="another:boot").alive()
    assert not recovery(tmp_path, pid=2**22 + 1, marker=None).alive()
