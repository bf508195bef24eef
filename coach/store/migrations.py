"""The schema steps: each turns data version ``n`` into ``n + 1`` inside one transaction.

A step never changes once released: a file is migrated by the steps it has
not run yet, whatever version of the app runs them. :data:`STEPS` lists them
in order (:data:`coach.store.connection.SCHEMA_VERSION` is how many).

1. ``calls``: one row per call, with its whole snapshot as JSON.
2. ``jobs``: one row per application; ``calls.job_id`` names a live call's
   job, and ``calls.captures``/``calls.notes`` copy those parts of the
   snapshot, so listing jobs with their calls never decodes a snapshot.
   Existing live calls are grouped into jobs by their ``prospect`` column.
3. ``calls_job_overview``: an index of the calls by job holding every column
   a job's list reads (:data:`coach.store.overview.CALL_COLUMNS`), so listing
   jobs reads only the index, never the rows with their ~1 KB snapshots
   (9,000 calls: 16.6 ms became 13.1, the rest is making Python values).
   It replaces ``calls_job``, its prefix.
4. ``feedback`` and ``partner_reviews``: what a partner gave on a rehearsal
   (``coach partner``): a row per mark (step, kind, time) and a row per call
   with the partner's rating and note. Their own tables, so the partner's
   process never writes a ``calls`` row the caller's process is saving, and a
   partner's rating never touches the caller's own.
5. Two partial indexes for ``coach due`` (:func:`coach.store.overview.due_overview`):
   ``calls_job_decided``, each job's finished live calls that someone
   answered, by day; and ``calls_odd_start``, the few calls whose
   ``started_at`` is not the app's own ``YYYY-MM-DDTHH:MM:SS+HH:MM``. Each
   job's next step then reads only its calls since the last answered one
   (1,467 of 9,000 calls), not all of them.
6. ``changes``: one row whose ``stamp`` triggers set to a new random number
   on every insert, update and delete of each table (:data:`WATCHED`), in the
   writer's own transaction, whoever writes: the app, the command line, a
   raw ``sqlite3`` shell. ``coach log`` and ``coach due`` keep their output
   in the cache folder under that stamp (:mod:`coach.cli.cache`), and read
   it back while the stamp is unchanged. Random, not a counter: a backup put
   back and then written to never comes back to a stamp seen before.
   A later step that adds a table adds its three triggers
   (:func:`watch_table`); tests/test_cli_cache.py checks every table has them.
7. ``calls_mode_started``: the calls of each mode newest first, so home's
   "Recent calls" (the newest 8 live calls) and its rehearsals read those rows
   and nothing else: with 10,000 calls the recent ones took 15 ms, every live
   row read and sorted.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping

from coach.store.schema_terms import ANSWERED, CALL_DAY, ODD_START, trigger_sql

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def migrate_1(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE calls (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            script      TEXT NOT NULL,
            title       TEXT NOT NULL DEFAULT '',
            mode        TEXT NOT NULL DEFAULT 'live',
            scenario    TEXT,
            started_at  TEXT NOT NULL,
            started_utc TEXT NOT NULL,
            ended_at    TEXT,
            duration_s  REAL,
            status      TEXT NOT NULL DEFAULT 'running',
            outcome     TEXT,
            prospect    TEXT,
            follow_up   TEXT,
            pid         INTEGER,
            proc_marker TEXT,
            dismissed   INTEGER NOT NULL DEFAULT 0,
            snapshot    TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX calls_started ON calls (started_utc)")
    conn.execute("CREATE INDEX calls_status ON calls (status)")
    conn.execute("CREATE INDEX calls_prospect ON calls (mode, prospect)")


# -- 2: jobs ----------------------------------------------------------------


def _json_object(text: Any) -> dict[str, Any]:
    if not isinstance(text, str) or not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _texts(value: Any) -> dict[str, str]:
    """The non-blank text entries of a snapshot's ``values`` or ``captures``."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str) and v.strip()}


def _dump(data: Mapping[str, str]) -> str:
    # Its own copy, not snapshot_fields.dump_texts: a released step never
    # changes what it writes, whatever the rest of the store comes to write.
    return json.dumps(dict(data), ensure_ascii=False, separators=(",", ":"))


