"""Jobs: one per application or interview, and the live calls made about it.

A job is what the follow-up rules (:mod:`coach.call.followup`) read, what
home lists, what drafts and exports are built from. It is stored by
:mod:`coach.store` and typed here, so that every layer above shares one shape.

:class:`Job` and :class:`JobCall` are named tuples, not dataclasses:
``coach due`` builds one per call (10,000 on a long search), and a frozen
dataclass takes 1.5 µs to build against 0.3 µs, on top of the 7 ms that
importing ``dataclasses`` (and ``inspect``) adds to every job command. They
are immutable and compare by value as before; ``_replace`` makes a changed copy.

Pure: no SQLite, no Textual.
"""

# No ``from __future__ import annotations``: see coach/script/model.py.
from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Literal, NamedTuple

from coach.call.dates import parse_iso_date

JobStatus = Literal["open", "heard", "closed"]
#: ``open``: waiting for the next step; ``heard``: they contacted you first;
#: ``closed``: over, with an outcome.
JOB_STATUSES: tuple[JobStatus, ...] = ("open", "heard", "closed")

#: The outcomes ``coach job close --outcome`` suggests (any other text is kept too).
CLOSE_OUTCOMES = ("offer", "rejected", "withdrawn")

#: Outcomes of a live call that close its job (with that outcome).
CLOSING_CALL_OUTCOMES = frozenset({"offer", "rejected"})

#: The variable ids a job fills on each of its calls, and the job field of each.
JOB_VARIABLES: Mapping[str, str] = {
    "company": "company",
    "position": "position",
    "interviewer": "interviewer",
    "interview_date": "interview_date",
    "decision_date": "decision_date",
    "their_phone": "phone",
}

#: The capture ids with a meaning to the rules (type ``date``).
DECISION_DATE = "decision_date"
CALLBACK_DATE = "callback_date"

#: The script a job's first call uses when it has no calls yet.
DEFAULT_SCRIPT = "follow-up"

#: The default of ``captured``/``captures``: shared by every tuple, so read-only.
NO_TEXTS: Mapping[str, str] = MappingProxyType({})


class Job(NamedTuple):
    """One application: who, what, when, where it stands, and what its calls captured."""

    id: int
    company: str
    position: str = ""
    interviewer: str = ""
    #: Their phone number (the ``their_phone`` variable).
    phone: str = ""
    interview_date: date | None = None
    #: "They said they would decide by".
    decision_date: date | None = None
    status: JobStatus = "open"
    #: Why it closed (``offer``, ``rejected``, ``withdrawn`` or free text); None while open.
    outcome: str | None = None
    notes: str = ""
    #: What its live calls captured, capture id -> text (the latest value of each).
    captured: Mapping[str, str] = NO_TEXTS
    #: ISO 8601 timestamps.
    created_at: str = ""
    updated_at: str = ""
    #: The day it was marked ``heard`` or ``closed`` (None otherwise).
    heard_on: date | None = None
    closed_on: date | None = None

    @property
    def label(self) -> str:
        """``Acme Ltd, Data analyst`` (or whichever of the two is known)."""
        parts = [p.strip() for p in (self.company, self.position) if p.strip()]
        return ", ".join(parts) or self.interviewer.strip() or f"Job {self.id}"

    def values(self) -> dict[str, str]:
        """The variables this job fills on its calls (:data:`JOB_VARIABLES`), blanks left out."""
        out: dict[str, str] = {}
        for variable, name in JOB_VARIABLES.items():
            value = getattr(self, name)
            text = value.isoformat() if isinstance(value, date) else str(value or "").strip()
            if text:
                out[variable] = text
        return out


class JobCall(NamedTuple):
    """One call made about a job, as the rules, the job screen and the exports read it."""

    id: int
    #: The calendar day of the call (in the offset it was recorded with).
    called_on: date
    #: ISO 8601, as recorded.
    started_at: str
    #: ``done``, ``abandoned``, ``interrupted`` or ``running`` (see the store).
    status: str
    outcome: str | None
    script: str
    title: str = ""
    mode: Literal["live", "practice"] = "live"
    #: What the call captured, capture id -> text as typed.
    captures: Mapping[str, str] = NO_TEXTS
    notes: str = ""
    duration_s: float | None = None

    def date_capture(self, capture_id: str) -> date | None:
        """A captured date (``decision_date``, ``callback_date``) as a date, if it reads as one.

        The text is what was typed during the call, read as said on the call's
        day (``called_on``): "Thursday morning" typed on Tuesday 1 December is
        Thursday 3 December (:func:`coach.call.saydate.read_date`).
        """
        return said_date(self.captures.get(capture_id, ""), self.called_on)


def said_date(text: str, said_on: date) -> date | None:
    """The day ``text`` (a date as typed: ISO, or "next Thursday") names, read as
    said on ``said_on``; None when it names none."""
    day = parse_iso_date(text)  # the common case, without loading the reader
    if day is not None or not text.strip():
        return day
    from coach.call.saydate import read_date

    return read_date(text, said_on).day


def is_date_id(capture_id: str) -> bool:
    """Whether a capture id names a date (``callback_date``, ``start_date``): a
    job does not know its scripts, so the id says which texts to read as dates."""
    return capture_id.endswith("_date")


def said_on(calls: Sequence[JobCall], capture_id: str, text: str) -> date | None:
    """The day of the newest live call (``calls`` newest first) that captured
    ``text`` as ``capture_id``: what a job's ``captured`` text was said on."""
    for call in calls:
        if call.mode == "live" and call.captures.get(capture_id) == text:
            return call.called_on
    return None


def suggested_script(calls: list[JobCall] | tuple[JobCall, ...]) -> str:
    """The script for a job's next call: that of its latest live call, else :data:`DEFAULT_SCRIPT`.

    ``calls`` are newest first.
    """
    for call in calls:
        if call.mode == "live" and call.script:
            return call.script
    return DEFAULT_SCRIPT


__all__ = [
    "CALLBACK_DATE",
    "CLOSE_OUTCOMES",
    "CLOSING_CALL_OUTCOMES",
    "DECISION_DATE",
    "DEFAULT_SCRIPT",
    "JOB_STATUSES",
    "JOB_VARIABLES",
    "Job",
    "JobCall",
    "JobStatus",
    "is_date_id",
    "said_date",
    "said_on",
    "suggested_script",
]
