"""Home's list of jobs: a heading per section, two lines per job, closed jobs folded."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.call.agenda import Agenda, AgendaRow, AgendaSection
from coach.call.dates import short_date

#: The option id of the row that folds and unfolds the closed jobs.
CLOSED_TOGGLE = "closed-toggle"
JOB_PREFIX = "job-"

EMPTY_TEXT = (
    "No jobs yet. Press a to add the job you applied or interviewed for: the company, "
    "who you spoke to and when they said they would decide. Call Coach then tells you "
    "when to call, and when not to."
)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def step_style(row: AgendaRow) -> str:
    if row.overdue:
        return "bold $text-warning"
    if row.section == "due":
        return "bold"  # not $accent: some themes (textual-dark) make it the warning colour
    if row.section in ("waiting", "closed"):
        return "$text-muted"
    return ""


def calls_words(row: AgendaRow, today: date) -> str:
    """``2 calls, the last Mon 9 Mar``; nothing before the first call."""
    if not row.calls or row.last_called is None:
        return ""
    count = "1 call" if row.calls == 1 else f"{row.calls} calls"
    return f"{count}, the last {short_date(row.last_called, today)}"


def job_prompt(row: AgendaRow, today: date) -> Content:
    """Company and position in bold, the interviewer; below, the step and when."""
    job = row.job
    head: list[tuple[str, str] | str] = [(job.company or job.label, "bold")]
    if job.position:
        head += [("  ·  ", "$text-muted"), (job.position, "bold")]
    if job.interviewer:
        head.append((f"   {job.interviewer}", "$text-muted"))
    line = [(capitalised(row.when), step_style(row))]
    if calls := calls_words(row, today):
        line.append((f"   {calls}", "$text-muted"))
    return Content("\n").join([Content.assemble(*head), Content.assemble("  ", *line)])


def heading(section: AgendaSection, *, folded: bool | None = None, first: bool = True) -> Content:
    """The section's title and count; a blank line above all but the first."""
    count = len(section.rows)
    text = Content.assemble((section.title, "bold"), (f"  {count}", "$text-muted"))
    if folded is not None:
        hint = "enter shows them" if folded else "enter hides them"
        text += Content.styled(f"   {'▸' if folded else '▾'} {hint}", "$text-muted")
    return text if first else Content("\n") + text


class JobList(OptionList):
    """The agenda as options: headings are disabled, each job is one option."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: Whether the closed jobs are shown (the user unfolded them).
        self.closed_open = False
        self._agenda = Agenda(())
        self._today = date.today()

    @property
    def agenda(self) -> Agenda:
        return self._agenda

    def show(self, agenda: Agenda, today: date) -> None:
        """Show ``agenda``; the job highlighted before stays highlighted wherever it moved."""
        before = self.highlighted_option.id if self.highlighted_option is not None else None
        self._agenda = agenda
        self._today = today
        self._rebuild(before)

    def _rebuild(self, keep: str | None) -> None:
        options: list[Option] = []
        for index, section in enumerate(self._agenda.sections):
            first = index == 0
            if section.folded:
                title = heading(section, folded=not self.closed_open, first=first)
                options.append(Option(title, CLOSED_TOGGLE))
                if not self.closed_open:
                    continue
            else:
                title = heading(section, first=first)
                options.append(Option(title, f"section-{section.key}", disabled=True))
            options.extend(
                Option(job_prompt(row, self._today), f"{JOB_PREFIX}{row.job.id}")
                for row in section.rows
            )
        old = self.highlighted
        self.clear_options()
        self.add_options(options)
        enabled = [i for i, option in enumerate(options) if not option.disabled]
        if not enabled:
            return
        ids = [option.id for option in options]
        if keep in ids:
            self.highlighted = ids.index(keep)
        else:
            # The nearest job at or after where the cursor was.
            at = old or 0
            self.highlighted = next((i for i in enabled if i >= at), enabled[-1])

    def toggle_closed(self) -> None:
        self.closed_open = not self.closed_open
        self._rebuild(CLOSED_TOGGLE)

    def job_id(self, option: Option | None) -> int | None:
        """The job an option shows (None for a heading or the closed row)."""
        if option is None or not (option.id or "").startswith(JOB_PREFIX):
            return None
        return int((option.id or "")[len(JOB_PREFIX) :])

    def highlighted_job(self) -> int | None:
        return self.job_id(self.highlighted_option)


__all__ = ["CLOSED_TOGGLE", "EMPTY_TEXT", "JobList", "heading", "job_prompt"]
