"""Home's list of jobs: each job with its next step, in the sections a person acts on.

The sections, in order:

* **due**: today is inside the step's window or past it; overdue jobs first
  (the longest overdue at the top), then those due, the window closing
  soonest first;
* **upcoming**: the window opens later; soonest first;
* **waiting**: nothing to do but wait (they contacted you first, or the rules
  say nothing is due while the job is open);
* **closed**: over, the latest closed first; home shows it folded (a count).

The rules that decide each step are not here (see the follow-up rules); this
module only sorts what they decided. Pure: no Textual, no SQLite.
"""

# No ``from __future__ import annotations``: see coach/script/model.py.
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Literal, NamedTuple

from coach.call.dates import short_date
from coach.call.followup import NextStep
from coach.call.jobs import Job, JobCall

SectionKey = Literal["due", "upcoming", "waiting", "closed"]
SECTION_ORDER: tuple[SectionKey, ...] = ("due", "upcoming", "waiting", "closed")
SECTION_TITLES: dict[SectionKey, str] = {
    "due": "Due now",
    "upcoming": "Coming up",
    "waiting": "Waiting on them",
    "closed": "Closed",
}

#: How a closing outcome reads in a list ("closed: offer"); free text is shown as typed.
CLOSED_WORDS = {"offer": "offer", "rejected": "not selected", "withdrawn": "withdrawn"}

#: Describes a step and when it is due in words ("call today", "overdue since Tue 8 Dec").
DescribeStep = Callable[[NextStep, date], str]


class AgendaRow(NamedTuple):
    """One job as home lists it."""

    job: Job
    step: NextStep
    section: SectionKey
    #: The step and when, in words; for a closed job, how and when it closed.
    when: str
    #: Today is past the step's window.
    overdue: bool
    #: How many live calls were made about it, and the day of the latest.
    calls: int
    last_called: date | None

    @property
    def company(self) -> str:
        return self.job.company

    @property
    def position(self) -> str:
        return self.job.position

    @property
    def interviewer(self) -> str:
        return self.job.interviewer


class AgendaSection(NamedTuple):
    key: SectionKey
    title: str
    rows: tuple[AgendaRow, ...]

    @property
    def folded(self) -> bool:
        """Closed jobs are shown as a count until the user opens the section."""
        return self.key == "closed"


class Agenda:
    """The sections that have at least one job, in :data:`SECTION_ORDER` (read only).

    Not a named tuple as its rows are: its length is its number of jobs, and a
    tuple's would be its number of fields. Nor a frozen dataclass: making one
    took 0.65 ms of home's start-up, for one field.
    """

    __slots__ = ("sections",)
    sections: tuple[AgendaSection, ...]

    def __init__(self, sections: tuple[AgendaSection, ...]) -> None:
        object.__setattr__(self, "sections", sections)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"an Agenda is read only (cannot set {name!r})")

    def __eq__(self, other: object) -> bool:
        if type(other) is not Agenda:
            return NotImplemented
        return self.sections == other.sections

    def __hash__(self) -> int:
        return hash(self.sections)

    def __repr__(self) -> str:
        return f"Agenda(sections={self.sections!r})"

    def __reduce__(self) -> "tuple[type[Agenda], tuple[tuple[AgendaSection, ...]]]":
        return (Agenda, (self.sections,))

    def __len__(self) -> int:
        return sum(len(section.rows) for section in self.sections)

    @property
    def is_empty(self) -> bool:
        return not self.sections

    def section(self, key: SectionKey) -> AgendaSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def rows(self) -> list[AgendaRow]:
        """Every row, section after section."""
        return [row for section in self.sections for row in section.rows]


def section_of(job: Job, step: NextStep, today: date) -> SectionKey:
    if job.status == "closed":
        return "closed"
    if job.status == "heard" or step.action == "none" or step.earliest is None:
        return "waiting"
    return "due" if step.is_due(today) else "upcoming"


def closed_words(job: Job, today: date) -> str:
    """``closed Tue 8 Dec: offer`` (the day left out when unknown)."""
    outcome = (job.outcome or "").strip()
    words = CLOSED_WORDS.get(outcome, outcome)
    text = "closed"
    if job.closed_on is not None:
        text += " " + short_date(job.closed_on, today)
    return f"{text}: {words}" if words else text


