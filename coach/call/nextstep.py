"""A job's next step: DESIGN's rules table, one small pure function a row.

:func:`next_step` reads a job and its calls (newest first) and asks each rule
in :data:`RULES`, in order; the first that applies decides, and
:attr:`NextStep.rule` names it. Only live calls count. A finished (``done``)
call decides by its outcome; an ``abandoned`` or ``interrupted`` one only
counts for the floor: never suggest a call sooner than two business days
after the last call. Calls made before the job's interview date were about
the application, not the interview: they count for the floor only, so once
a new interview date is set, the rules start over from it.

Every window starts and ends on a business day (:mod:`coach.call.businessdays`).
Pure: no storage, no UI.
"""

# No ``from __future__ import annotations``: see coach/script/model.py.
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from operator import attrgetter
from typing import Any, Literal, NamedTuple

from coach.call.businessdays import WEEKDAYS, BusinessDays
from coach.call.dates import short_date, spoken_date, spoken_range
from coach.call.jobs import CALLBACK_DATE, DECISION_DATE, Job, JobCall

StepAction = Literal["call", "email", "none"]

#: Call outcomes after which nothing is due: an offer, a no, or you turned it down.
CLOSED_BY_CALL = frozenset({"offer", "rejected", "declined"})
#: Call outcomes of the bundled scripts that booked another interview.
BOOKED_OUTCOMES = frozenset({"interview", "screening_booked"})
#: Outcomes meaning nobody picked up.
UNANSWERED = frozenset({"voicemail", "no_answer"})
#: After this many unanswered calls in a row, an email instead of a call.
MAX_UNANSWERED = 2
#: The least number of business days between two calls.
MIN_GAP = 2
#: Call statuses that count for the floor (``running`` is the call being made now).
FLOOR_STATUSES = frozenset({"done", "abandoned", "interrupted"})

_CALLED_ON = attrgetter("called_on")
_COUNTS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


class NextStep(NamedTuple):
    """A job's next step, as DESIGN's rules table decides it (see :func:`next_step`).

    (A ``NamedTuple`` like :class:`~coach.call.jobs.Job`: ``coach due`` makes
    one per open job and must start fast.)
    """

    #: ``call``, ``email``, or ``none`` (nothing due: heard, closed, or a date is missing).
    action: StepAction
    #: The window, both days inclusive (None when ``action`` is ``none``).
    earliest: date | None
    latest: date | None
    #: One sentence a nervous person understands: what to do, when, and why.
    reason: str
    #: The id of the rule that decided (tests and the job screen name it).
    rule: str
    #: Something still worth doing when nothing is due ("send a thank-you note").
    suggestion: str | None = None
    #: Why the window starts when it does, as a clause ("they said they would
    #: decide on Friday 4 December"); :func:`too_early` quotes it.
    why: str = ""

    def is_due(self, today: date) -> bool:
        """Today is inside the window or past it."""
        return self.earliest is not None and today >= self.earliest

    def is_overdue(self, today: date) -> bool:
        return self.latest is not None and today > self.latest

    def as_json(self, today: date) -> dict[str, Any]:
        """The fields ``coach due --json`` prints for this step."""
        return {
            "action": self.action,
            "next_from": self.earliest.isoformat() if self.earliest else None,
            "next_until": self.latest.isoformat() if self.latest else None,
            "reason": self.reason,
            "due": self.is_due(today),
            "overdue": self.is_overdue(today),
            "rule": self.rule,
            "suggestion": self.suggestion,
        }


class Situation(NamedTuple):
    """What the rules read: the job, the call that decides, and the floor."""

    job: Job
    today: date
    days: BusinessDays
    #: The newest finished live call since the interview (None: no call yet).
    last: JobCall | None = None
    #: How many finished live calls in a row, newest first, nobody answered.
    unanswered: int = 0
    #: The day of the newest live call of any finished status (None: none).
    last_call_on: date | None = None

    @property
    def floor(self) -> date | None:
        """The first day a call may be suggested (None: no call yet)."""
        if self.last_call_on is None:
            return None
        return self.days.add(self.last_call_on, MIN_GAP)

    def captured(self, capture_id: str) -> date | None:
        """A date the deciding call captured, if it is not before that call."""
        if self.last is None:
            return None
        day = self.last.date_capture(capture_id)
        return day if day is not None and day >= self.last.called_on else None

    def say(self, d: date) -> str:
        return spoken_date(d, self.today)


