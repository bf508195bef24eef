"""When to make the next follow-up call: pure date rules, no storage, no UI.

A job's next step, by DESIGN's rules table, is :func:`next_step` (in
:mod:`coach.call.nextstep`, re-exported here with :class:`NextStep`,
:func:`describe_step` and :func:`too_early`). What follows is the older
per-call window the store, the report and home still use.

The rules, in our own words:

* If the employer named a date for their decision, call one or two working
  days after it: soon enough to show interest, late enough to let them decide.
* If no date was mentioned, call about a week after the interview. Advice
  varies between "seven to ten days" and "five to eight working days"; we use
  the overlap of the two (see :func:`first_call_window`).
* If they said you may call back on a given day, that day is the window.
* Voicemail or no answer: try once more about two working days later. After
  two unanswered calls in a row, stop calling and suggest a short email.
* An offer or a rejection closes the prospect: no more follow-up calls.
* Never suggest calling again sooner than two working days after the last
  call, whatever the dates say: calling over and over does more harm than good.

Working days are Monday to Friday; public holidays are not known here.
Every window starts and ends on a working day.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import takewhile
from typing import TYPE_CHECKING, Any, Literal

from coach.call.dates import call_date, long_date, parse_iso_date, short_date

if TYPE_CHECKING:
    from coach.call.nextstep import NextStep, StepAction, describe_step, next_step, too_early

#: Re-exported from :mod:`coach.call.nextstep` when first asked for: the store
#: imports this module for the older windows, and the rules cost it 1.1 ms.
_FROM_NEXTSTEP = frozenset({"NextStep", "StepAction", "describe_step", "next_step", "too_early"})


def __getattr__(name: str) -> object:
    if name in _FROM_NEXTSTEP:
        from coach.call import nextstep

        return getattr(nextstep, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


Action = Literal["call", "email"]

#: Outcomes after which no follow-up call is needed: the format's ``offer`` and
#: ``rejected``, and the bundled scripts' own ``declined`` (you turned the role
#: down), ``interview`` and ``screening_booked`` (the next step has a date).
CLOSED_OUTCOMES = frozenset({"offer", "rejected", "declined", "interview", "screening_booked"})
#: Outcomes meaning nobody picked up.
UNANSWERED_OUTCOMES = frozenset({"voicemail", "no_answer"})
#: After this many unanswered calls in a row, email instead of calling again.
MAX_UNANSWERED_CALLS = 2
#: The least number of working days between two calls to one prospect.
MIN_GAP_BUSINESS_DAYS = 2

#: Field ids the rules read (a variable or a capture, whichever holds a value).
INTERVIEW_DATE = "interview_date"
DECISION_DATE = "decision_date"
CALLBACK_DATE = "callback_date"


@dataclass(frozen=True)
class FollowUpWindow:
    """The days on which the next contact should happen (both inclusive)."""

    earliest: date
    latest: date
    #: A short sentence saying why this window was chosen.
    reason: str
    #: ``"email"`` once calling again would be too much.
    action: Action = "call"

    def as_dict(self) -> dict[str, str]:
        """The JSON form used by ``coach log --json`` (ISO dates)."""
        return {
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "reason": self.reason,
            "action": self.action,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FollowUpWindow | None:
        """Read :meth:`as_dict` back; ``None`` if the data is not a valid window."""
        earliest = parse_iso_date(str(data.get("earliest", "")))
        latest = parse_iso_date(str(data.get("latest", "")))
        if earliest is None or latest is None:
            return None
        action: Action = "email" if data.get("action") == "email" else "call"
        return cls(earliest, latest, str(data.get("reason", "")), action)


@dataclass(frozen=True)
class FollowUp:
    """An open prospect and when to contact it next."""

    #: The normalised prospect key (see :func:`prospect_key`).
    prospect: str
    #: A human label: "Acme Ltd, Data analyst" or the interviewer's name.
    label: str
    #: Script id and title of the prospect's latest live call.
    script: str
    title: str
    #: Values and captures of that call, for display (company, interviewer...).
    values: Mapping[str, str]
    call_id: int
    outcome: str | None
    called_on: date
    window: FollowUpWindow

    def is_due(self, today: date) -> bool:
        return today >= self.window.earliest

    def is_overdue(self, today: date) -> bool:
        return today > self.window.latest


# -- dates -----------------------------------------------------------------


def is_business_day(d: date) -> bool:
    return d.weekday() < 5


def business_day_on_or_after(d: date) -> date:
    while not is_business_day(d):
        d += timedelta(days=1)
    return d


def business_day_on_or_before(d: date) -> date:
    while not is_business_day(d):
        d -= timedelta(days=1)
    return d


def add_business_days(d: date, n: int) -> date:
    """The ``n``-th working day after ``d`` (``n`` >= 1); ``d`` itself may be any day."""
    if n < 1:
        raise ValueError("n must be at least 1")
    while n:
        d += timedelta(days=1)
        if is_business_day(d):
            n -= 1
    return d


# -- windows ---------------------------------------------------------------


def _after_decision(decision_date: date, today: date | None = None) -> FollowUpWindow:
    return FollowUpWindow(
        add_business_days(decision_date, 1),
        add_business_days(decision_date, 2),
        f"They planned to decide by {short_date(decision_date, today)}: "
        "call a working day or two after that.",
    )


def _about_a_week_after(start: date) -> tuple[date, date]:
    # Overlap of "7 to 10 days" and "5 to 8 working days": at least five
    # working days and a full week, at most ten calendar days (or the first
    # possible day, if a weekend squeezes the window shut).
    earliest = max(add_business_days(start, 5), business_day_on_or_after(start + timedelta(7)))
    latest = max(earliest, business_day_on_or_before(start + timedelta(10)))
    return earliest, latest


def first_call_window(interview_date: date, decision_date: date | None = None) -> FollowUpWindow:
    """When to make the first follow-up call after an interview.

    With a decision date, one or two working days after it. Without one, about
    a week after the interview: sources suggest both "seven to ten days" and
    "five to eight working days", so the window opens once five working days
    *and* seven calendar days have passed and closes ten calendar days after
    the interview (moved back to a working day). An interview on a Monday
    gives the next Monday to Thursday; on a Wednesday, the next Wednesday to
    Friday.
    """
    if decision_date is not None:
        return _after_decision(decision_date, interview_date)
    earliest, latest = _about_a_week_after(interview_date)
    return FollowUpWindow(
        earliest,
        latest,
        "No decision date was given: call about a week after the interview.",
    )


def next_follow_up(
    outcome: str | None,
    *,
    called_on: date,
    interview_date: date | None,
    decision_date: date | None,
    callback_date: date | None,
    unanswered_attempts: int = 0,
) -> FollowUpWindow | None:
    """The window for the next contact after a call that ended with ``outcome``.

    Args:
        outcome: the call's outcome id; ``None`` or an id the rules do not know
            is treated like ``pending`` (they talked, nothing was decided).
        called_on: the day of the call just made.
        interview_date: the day of the interview, if known.
        decision_date: the day the employer expects to decide, if given.
        callback_date: the day they said you may call back, if given.
        unanswered_attempts: unanswered calls to this prospect *before* this
            one, in a row (0 for the first try).

    Returns:
        ``None`` when no follow-up is needed (``offer``, ``rejected``).
    """
    if outcome in CLOSED_OUTCOMES:
        return None
    floor = add_business_days(called_on, MIN_GAP_BUSINESS_DAYS)

    if outcome in UNANSWERED_OUTCOMES:
        attempts = max(0, unanswered_attempts) + 1
        if attempts >= MAX_UNANSWERED_CALLS:
            return FollowUpWindow(
                floor,
                add_business_days(floor, 1),
                f"{attempts} calls in a row went unanswered: send a short email "
                "instead of calling again.",
                "email",
            )
        return FollowUpWindow(
            floor,
            add_business_days(called_on, MIN_GAP_BUSINESS_DAYS + 1),
            "Nobody picked up: try once more in about two working days.",
        )

    if callback_date is not None and callback_date >= called_on:
        day = business_day_on_or_after(callback_date)
        window = FollowUpWindow(
            day,
            add_business_days(day, 1),
            f"They said you may call back on {short_date(callback_date, called_on)}.",
        )
    elif decision_date is not None and decision_date >= called_on:
        window = _after_decision(decision_date, called_on)
    elif outcome == "call_back":
        window = FollowUpWindow(
            floor,
            add_business_days(called_on, MIN_GAP_BUSINESS_DAYS + 1),
            "They asked you to call back without naming a day: "
            "try again in two or three working days.",
        )
    elif interview_date is not None and first_call_window(interview_date).earliest > floor:
        # Called earlier than a week after the interview: that week still stands.
        window = first_call_window(interview_date)
    else:
        earliest, latest = _about_a_week_after(called_on)
        window = FollowUpWindow(
            earliest,
            latest,
            "No date was given: check in again about a week after this call.",
        )

    if window.earliest < floor:
        window = FollowUpWindow(
            floor,
            max(window.latest, floor),
            window.reason + " Leave at least two working days between calls.",
            window.action,
        )
    return window


def describe_window(w: FollowUpWindow, today: date) -> str:
    """How the window looks from ``today``.

    ``due today``, ``due today (until Fri 8 May)``, ``tomorrow (Wed 6 May)``,
    ``in 3 days (Tue 5 May - Thu 7 May)``, ``overdue since Fri 8 May``.
    """
    if today > w.latest:
        return f"overdue since {short_date(w.latest + timedelta(days=1), today)}"
    if today >= w.earliest:
        if today == w.latest:
            return "due today"
        return f"due today (until {short_date(w.latest, today)})"
    days = (w.earliest - today).days
    when = "tomorrow" if days == 1 else f"in {days} days"
    span = short_date(w.earliest, today)
    if w.latest != w.earliest:
        span += f" - {short_date(w.latest, today)}"
    return f"{when} ({span})"


# -- prospects -------------------------------------------------------------


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def prospect_key(script: str, fields: Mapping[str, str]) -> str:
    """Who a call was to: normalised company and position, else interviewer, else script.

    ``"Acme Ltd."`` and ``" acme  ltd"`` are one prospect; the script id is not
    part of the key when a company or position is known, so a second call made
    with another script still belongs to the same prospect.
    """
    company = _normalise(fields.get("company", ""))
    position = _normalise(fields.get("position", ""))
    if company or position:
        return f"job:{company}|{position}"
    interviewer = _normalise(fields.get("interviewer", ""))
    if interviewer:
        return f"interviewer:{interviewer}"
    return f"script:{script}"


def prospect_label(fields: Mapping[str, str], fallback: str) -> str:
    """A display name for a prospect: ``"Acme Ltd, Data analyst"``."""
    parts = [fields.get(k, "").strip() for k in ("company", "position")]
    label = ", ".join(p for p in parts if p)
    return label or fields.get("interviewer", "").strip() or fallback


def merged_fields(values: Mapping[str, Any], captures: Mapping[str, Any]) -> dict[str, str]:
    """Variables and captures in one mapping (a capture wins over a variable)."""
    merged: dict[str, str] = {}
    for source in (values, captures):
        for key, value in source.items():
            if isinstance(value, str) and value.strip():
                merged[str(key)] = value
    return merged


def window_for_call(
    outcome: str | None,
    called_on: date,
    fields: Mapping[str, str],
    unanswered_attempts: int = 0,
) -> FollowUpWindow | None:
    """:func:`next_follow_up` with dates read from a call's values and captures."""

    def field_date(name: str) -> date | None:
        return parse_iso_date(fields.get(name, ""))

    return next_follow_up(
        outcome,
        called_on=called_on,
        interview_date=field_date(INTERVIEW_DATE),
        decision_date=field_date(DECISION_DATE),
        callback_date=field_date(CALLBACK_DATE),
        unanswered_attempts=unanswered_attempts,
    )


