"""The job form's rules: its fields, what each may hold, and the job they make.

The TUI's form (``coach/tui/screens/job_form.py``) shows these fields and
asks :func:`form_problems` before saving. Pure: no Textual, no SQLite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date

from coach.call.jobs import Job, said_date
from coach.script.model import FieldType


@dataclass(frozen=True)
class FormField:
    id: str
    prompt: str
    kind: FieldType = "text"
    required: bool = False


#: The form's fields, in the order shown; each id is a :class:`Job` field.
JOB_FORM_FIELDS: tuple[FormField, ...] = (
    FormField("company", "Company", required=True),
    FormField("position", "Position"),
    FormField("interviewer", "Who interviewed you"),
    FormField("phone", "Their phone"),
    FormField("interview_date", "Interview date", "date"),
    FormField("decision_date", "They said they would decide by", "date"),
    FormField("notes", "Notes", "multiline"),
)

DECISION_BEFORE_INTERVIEW = "The decision date is before the interview date: check both."
#: What a job's date field that names no day gets (a job keeps dates, not text).
NOT_A_DAY = "Not a date I know: write it as people say it (Friday, 14 Dec) or as 2026-12-14."


@dataclass(frozen=True)
class JobFields:
    """What the form holds, read: the text fields stripped, the dates as dates."""

    company: str
    position: str = ""
    interviewer: str = ""
    phone: str = ""
    interview_date: date | None = None
    decision_date: date | None = None
    notes: str = ""

    def changes(self) -> dict[str, object]:
        """Every field by name (what a store's ``update_job`` takes)."""
        return asdict(self)


def form_values(job: Job | None) -> dict[str, str]:
    """The text each field starts with: the job's (dates as ``YYYY-MM-DD``), or blanks."""
    values: dict[str, str] = {}
    for form_field in JOB_FORM_FIELDS:
        value = getattr(job, form_field.id, None) if job is not None else None
        values[form_field.id] = value.isoformat() if isinstance(value, date) else str(value or "")
    return values


def _day(values: Mapping[str, str], name: str, today: date | None) -> date | None:
    return said_date(values.get(name, ""), today or date.today())


def form_problems(values: Mapping[str, str], today: date | None = None) -> dict[str, str]:
    """Field id -> what is wrong with it; empty when the job can be saved.

    The company is required; dates are blank or name a day, written as people
    say them ("next Friday", "14 Dec", read on ``today``, by default the real
    one) or ``YYYY-MM-DD``; a decision date before the interview date is
    refused (one of the two is mistyped).
    """
    problems: dict[str, str] = {}
    for form_field in JOB_FORM_FIELDS:
        text = values.get(form_field.id, "")
        if form_field.required and not text.strip():
            problems[form_field.id] = f"{form_field.prompt} is required."
        elif (
            form_field.kind == "date"
            and text.strip()
            and _day(values, form_field.id, today) is None
        ):
            problems[form_field.id] = NOT_A_DAY
    if not problems:
        interview = _day(values, "interview_date", today)
        decision = _day(values, "decision_date", today)
        if interview is not None and decision is not None and decision < interview:
            problems["decision_date"] = DECISION_BEFORE_INTERVIEW
    return problems


def read_form(values: Mapping[str, str], today: date | None = None) -> JobFields:
    """The fields of a form that has no problems (see :func:`form_problems`).

    Raises ``ValueError`` naming the first problem otherwise.
    """
    problems = form_problems(values, today)
    if problems:
        raise ValueError(next(iter(problems.values())))

    def text(name: str) -> str:
        return values.get(name, "").strip()

    return JobFields(
        company=text("company"),
        position=text("position"),
        interviewer=text("interviewer"),
        phone=text("phone"),
        interview_date=_day(values, "interview_date", today),
        decision_date=_day(values, "decision_date", today),
        # Notes keep their lines; only blank lines at either end go.
        notes=values.get("notes", "").strip("\n").rstrip(),
    )


def is_changed(values: Mapping[str, str], start: Mapping[str, str]) -> bool:
    """Whether anything was typed (blanks at the ends do not count)."""
    return any(values.get(key, "").strip() != start.get(key, "").strip() for key in start)


__all__ = [
    "DECISION_BEFORE_INTERVIEW",
    "JOB_FORM_FIELDS",
    "NOT_A_DAY",
    "FormField",
    "JobFields",
    "form_problems",
    "form_values",
    "is_changed",
    "read_form",
]