#: Job fields that hold a date: only a value that reads as one counts.
_DATE_FIELDS = frozenset({"interview_date", "decision_date"})


class _Group:
    """The live calls of one prospect, oldest first.

    (A plain class: the store is imported by every job command, and
    ``dataclasses`` would cost each of them 7 ms of start-up.)
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.ids: list[int] = []
        #: Job fields (company, phone ...): the newest call's value of each wins.
        self.fields: dict[str, str] = {}
        self.captured: dict[str, str] = {}
        self.created_at = ""
        self.updated_at = ""
        #: The newest ``done`` call's outcome and day.
        self.outcome: str | None = None
        self.outcome_on: str | None = None


def _add_to_group(group: _Group, row: sqlite3.Row, snapshot: Mapping[str, Any]) -> None:
    # Imported here: every reader opens the file through this module, and
    # only a version-1 file ever runs migration 2.
    from coach.call.dates import call_date, parse_iso_date
    from coach.call.jobs import JOB_VARIABLES

    values, captures = _texts(snapshot.get("values")), _texts(snapshot.get("captures"))
    merged = {**values, **captures}  # a capture wins over a variable, as in the call
    group.ids.append(row["id"])
    group.created_at = group.created_at or row["started_at"]
    group.updated_at = row["ended_at"] or row["started_at"]
    for variable, name in JOB_VARIABLES.items():
        text = merged.get(variable, "").strip()
        if text and (name not in _DATE_FIELDS or parse_iso_date(text) is not None):
            group.fields[name] = text
    group.captured.update(captures)
    if row["status"] == "done":
        day = call_date(row["started_at"])
        group.outcome = row["outcome"]
        group.outcome_on = day.isoformat() if day else None


def _insert_job(conn: sqlite3.Connection, group: _Group) -> int:
    from coach.call.dates import parse_iso_date
    from coach.call.jobs import CLOSING_CALL_OUTCOMES

    def iso(name: str) -> str | None:
        day = parse_iso_date(group.fields.get(name, ""))
        return day.isoformat() if day else None

    closed = group.outcome in CLOSING_CALL_OUTCOMES
    cursor = conn.execute(
        "INSERT INTO jobs (company, position, interviewer, phone, interview_date, "
        "decision_date, status, outcome, notes, captured, created_at, updated_at, "
        "heard_on, closed_on, prospect) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, NULL, ?, ?)",
        (
            group.fields.get("company", ""),
            group.fields.get("position", ""),
            group.fields.get("interviewer", ""),
            group.fields.get("phone", ""),
            iso("interview_date"),
            iso("decision_date"),
            "closed" if closed else "open",
            group.outcome if closed else None,
            _dump(group.captured),
            group.created_at,
            group.updated_at or group.created_at,
            group.outcome_on if closed else None,
            group.key,
        ),
    )
    job_id = cursor.lastrowid
    assert job_id is not None  # sqlite always sets it after INSERT
    return job_id


def migrate_2(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE jobs (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            company        TEXT NOT NULL DEFAULT '',
            position       TEXT NOT NULL DEFAULT '',
            interviewer    TEXT NOT NULL DEFAULT '',
            phone          TEXT NOT NULL DEFAULT '',
            interview_date TEXT,
            decision_date  TEXT,
            status         TEXT NOT NULL DEFAULT 'open'
                           CHECK (status IN ('open', 'heard', 'closed')),
            outcome        TEXT,
            notes          TEXT NOT NULL DEFAULT '',
            captured       TEXT NOT NULL DEFAULT '{}',
            created_at     TEXT NOT NULL,
            updated_at     TEXT NOT NULL,
            heard_on       TEXT,
            closed_on      TEXT,
            prospect       TEXT
        )
        """
    )
    conn.execute("CREATE INDEX jobs_status ON jobs (status)")
    conn.execute("CREATE INDEX jobs_prospect ON jobs (prospect, status)")
    conn.execute("ALTER TABLE calls ADD COLUMN job_id INTEGER REFERENCES jobs (id)")
    conn.execute("ALTER TABLE calls ADD COLUMN captures TEXT NOT NULL DEFAULT '{}'")
    conn.execute("ALTER TABLE calls ADD COLUMN notes TEXT NOT NULL DEFAULT ''")
    conn.execute("CREATE INDEX calls_job ON calls (job_id, started_utc)")

    groups: dict[str, _Group] = {}
    rows = conn.execute(
        "SELECT id, script, mode, started_at, ended_at, status, outcome, prospect, snapshot "
        "FROM calls ORDER BY started_utc, id"
    )
    light: list[tuple[str, str, int]] = []
    for row in rows:
        snapshot = _json_object(row["snapshot"])
        notes = snapshot.get("notes")
        captures = _dump(_texts(snapshot.get("captures")))
        light.append((captures, notes if isinstance(notes, str) else "", row["id"]))
        if row["mode"] == "practice":
            continue
        key = row["prospect"] or f"script:{row['script']}"
        _add_to_group(groups.setdefault(key, _Group(key)), row, snapshot)
    conn.executemany("UPDATE calls SET captures = ?, notes = ? WHERE id = ?", light)
    # Jobs are numbered in the order of their first calls (the rows came oldest first).
    for group in groups.values():
        job_id = _insert_job(conn, group)
        members = [(job_id, call_id) for call_id in group.ids]
        conn.executemany("UPDATE calls SET job_id = ? WHERE id = ?", members)