def window_after_call(
    outcome: str | None,
    started_at: str,
    fields: Mapping[str, str],
    earlier_outcomes: Iterable[str | None] = (),
    *,
    today: date | None = None,
) -> FollowUpWindow | None:
    """The window for the next contact after a finished live call that began at ``started_at``.

    ``fields`` are its values and captures (:func:`merged_fields`);
    ``earlier_outcomes`` those of the prospect's earlier finished live calls,
    newest first, read only after an unanswered call (so it may be a lazy
    query); ``today`` is the day of the call when ``started_at`` does not say.
    ``None`` when nothing follows.
    """
    if outcome in CLOSED_OUTCOMES:
        return None
    called_on = call_date(started_at) or today
    if called_on is None:
        return None
    unanswered = 0
    if outcome in UNANSWERED_OUTCOMES:
        unanswered = sum(1 for _ in takewhile(UNANSWERED_OUTCOMES.__contains__, earlier_outcomes))
    return window_for_call(outcome, called_on, fields, unanswered)


@dataclass(frozen=True)
class FinishedCall:
    """A finished live call, as the follow-up rules need it."""

    call_id: int
    #: :func:`prospect_key` of the call.
    prospect: str
    script: str
    title: str
    outcome: str | None
    started_at: str
    #: Values and captures merged (:func:`merged_fields`).
    fields: Mapping[str, str]
    #: The window stored when the call finished.
    window: FollowUpWindow | None


