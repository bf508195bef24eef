"""The calls as ``coach log`` prints them, read without the typed records.

:class:`~coach.store.records.CallRecord` and
:class:`~coach.call.snapshot.CallSnapshot` are frozen dataclasses: importing
them (with ``dataclasses``, ``inspect`` and the feedback types) was 12 ms of
``coach log``'s 90. :func:`read_log` makes the same JSON objects from the
rows and the stored snapshot dicts, with the same lenient rules
(:mod:`coach.call.snapshot_fields`); tests/test_store_calllog.py compares
the two on generated records. The columns of a call's row and how each is
read (:func:`text`, :func:`number`, :func:`whole`) are kept here, for both.
"""

from __future__ import annotations

import math

from coach.call.snapshot_fields import (
    SnapshotError,
    check_version,
    flag_map,
    load_json,
    merged_fields,
    pace_fields,
    rating,
    score_fields,
    text_map,
    texts,
)
from coach.call.snapshot_fields import text as _text
from coach.store.errors import StoreError
from coach.store.liveness import process_alive

TYPE_CHECKING = False
if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable
    from typing import Any

    from coach.call.jobs import Job

#: What a call's record is read from (the job's company and position by its key).
COLUMNS = (
    "id, script, title, mode, scenario, started_at, ended_at, duration_s, status, "
    "outcome, snapshot, dismissed, pid, proc_marker, prospect, job_id, "
    "(SELECT company FROM jobs WHERE jobs.id = calls.job_id) AS job_company, "
    "(SELECT position FROM jobs WHERE jobs.id = calls.job_id) AS job_position"
)
ORDER = "ORDER BY started_utc DESC, id DESC"
#: SQLite's largest integer: a --limit beyond it asks for every call.
SQLITE_MAX_INT = 2**63 - 1
#: The data version that has the partner's feedback tables.
FEEDBACK_VERSION = 4


def text(value: object) -> str | None:
    """A text column's value as text (None stays None; bytes are decoded)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def number(value: object) -> float | None:
    """A number column's value, or None when it holds no finite number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        result = float(value)
    else:
        try:
            result = float(text(value) or "")
        except ValueError:
            return None
    return result if math.isfinite(result) else None


def whole(value: object) -> int | None:
    """An id column's value, or None when it holds no whole number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    found = number(value)
    return int(found) if found is not None and found.is_integer() else None


def dead(row: sqlite3.Row) -> bool:
    """Whether a ``running`` row's process is gone."""
    return row["status"] == "running" and not process_alive(row["pid"], row["proc_marker"])


def calls_query(limit: int | None = None, job_id: int | None = None) -> tuple[str, list[Any]]:
    """The ``WHERE`` and tail after :data:`COLUMNS` for a job's calls (or all), newest
    first, at most ``limit``; and its parameters."""
    where, params = ("WHERE job_id = ?", [job_id]) if job_id is not None else ("", [])
    tail = ORDER
    if limit is not None:
        tail += " LIMIT ?"
        params.append(min(max(0, int(limit)), SQLITE_MAX_INT))  # more than exist
    return f"{where} {tail}", params


def feedback_rows(
    conn: sqlite3.Connection, call_ids: Iterable[int]
) -> tuple[dict[int, list[tuple[Any, Any, Any]]], dict[int, tuple[Any, str]]]:
    """The partner's marks (node, kind, at; oldest first) and review (rating, note)
    on each of ``call_ids`` that has any; a file from before them has none."""
    ids = sorted(set(call_ids))
    marks: dict[int, list[tuple[Any, Any, Any]]] = {}
    reviews: dict[int, tuple[Any, str]] = {}
    if not ids or int(conn.execute("PRAGMA user_version").fetchone()[0]) < FEEDBACK_VERSION:
        return marks, reviews  # a file no Call Coach with feedback has opened yet
    for start in range(0, len(ids), 500):  # SQLite's limit on parameters
        chunk = ids[start : start + 500]
        places = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT call_id, node, kind, at FROM feedback WHERE call_id IN ({places}) "
            "ORDER BY call_id, id",
            chunk,
        )
        for call_id, node, kind, at in rows:
            marks.setdefault(call_id, []).append((node, kind, at))
        rows = conn.execute(
            f"SELECT call_id, rating, note FROM partner_reviews WHERE call_id IN ({places})",
            chunk,
        )
        for call_id, given, note in rows:
            reviews[call_id] = (given, note or "")
    return marks, reviews


