"""Recent calls, as content for the home screen and the recent calls dialog.

Home keeps them apart: "Recent calls" lists live calls, "Rehearsals" the last
few practice runs (:func:`rehearsal_content`); the dialog lists both, each
rehearsal marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from textual.content import Content

from coach.call.words import id_words
from coach.store import CallRecord, StoreError
from coach.tui.text import duration_words, outcome_words

STATUS_WORDS = {
    "running": "in progress",
    "interrupted": "interrupted",
    "abandoned": "ended early",
}


def when(started_at: str, today: date) -> str:
    """``14:05`` today, ``Tue 3 Mar 14:05`` otherwise."""
    try:
        moment = datetime.fromisoformat(started_at).astimezone()
    except ValueError:
        return started_at
    if moment.date() == today:
        return f"today {moment:%H:%M}"
    text = f"{moment:%a} {moment.day} {moment:%b}"
    if moment.year != today.year:
        text += f" {moment.year}"
    return f"{text} {moment:%H:%M}"


def record_outcome(record: CallRecord) -> str:
    if record.status == "done":
        return outcome_words(record.outcome)
    return STATUS_WORDS.get(record.status, record.status)


def call_label(record: CallRecord) -> str:
    """``Acme Ltd, Data analyst``: the call's job (or the company it named); may be blank."""
    try:
        parts = (record.company, record.position)
    except StoreError:
        return ""  # written by a newer Call Coach: the title still says what it was
    return ", ".join(part for part in parts if part)


#: How many rehearsals home lists.
REHEARSALS_SHOWN = 3

NO_CALLS = "No calls yet. Open a job and press c, or pick a script and press Enter."
NO_REHEARSALS = "No rehearsals yet. Pick a script and press p to practise it."


def rehearsal_content(records: Sequence[CallRecord], today: date) -> Content:
    """The last few rehearsals, newest first (``records``: practice calls only)."""
    practice = [r for r in records if r.mode == "practice"][:REHEARSALS_SHOWN]
    return recent_content(practice, today, empty=NO_REHEARSALS, mark=False)


def _scored(record: CallRecord) -> str:
    try:
        score = record.call.score
    except StoreError:
        return ""  # written by a newer Call Coach
    return f"  {score.matched}/{score.total}" if score else ""


def recent_content(
    records: Sequence[CallRecord], today: date, *, empty: str = NO_CALLS, mark: bool = True
) -> Content:
    """One line per call, newest first: when, whom (the job), the script, how it ended.

    ``mark`` says "(practice)" after a rehearsal (off where every line is one,
    which then shows its scenario and score instead).
    """
    if not records:
        return Content.styled(empty, "$foreground-muted")
    lines: list[Content] = []
    for record in records:
        style = "" if record.status == "done" else "$text-warning"
        practice = ""
        if record.mode == "practice":
            practice = " (practice)" if mark else f": {id_words(record.scenario or 'free')}"
        label = call_label(record)
        who: list[tuple[str, str] | str] = (
            [(label, "bold"), (f"  {record.title}{practice}", "$foreground-muted")]
            if label
            else [(record.title + practice, "bold")]
        )
        lines.append(
            Content.assemble(
                (f"{when(record.started_at, today):<16}", "$foreground-muted"),
                " ",
                *who,
                "  ",
                (record_outcome(record), style),
                ("" if mark else _scored(record), "$foreground-muted"),
                ("  " + duration_words(record.duration_s), "$foreground-muted"),
            )
        )
    return Content("\n").join(lines)