def situation(
    job: Job, calls: Sequence[JobCall], today: date, days: BusinessDays | None = None
) -> Situation:
    """Sort out which of ``calls`` (newest first) decide and which only set the floor."""
    live = [c for c in calls if c.mode == "live" and c.status in FLOOR_STATUSES]
    live.sort(key=_CALLED_ON, reverse=True)  # stable: same-day order kept
    since = job.interview_date
    deciding = [c for c in live if c.status == "done" and (since is None or c.called_on >= since)]
    unanswered = 0
    for call in deciding:
        if call.outcome not in UNANSWERED:
            break
        unanswered += 1
    return Situation(
        job=job,
        today=today,
        days=days or WEEKDAYS,
        last=deciding[0] if deciding else None,
        unanswered=unanswered,
        last_call_on=live[0].called_on if live else None,
    )


# -- building steps ----------------------------------------------------------


def _when(s: Situation, first: date, last: date) -> str:
    """``on Monday 7 December``, ``on Monday 7 or Tuesday 8 December``, ``from ... to ...``."""
    if first == last:
        return f"on {s.say(first)}"
    if s.days.count(first, last) == 2:
        return f"on {spoken_range(first, last, s.today, either=True)}"
    return f"from {spoken_range(first, last, s.today, either=False)}"


def _call(
    s: Situation,
    rule: str,
    first: date,
    last: date,
    *,
    lead: str,
    why: str,
    do: str = "call",
    when: str | None = None,
) -> NextStep:
    """A call window, moved so that it never starts before the floor."""
    floor = s.floor
    if floor is not None and first < floor:
        first, last = floor, max(last, floor)
        gap = "to leave two working days after your last call"
        reason = f"{lead}; {gap}, call {_when(s, first, last)}."
        why = f"your last call was on {s.say(s.last_call_on or floor)}"
    else:
        reason = f"{lead}: {do} {when or _when(s, first, last)}."
    return NextStep("call", first, last, reason, rule, why=why)


def _email(s: Situation, rule: str, first: date, last: date, lead: str) -> NextStep:
    """An email window; ``lead`` is the sentence up to the days (``... send a short email``)."""
    return NextStep("email", first, last, f"{lead} {_when(s, first, last)}.", rule)


def _nothing(rule: str, reason: str, suggestion: str | None = None) -> NextStep:
    return NextStep("none", None, None, reason, rule, suggestion)


def _after_decision(s: Situation, rule: str, decision: date) -> NextStep:
    """The 1st to the 2nd business day after the day they said they would decide by."""
    return _call(
        s,
        rule,
        s.days.add(decision, 1),
        s.days.add(decision, 2),
        lead=f"They said they would decide by {s.say(decision)}",
        why=f"they said they would decide on {s.say(decision)}",
    )


def _days_after(s: Situation, start: date, low: int, high: int) -> tuple[date, date]:
    """``low`` to ``high`` calendar days after ``start``, each moved on to a business day."""
    first = s.days.on_or_after(start + timedelta(days=low))
    return first, s.days.on_or_after(start + timedelta(days=high))


# -- the rules, one per row of DESIGN's table ---------------------------------


def rule_heard(s: Situation) -> NextStep | None:
    """They contacted you first: nothing due."""
    if s.job.status != "heard":
        return None
    return _nothing("heard", "They got in touch with you first, so nothing is due from you now.")


_CLOSED_REASONS = {
    "offer": "They made you an offer, so there is nothing left to chase.",
    "rejected": "They said no this time, so nothing more is due.",
    "declined": "You turned the role down, so nothing more is due.",
    "withdrawn": "You withdrew from this one, so nothing more is due.",
}