#: The rule that decides when a job has neither an interview nor a decision date.
MISSING_DATE_RULE = "missing_date"


def step_words(job: Job, step: NextStep, today: date, describe: DescribeStep) -> str:
    """The step and when, for a list: the rules' words (``describe``), with the action
    named when it is overdue; how a heard or closed job stands; what a dateless one needs."""
    if job.status == "closed":
        return closed_words(job, today)
    if job.status == "heard":
        day = f" {short_date(job.heard_on, today)}" if job.heard_on else ""
        return f"heard from them{day}: nothing due from you"
    if step.rule == MISSING_DATE_RULE:
        return "add the interview date to know when to call"
    words = describe(step, today)
    if step.action != "none" and step.is_overdue(today) and step.action not in words:
        return f"{step.action}, {words}"
    return words


class LiveCalls:
    """How many live calls a job had and the day of the latest, without the calls.

    Enough for a heard or closed job's row: the rules decide those from the
    job alone, so the store need not make their calls (see :func:`build_agenda`).
    """

    __slots__ = ("count", "last")

    def __init__(self, count: int = 0, last: date | None = None) -> None:
        self.count = count
        self.last = last

    def add(self, day: date) -> None:
        """One more live call, made on ``day``."""
        self.count += 1
        if self.last is None or day > self.last:
            self.last = day

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LiveCalls):
            return NotImplemented
        return (self.count, self.last) == (other.count, other.last)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LiveCalls({self.count}, {self.last!r})"


def _row(
    job: Job,
    calls: Sequence[JobCall] | LiveCalls,
    step: NextStep,
    today: date,
    describe: DescribeStep,
) -> AgendaRow:
    section = section_of(job, step, today)
    if isinstance(calls, LiveCalls):
        count, last = calls.count, calls.last
    else:
        # One pass, no list: home sorts every job on start-up (10 calls a job, 1,000 jobs).
        count = 0
        last = None
        for call in calls:
            if call.mode == "live":
                count += 1
                if last is None or call.called_on > last:
                    last = call.called_on
    return AgendaRow(
        job=job,
        step=step,
        section=section,
        when=step_words(job, step, today, describe),
        overdue=section == "due" and step.is_overdue(today),
        calls=count,
        last_called=last,
    )


def _name(row: AgendaRow) -> tuple[str, str, int]:
    return (row.job.company.casefold(), row.job.position.casefold(), row.job.id)


def _sort_key(row: AgendaRow) -> tuple[object, ...]:
    step = row.step
    far = date.max
    if row.section == "due":
        # Overdue first, the longest overdue at the top; then the window closing soonest.
        return (not row.overdue, step.latest or far, step.earliest or far, *_name(row))
    if row.section == "upcoming":
        return (step.earliest or far, step.latest or far, *_name(row))
    if row.section == "closed":
        # The latest closed first; those with no day at the end.
        closed = row.job.closed_on
        return (closed is None, -closed.toordinal() if closed else 0, *_name(row))
    return _name(row)


def build_agenda(
    jobs: Iterable[tuple[Job, Sequence[JobCall] | LiveCalls, NextStep]],
    today: date,
    describe: DescribeStep,
) -> Agenda:
    """Sort each job (with its calls, newest first, and its next step) into home's sections.

    A job's calls may be given as their :class:`LiveCalls` tally instead (a
    row shows only that of them).
    """
    grouped: dict[SectionKey, list[AgendaRow]] = {key: [] for key in SECTION_ORDER}
    for job, calls, step in jobs:
        row = _row(job, calls, step, today, describe)
        grouped[row.section].append(row)
    return Agenda(
        tuple(
            AgendaSection(key, SECTION_TITLES[key], tuple(sorted(grouped[key], key=_sort_key)))
            for key in SECTION_ORDER
            if grouped[key]
        )
    )


__all__ = [
    "SECTION_ORDER",
    "SECTION_TITLES",
    "Agenda",
    "AgendaRow",
    "AgendaSection",
    "DescribeStep",
    "LiveCalls",
    "SectionKey",
    "build_agenda",
    "closed_words",
    "section_of",
    "step_words",
]