def open_follow_ups(
    calls: Iterable[FinishedCall], today: date, *, include_upcoming: bool = False
) -> list[FollowUp]:
    """Open prospects whose next contact is due (or overdue), soonest first.

    ``calls`` are finished live calls, newest first: a prospect's latest call
    decides its window, and a closed outcome closes it. ``include_upcoming``
    also returns windows that have not opened yet.
    """
    seen: set[str] = set()
    result: list[FollowUp] = []
    for call in calls:
        if call.prospect in seen:
            continue
        seen.add(call.prospect)  # newest first: only the latest call counts
        window = call.window
        called_on = call_date(call.started_at)
        if call.outcome in CLOSED_OUTCOMES or window is None or called_on is None:
            continue
        if not include_upcoming and today < window.earliest:
            continue
        result.append(
            FollowUp(
                prospect=call.prospect,
                label=prospect_label(call.fields, call.title),
                script=call.script,
                title=call.title,
                values=call.fields,
                call_id=call.call_id,
                outcome=call.outcome,
                called_on=called_on,
                window=window,
            )
        )
    result.sort(key=lambda f: (f.window.earliest, f.window.latest, -f.call_id))
    return result


__all__ = [
    "CLOSED_OUTCOMES",
    "UNANSWERED_OUTCOMES",
    "FinishedCall",
    "FollowUp",
    "FollowUpWindow",
    "NextStep",
    "StepAction",
    "add_business_days",
    "call_date",
    "describe_step",
    "describe_window",
    "first_call_window",
    "long_date",
    "merged_fields",
    "next_follow_up",
    "next_step",
    "open_follow_ups",
    "parse_iso_date",
    "prospect_key",
    "prospect_label",
    "short_date",
    "too_early",
    "window_after_call",
    "window_for_call",
]