def rule_closed(s: Situation) -> NextStep | None:
    """Closed by hand, or a call ended ``offer``/``rejected``: nothing due (a note after a no)."""
    if s.job.status == "closed":
        outcome = (s.job.outcome or "").strip()
    elif s.last is not None and s.last.outcome in CLOSED_BY_CALL:
        outcome = s.last.outcome
    else:
        return None
    reason = _CLOSED_REASONS.get(outcome) or (
        f"This job is closed ({outcome}), so nothing more is due."
        if outcome
        else "This job is closed, so nothing more is due."
    )
    suggestion = None
    if outcome == "rejected":
        suggestion = (
            "A short thank-you note still leaves a good impression for next time: "
            f"coach draft after-rejection {s.job.id}"
        )
    return _nothing("closed", reason, suggestion)


def rule_interview_booked(s: Situation) -> NextStep | None:
    """The last call booked another interview: its date, once on the job, leads on."""
    if s.last is None or s.last.outcome not in BOOKED_OUTCOMES:
        return None
    return _nothing(
        "interview_booked",
        "Another interview was booked: add its date to the job "
        f"(coach job edit {s.job.id} --interview-date YYYY-MM-DD) "
        "and the next step follows from it.",
    )


def _job_decision_date(s: Situation) -> date | None:
    decision, interview = s.job.decision_date, s.job.interview_date
    if decision is None or (interview is not None and decision < interview):
        return None  # a date from before the interview says nothing about its outcome
    return decision


def rule_first_call_decision(s: Situation) -> NextStep | None:
    """No call yet, decision date known: the 1st to the 2nd business day after it."""
    decision = _job_decision_date(s)
    if s.last is not None or decision is None:
        return None
    return _after_decision(s, "first_call_decision", decision)


def rule_first_call_week(s: Situation) -> NextStep | None:
    """No call yet, no decision date: 7 to 10 days after the interview, on business days."""
    interview = s.job.interview_date
    if s.last is not None or interview is None:
        return None
    first, last = _days_after(s, interview, 7, 10)
    tense = "was" if interview <= s.today else "is"
    return _call(
        s,
        "first_call_week",
        first,
        last,
        lead=f"No decision date is known for your interview on {s.say(interview)}",
        do="call about a week after it,",
        why=f"your interview {tense} on {s.say(interview)}",
    )


def rule_missing_date(s: Situation) -> NextStep | None:
    """No call yet and neither an interview nor a decision date: ask for the interview date."""
    if s.last is not None:
        return None
    return _nothing(
        "missing_date",
        "Add the interview date so the next step can be worked out: "
        f"coach job edit {s.job.id} --interview-date YYYY-MM-DD",
    )


def rule_callback_date(s: Situation) -> NextStep | None:
    """A call-back date captured (whatever the outcome): that day, or the next business day."""
    callback = s.captured(CALLBACK_DATE)
    if callback is None:
        return None
    day = s.days.on_or_after(callback)
    lead = f"They said you could call back on {s.say(callback)}"
    when = "that day" if day == callback else f"on {s.say(day)}, the next working day"
    why = f"they said you could call back on {s.say(callback)}"
    return _call(s, "callback_date", day, day, lead=lead, when=when, why=why)


def rule_unanswered(s: Situation) -> NextStep | None:
    """Voicemail or no answer: the 2nd to the 3rd business day after; after two, an email."""
    if s.last is None or s.last.outcome not in UNANSWERED:
        return None
    called = s.last.called_on
    first, last = s.days.add(called, 2), s.days.add(called, 3)
    if s.unanswered >= MAX_UNANSWERED:
        count = _COUNTS[s.unanswered] if s.unanswered < len(_COUNTS) else str(s.unanswered)
        return _email(
            s,
            "unanswered",
            first,
            last,
            f"{count} calls in a row went unanswered: send a short email instead,",
        )
    return _call(
        s,
        "unanswered",
        first,
        last,
        lead=f"Nobody picked up on {s.say(called)}",
        do="try again",
        why=f"your last try was on {s.say(called)}",
    )


def rule_pending_decision(s: Situation) -> NextStep | None:
    """The last call captured a decision date: the 1st to the 2nd business day after it."""
    decision = s.captured(DECISION_DATE)
    if decision is None:
        return None
    return _after_decision(s, "pending_decision", decision)


