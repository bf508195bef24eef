"""``coach log`` and ``coach due`` served from their kept output (coach/cli/cache.py).

Each test runs the real command (``python -m coach``: the process's own command
line is what the cache serves) and compares what a kept entry gives with what
the command prints afresh, with the cache folder removed: stdout, stderr and
exit code, byte for byte. A run that was served leaves its entry as it was
(same inode, same time); a run that was not writes a new one.
"""

from __future__ import annotations

import marshal
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from binascii import crc32
from pathlib import Path
from typing import Any

import pytest

from coach.cli import cache
from coach.store import Store
from coach.store.liveness import process_marker
from tests.coach_run import run_coach

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_jobs  # noqa: E402

Output = tuple[str, str, int]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A COACH_HOME with 30 jobs of 4 calls each (scripts/bench_jobs.py's store)."""
    folder = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(folder))
    bench_jobs.build(folder, 30, 4)
    return folder


def run(home: Path, *args: str) -> Output:
    done = run_coach(home, *args)
    return done.stdout, done.stderr, done.returncode


def folder(home: Path) -> Path:
    return home / "data" / "cache" / "cli"


def entries(home: Path) -> dict[str, tuple[int, int]]:
    """Each entry's (inode, mtime): a served run leaves them as they were."""
    if not folder(home).is_dir():
        return {}
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder(home).iterdir()
        if p.suffix == ".bin"
    }


def fresh(home: Path, *args: str) -> Output:
    """What the command prints with no cache at all."""
    shutil.rmtree(folder(home), ignore_errors=True)
    return run(home, *args)


def served(home: Path, *args: str) -> Output:
    """The command's output, asserted to come from its kept entry."""
    before = entries(home)
    assert before, "nothing was kept"
    got = run(home, *args)
    assert entries(home) == before, "the entry was made again: it was not served"
    return got


def read_entry(path: Path) -> Any:
    data = path.read_bytes()
    assert data.startswith(cache.MAGIC)
    return marshal.loads(data[len(cache.MAGIC) + 4 :])


def write_entry(path: Path, entry: Any) -> None:
    payload = marshal.dumps(entry)
    path.write_bytes(cache.MAGIC + crc32(payload).to_bytes(4, "big") + payload)


def only_entry(home: Path) -> Path:
    [name] = entries(home)
    return folder(home) / name


COMMANDS = [
    ("due", "--json"),
    ("due",),
    ("due", "--today", "2026-01-05"),
    ("log", "--json", "--limit", "20"),
    ("log",),
    ("log", "--limit", "5"),
    ("log", "--job", "3"),
    ("log", "--json", "--job", "2"),
]


# -- the same output, kept or not --------------------------------------------------------


def test_kept_output_is_byte_identical_and_served(home: Path) -> None:
    for args in COMMANDS:
        afresh = fresh(home, *args)
        assert afresh[2] == 0, afresh
        assert served(home, *args) == afresh, args


