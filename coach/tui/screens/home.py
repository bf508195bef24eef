"""Home: the scripts to call with, follow-ups that are due, recent calls."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coach import locations
from coach.script.library import ScriptEntry
from coach.script.watch import FileWatcher
from coach.tui.messages import EditScript, NewScript, StartCall, StartPractice
from coach.tui.startup import resume_gc_soon

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


@dataclass(frozen=True)
class HomeData:
    """What home shows: the scripts, how each was rehearsed, follow-ups and recent calls."""

    entries: list[ScriptEntry]
    #: script id -> how often it was rehearsed and which scenarios never were.
    rehearsals: Mapping[str, str]
    follow_ups: Content
    recent: Content


#: Gives home its data; the argument says to read every script file again.
HomeSource = Callable[[bool], HomeData]


class HomeScreen(Screen[None]):
    """The first screen of ``coach``.

    It is given its data by ``source`` (the app reads the library and the
    store) and posts what the user picks (:mod:`coach.tui.messages`).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority bindings: the app runs each as it reads the key, so fast
        # typing ("down down enter") starts the script the cursor reached.
        Binding("up", "move(-1)", "Up", show=False, priority=True),
        Binding("down", "move(1)", "Down", show=False, priority=True),
        Binding("enter", "start", "Start call", key_display="⏎", priority=True),
        Binding("p", "practise", "Practise", priority=True),
        Binding(
            "e",
            "edit",
            "Edit",
            tooltip="Edit the highlighted script (a bundled one is copied)",
            priority=True,
        ),
        Binding("n", "new_script", "New script", tooltip="Create your own script", priority=True),
        Binding("r", "refresh", "Refresh", priority=True),
        Binding("q", "app.quit", "Quit", priority=True),
    ]

    def __init__(self, source: HomeSource) -> None:
        super().__init__()
        self._source = source
        #: The scripts as last shown, in the list's order.
        self._entries: list[ScriptEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            with Vertical(id="home-scripts"):
                yield Static(Content.styled("Call scripts", "bold"), classes="section-title")
                yield OptionList(id="scripts")
            with Vertical(id="home-side"):
                yield Static(Content.styled("Follow-ups due", "bold"), classes="section-title")
                yield Static("", id="follow-ups")
                yield Static(Content.styled("Recent calls", "bold"), classes="section-title")
                yield Static("", id="recent")
        yield Footer()

    #: The first ScreenResume comes with the first mount, which draws the lists.
    _resumed_once = False

    def on_mount(self) -> None:
        self.title = "Call Coach"
        self.sub_title = ""
        self._fit(self.app.size.width)
        self._watcher = FileWatcher.of(folders=[locations.user_scripts_dir()])
        self._scripts_changed = False
        self.refresh_data()
        self.set_interval(SCRIPTS_POLL, self._poll_scripts)
        # Start-up is over once this is drawn (see coach.tui.startup).
        self.call_after_refresh(resume_gc_soon, self.app.set_timer)

    def _poll_scripts(self) -> None:
        """A script file added, changed or removed on disk: the list follows."""
        if self._watcher.poll():
            self._scripts_changed = True
        if self._scripts_changed and self.is_current:
            self.refresh_data()
        # When another screen is on top, the list is reloaded as home comes back.

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        self.set_class(width < NARROW_WIDTH, "-narrow")

    def on_screen_resume(self) -> None:
        if not self._resumed_once:
            self._resumed_once = True  # the first resume is the first mount: already drawn
            return
        self.refresh_data()

    def refresh_data(self) -> None:
        scripts = self.query_one("#scripts", OptionList)
        highlighted = scripts.highlighted
        before = self._entry(highlighted)
        # Scripts are read again only when a file changed (the watcher says so).
        if self._watcher.poll():
            self._scripts_changed = True
        data = self._source(self._scripts_changed)
        self._scripts_changed = False
        entries = self._entries = data.entries
        scripts.clear_options()
        scripts.add_options(
            Option(
                entry_prompt(entry, data.rehearsals.get(entry.id)),
                id=str(index),
            )
            for index, entry in enumerate(entries)
        )
        if entries:
            # Keep the same script highlighted, wherever it moved in the list.
            index = next(
                (i for i, e in enumerate(entries) if before is not None and e.id == before.id),
                min(highlighted or 0, len(entries) - 1),
            )
            scripts.highlighted = index
        self.query_one("#follow-ups", Static).update(data.follow_ups)
        self.query_one("#recent", Static).update(data.recent)

    def action_move(self, step: int) -> None:
        scripts = self.query_one("#scripts", OptionList)
        if step < 0:
            scripts.action_cursor_up()
        else:
            scripts.action_cursor_down()

    def action_start(self) -> None:
        scripts = self.query_one("#scripts", OptionList)
        if scripts.highlighted is None:
            return
        option = scripts.get_option_at_index(scripts.highlighted)
        self._start(option)

    def action_practise(self) -> None:
        """Rehearse the highlighted script (its least-rehearsed scenario)."""
        entry = self._entry(self.query_one("#scripts", OptionList).highlighted)
        if entry is None:
            return
        if entry.script is None:
            self._cannot_start(entry)
            return
        self.post_message(StartPractice(entry.id))

    def action_edit(self) -> None:
        """Edit the highlighted script (a bundled one is copied to the user's folder first)."""
        entry = self._entry(self.query_one("#scripts", OptionList).highlighted)
        if entry is None:
            return
        self.post_message(EditScript(str(entry.path)))

    def action_new_script(self) -> None:
        self.post_message(NewScript())

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
        self.notify("Scripts and calls reloaded.", timeout=2)

    @on(OptionList.OptionSelected, "#scripts")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._start(event.option)

    def _start(self, option: Option) -> None:
        entry = self._entry(int(option.id or 0))
        if entry is None:
            return
        if entry.script is None:
            self._cannot_start(entry)
            return
        self.post_message(StartCall(entry.id))
