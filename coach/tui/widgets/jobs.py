"""Home's list of jobs: a heading per section, two lines per job, closed jobs folded."""

# No ``from __future__ import annotations``: see coach/script/model.py.
from datetime import date
from functools import partial
from typing import NamedTuple

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


#: What a job's row shows: company (or label), position, interviewer, the step
#: and when, its style, the calls. Equal keys draw the same row.
RowKey = tuple[str, str, str, str, str, str]


def row_key(row: AgendaRow, today: date) -> RowKey:
    job = row.job
    return (
        job.company or job.label,
        job.position,
        job.interviewer,
        capitalised(row.when),
        step_style(row),
        calls_words(row, today),
    )


def _row_content(key: RowKey) -> Content:
    name, position, interviewer, when, style, calls = key
    head: list[tuple[str, str] | str] = [(name, "bold")]
    if position:
        head += [("  ·  ", "$text-muted"), (position, "bold")]
    if interviewer:
        head.append((f"   {interviewer}", "$text-muted"))
    line = [(when, style)]
    if calls:
        line.append((f"   {calls}", "$text-muted"))
    return Content("\n").join([Content.assemble(*head), Content.assemble("  ", *line)])


def job_prompt(row: AgendaRow, today: date) -> Content:
    """Company and position in bold, the interviewer; below, the step and when."""
    return _row_content(row_key(row, today))


#: What a heading shows: the title, the count, folded or not (None: no fold), first.
HeadingKey = tuple[str, int, bool | None, bool]


def _heading_content(key: HeadingKey) -> Content:
    title, count, folded, first = key
    text = Content.assemble((title, "bold"), (f"  {count}", "$text-muted"))
    if folded is not None:
        hint = "enter shows them" if folded else "enter hides them"
        text += Content.styled(f"   {'▸' if folded else '▾'} {hint}", "$text-muted")
    return text if first else Content("\n") + text


def heading(section: AgendaSection, *, folded: bool | None = None, first: bool = True) -> Content:
    """The section's title and count; a blank line above all but the first."""
    return _heading_content((section.title, len(section.rows), folded, first))


class _Entry(NamedTuple):
    """One option of the list before it is built: its id, what it shows, whether it
    can be picked."""

    id: str
    #: What it shows; None: a job's row not worked out yet (from ``row``, when needed).
    key: tuple[object, ...] | None
    disabled: bool
    row: AgendaRow | None = None


#: Options built (prompt and height) after the highlighted one before home is
#: first drawn, when the terminal's height is not known yet; otherwise one more
#: than half as many as the terminal has lines: every option after the first
#: is at least two lines tall (a job's two lines; a heading and the blank line
#: above it), so the list is full. The rest are added :data:`FILL_DELAY` after
#: that frame, :data:`FILL_CHUNK` between two refreshes.
FIRST_OPTIONS = 80
FILL_CHUNK = 150
#: Seconds between the list's first frame and the fill: the terminal gets the
#: machine to draw that frame first (on two busy cores the fill slowed it).
FILL_DELAY = 0.05


