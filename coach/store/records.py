"""A stored call as its readers see it (:class:`CallRecord`), and the row it is kept in.

The ``calls`` row holds the fields ``coach log`` shows, the process that runs
the call, its job (a live call's), light copies of its captures and notes (so
lists of jobs never decode snapshots) and the session's whole last snapshot
as JSON (``coach.call.snapshot`` is its format). Rows are read by column name,
each column as :mod:`coach.store.calllog` reads it (``coach log``'s light path).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from coach.call.followup import merged_fields, prospect_key
from coach.call.snapshot_fields import dump_json, dump_texts
from coach.store.calllog import COLUMNS, ORDER, dead, number, text, whole
from coach.store.errors import StoreError
from coach.store.overview import load_json

# The snapshot format and the partners' feedback are imported where a snapshot
# is decoded or written: home lists calls (their columns) without them, and
# making their nine dataclasses was 10 ms of its start-up.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from coach.call.feedback import PartnerFeedback
    from coach.call.snapshot import CallSnapshot


class CallRecord:
    """One stored call, as ``coach log`` and the TUI see it (read only).

    A plain class, not a frozen dataclass: the dataclass's fifteen fields took
    1.4 ms to make as the module was imported, on every start of home (its
    methods are compiled one by one); this one is made in a few microseconds.
    It compares by value and refuses changes, as the dataclass did.
    """

    id: int
    script: str
    title: str
    mode: str
    scenario: str | None
    started_at: str
    ended_at: str | None
    duration_s: float | None
    status: str
    outcome: str | None
    #: The session's whole last snapshot, as stored (read it typed with :attr:`call`).
    snapshot: dict[str, Any]
    #: An interrupted call the user chose not to resume.
    dismissed: bool
    #: The job this (live) call is about, if any.
    job: int | None
    #: That job's company and position (None without a job).
    job_company: str | None
    job_position: str | None

    def __init__(
        self,
        *,
        id: int,
        script: str,
        title: str,
        mode: str,
        scenario: str | None,
        started_at: str,
        ended_at: str | None,
        duration_s: float | None,
        status: str,
        outcome: str | None,
        snapshot: dict[str, Any],
        dismissed: bool = False,
        job: int | None = None,
        job_company: str | None = None,
        job_position: str | None = None,
    ) -> None:
        fields = self.__dict__  # (``call`` is kept there too, once worked out)
        fields.update(
            id=id, script=script, title=title, mode=mode, scenario=scenario,
            started_at=started_at, ended_at=ended_at, duration_s=duration_s,
            status=status, outcome=outcome, snapshot=snapshot, dismissed=dismissed,
            job=job, job_company=job_company, job_position=job_position,
        )  # fmt: skip

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a CallRecord is read only (cannot set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a CallRecord is read only (cannot delete {name!r})")

    def _values(self) -> tuple[object, ...]:
        fields = self.__dict__
        return tuple(fields[name] for name in RECORD_FIELDS)

    def __eq__(self, other: object) -> bool:
        if type(other) is not CallRecord:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # (its snapshot is a dict, as before)

    def __repr__(self) -> str:
        fields = self.__dict__
        shown = ", ".join(f"{name}={fields[name]!r}" for name in RECORD_FIELDS)
        return f"CallRecord({shown})"

    @cached_property
    def call(self) -> CallSnapshot:
        """The snapshot, typed. Raises :class:`StoreError` when a newer Call Coach wrote it.

        Its ``job`` is the record's when the snapshot names none (a call made
        before jobs existed, grouped into one when the record was updated).
        """
        from coach.call.snapshot import SnapshotError, decode

        try:
            snap = decode(self.snapshot)
        except SnapshotError as exc:
            raise StoreError(f"Call {self.id} cannot be read: {exc}") from exc
        if snap.job is None and self.job is not None:
            snap = replace(snap, job=self.job)
        return snap

    @property
    def company(self) -> str:
        """The job's company, else the call's own ``company`` value (blank if neither)."""
        return (self.job_company or "").strip() or self.fields.get("company", "").strip()

    @property
    def position(self) -> str:
        """The job's position, else the call's own ``position`` value (blank if neither)."""
        return (self.job_position or "").strip() or self.fields.get("position", "").strip()

    def readable(self) -> bool:
        """Whether this version can read the snapshot (see :attr:`call`)."""
        try:
            self.call  # noqa: B018 - decoding is the check
        except StoreError:
            return False
        return True

    def log_entry(self, feedback: PartnerFeedback | None = None) -> dict[str, Any]:
        """The object ``coach log --json`` prints for this call (raises :class:`StoreError`
        for a call a newer Call Coach wrote), with a partner's ``feedback`` on it if any
        (see :meth:`Store.partner_feedback`)."""
        from coach.call.feedback import PartnerFeedback

        call = self.call
        entry: dict[str, Any] = {
            "id": self.id,
            "job": self.job,
            "company": self.company,
            "position": self.position,
            "script": self.script,
            "title": self.title,
            "script_path": call.script_path,
            "mode": self.mode,
            "scenario": self.scenario,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "duration_s": self.duration_s,
            "status": self.status,
            "outcome": self.outcome,
            "path": list(call.path),
            "values": dict(call.values),
            "captures": dict(call.captures),
            "checklist": dict(call.checklist),
            "notes": call.notes,
            "score": call.score.as_dict() if call.score else None,
            # Beside the score (whose two fields are a contract): the timed steps
            # rushed (under a third of their budget) or over budget.
            "pace": call.pace.as_dict() if call.pace else None,
            "rating": call.rating,
            "rating_note": call.rating_note,
            **(feedback or PartnerFeedback()).log_fields(),
        }
        return entry

    @property
    def fields(self) -> dict[str, str]:
        """Values and captures merged (a capture wins over a variable)."""
        return merged_fields(self.call.values, self.call.captures)


#: CallRecord's fields, in order (its repr and equality read them).
RECORD_FIELDS = tuple(CallRecord.__annotations__)


# -- rows ---------------------------------------------------------------------


def utc_key(started_at: str) -> str:
    """A sortable UTC form of an ISO timestamp (so DST changes never reorder calls)."""
    try:
        moment = datetime.fromisoformat(started_at)
    except ValueError:
        return started_at
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def typed(snapshot: CallSnapshot | Mapping[str, Any]) -> tuple[CallSnapshot, Mapping[str, Any]]:
    """The snapshot typed, and the dict to store (a stored dict is kept exactly as given)."""
    from coach.call.snapshot import CallSnapshot, SnapshotError, decode, encode

    if isinstance(snapshot, CallSnapshot):
        return snapshot, encode(snapshot)
    if not isinstance(snapshot, dict):
        raise StoreError("the call could not be saved: its state is not a mapping")
    try:
        return decode(snapshot), snapshot
    except SnapshotError as exc:
        raise StoreError(f"the call could not be saved: {exc}") from exc


def row_fields(call: CallSnapshot, data: Mapping[str, Any]) -> dict[str, Any]:
    """The columns a snapshot fills in.

    ``job_id`` is the job the snapshot names (a live call's only); the writers
    keep it only if that job exists, and never clear a job already recorded.
    """
    try:
        blob = dump_json(data)
    except (TypeError, ValueError) as exc:
        raise StoreError(f"the call could not be saved: its state is not JSON ({exc})") from exc
    started_at = call.started_at or now_iso()
    fields = merged_fields(call.values, call.captures)
    live = call.mode == "live"
    return {
        "script": call.script,
        "title": call.title or call.script,
        "mode": call.mode,
        "scenario": call.scenario,
        "started_at": started_at,
        "started_utc": utc_key(started_at),
        "ended_at": call.ended_at,
        "duration_s": call.duration_s,
        "outcome": call.outcome,
        "prospect": prospect_key(call.script, fields) if live else None,
        "job_id": call.job if live else None,
        "captures": dump_texts({k: v for k, v in call.captures.items() if v.strip()}),
        "notes": call.notes,
        "snapshot": blob,
    }


def record_from_row(row: sqlite3.Row, status: str | None = None) -> CallRecord:
    """A record from its row, each field of the type it is declared with.

    SQLite keeps whatever was written in any column: a row changed by hand or
    by another program (``duration_s='abc'``, a number for a title) is read
    as far as it makes sense instead of crashing ``coach log``, home and the
    resume offer.
    """
    snapshot = load_json(row["snapshot"])
    return CallRecord(
        id=row["id"],
        script=text(row["script"]) or "",
        title=text(row["title"]) or "",
        mode=text(row["mode"]) or "live",
        scenario=text(row["scenario"]),
        started_at=text(row["started_at"]) or "",
        ended_at=text(row["ended_at"]),
        duration_s=number(row["duration_s"]),
        status=status or text(row["status"]) or "interrupted",
        outcome=text(row["outcome"]),
        snapshot=snapshot if isinstance(snapshot, dict) else {},
        dismissed=bool(number(row["dismissed"])),
        job=whole(row["job_id"]),
        job_company=text(row["job_company"]),
        job_position=text(row["job_position"]),
    )


__all__ = [
    "COLUMNS",
    "ORDER",
    "CallRecord",
    "dead",
    "number",
    "record_from_row",
    "row_fields",
    "text",
    "typed",
    "utc_key",
    "whole",
]