# -- 3: the overview index ------------------------------------------------------


def migrate_3(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE INDEX calls_job_overview ON calls (job_id, started_utc, id, script, title, "
        "mode, started_at, status, outcome, captures, notes, duration_s, pid, proc_marker)"
    )
    conn.execute("DROP INDEX calls_job")


# -- 4: the partner's feedback ------------------------------------------------------


def migrate_4(conn: sqlite3.Connection) -> None:
    conn.execute(
        """
        CREATE TABLE feedback (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            call_id INTEGER NOT NULL REFERENCES calls (id),
            node    TEXT NOT NULL,
            kind    TEXT NOT NULL CHECK (kind IN ('filler', 'rambling', 'strong')),
            at      TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX feedback_call ON feedback (call_id, id)")
    conn.execute(
        """
        CREATE TABLE partner_reviews (
            call_id    INTEGER PRIMARY KEY REFERENCES calls (id),
            rating     INTEGER CHECK (rating BETWEEN 1 AND 5),
            note       TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        )
        """
    )


# -- 5: the indexes of `coach due` ---------------------------------------------------

# (The texts of its indexes are in :mod:`coach.store.schema_terms`.)


def migrate_5(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE INDEX calls_job_decided ON calls (job_id, {CALL_DAY}) WHERE {ANSWERED}")
    conn.execute(f"CREATE INDEX calls_odd_start ON calls (job_id) WHERE {ODD_START}")


# -- 6: the change stamp -------------------------------------------------------------

#: The tables whose every write sets a new stamp (all of them, as of step 6).
WATCHED = ("calls", "jobs", "feedback", "partner_reviews")
# (Its triggers' text is :func:`coach.store.schema_terms.trigger_sql`.)


def watch_table(conn: sqlite3.Connection, table: str) -> None:
    for event in ("INSERT", "UPDATE", "DELETE"):
        conn.execute(trigger_sql(table, event))


def migrate_6(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE changes (id INTEGER PRIMARY KEY CHECK (id = 1), stamp INTEGER NOT NULL)"
    )
    conn.execute("INSERT INTO changes (id, stamp) VALUES (1, random())")
    for table in WATCHED:
        watch_table(conn, table)


# -- 7: recent calls by mode -------------------------------------------------------


def migrate_7(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX calls_mode_started ON calls (mode, started_utc, id)")


#: The steps in order: ``STEPS[n]`` turns data version ``n`` into ``n + 1``.
STEPS: list[Callable[[sqlite3.Connection], None]] = [
    migrate_1,
    migrate_2,
    migrate_3,
    migrate_4,
    migrate_5,
    migrate_6,
    migrate_7,
]
