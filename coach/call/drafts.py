"""Emails and notes drafted from a job and what its calls captured.

Three kinds (:data:`DRAFT_KINDS`): ``thank-you`` (after the interview),
``check-in`` (the email instead of another call) and ``after-rejection``
(thanks, and the door left open). Each has a built-in template; a file
``<config>/drafts/<kind>.txt`` replaces it (``coach where`` shows the folder).

Template syntax (the same ``{id}`` as call scripts):

* ``{id}`` is replaced by a value; a value nobody gave shows as a visible
  placeholder such as ``[interviewer's name]``, never as a gap.
* ``{{`` and ``}}`` are literal braces; any other brace is kept as it is.
* A line that starts with ``?`` is kept only when every placeholder on it has
  a value (the ``?`` itself is dropped), and takes one blank line beside it
  with it when it goes. Use it for sentences that only make sense when a call
  captured something.
* A placeholder drafts do not know stays as written (``{xyz}``) and is reported.

Placeholders:

=====================  ===========================================================
``{your_name}``        your name (profile ``your_name``)
``{your_phone}``       your phone (profile ``phone``, or ``your_phone``); also ``{phone}``
``{company}``          the job's company
``{position}``         the position
``{interviewer}``      the interviewer; else the person a call named
                       (captures ``contact_person``, ``recruiter``, ``interviewers``)
``{their_phone}``      their phone number
``{interview_date}``   the interview day, in words (``Tuesday 3 March 2026``)
``{decision_date}``    the day they said they would decide by, in words
``{callback_date}``    the day they said you may call back, in words
``{last_call_date}``   the day of your latest call about the job, in words
``{requested}``        what they asked you to send (captures ``info_requested``,
                       ``promised_followup``)
``{concerns}``         the concern they mentioned (capture ``concerns``)
``{feedback}``         what they said you could improve (capture ``feedback``)
any profile id         e.g. ``{linkedin}`` for ``[profile] linkedin = "..."``
any capture id         what a call on the job captured, e.g. ``{first_impression}``
=====================  ===========================================================

When a capture and the job both hold a value, the capture of the newest call
wins (the values chain of DESIGN.md). Pure: no files are read here except
:func:`user_template`'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple

from coach import locations
from coach.call.dates import long_date, parse_iso_date
from coach.call.jobs import Job, JobCall

DRAFT_KINDS = ("thank-you", "check-in", "after-rejection")

#: Largest user template read (a draft is a short text).
MAX_TEMPLATE_BYTES = 64 * 1024

#: How a placeholder with no value reads in a draft: ``[interviewer's name]``.
LABELS: Mapping[str, str] = {
    "your_name": "your name",
    "your_phone": "your phone number",
    "phone": "your phone number",
    "company": "company",
    "position": "position",
    "interviewer": "interviewer's name",
    "their_phone": "their phone number",
    "interview_date": "interview date",
    "decision_date": "decision date",
    "callback_date": "call-back date",
    "last_call_date": "date of your last call",
    "requested": "what they asked you to send",
    "concerns": "the concern they mentioned",
    "feedback": "their feedback",
}
#: The placeholders every draft knows (profile and capture ids come on top).
KNOWN = frozenset(LABELS)

_DATE_IDS = ("interview_date", "decision_date", "callback_date")
#: Where a name for the person comes from when the job names no interviewer.
_PERSON_CAPTURES = ("contact_person", "recruiter", "interviewers")
_REQUESTED_CAPTURES = ("info_requested", "promised_followup")

_TOKEN = re.compile(r"\{\{|\}\}|\{([a-z][a-z0-9_]*)\}")

# The built-in templates: one paragraph per line, so that a paste into an
# email client wraps them as it likes.
_THANK_YOU = """\
Subject: Thank you for the interview for the {position} role

Dear {interviewer},

Thank you for meeting me on {interview_date} to talk about the {position} role at {company}. \
I enjoyed learning more about the team and the work, and our conversation made me even \
keener to join you.

?As you asked, I am sending {requested}; you will find it attached.

?I have been thinking about the point you raised ({concerns}), and I would welcome the \
chance to say more about how I would handle it.

If anything else would help you decide, I will gladly send it.

Kind regards,
{your_name}
?{your_phone}
"""

_CHECK_IN = """\
Subject: Following up on the {position} role

Dear {interviewer},

