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
from coach.call.words import duration_words, outcome_words


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
    path: list[str]
    captures: list[CaptureLine]
    notes: str
    checklist: list[tuple[str, bool]]
    follow_up: NextStep | None
    follow_up_text: str | None
    #: The job the call was about ("Acme Ltd, Data analyst"), if any.
    job: str | None = None


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


def step_text(step: NextStep, today: date) -> str:
    """The summary's line for the next step: when, in a few words, then why."""
    if step.action == "none":
        text = f"Nothing is due. {step.reason}"
    else:
        when = describe_step(step, today)
        text = f"{when[0].upper()}{when[1:]}. {step.reason}"
    if step.suggestion:
        text += f" {step.suggestion}"
    return text


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
        prompt = session.render(capture.prompt) if capture else capture_id
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
    return CallReport(
        title=script.title,
        mode=session.mode,
        outcome=outcome_words(session.outcome, abandoned=session.abandoned),
        started_at=session.started_at,
        duration=duration_words(session.elapsed()),
        path=list(session.path),
        captures=captures,
        notes=session.notes,
        checklist=checklist,
        follow_up=window,
        follow_up_text=window_text,
        job=job.label if job is not None else None,
    )


def _md_escape(text: str) -> str:
    """Keep user text from turning into Markdown structure."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text)


def report_markdown(report: CallReport) -> str:
    """The record as Markdown, for the clipboard or a file."""
    lines = [
        f"# {_md_escape(report.title)}",
        "",
        f"- **Outcome:** {report.outcome}",
        f"- **Started:** {report.started_at}",
        f"- **Duration:** {report.duration}",
        f"- **Mode:** {report.mode}",
        f"- **Path:** {' → '.join(report.path)}",
    ]
    if report.follow_up_text:
        lines.append(f"- **Next step:** {_md_escape(report.follow_up_text)}")
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
