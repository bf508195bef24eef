"""SQL texts a schema step wrote into the file and readers repeat: the terms
of ``coach due``'s indexes (step 5) and the change stamp's triggers (step 6).

A module of its own, so that reading jobs and checking the stamp do not import
the schema steps (:mod:`coach.store.migrations`, with json), which only a
migration needs.
"""

from __future__ import annotations

#: A ``started_at`` as the app writes it (``2026-03-05T10:00:00+01:00``), whose
#: day is its first ten characters, as Python's ``datetime.fromisoformat`` reads it.
#: The texts below are those of migration 5: a query uses a partial index only
#: when it repeats its ``WHERE`` word for word, so they never change.
PLAIN_START = (
    "typeof(started_at) = 'text' AND length(started_at) = 25 AND started_at GLOB "
    "'[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]"
    "[+-][0-2][0-9]:[0-5][0-9]' AND substr(started_at, 12, 2) < '24' "
    "AND substr(started_at, 21, 2) < '24' AND substr(started_at, 1, 4) > '0000' "
    "AND date(substr(started_at, 1, 10), '+0 days') IS substr(started_at, 1, 10)"
)
#: The calls whose day SQL cannot tell as Python does (rare: edited by hand, or
#: written by another program).
ODD_START = f"NOT ({PLAIN_START})"
#: A finished live call someone answered: the newest one of a job decides its
#: next step, and the calls before its day no longer count (see ``due_overview``).
ANSWERED = (
    "mode IS NOT 'practice' AND status = 'done' "
    "AND COALESCE(outcome NOT IN ('voicemail', 'no_answer'), 1)"
)
#: The day of a call whose ``started_at`` is plain (:data:`PLAIN_START`).
CALL_DAY = "substr(started_at, 1, 10)"


# -- step 6: the change stamp --------------------------------------------------------

#: What each trigger does: one number, new on every write.
NEW_STAMP = "UPDATE changes SET stamp = random() WHERE id = 1"


def trigger_sql(table: str, event: str) -> str:
    """The trigger that sets a new stamp after ``event`` (INSERT, UPDATE, DELETE) on ``table``."""
    name = f"{table}_{event.lower()}_stamp"
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {NEW_STAMP}; END"


__all__ = ["ANSWERED", "CALL_DAY", "NEW_STAMP", "ODD_START", "PLAIN_START", "trigger_sql"]
