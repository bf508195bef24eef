"""Next steps as an iCalendar file (``coach export --format ics``).

One all-day event per job whose next step has days (a call or an email):
``DTSTART;VALUE=DATE`` is the first day, ``DTEND`` the day after the last
(iCalendar's end is exclusive). Each job's event keeps one ``UID``,
``job-<id>@call-coach``, so importing a newer export updates the event
instead of adding a second one. No alarms: the app does not decide when your
phone beeps. ``icalendar`` is imported only here, when an export is made.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from coach.call.export import ALL_TIME, JobEntry, Period

#: The ``PRODID`` of every file written.
PRODID = "-//Call Coach//call-coach//EN"


def event_uid(job_id: int) -> str:
    """The stable ``UID`` of a job's next-step event."""
    return f"job-{job_id}@call-coach"


def _overlaps(first: date, last: date, period: Period) -> bool:
    return (period.start is None or last >= period.start) and (
        period.end is None or first <= period.end
    )


def _description(entry: JobEntry) -> str:
    job, _calls, step = entry
    lines = [step.reason]
    if job.interviewer.strip():
        lines.append(f"Interviewer: {job.interviewer.strip()}")
    if job.phone.strip():
        lines.append(f"Phone: {job.phone.strip()}")
    lines.append(f"Job {job.id} in Call Coach: coach job show {job.id}")
    return "\n".join(lines)


def export_ics(entries: Iterable[JobEntry], today: date, period: Period = ALL_TIME) -> str:
    """A calendar of the open next steps whose days overlap ``period``."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Call Coach next steps")
    stamp = datetime.now(UTC).replace(microsecond=0)
    for entry in entries:
        job, _calls, step = entry
        if job.status == "closed" or step.action == "none":
            continue
        if step.earliest is None or step.latest is None:
            continue
        if not _overlaps(step.earliest, step.latest, period):
            continue
        event = Event()
        event.add("uid", event_uid(job.id))
        event.add("dtstamp", stamp)
        event.add("dtstart", step.earliest)
        event.add("dtend", step.latest + timedelta(days=1))
        verb = "Email" if step.action == "email" else "Call"
        event.add("summary", f"{verb} {job.label}")
        event.add("description", _description(entry))
        event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
        event.add("categories", ["Job search"])
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


__all__ = ["PRODID", "event_uid", "export_ics"]
