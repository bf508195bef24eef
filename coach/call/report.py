"""What a finished call amounts to, as data for the summary and as Markdown.

Pure: no Textual here, so the summary's content can be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from coach.call.dates import call_date
from coach.call.jobs import Job, JobCall
from coach.call.nextstep import NextStep, describe_step, next_step
from coach.call.session import CallSession
from coach.call.words import duration_words, id_words, outcome_words, route_words


@dataclass(frozen=True)
class CaptureLine:
    prompt: str
    value: str
    #: The day understood when the value is a date, as a person says it
    #: (``Thursday 3 December at 3pm``, read on the call's day).
    long: str | None = None


@dataclass(frozen=True)
class CallReport:
    title: str
    mode: str
    outcome: str
    started_at: str
    duration: str
    #: The steps that led to the end, in words (moves undone with ``b`` left out).
    path: list[str]
    captures: list[CaptureLine]
    notes: str
    checklist: list[tuple[str, bool]]
    follow_up: NextStep | None
    #: The next step in one line: when (``follow_up_when``), then why.
    follow_up_text: str | None
    #: The job the call was about ("Acme Ltd, Data analyst"), if any.
    job: str | None = None
    #: When the next step is, with its date: ``Call in 6 days (Tue 8 Dec)``.
    follow_up_when: str | None = None
    #: Why, and what else to do: ``They said you could call back ...``.
    follow_up_why: str | None = None
    #: Who the call was to (from the job, else the call's values); empty when unknown.
    company: str = ""
    position: str = ""
    interviewer: str = ""


def as_job_call(session: CallSession, call_id: int = 0) -> JobCall:
    """The session as one of a job's calls (what the rules read)."""
    status = "abandoned" if session.abandoned else "done" if session.finished else "running"
    return JobCall(
        id=call_id,
        called_on=call_date(session.started_at) or date.today(),
        started_at=session.started_at,
        status=status,
        outcome=session.outcome,
        script=session.script.id,
        title=session.script.title,
        mode=session.mode,
        captures=dict(session.captures),
        notes=session.notes,
    )


def step_when(step: NextStep, today: date) -> str:
    """When the next step is, with its date: ``Call in 6 days (Tue 8 Dec)``,
    ``Email by Fri 11 Dec``, ``Nothing is due``."""
    if step.action == "none":
        return "Nothing is due"
    when = describe_step(step, today)
    return f"{when[0].upper()}{when[1:]}"


def step_why(step: NextStep) -> str:
    """Why that is the next step, and what else is suggested."""
    return f"{step.reason} {step.suggestion}".strip() if step.suggestion else step.reason


def step_text(step: NextStep, today: date) -> str:
    """The next step in one line: when, in a few words, then why."""
    return f"{step_when(step, today)}. {step_why(step)}"


def capture_prompt(session: CallSession, capture_id: str) -> str | None:
    """The prompt ``capture_id`` was typed under: that of the latest step of the call
    that asks for it (two steps may ask for one id in their own words)."""
    nodes = session.script.nodes
    # The steps of the call from the latest back, then those undone with ``b``.
    for node_id in [*reversed(session.route()), *reversed(session.path)]:
        node = nodes.get(node_id)
        for capture in node.capture if node is not None else ():
            if capture.id == capture_id:
                return session.render(capture.prompt)
    return None


def build_report(
    session: CallSession,
    today: date,
    follow_up: NextStep | None = None,
    *,
    job: Job | None = None,
) -> CallReport:
    """Everything the summary shows, computed from the session.

    ``follow_up`` is the job's next step as the store's record gives it (it
    knows the job's earlier calls); without it the step is computed from this
    call alone.
    """
    script = session.script
    captures: list[CaptureLine] = []
    for capture_id, value in session.captures.items():
        capture = script.capture(capture_id)
        prompt = capture_prompt(session, capture_id) or id_words(capture_id)
        said = None
        if capture and capture.type == "date" and value.strip():
            from coach.call.saydate import read_date

            said = read_date(value, session.day).words(session.day)
        captures.append(CaptureLine(prompt, value, said))
    checklist = [(item.text, session.checklist.get(item.id, False)) for item in script.checklist]
    window: NextStep | None = None
    window_text: str | None = None
    if session.mode == "live" and session.finished and not session.abandoned:
        window = follow_up
        if window is None:
            alone = job or Job(0, session.values.get("company", ""))
            window = next_step(alone, [as_job_call(session)], today)
        window_text = step_text(window, today)
    fields = session.fields()
    return CallReport(
        title=script.title,
        mode=session.mode,
        outcome=outcome_words(session.outcome, abandoned=session.abandoned),
        started_at=session.started_at,
        duration=duration_words(session.elapsed()),
        path=route_words(session.route()),
        captures=captures,
        notes=session.notes,
        checklist=checklist,
        follow_up=window,
        follow_up_text=window_text,
        job=job.label if job is not None else None,
        follow_up_when=step_when(window, today) if window is not None else None,
        follow_up_why=step_why(window) if window is not None else None,
        company=(job.company if job is not None else "") or fields.get("company", ""),
        position=(job.position if job is not None else "") or fields.get("position", ""),
        interviewer=(job.interviewer if job is not None else "") or fields.get("interviewer", ""),
    )


def who(report: CallReport) -> list[tuple[str, str]]:
    """``(Company, Acme)``, ``(Position, ...)``, ``(Interviewer, ...)``: those known."""
    named = [
        ("Company", report.company),
        ("Position", report.position),
        ("Interviewer", report.interviewer),
    ]
    return [(name, value.strip()) for name, value in named if value.strip()]


def _md_escape(text: str) -> str:
    """Keep user text from turning into Markdown structure."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def report_markdown(report: CallReport) -> str:
    """The record as Markdown, for the clipboard or a file."""
    lines = [f"# {_md_escape(report.title)}", ""]
    if report.follow_up_text:
        lines.append(f"- **Next step:** {_md_escape(report.follow_up_text)}")
    for name, value in who(report):
        lines.append(f"- **{name}:** {_md_escape(value)}")
    lines += [
        f"- **Outcome:** {report.outcome}",
        f"- **Started:** {report.started_at}",
        f"- **Duration:** {report.duration}",
        f"- **Mode:** {report.mode}",
        f"- **Path:** {' → '.join(report.path)}",
    ]
    if report.captures:
        lines += ["", "## What you wrote down", ""]
        for line in report.captures:
            value = line.value + (f" ({line.long})" if line.long else "")
            lines.append(f"- **{_md_escape(line.prompt)}** {_md_escape(value)}")
    if report.checklist:
        lines += ["", "## Checklist", ""]
        lines += [f"- [{'x' if ok else ' '}] {_md_escape(text)}" for text, ok in report.checklist]
    if report.notes.strip():
        lines += ["", "## Notes", "", report.notes.strip()]
    return "\n".join(lines) + "\n"