@pytest.mark.parametrize("seed", range(3))
def test_odd_records_print_the_same_kept_or_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Rows edited by hand (tests/test_store_calllog.py's), dead running calls, and
    a job whose name holds terminal controls (shown, not obeyed, either way)."""
    from tests.test_store_calllog import build

    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    db = home / "data" / "coach.db"
    db.parent.mkdir(parents=True)
    build(db, seed)
    with Store(db) as store:
        store.add_job("Evil \x1b]52;c;aGk=\x07 Co", "Spy\x1b[2J")
    for args in [*COMMANDS, ("log", "--json"), ("log", "--job", "1"), ("log", "--job", "3")]:
        want = fresh(home, *args)
        if want[2] != 0:  # a call a newer Call Coach wrote, say: never kept
            assert entries(home) == {} and run(home, *args) == want, args
            continue
        assert served(home, *args) == want, args
    assert "\x1b" not in fresh(home, "due")[0] and "␛" in run(home, "due")[0]


def test_a_file_without_the_stamp_is_never_kept(home: Path) -> None:
    db = home / "data" / "coach.db"
    conn = sqlite3.connect(db)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE changes")
    conn.execute("PRAGMA user_version = 5")  # as an older Call Coach left it
    conn.commit()
    conn.close()
    first = run(home, "due", "--json")
    assert first[2] == 0 and run(home, "due", "--json") == first
    assert entries(home) == {}


def test_a_failed_command_is_not_kept(home: Path) -> None:
    got = run(home, "log", "--job", "999")
    assert got[2] == 2 and "there is no job 999" in got[1]
    assert run(home, "log", "--limit", "nope")[2] == 2
    assert entries(home) == {}


# -- every write is seen ------------------------------------------------------------------


def seen_after(home: Path, write: Any, *commands: tuple[str, ...]) -> None:
    """``write()`` changes what each command prints, and the change is printed."""
    shutil.rmtree(folder(home), ignore_errors=True)
    before = {args: run(home, *args) for args in commands}
    for args in commands:
        assert served(home, *args) == before[args]
    write()
    got = {args: run(home, *args) for args in commands}
    shutil.rmtree(folder(home), ignore_errors=True)
    for args in commands:
        assert got[args] == run(home, *args), args
        assert got[args] != before[args], f"{args}: the write changed nothing?"


def test_each_job_command_is_seen_by_due_and_log(home: Path) -> None:
    due, log = ("due", "--json"), ("log", "--job", "4")
    seen_after(home, lambda: run_coach(home, "job", "edit", "4", "--company", "Zed"), due, log)
    seen_after(home, lambda: run_coach(home, "job", "heard", "4"), due)
    seen_after(home, lambda: run_coach(home, "job", "close", "4", "--outcome", "offer"), due)
    added = lambda: run_coach(home, "job", "add", "--company", "New", "--position", "Dev")  # noqa: E731
    seen_after(home, added, due)


def newest(home: Path) -> int:
    """The id of the call ``coach log`` shows first."""
    conn = sqlite3.connect(home / "data" / "coach.db")
    [(call_id,)] = conn.execute("SELECT id FROM calls ORDER BY started_utc DESC, id DESC LIMIT 1")
    conn.close()
    return int(call_id)


def test_a_saved_call_is_seen_by_due_and_log(home: Path) -> None:
    from datetime import date

    from coach.call.snapshot import CallSnapshot

    def save() -> None:
        snap = CallSnapshot(
            script="follow-up",
            title="Follow-up call",
            mode="live",
            job=5,
            started_at=f"{date.today().isoformat()}T23:00:00+00:00",  # the newest
            outcome="offer",
            values={},
            captures={},
            notes="",
            finished=True,
        )
        with Store() as store:
            call_id = store.start_call(snap)
            store.finish(call_id, snap, "done")

    seen_after(home, save, ("due", "--json"), ("log", "--limit", "3"), ("log", "--job", "5"))


def test_raw_sql_and_partner_feedback_are_seen(home: Path) -> None:
    db = home / "data" / "coach.db"

    def raw(sql: str) -> Any:
        def write() -> None:
            conn = sqlite3.connect(db)
            conn.execute(sql.format(newest=newest(home)))
            conn.commit()
            conn.close()

        return write

    seen_after(home, raw("UPDATE jobs SET company = 'Raw Co' WHERE id = 7"), ("due",))
    seen_after(home, raw("DELETE FROM calls WHERE id = {newest}"), ("log",))
    practice = raw("UPDATE calls SET mode = 'practice' WHERE id = {newest}")
    seen_after(home, practice, ("log", "--limit", "2"))
    from coach.store.feedback import FeedbackWriter, Mark

    def mark() -> None:
        writer = FeedbackWriter(db)
        writer.add_marks(newest(home), [Mark("hello", "strong")])
        writer.set_review(newest(home), 5, "Good")
        writer.close()

    seen_after(home, mark, ("log", "--json", "--limit", "2"))


def test_a_call_whose_process_died_is_shown_interrupted(home: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        marker = process_marker(sleeper.pid)
        conn = sqlite3.connect(home / "data" / "coach.db")
        conn.execute(
            "UPDATE calls SET status = 'running', pid = ?, proc_marker = ? WHERE id = ?",
            (sleeper.pid, marker, newest(home)),
        )
        conn.commit()
        conn.close()
        running = fresh(home, "log", "--limit", "1")
        assert "running" in running[0] and served(home, "log", "--limit", "1") == running
    finally:
        sleeper.kill()
        sleeper.wait()
    got = run(home, "log", "--limit", "1")
    assert "interrupted" in got[0] and got == fresh(home, "log", "--limit", "1")


# -- what else the output depends on ---------------------------------------------------------


def test_a_settings_change_is_seen_even_at_the_same_size_and_time(home: Path) -> None:
    settings = home / "config" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('[dates]\norder = "dmy"\n', encoding="utf-8")
    kept = fresh(home, "due")
    assert served(home, "due") == kept and kept[1] == ""
    info = settings.stat()
    settings.write_text('[dates]\norder = 123""\n', encoding="utf-8")  # same length, bad
    os.utime(settings, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert settings.stat().st_size == info.st_size
    got = run(home, "due")
    assert "settings:" in got[1] and got == fresh(home, "due")


def test_with_a_country_the_holidays_library_is_part_of_the_key(home: Path) -> None:
    settings = home / "config" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('[follow_up]\ncountry = "GB"\n', encoding="utf-8")
    want = fresh(home, "due", "--json")
    assert served(home, "due", "--json") == want
    _key, files, _answers, _chunks = read_entry(only_entry(home))
    assert any(Path(name).parent.name == "holidays" for name, _, _ in files)
    settings.write_text('[follow_up]\ncountry = "ZZ"\n', encoding="utf-8")  # unknown: said
    got = run(home, "due", "--json")
    assert "settings:" in got[1] and got == fresh(home, "due", "--json")
    assert served(home, "due", "--json") == got


def test_another_day_or_other_arguments_are_not_served(home: Path) -> None:
    one = fresh(home, "due", "--today", "2026-01-05")
    other = run(home, "due", "--today", "2026-02-05")
    assert one != other and other == fresh(home, "due", "--today", "2026-02-05")
    # An entry made yesterday (its key's day) is not today's.
    fresh(home, "due", "--json")
    path = only_entry(home)
    key, files, answers, _chunks = read_entry(path)
    write_entry(path, ((key[0], "2000-01-01", *key[2:]), files, answers, [(1, "stale\n")]))
    assert run(home, "due", "--json") == fresh(home, "due", "--json")
    # Another command line's entry under this one's name is not this one's.
    fresh(home, "log", "--limit", "2")
    two = only_entry(home).read_bytes()
    fresh(home, "log", "--limit", "3")
    only_entry(home).write_bytes(two)
    assert run(home, "log", "--limit", "3") == fresh(home, "log", "--limit", "3")


def test_an_edited_module_is_a_new_key(home: Path) -> None:
    fresh(home, "due", "--json")
    path = only_entry(home)
    key, files, answers, _chunks = read_entry(path)
    names = {Path(name).relative_to(ROOT).as_posix() for name, _, _ in files}
    assert {"coach/cli/due.py", "coach/call/nextstep.py", "coach/store/overview.py"} <= names
    # The entry, as if due.py had been edited since (another size).
    edited = [(n, s + 1 if n.endswith("due.py") else s, t) for n, s, t in files]
    write_entry(path, (key, edited, answers, [(1, "stale\n")]))
    assert run(home, "due", "--json") == fresh(home, "due", "--json")


def test_the_entry_is_what_is_served(home: Path) -> None:
    """The other side of the tests above: an entry that holds is written as it is."""
    fresh(home, "due", "--json")
    path = only_entry(home)
    key, files, answers, _chunks = read_entry(path)
    write_entry(path, (key, files, answers, [(2, "to stderr\n"), (1, "kept\n")]))
    assert run(home, "due", "--json") == ("kept\n", "to stderr\n", 0)


# -- a broken cache is harmless ---------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00" * 4096,
        b"garbage",
        cache.MAGIC,
        cache.MAGIC + b"\x00\x00\x00\x00",
        cache.MAGIC + b"\x00\x00\x00\x00" + marshal.dumps(("a", 1)),
        "bit flip",
        "cut short",
        "wrong shape",
    ],
    ids=["empty", "zeros", "garbage", "magic", "no crc", "bad crc", "flip", "cut", "shape"],
)
def test_a_damaged_entry_is_run_afresh_and_kept_again(home: Path, damage: bytes | str) -> None:
    want = fresh(home, "log", "--json", "--limit", "20")
    path = only_entry(home)
    data = path.read_bytes()
    if damage == "bit flip":
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :])
    elif damage == "cut short":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "wrong shape":
        write_entry(path, ("a", 1))
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    assert run(home, "log", "--json", "--limit", "20") == want
    assert read_entry(path) == marshal.loads(data[len(cache.MAGIC) + 4 :])  # kept again, whole
    assert served(home, "log", "--json", "--limit", "20") == want


def test_a_cache_folder_that_cannot_be_written_is_harmless(home: Path) -> None:
    want = fresh(home, "due")
    shutil.rmtree(home / "data" / "cache")
    (home / "data" / "cache").write_text("a file in the way")
    assert run(home, "due") == want == run(home, "due")
    (home / "data" / "cache").unlink()
    fresh(home, "due")
    path = only_entry(home)
    path.unlink()
    path.mkdir()  # the entry's name is a folder: it can be neither read nor replaced
    assert run(home, "due") == want == run(home, "due")
    path.rmdir()
    if os.geteuid() != 0:  # root writes into a read-only folder anyway
        folder(home).chmod(0o500)
        try:
            assert run(home, "due") == want
        finally:
            folder(home).chmod(0o700)


def test_an_empty_coach_home_is_refused_never_served(tmp_path: Path) -> None:
    """``COACH_HOME=""`` is an error, even where the folders it falls back to have
    an entry (set but empty once meant the user's own folders, silently)."""
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    env.pop("COACH_HOME")
    with Store(tmp_path / "data" / "call-coach" / "coach.db") as store:
        store.add_job("Acme", "Analyst")

    def due(**extra: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "coach", "due"]
        return subprocess.run(command, env={**env, **extra}, capture_output=True, text=True)

    assert due().returncode == 0 and due().stdout == due().stdout
    assert list((tmp_path / "data" / "call-coach" / "cache" / "cli").iterdir())
    refused = due(COACH_HOME="")
    assert refused.returncode == 2 and "COACH_HOME is set but empty" in refused.stderr


def test_the_folder_keeps_a_bounded_number_of_entries(home: Path) -> None:
    for n in range(cache.MAX_ENTRIES + 3):
        run(home, "due", "--today", f"2026-01-{n + 1:02d}")
    names = entries(home)
    assert len(names) == cache.MAX_ENTRIES
    assert f"due-{crc32(repr(['due', '--today', '2026-01-01']).encode()):08x}.bin" not in names
    # What a crash left half-written goes once it is a minute old; a newer one stays.
    left, recent = folder(home) / "due-0.bin.99.tmp", folder(home) / "due-1.bin.98.tmp"
    left.write_bytes(b"half")
    recent.write_bytes(b"half")
    os.utime(left, (time.time() - 120, time.time() - 120))
    run(home, "due", "--today", "2026-02-01")
    assert not left.exists() and recent.exists()


def test_the_folder_keeps_a_bounded_size(home: Path) -> None:
    """Big entries (coach log of every call) push the oldest out beyond MAX_BYTES."""
    fresh(home, "due", "--json")
    [oldest] = entries(home)
    big = folder(home) / "log-big.bin"
    big.write_bytes(b"x" * (cache.MAX_BYTES - 1000))
    run(home, "log")  # a new entry: the total is over, the oldest go
    names = entries(home)
    assert oldest not in names and "log-big.bin" not in names and len(names) == 1


def test_main_with_arguments_never_uses_the_cache(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.cli import main

    fresh(home, "due", "--json")
    path = only_entry(home)
    key, files, answers, _chunks = read_entry(path)
    write_entry(path, (key, files, answers, [(1, "kept\n")]))
    assert main(["due", "--json"]) == 0
    assert capsys.readouterr().out.startswith("[\n")


def test_the_command_line_knows_which_commands_are_kept() -> None:
    # coach.cli looks at the command before importing the cache: the same names.
    import coach.cli
    from coach.cli import cache

    assert coach.cli.CACHED == cache.COMMANDS