class JobList(OptionList):
    """The agenda as options: headings are disabled, each job is one option.

    With many jobs, building every row's :class:`Content` and measuring its
    height (OptionList wraps each option to know how many lines it takes) is
    most of home's start-up: so only the options that show first are built
    before the list is drawn, and the rest follow between refreshes. A row's
    content is kept while it reads the same, so showing the list again (home
    comes back after every screen) measures only the rows that changed, and
    nothing at all when none did.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: Whether the closed jobs are shown (the user unfolded them).
        self.closed_open = False
        self._agenda = Agenda(())
        self._today = date.today()
        #: Every option the list shows, built or not, in order.
        self._plan: list[_Entry] = []
        #: How many of them are options already.
        self._loaded = 0
        #: Bumped by every rebuild: a pending fill of an older plan stops.
        self._generation = 0
        #: Each shown row's content by what it shows (kept across rebuilds).
        self._prompts: dict[tuple[object, ...], Content] = {}
        self._old_prompts: dict[tuple[object, ...], Content] = {}
        #: The agenda's rows by job id, made the first time one is asked for.
        self._rows: dict[int, AgendaRow] | None = None

    @property
    def agenda(self) -> Agenda:
        return self._agenda

    def show(self, agenda: Agenda, today: date) -> None:
        """Show ``agenda``; the job highlighted before stays highlighted wherever it moved."""
        before = self.highlighted_option.id if self.highlighted_option is not None else None
        self._agenda = agenda
        self._rows = None
        self._today = today
        self._rebuild(before)

    def job_row(self, job_id: int) -> AgendaRow | None:
        """The agenda's row of job ``job_id`` (None if it has none).

        Home asks on every cursor move (for the highlighted job's reason): the
        rows are indexed once per agenda shown, not listed again each time.
        """
        rows = self._rows
        if rows is None:
            rows = self._rows = {}
            for row in self._agenda.rows():
                rows.setdefault(row.job.id, row)
        return rows.get(job_id)

    def _entries(self, *, lazy: bool = False) -> list[_Entry]:
        """The options of the agenda in order; ``lazy``: the jobs' rows are worked out
        as they are built (home's first list: 17 of 1,000 before its first frame)."""
        entries: list[_Entry] = []
        today = self._today
        for index, section in enumerate(self._agenda.sections):
            first = index == 0
            count = len(section.rows)
            if section.folded:
                folded = not self.closed_open
                entries.append(_Entry(CLOSED_TOGGLE, (section.title, count, folded, first), False))
                if folded:
                    continue
            else:
                key = (section.title, count, None, first)
                entries.append(_Entry(f"section-{section.key}", key, True))
            if lazy:
                entries.extend(
                    _Entry(f"{JOB_PREFIX}{row.job.id}", None, False, row) for row in section.rows
                )
            else:
                entries.extend(
                    _Entry(f"{JOB_PREFIX}{row.job.id}", row_key(row, today), False)
                    for row in section.rows
                )
        return entries

    def _worked_out(self, entry: _Entry) -> _Entry:
        """``entry`` with what it shows (a lazy job's row, as of the list's today)."""
        if entry.key is not None or entry.row is None:
            return entry
        return _Entry(entry.id, row_key(entry.row, self._today), entry.disabled)

    def _option(self, entry: _Entry) -> Option:
        key = entry.key
        assert key is not None  # (_load works it out first)
        prompt = self._prompts.get(key)
        if prompt is None:
            prompt = self._old_prompts.get(key)
        if prompt is None:
            if entry.id.startswith(JOB_PREFIX):
                prompt = _row_content(key)  # type: ignore[arg-type]
            else:
                prompt = _heading_content(key)  # type: ignore[arg-type]
        self._prompts[key] = prompt
        return Option(prompt, entry.id, disabled=entry.disabled)

    def _load(self, until: int) -> None:
        """Build the options of the plan up to ``until`` (not included)."""
        plan = self._plan
        until = min(until, len(plan))
        if until > self._loaded:
            start, self._loaded = self._loaded, until
            for index in range(start, until):
                plan[index] = self._worked_out(plan[index])
            self.add_options([self._option(entry) for entry in plan[start:until]])

    def _fill(self, generation: int) -> None:
        if generation != self._generation or self._loaded >= len(self._plan):
            return
        self._load(self._loaded + FILL_CHUNK)
        if self._loaded < len(self._plan):
            self.call_after_refresh(self._fill, generation)
        else:
            self._old_prompts = {}

    @property
    def first_count(self) -> int:
        """How many options after the highlighted one are built before the list is drawn.

        (Half the terminal's lines: building and measuring each option shown
        first is most of the list's first frame; it was the whole height.)
        """
        height = self.app.size.height
        return (height + 1) // 2 + 1 if height else FIRST_OPTIONS

    @property
    def complete(self) -> bool:
        """Every option is built (the fill after a rebuild is over)."""
        return self._loaded >= len(self._plan)

    def _rebuild(self, keep: str | None) -> None:
        if self._plan:
            # Compared with what is shown, row by row (rows not built yet too).
            self._plan = [self._worked_out(entry) for entry in self._plan]
            plan = self._entries()
        else:
            plan = self._entries(lazy=True)  # nothing shown: only the built rows are needed
        if plan == self._plan:
            return  # the same rows as shown: nothing to build, the cursor stays
        old = self.highlighted
        self._plan = plan
        self._generation += 1
        self._old_prompts, self._prompts = self._prompts, {}
        self.clear_options()
        self._loaded = 0
        enabled = [i for i, entry in enumerate(plan) if not entry.disabled]
        target: int | None = None
        if enabled:
            ids = [entry.id for entry in plan]
            if keep in ids:
                target = ids.index(keep)
            else:
                # The nearest job at or after where the cursor was.
                at = old or 0
                target = next((i for i in enabled if i >= at), enabled[-1])
        self._load((target or 0) + 1 + self.first_count)
        if target is not None:
            self.highlighted = target
        if self._loaded < len(plan):
            # After the frame that shows the first rows, and a moment more.
            self.call_after_refresh(
                self.set_timer, FILL_DELAY, partial(self._fill, self._generation)
            )
        else:
            self._old_prompts = {}

    def toggle_closed(self) -> None:
        self.closed_open = not self.closed_open
        self._rebuild(CLOSED_TOGGLE)

    def highlight_job(self, job_id: int) -> bool:
        """Highlight a job (unfolding the closed jobs for a closed one); False if not listed."""
        closed = self._agenda.section("closed")
        if closed and not self.closed_open and any(r.job.id == job_id for r in closed.rows):
            self.toggle_closed()
        option_id = f"{JOB_PREFIX}{job_id}"
        index = next((i for i, entry in enumerate(self._plan) if entry.id == option_id), None)
        if index is None:
            return False
        self._load(index + 1 + self.first_count)
        self.highlighted = index
        return True

    # The cursor never reaches past what is built (the fill is behind only for
    # a moment after start-up).
    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted + 2 >= self._loaded:
            self._load(self._loaded + FILL_CHUNK)
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self._load(len(self._plan))
        super().action_page_down()

    def action_last(self) -> None:
        self._load(len(self._plan))
        super().action_last()

    def job_id(self, option: Option | None) -> int | None:
        """The job an option shows (None for a heading or the closed row)."""
        if option is None or not (option.id or "").startswith(JOB_PREFIX):
            return None
        return int((option.id or "")[len(JOB_PREFIX) :])

    def highlighted_job(self) -> int | None:
        return self.job_id(self.highlighted_option)


__all__ = ["CLOSED_TOGGLE", "EMPTY_TEXT", "JobList", "heading", "job_prompt"]