def log_entry(
    row: sqlite3.Row,
    marks: Iterable[tuple[Any, Any, Any]] = (),
    review: tuple[Any, str] = (None, ""),
) -> dict[str, Any]:
    """The object ``coach log --json`` prints for a call's row (raises
    :class:`StoreError` for a call a newer Call Coach wrote)."""
    loaded = load_json(row["snapshot"])
    data: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
    call_id = row["id"]
    try:
        check_version(data)
    except SnapshotError as exc:
        raise StoreError(f"Call {call_id} cannot be read: {exc}") from exc
    values, captures = text_map(data.get("values")), text_map(data.get("captures"))
    fields = merged_fields(values, captures)
    score, pace = score_fields(data.get("score")), pace_fields(data.get("pace"))
    status = "interrupted" if dead(row) else text(row["status"]) or "interrupted"
    return {
        "id": call_id,
        "job": whole(row["job_id"]),
        "company": (text(row["job_company"]) or "").strip() or fields.get("company", "").strip(),
        "position": (text(row["job_position"]) or "").strip() or fields.get("position", "").strip(),
        "script": text(row["script"]) or "",
        "title": text(row["title"]) or "",
        "script_path": _text(data.get("script_path")),
        "mode": text(row["mode"]) or "live",
        "scenario": text(row["scenario"]),
        "started_at": text(row["started_at"]) or "",
        "ended_at": text(row["ended_at"]),
        "duration_s": number(row["duration_s"]),
        "status": status,
        "outcome": text(row["outcome"]),
        "path": list(texts(data.get("path"))),
        "values": values,
        "captures": captures,
        "checklist": flag_map(data.get("checklist")),
        "notes": _text(data.get("notes")) or "",
        "score": {"matched": score[0], "total": score[1]} if score else None,
        # Beside the score (whose two fields are a contract): the timed steps
        # rushed (under a third of their budget) or over budget.
        "pace": (
            {"rushed": list(pace[0]), "over_budget": list(pace[1]), "timed": pace[2]}
            if pace
            else None
        ),
        "rating": rating(data.get("rating")),
        "rating_note": _text(data.get("rating_note")) or "",
        "feedback": [{"node": node, "kind": kind} for node, kind, _at in marks],
        "partner_rating": review[0],
        "partner_note": review[1],
    }


class NoJob(LookupError):
    """``coach log --job ID`` names no job."""


def read_log(
    conn: sqlite3.Connection, limit: int | None = None, job_id: int | None = None
) -> tuple[Job | None, list[dict[str, Any]], bool]:
    """``coach log``'s calls (of one job if given, newest first, at most ``limit``)
    as JSON objects; the job; and whether ``limit`` 0 hid some.

    Raises :class:`NoJob` when ``job_id`` names no job.
    """
    import sqlite3

    found = None
    if job_id is not None:
        from coach.store.overview import job  # the job types: only for --job

        found = job(conn, job_id)
        if found is None:
            raise NoJob(job_id)
    conn.row_factory = sqlite3.Row
    tail, params = calls_query(limit, job_id)
    rows = conn.execute(f"SELECT {COLUMNS} FROM calls {tail}", params).fetchall()
    practice = [row["id"] for row in rows if (text(row["mode"]) or "live") == "practice"]
    marks, reviews = feedback_rows(conn, practice)
    entries = [
        log_entry(row, marks.get(row["id"], ()), reviews.get(row["id"], (None, ""))) for row in rows
    ]
    # ``--limit 0`` shows none of them: say so, not "no calls yet".
    tail, params = calls_query(1, job_id)
    hidden = (
        not entries
        and limit == 0
        and bool(conn.execute(f"SELECT 1 FROM calls {tail}", params).fetchall())
    )
    return found, entries, hidden