def rule_call_back_no_date(s: Situation) -> NextStep | None:
    """``call_back`` (they were not available) without a date: the 2nd to the 3rd business day."""
    if s.last is None or s.last.outcome != "call_back":
        return None
    called = s.last.called_on
    return _call(
        s,
        "call_back_no_date",
        s.days.add(called, 2),
        s.days.add(called, 3),
        lead=f"They could not talk on {s.say(called)} and named no day to call back",
        do="try again",
        why=f"your last call was on {s.say(called)}",
    )


def rule_pending_no_date(s: Situation) -> NextStep | None:
    """``pending`` (or an outcome the table does not know), no date: an email 7 to 10 days on."""
    if s.last is None:
        return None
    called = s.last.called_on
    first, last = _days_after(s, called, 7, 10)
    return _email(
        s,
        "pending_no_date",
        first,
        last,
        f"No date was agreed on {s.say(called)}, so no more calls: send a short email",
    )


Rule = Callable[[Situation], NextStep | None]

#: The rules in the order they are asked; the first that applies decides.
RULES: tuple[Rule, ...] = (
    rule_heard,
    rule_closed,
    rule_interview_booked,
    rule_first_call_decision,
    rule_first_call_week,
    rule_missing_date,
    rule_callback_date,
    rule_unanswered,
    rule_pending_decision,
    rule_call_back_no_date,
    rule_pending_no_date,
)


def next_step(
    job: Job, calls: Sequence[JobCall], today: date, days: BusinessDays | None = None
) -> NextStep:
    """The job's next step: what to do, when, and why.

    ``calls`` are the job's calls, newest first (practice calls are ignored);
    ``days`` the business days (None: Monday to Friday, no holidays).
    """
    return _decide(situation(job, calls, today, days))


def _decide(s: Situation) -> NextStep:
    for rule in RULES:
        step = rule(s)
        if step is not None:
            return step
    raise AssertionError("rule_pending_no_date applies whenever a call decides")  # pragma: no cover


def too_early(
    job: Job, calls: Sequence[JobCall], today: date, days: BusinessDays | None = None
) -> str | None:
    """The warning for a live call started ``today``, before its window; None when it is fine.

    ``calls`` are the job's calls, newest first; the one being started may be
    among them while it is ``running`` (running calls are not counted).
    """
    s = situation(job, calls, today, days)
    step = _decide(s)
    if step.earliest is None or step.latest is None:
        return None
    if step.action == "call" and today < step.earliest:
        if step.earliest == step.latest:
            best = f"the best day to call is {s.say(step.earliest)}"
        else:
            either = s.days.count(step.earliest, step.latest) == 2
            span = spoken_range(step.earliest, step.latest, today, either=either)
            best = f"the best days to call are {span}"
        return f"Too early: {step.why}; {best}."
    last_on, floor = s.last_call_on, s.floor
    if step.action == "email" and last_on is not None and floor is not None and today < floor:
        return (
            f"Too early: your last call was on {s.say(last_on)}, "
            f"and a short email {_when(s, step.earliest, step.latest)} is the better next step."
        )
    return None


def describe_step(step: NextStep, today: date) -> str:
    """When, in a few words for a list: ``call today``, ``email by Fri 11 Dec``, ``nothing due``.

    Also ``call today or tomorrow``, ``call tomorrow (Tue 8 Dec)``,
    ``call in 3 days (Mon 7 Dec)``, ``overdue since Tue 8 Dec``.
    """
    if step.action == "none" or step.earliest is None or step.latest is None:
        return "nothing due"
    verb = step.action
    if today > step.latest:
        return f"overdue since {short_date(step.latest + timedelta(days=1), today)}"
    if today >= step.earliest:
        if today == step.latest:
            return f"{verb} today"
        if step.latest == today + timedelta(days=1):
            return f"{verb} today or tomorrow"
        return f"{verb} by {short_date(step.latest, today)}"
    wait = (step.earliest - today).days
    when = "tomorrow" if wait == 1 else f"in {wait} days"
    return f"{verb} {when} ({short_date(step.earliest, today)})"


__all__ = [
    "RULES",
    "NextStep",
    "Situation",
    "StepAction",
    "describe_step",
    "next_step",
    "situation",
    "too_early",
]
