"""Home: the jobs (what is due, coming up, waiting), the scripts to call with, recent calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach import locations
from coach.call.agenda import Agenda
from coach.script.library import ScriptEntry
from coach.script.watch import FileWatcher
from coach.tui.startup import resume_gc_soon
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.jobs import CLOSED_TOGGLE, EMPTY_TEXT, JobList

if TYPE_CHECKING:
    from types import ModuleType

NARROW_WIDTH = 100
#: How often the user's scripts folder is looked at for changes (seconds).
SCRIPTS_POLL = 1.0


#: How much of a description the list shows (about two lines).
SUMMARY_CHARS = 110


def summary_line(description: str) -> str:
    """The description's first sentence, cut to about two lines of the list."""
    text = " ".join(description.split())
    first, dot, _rest = text.partition(". ")
    if dot:
        first += "."
    if len(first) > SUMMARY_CHARS:
        first = first[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return first


def entry_prompt(entry: ScriptEntry, rehearsals: str | None = None) -> Content:
    """A script's title, source, description and rehearsals; a broken one's first error."""
    head = Content.assemble((entry.title, "bold"), (f"  {entry.source}", "$text-muted"))
    if entry.script is None:
        error = entry.first_error
        message = error.format() if error else f"{entry.path}: could not be loaded"
        return Content("\n").join(
            [
                head,
                Content.styled(message, "$text-error"),
                Content.styled("cannot be started; press e to fix it", "$text-muted"),
            ]
        )
    lines = [head]
    if entry.description:
        lines.append(Content.styled(summary_line(entry.description), "$text-muted"))
    if rehearsals:
        lines.append(Content.styled(rehearsals, "italic $text-secondary"))
    return Content("\n").join(lines)


class HomeData(NamedTuple):
    """What home shows: the jobs, the scripts, how each script was rehearsed, recent calls."""

    entries: list[ScriptEntry]
    #: script id -> how often it was rehearsed and which scenarios never were.
    rehearsals: Mapping[str, str]
    #: Every job in its section, with its next step.
    agenda: Agenda
    recent: Content
    today: date
    #: The last few rehearsals, apart from the live calls in ``recent``.
    practised: Content | None = None


#: Gives home its data; the argument says to read every script file again.
HomeSource = Callable[[bool], HomeData]

ListName = Literal["jobs", "scripts"]


def _messages() -> ModuleType:
    """What home posts (:mod:`coach.tui.messages`), imported when first posted."""
    from coach.tui import messages

    return messages


class HomeScreen(Screen[None]):
    """The first screen of ``coach``: the jobs (what to do today), the scripts, recent calls.

    It is given its data by ``source`` (the app reads the store and the library)
    and posts what the user picks (:mod:`coach.tui.messages`). Two lists take
    the keys: the jobs, and the scripts; ``tab`` moves between them. Home starts
    on the jobs, or on the scripts while there are none.
    """

    #: Nothing focused after compose: the first data, shown on mount, focuses
    #: the list home starts on (:meth:`_use`). Textual's default focused the
    #: jobs list, which the data then moved to the scripts while there is no
    #: job: focus, blur and focus restyled both lists before the first frame
    #: (11.9 M of the 1,088.8 M instructions to its first frame, callgrind).
    AUTO_FOCUS = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority bindings: the app runs each as it reads the key, so fast
        # typing ("down down enter") acts on the row the cursor reached.
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        # One key, two meanings: check_action keeps the one of the list in use.
        Binding("enter", "open_job", "Open job", key_display="⏎", priority=True),
        Binding("enter", "start", "Start call", key_display="⏎", priority=True),
        Binding("tab", "switch('scripts')", "Scripts", priority=True),
        Binding("tab", "switch('jobs')", "Jobs", priority=True),
        Binding("shift+tab", "switch('scripts')", "Scripts", show=False, priority=True),
        Binding("shift+tab", "switch('jobs')", "Jobs", show=False, priority=True),
        Binding("a", "add_job", "Add job", tooltip="Add a job you applied for", priority=True),
        Binding("p", "practise", "Practise", priority=True),
        Binding(
            "e",
            "edit",
            "Edit",
            tooltip="Edit the highlighted script (a bundled one is copied)",
            priority=True,
        ),
        Binding("n", "new_script", "New script", tooltip="Create your own script", priority=True),
        # Off the footer (home reads everything again whenever it comes back
        # and follows the script files), so the other keys fit in 80 columns.
        Binding(
            "r",
            "refresh",
            "Refresh",
            show=False,
            tooltip="Read jobs and scripts again",
            priority=True,
        ),
        Binding("q", "app.quit", "Quit", priority=True),
    ]

    #: The actions of the scripts list (off while the jobs list is in use).
    SCRIPT_ACTIONS = frozenset({"start", "practise", "edit"})

    def __init__(self, source: HomeSource) -> None:
        super().__init__()
        self._source = source
        #: The scripts as last shown, in the list's order.
        self._entries: list[ScriptEntry] = []
        #: The list the keys go to.
        self._active: ListName = "scripts"
        #: Set once the first data is shown (home then picks the list to start on).
        self._shown = False
        #: Follows the user's scripts folder (from the first read on).
        self._watcher: FileWatcher | None = None
        self._scripts_changed = False
        #: The data read to compose the screen, until it is shown on mount.
        self._first: HomeData | None = None

    def compose(self) -> ComposeResult:
        # The first data is read before the widgets are made, so the classes it
        # sets on the screen (which only its descendants' rules read) are there
        # when they are first styled: set on mount, they restyled every widget.
        first = self._first = self._read_data()
        self.set_class(first.agenda.is_empty, "-no-jobs", update=False)
        if self.app.size.width:
            self.set_class(self.app.size.width < NARROW_WIDTH, "-narrow", update=False)
        # The screen itself was styled before these classes (its layout reads
        # ``-narrow``); its widgets, made below, are styled with them as they mount.
        self.app.stylesheet.apply(self)
        with Vertical(id="home-jobs"):
            yield Static(Content.styled("Jobs", "bold"), classes="section-title")
            yield JobList(id="jobs")
            yield Static("", id="job-why")
            yield Static(Content.styled(EMPTY_TEXT, "$text-muted"), id="jobs-empty")
        with Vertical(id="home-side"):
            yield Static(Content.styled("Call scripts", "bold"), classes="section-title")
            yield OptionList(id="scripts")
            yield Static(Content.styled("Recent calls", "bold"), classes="section-title")
            yield Static("", id="recent")
            yield Static(Content.styled("Rehearsals", "bold"), classes="section-title")
            yield Static("", id="practised")
        yield CoachFooter()

    #: The first ScreenResume comes with the first mount, which draws the lists.
    _resumed_once = False

    def on_mount(self) -> None:
        self.title = "Call Coach"
        self.sub_title = ""
        self._fit(self.app.size.width)
        first, self._first = self._first, None
        self._show_data(first or self._read_data())
        self.set_interval(SCRIPTS_POLL, self._poll_scripts)
        # Start-up is over once this is drawn (see coach.tui.startup).
        self.call_after_refresh(resume_gc_soon, self.app.set_timer)

    def _poll_scripts(self) -> None:
        """A script file added, changed or removed on disk: the list follows."""
        if self._watcher is not None and self._watcher.poll():
            self._scripts_changed = True
        if self._scripts_changed and self.is_current:
            self.refresh_data()
        # When another screen is on top, the list is reloaded as home comes back.

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)
        # Textual's option lists keep their scroll on a resize: made smaller,
        # a list could hide the highlighted job its "why" line is about.
        self.call_after_refresh(self._highlights_in_view)

    def _highlights_in_view(self) -> None:
        for options in (self.jobs, self.scripts):
            if options.display:
                options.scroll_to_highlight()

    def _fit(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    def on_screen_resume(self) -> None:
        if not self._resumed_once:
            self._resumed_once = True  # the first resume is the first mount: already drawn
            self._styled_on_mount = True  # (this handler runs before Textual's)
            self.call_after_refresh(self._end_first_resume)
            return
        self.refresh_data()

    #: The first resume is under way: every widget was styled as it mounted.
    _styled_on_mount = False

    def _end_first_resume(self) -> None:
        self._styled_on_mount = False

    def update_node_styles(self, animate: bool = True) -> None:
        # Textual's first resume of a screen styles every widget again, and
        # home's were styled as they mounted, after compose set the screen's
        # classes: 20.6 M instructions of the 1,123 M to home's first frame
        # (1.8%, callgrind), for the same styles (home's first frame and the
        # settled screen compared at four sizes, empty and full, are the same).
        if self._styled_on_mount:
            self._styled_on_mount = False
            return
        super().update_node_styles(animate)

    # ------------------------------------------------------------------ data
    @property
    def jobs(self) -> JobList:
        return self.query_one("#jobs", JobList)

    @property
    def scripts(self) -> OptionList:
        return self.query_one("#scripts", OptionList)

    def refresh_data(self) -> None:
        self._show_data(self._read_data())

    def _read_data(self) -> HomeData:
        if self._watcher is None:  # the first read: the watcher starts looking
            self._watcher = FileWatcher.of(folders=[locations.user_scripts_dir()])
        # Scripts are read again only when a file changed (the watcher says so).
        if self._watcher.poll():
            self._scripts_changed = True
        data = self._source(self._scripts_changed)
        self._scripts_changed = False
        return data

    def _show_data(self, data: HomeData) -> None:
        self._show_scripts(data)
        self._show_jobs(data)
        self.query_one("#recent", Static).update(data.recent)
        self.query_one("#practised", Static).update(data.practised or Content(""))

    def _show_jobs(self, data: HomeData) -> None:
        jobs = self.jobs
        had_jobs = not jobs.agenda.is_empty
        jobs.show(data.agenda, data.today)
        has_jobs = not data.agenda.is_empty
        jobs.display = has_jobs
        self.query_one("#jobs-empty", Static).display = not has_jobs
        self.set_class(not has_jobs, "-no-jobs")  # the scripts get the room
        if not has_jobs:
            self._use("scripts")
        elif not self._shown or not had_jobs:
            self._use("jobs")  # home starts on the jobs; so does a first job added
        self._shown = True
        self._show_why()

    def _show_why(self) -> None:
        """Under the list, why the highlighted job's next step is what it is (the reason)."""
        jobs = self.jobs
        why = self.query_one("#job-why", Static)
        job_id = jobs.highlighted_job() if not jobs.agenda.is_empty else None
        row = jobs.job_row(job_id) if job_id is not None else None
        if row is None:
            why.display = False
            return
        why.display = True
        why.update(Content.assemble(("Why: ", "bold"), row.step.reason))

    def _show_scripts(self, data: HomeData) -> None:
        scripts = self.scripts
        highlighted = scripts.highlighted
        before = self._entry(highlighted)
        entries = self._entries = data.entries
        scripts.clear_options()
        scripts.add_options(
            Option(entry_prompt(entry, data.rehearsals.get(entry.id)), id=str(index))
            for index, entry in enumerate(entries)
        )
        if entries:
            # Keep the same script highlighted, wherever it moved in the list.
            index = next(
                (i for i, e in enumerate(entries) if before is not None and e.id == before.id),
                min(highlighted or 0, len(entries) - 1),
            )
            scripts.highlighted = index

    def select_job(self, job_id: int) -> None:
        """Highlight a job (one just added) and give the keys to the jobs list."""
        if self.jobs.highlight_job(job_id):
            self._use("jobs")

    # ------------------------------------------------------------------ keys
    def _use(self, name: ListName) -> None:
        self._active = name
        widget = self.jobs if name == "jobs" else self.scripts
        if self.focused is not widget:
            if self._shown:
                widget.focus()
            else:
                # The first data, before the first frame: focused now, so the list
                # is drawn focused. (``focus()`` waits a turn: the focus Textual
                # gives the jobs list after compose moved to the scripts after
                # the first frame, restyling both lists and drawing it again.)
                self.set_focus(widget)
        self.refresh_bindings()

    @property
    def active(self) -> ListName:
        """The list the keys go to: ``jobs`` or ``scripts``."""
        return self._active

    def on_descendant_focus(self) -> None:
        # A click gives a list focus: the keys follow it.
        focused = self.focused
        if focused is self.query_one("#jobs") and self._active != "jobs":
            self._active = "jobs"
            self.refresh_bindings()
        elif focused is self.query_one("#scripts") and self._active != "scripts":
            self._active = "scripts"
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_job":
            return self._active == "jobs"
        if action in self.SCRIPT_ACTIONS:
            return self._active == "scripts"
        if action == "switch":
            target = parameters[0] if parameters else None
            if target == self._active:
                return False
            return target == "scripts" or not self.jobs.agenda.is_empty
        return True

    def action_switch(self, name: ListName) -> None:
        self._use(name)

    def action_move(self, step: int) -> None:
        options = self.jobs if self._active == "jobs" else self.scripts
        if step < 0:
            options.action_cursor_up()
        else:
            options.action_cursor_down()

    def action_open_job(self) -> None:
        self._open(self.jobs.highlighted_option)

    def _open(self, option: Option | None) -> None:
        if option is None:
            return
        if option.id == CLOSED_TOGGLE:
            self.jobs.toggle_closed()
            return
        job_id = self.jobs.job_id(option)
        if job_id is not None:
            self.post_message(_messages().OpenJob(job_id))

    def action_add_job(self) -> None:
        self.post_message(_messages().AddJob())

    def action_start(self) -> None:
        scripts = self.scripts
        if scripts.highlighted is None:
            return
        self._start(scripts.get_option_at_index(scripts.highlighted))

    def action_practise(self) -> None:
        """Rehearse the highlighted script (its least-rehearsed scenario)."""
        entry = self._entry(self.scripts.highlighted)
        if entry is None:
            return
        if entry.script is None:
            self._cannot_start(entry)
            return
        self.post_message(_messages().StartPractice(entry.id))

    def action_edit(self) -> None:
        """Edit the highlighted script (a bundled one is copied to the user's folder first)."""
        entry = self._entry(self.scripts.highlighted)
        if entry is None:
            return
        self.post_message(_messages().EditScript(str(entry.path)))

    def action_new_script(self) -> None:
        self.post_message(_messages().NewScript())

    def _entry(self, index: int | None) -> ScriptEntry | None:
        entries = self._entries
        if index is None or not 0 <= index < len(entries):
            return None
        return entries[index]

    def _cannot_start(self, entry: ScriptEntry) -> None:
        error = entry.first_error
        self.notify(
            error.format() if error else "This script could not be loaded.",
            title="Cannot start this script",
            severity="error",
        )

    def action_refresh(self) -> None:
        self._scripts_changed = True  # read every file again, changed or not
        self.refresh_data()
        self.notify("Jobs, scripts and calls reloaded.", timeout=2)

    @on(OptionList.OptionSelected, "#scripts")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._start(event.option)

    @on(OptionList.OptionHighlighted, "#jobs")
    def _job_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_why()

    @on(OptionList.OptionSelected, "#jobs")
    def _job_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option)

    def _start(self, option: Option) -> None:
        entry = self._entry(int(option.id or 0))
        if entry is None:
            return
        if entry.script is None:
            self._cannot_start(entry)
            return
        self.post_message(_messages().StartCall(entry.id))
