"""The change stamp (migration 6, coach/store/changes.py): every write of every
table changes it, whoever writes; a file without it, or with a trigger gone,
has no stamp to key anything (coach/cli/cache.py keeps nothing then)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from coach.store import Store
from coach.store.changes import read_stamp
from coach.store.migrations import WATCHED


def test_every_table_has_the_stamp_triggers_and_every_write_changes_it(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    Store(db).close()
    conn = sqlite3.connect(db, isolation_level=None)
    tables = {
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    }
    assert tables == {*WATCHED, "changes"}  # a new table needs its triggers (watch_table)
    assert read_stamp(str(db), check_triggers=True) is not None
    writes = [
        "INSERT INTO jobs (company, created_at, updated_at) VALUES ('Acme', 'x', 'x')",
        "UPDATE jobs SET company = 'Beta'",
        "INSERT INTO calls (script, started_at, started_utc, snapshot) "
        "VALUES ('s', 'x', 'x', '{}')",
        "UPDATE calls SET notes = 'n'",
        "INSERT INTO feedback (call_id, node, kind, at) VALUES (1, 'a', 'strong', 'x')",
        "UPDATE feedback SET node = 'b'",
        "DELETE FROM feedback",
        "INSERT INTO partner_reviews (call_id, rating, updated_at) VALUES (1, 3, 'x')",
        "UPDATE partner_reviews SET rating = 4",
        "DELETE FROM partner_reviews",
        "DELETE FROM calls",
        "DELETE FROM jobs",
    ]
    for sql in writes:
        before = read_stamp(str(db))
        conn.execute(sql)
        assert read_stamp(str(db)) != before, sql
    conn.execute("DROP TRIGGER jobs_update_stamp")
    assert read_stamp(str(db), check_triggers=True) is None  # nothing is kept then
    conn.close()


def test_a_file_before_the_stamp_or_none_at_all_reads_as_no_stamp(tmp_path: Path) -> None:
    db = tmp_path / "coach.db"
    assert read_stamp(str(db)) is None
    assert not db.exists()  # never created
    db.write_bytes(b"not a database at all, and long enough to look like one" * 100)
    assert read_stamp(str(db)) is None
    db.unlink()
    Store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM changes")
    conn.commit()
    conn.close()
    assert read_stamp(str(db)) is None