I hope you are well. I am writing about the {position} role at {company}, which we \
talked about at my interview on {interview_date}.

?You mentioned that you hoped to decide by {decision_date}.

I wanted to ask whether there is any news, and whether I can send you anything else. I am \
still very interested in the role and in working with your team.

?As you asked, I have attached {requested}.

Thank you for your time; I look forward to hearing from you.

Kind regards,
{your_name}
?{your_phone}
"""

_AFTER_REJECTION = """\
Subject: Thank you for considering me for the {position} role

Dear {interviewer},

Thank you for letting me know your decision about the {position} role. Of course I am \
disappointed, but I am grateful for the time you gave me, and I enjoyed learning about \
{company}.

?Thank you too for your feedback ({feedback}); I will put it to good use.

If a role that suits my experience opens up in future, I would be glad to be considered. \
I hope our paths cross again.

With best wishes,
{your_name}
"""

_BUILT_IN: Mapping[str, str] = {
    "thank-you": _THANK_YOU,
    "check-in": _CHECK_IN,
    "after-rejection": _AFTER_REJECTION,
}


class DraftError(ValueError):
    """A kind that does not exist, or a user template that cannot be read."""


class UserTemplate(NamedTuple):
    """A template the user wrote, and the file it came from."""

    text: str
    path: Path


class Draft(NamedTuple):
    """A drafted text, and what in its template was not understood."""

    kind: str
    text: str
    #: One message per unknown placeholder (``check-in.txt:3: {xyz} ...``).
    problems: tuple[str, ...] = ()
    #: The ids shown as placeholders (no value), in order, once each.
    missing: tuple[str, ...] = ()


class Rendered(NamedTuple):
    """A rendered template."""

    text: str
    #: Each unknown placeholder as ``(line number, id)``.
    unknown: list[tuple[int, str]]
    #: The ids shown as placeholders, in order, once each.
    missing: list[str]


def _check_kind(kind: str) -> None:
    if kind not in _BUILT_IN:
        raise DraftError(f"there is no '{kind}' draft; the drafts are: {', '.join(DRAFT_KINDS)}")


def builtin_template(kind: str) -> str:
    """The template used when the user has no file of their own for ``kind``."""
    _check_kind(kind)
    return _BUILT_IN[kind]


def user_template(kind: str, directory: Path | None = None) -> UserTemplate | None:
    """The user's ``<kind>.txt`` in ``directory`` (default the drafts folder), or None.

    Raises :class:`DraftError` when the file is there but cannot be used.
    """
    _check_kind(kind)
    folder = directory if directory is not None else locations.user_drafts_dir()
    path = folder / f"{kind}.txt"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DraftError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise DraftError(f"{path}: is over {MAX_TEMPLATE_BYTES // 1024} KiB; a draft is short")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DraftError(f"{path}:{line}: is not UTF-8 text; save it as UTF-8") from exc
    return UserTemplate(text.replace("\r\n", "\n"), path)


# ---------------------------------------------------------------------- values
def _one_line(text: str) -> str:
    """A value typed on several lines, on one: the lines joined with ``; ``."""
    return "; ".join(part.strip() for part in str(text).splitlines() if part.strip())


def _words(text: str, said_on: date | None) -> str:
    """A date in words (``Tuesday 3 March 2026``); text that names no day as it is.

    ``said_on`` is the day of the call it was typed in ("next Monday" is read
    from there); None for a date kept with the job (ISO).
    """
    day = parse_iso_date(text)
    if day is None and said_on is not None:
        from coach.call.saydate import read_date

        day = read_date(text, said_on).day
    return long_date(day) if day is not None else text


def _captured(job: Job, calls: Sequence[JobCall]) -> tuple[dict[str, str], dict[str, date]]:
    """Capture id -> its latest non-blank value (calls are newest first; live only),
    and the day of the call each value was typed in (where a call gives it)."""
    merged = {k: v for k, v in job.captured.items() if str(v).strip()}
    days: dict[str, date] = {}
    for call in reversed(calls):
        if call.mode != "live":
            continue
        for key, value in call.captures.items():
            if str(value).strip():
                merged[key] = value
                days[key] = call.called_on
    return merged, days


def draft_values(job: Job, calls: Sequence[JobCall], profile: Mapping[str, str]) -> dict[str, str]:
    """Every value a draft of this job may use, by placeholder id (blanks left out).

    ``calls`` are the job's calls, newest first (practice calls are skipped).
    A value typed on several lines is put on one (``references; portfolio``),
    since it goes into a sentence.
    """
    values = {k: v.strip() for k, v in profile.items() if v.strip()}
    phone = values.get("phone") or values.get("your_phone")
    if phone:
        values["phone"] = values["your_phone"] = phone
    values.update(job.values())
    captured, said_on = _captured(job, calls)
    values.update(captured)
    if not values.get("interviewer"):
        person = next((captured[c] for c in _PERSON_CAPTURES if c in captured), None)
        if person:
            values["interviewer"] = person
    requested = next((captured[c] for c in _REQUESTED_CAPTURES if c in captured), None)
    if requested:
        values["requested"] = requested
    for date_id in _DATE_IDS:
        if date_id in values:
            day = said_on.get(date_id) if date_id in captured else None
            values[date_id] = _words(values[date_id], day or date.today())
    live = [c for c in calls if c.mode == "live"]
    if live:
        values["last_call_date"] = long_date(max(c.called_on for c in live))
    return {k: one_line for k, v in values.items() if (one_line := _one_line(v))}


# ------------------------------------------------------------------- rendering
def placeholder(field_id: str) -> str:
    """``[interviewer's name]``: how a value nobody gave shows."""
    return f"[{LABELS.get(field_id, field_id.replace('_', ' '))}]"


def render(template: str, values: Mapping[str, str]) -> Rendered:
    """The text, its unknown placeholders, and the ids it shows no value for.

    An id is known when it is a :data:`KNOWN` placeholder or has a value.
    """
    known = KNOWN | set(values)
    unknown: list[tuple[int, str]] = []
    lines = template.split("\n")
    out: list[str | None] = []
    dropped: list[int] = []
    shown_missing: list[str] = []
    for number, line in enumerate(lines, start=1):
        optional = line.startswith("?")
        body = line[1:] if optional else line
        missing = False
        line_missing: list[str] = []

        def replace(
            match: re.Match[str], number: int = number, line_missing: list[str] = line_missing
        ) -> str:
            nonlocal missing
            token = match.group(0)
            if token == "{{":
                return "{"
            if token == "}}":
                return "}"
            name = match.group(1)
            if name not in known:
                unknown.append((number, name))
                return token
            value = values.get(name, "")
            if value:
                return value
            missing = True
            line_missing.append(name)
            return placeholder(name)

        text = _TOKEN.sub(replace, body)
        if optional and missing:
            dropped.append(len(out))
            out.append(None)
        else:
            out.append(text)
            shown_missing.extend(line_missing)
    for index in dropped:  # each dropped line takes one blank line beside it
        after = index + 1
        before = index - 1
        if after < len(out) and out[after] == "" and after + 1 < len(out):
            out[after] = None
        elif before >= 0 and out[before] == "":
            out[before] = None
    text = "\n".join(line for line in out if line is not None)
    return Rendered(text, unknown, list(dict.fromkeys(shown_missing)))


def compose(
    kind: str,
    job: Job,
    calls: Sequence[JobCall],
    profile: Mapping[str, str],
    template: str | None = None,
    *,
    source: str | None = None,
) -> Draft:
    """The ``kind`` draft for ``job``; ``template`` replaces the built-in one.

    ``source`` names the template's file in the problems (``check-in.txt``).
    """
    _check_kind(kind)
    rendered = render(
        template if template is not None else _BUILT_IN[kind],
        draft_values(job, calls, profile),
    )
    where = source or f"{kind} template"
    problems = tuple(
        f"{where}:{line}: {{{name}}} is not a placeholder drafts know, so it is shown as "
        "written (see `coach draft --help` for the list)"
        for line, name in rendered.unknown
    )
    return Draft(kind, rendered.text, problems, tuple(rendered.missing))


def draft(
    kind: str,
    job: Job,
    calls: Sequence[JobCall],
    profile: Mapping[str, str],
    template: str | None = None,
) -> str:
    """The plain text of the ``kind`` draft for ``job`` (see :func:`compose`)."""
    return compose(kind, job, calls, profile, template).text


__all__ = [
    "DRAFT_KINDS",
    "KNOWN",
    "LABELS",
    "Draft",
    "DraftError",
    "Rendered",
    "UserTemplate",
    "builtin_template",
    "compose",
    "draft",
    "draft_values",
    "placeholder",
    "render",
    "user_template",
]
