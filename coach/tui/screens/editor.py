"""The in-app YAML editor: live problems, a structure tree, safe saving.

:class:`EditorScreen` edits one script file. While the user types, the text is
checked (0.3 s after the last key, in a thread) and the problems panel and the
structure tree follow. Nothing typed is lost: saving is atomic and keeps the
previous version in ``.backups/`` (see :mod:`coach.script.newscript`), a file
that cannot be written leaves the text in the editor, and leaving with unsaved
changes asks first. Unsaved text is written through to a recovery file every
half second and offered back the next time the script is opened after a kill
or a signal (:mod:`coach.tui.screens.editor_kept`).

Keys: ``ctrl+s`` save, ``ctrl+f`` find (``enter``/``down`` next, ``up``
previous), ``ctrl+g`` go to line, ``ctrl+r`` rehearse from the node under the
cursor, ``f2``/``f3`` fold or unfold the problems and structure panels,
``f4`` edit in ``$VISUAL``/``$EDITOR``, ``escape`` close a bar or leave a
panel for the text, else leave; ``ctrl+q`` leave. In the text (see
:class:`~coach.tui.widgets.source.SourceArea`): ``ctrl+home``/``ctrl+end``,
``ctrl+c`` copies, ``ctrl+e`` is the end of the line, Enter indents.
``shift+tab`` goes from the text into the panels (``tab`` on from there).

On a short narrow terminal (80x24) the panels start folded to a line each,
so the text gets most rows (:func:`coach.script.editing.panels_start_folded`);
what the user folds or unfolds stays so while the screen is open.

A bundled script is edited as a copy that does not exist yet
(``initial_text``): it is written on the first save, so leaving without
saving leaves no copy behind.

``ctrl+r`` posts :class:`EditorScreen.RehearseRequested`; the app that pushed
the screen starts a practice walk from it. What the screen does with the text
(check it, read it, hand it to another editor, indent, find) is pure, in
:mod:`coach.script.editing`; the editor on its own is
:class:`coach.tui.editor_app.EditorApp`. The screen dismisses with the path
when the file was saved at least once, else ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from coach.script.editing import (
    Analysis,
    Opened,
    analyse,
    panels_start_folded,
    read_for_editing,
)
from coach.script.model import Script
from coach.script.newscript import describe_os_error, save_text
from coach.script.watch import FileWatcher
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.messages import JumpTo
from coach.tui.screens.editor_kept import KeptText
from coach.tui.screens.editor_keys import PANELS, EditorKeys, FoldLine
from coach.tui.screens.editor_outside import OutsideEdits
from coach.tui.widgets.editor_bars import FindBar, LineBar
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.problems import ProblemsPanel, summary
from coach.tui.widgets.source import SourceArea
from coach.tui.widgets.structure import Plan, StructurePanel

#: Seconds of quiet after the last key before the text is checked again.
CHECK_DELAY = 0.25
#: How often the file on disk is looked at (seconds).
DISK_POLL = 1.0
#: A text longer than this (characters) is first checked in the worker, not
#: before the editor shows: 2.4 s for a script of 10,000 steps.
CHECK_IN_WORKER = 200_000


class EditorScreen(EditorKeys, OutsideEdits, KeptText):
    """Edit one call script with live problems and a structure tree."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    AUTO_FOCUS = "#source"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save (a backup is kept)"),
        Binding(
            "ctrl+r",
            "rehearse",
            "Rehearse",
            priority=True,
            tooltip="Rehearse from the node under the cursor",
        ),
        Binding("ctrl+f", "find", "Find", tooltip="Find text (enter: next, up: previous)"),
        Binding("ctrl+g", "go_to_line", "Line", tooltip="Go to a line (14, or 14:7)"),
        Binding("f2", "unfold('problems')", "Problems", tooltip="Show the problems list"),
        Binding("f2", "fold('problems')", "Problems", tooltip="Fold the problems list"),
        Binding("f3", "unfold('structure')", "Tree", tooltip="Show the structure tree"),
        Binding("f3", "fold('structure')", "Tree", tooltip="Fold the structure tree"),
        Binding("f4", "external", "$EDITOR", tooltip="Edit in $VISUAL/$EDITOR"),
        Binding("escape", "escape", "Leave", tooltip="Leave the editor (asks if not saved)"),
        Binding("ctrl+q", "leave", "Leave", show=False, priority=True),
    ]

    @dataclass
    class RehearseRequested(Message):
        """The user asked to rehearse ``script`` starting at ``node_id`` (``ctrl+r``)."""

        script: Script
        node_id: str

    def __init__(
        self, path: Path, *, notice: str | None = None, initial_text: str | None = None
    ) -> None:
        """Edit ``path``; while it does not exist, start from ``initial_text`` (if given).

        ``initial_text`` is a bundled script's text for a copy that is written
        on the first save; unchanged, it is nothing to save.
        """
        super().__init__()
        self.path = Path(path)
        #: A message to show once when the screen opens (e.g. "copied to ...").
        self.opening_notice = notice
        self._opened = read_for_editing(self.path)
        #: The text is a copy (of a bundled script) that is written on the first save.
        self.unsaved_copy = initial_text is not None and not self._opened.exists
        if self.unsaved_copy and initial_text is not None:
            self._opened = Opened(initial_text, False)
        #: The text as it is on disk (as far as this editor knows).
        self.saved_text = self._opened.text
        #: The file exists on disk.
        self.on_disk = self._opened.exists and self._opened.error is None
        #: The latest analysis of the text (None until the first check).
        self.analysis: Analysis | None = None
        #: The last script that loaded without errors (what ``ctrl+r`` rehearses).
        self.last_good: Script | None = None
        #: True once the file was saved from this screen.
        self.saved_once = False
        self._check_timer: Timer | None = None
        self._watcher = FileWatcher.of([self.path])
        self._warned_disk_change = False
        #: Panels folded to one line (see ``panels_start_folded`` for the start).
        self.folded: set[str] = set()

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        yield Static(id="editor-notice")
        with Horizontal(id="editor-body"):
            yield SourceArea.code_editor(
                self._opened.text, language="yaml", id="source", soft_wrap=False
            )
            with Vertical(id="editor-side"):
                yield FoldLine(id="structure-fold", classes="fold")
                yield StructurePanel(id="structure")
                yield FoldLine(id="problems-fold", classes="fold")
                yield ProblemsPanel(id="problems")
        yield FindBar(id="find-bar")
        yield LineBar(id="line-bar")
        yield CoachFooter(show_command_palette=False, compact=True)

    @property
    def source(self) -> SourceArea:
        return self.query_one("#source", SourceArea)

    @property
    def problems(self) -> ProblemsPanel:
        return self.query_one(ProblemsPanel)

    @property
    def structure(self) -> StructurePanel:
        return self.query_one(StructurePanel)

    @property
    def modified(self) -> bool:
        """The text differs from the file on disk (an unchanged copy is not modified)."""
        if self.unsaved_copy:
            return self.source.text != self.saved_text
        return self.source.text != self.saved_text or not self.on_disk

    def on_mount(self) -> None:
        self.source.indent_width = 2
        self.source.theme = "css"
        self.source.detect_indent_unit()
        if panels_start_folded(self.app.size.width, self.app.size.height):
            self.folded = set(PANELS)
        self._show_folds()
        self._set_notice(self._initial_notice())
        self._update_title()
        if self._opened.error:
            self.notify(self._opened.error, title="Cannot read the file", severity="error")
        elif self._opened.lossy:
            self.notify(
                f"{self.path.name} is not UTF-8 text; unreadable bytes show as �.",
                severity="warning",
            )
        if self.opening_notice:
            self.notify(self.opening_notice)
        text = self.source.text
        if len(text) > CHECK_IN_WORKER:
            self._check(text)  # a long script: checked in the worker, the text shows first
        else:
            self.analysis = analyse(text, self.path)
            self._show_analysis(self.analysis)
        self.set_interval(DISK_POLL, self._poll_disk)
        self.start_keeping()  # unsaved text goes to a recovery file; kept text is offered

    def _initial_notice(self) -> str:
        if self._opened.error:
            return f"{self._opened.error}. Nothing was loaded; saving is refused."
        if self._opened.lossy:
            return (
                "This file is not UTF-8 text: bytes that could not be read show as �. "
                "Saving replaces them (you will be asked)."
            )
        if self.unsaved_copy:
            return (
                "Editing a copy of the bundled script; "
                f"it is saved to {self._home(self.path)} on first save."
            )
        if not self._opened.exists:
            return f"{self.path} does not exist yet; ctrl+s creates it."
        return ""

    def _set_notice(self, text: str) -> None:
        notice = self.query_one("#editor-notice", Static)
        notice.update(Content(text))
        notice.set_class(bool(text), "-shown")

    def _update_title(self) -> None:
        state: Content
        if self.unsaved_copy and self.source.text == self.saved_text:
            state = Content.styled("bundled copy, not saved", "$text-muted")
        elif not self.on_disk:
            state = Content.styled("not saved", "$warning")
        elif self.source.text != self.saved_text:
            state = Content.styled("● modified", "$warning bold")
        else:
            state = Content.styled("saved", "$success")
        title = Content.assemble(
            ("Editing ", "$foreground-muted"),
            (self.path.name, "bold"),
            "  ",
            state,
            ("  " + self._home(self.path.parent), "$foreground-muted"),
        )
        self.query_one("#editor-title", Static).update(title)

    @staticmethod
    def _home(path: Path) -> str:
        """``path`` with the home folder as ``~``."""
        text, home = str(path), str(Path.home())
        return "~" + text[len(home) :] if text.startswith(home + "/") else text

    # ---------------------------------------------------------------- checking
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._update_title()
        self.note_typed()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self._start_check)

    def _start_check(self) -> None:
        self._check_timer = None
        self._check(self.source.text)

    @work(thread=True, exclusive=True, group="editor-check")
    def _check(self, text: str) -> None:
        result = analyse(text, self.path)
        # The structure's plan too: 0.15 s of a 10,000-step script off the UI thread.
        plan = Plan.of(result.script) if result.script is not None else None
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._check_done, result, plan)

    def _check_done(self, result: Analysis, plan: Plan | None = None) -> None:
        # The editor may have closed while the check ran (it comes back from a
        # thread): its panels are gone then, and showing it raised NoMatches.
        if not self.is_attached:
            return
        try:
            if result.text != self.source.text:
                return  # typed on meanwhile: a newer check is coming
            self.analysis = result
            self._show_analysis(result, plan)
        except NoMatches:
            return  # its widgets were being removed

    def _show_analysis(self, result: Analysis, plan: Plan | None = None) -> None:
        self.problems.show(result.findings)
        if result.script is not None:
            self.last_good = result.script
            self.structure.show_script(result.script, plan)
        else:
            self.structure.mark_stale()
        self._show_fold_lines()

    def check_now(self) -> Analysis:
        """Check the current text at once (used before saving and rehearsing)."""
        if self._check_timer is not None:
            self._check_timer.stop()
            self._check_timer = None
        text = self.source.text
        if self.analysis is None or self.analysis.text != text:
            self.analysis = analyse(text, self.path)
            self._show_analysis(self.analysis)
        return self.analysis

    # ----------------------------------------------------------------- jumping
    def move_to(self, line: int, column: int) -> None:
        """Put the cursor at a 1-based place (clamped to the text) and focus the text."""
        area = self.source
        row = max(0, min(line - 1, area.document.line_count - 1))
        col = max(0, min(column - 1, len(area.document.get_line(row))))
        area.show((row, col))
        # Now, not on the next turn of the loop (``focus()`` defers it): keys
        # typed right after Enter in the line bar went to the closed bar's input.
        self.set_focus(area)

    def on_jump_to(self, message: JumpTo) -> None:
        message.stop()
        self.move_to(message.line, message.column)

    # ------------------------------------------------------------------ saving
    def action_save(self) -> None:
        self._save_flow()

    @work(exclusive=True, group="editor-save")
    async def _save_flow(self) -> None:
        if self._opened.error and not self.on_disk_readable():
            self.notify(
                f"{self.path.name} could not be read when it was opened, so saving over it "
                "could destroy it. Copy your text elsewhere.",
                title="Not saved",
                severity="error",
            )
            return
        if self._opened.lossy and not await self.app.push_screen_wait(
            ConfirmDialog(
                "Save over a file that was not UTF-8?",
                "Bytes that could not be read were shown as � and will be saved that way. "
                "A backup of the original is kept in .backups/.",
                yes="Save",
                no="Cancel",
            )
        ):
            return
        analysis = self.check_now()
        if analysis.errors and not await self.app.push_screen_wait(
            ConfirmDialog(
                f"Save with {summary(analysis.findings)}?",
                "The script will not load for a call until the errors are fixed.",
                yes="Save anyway",
                no="Keep editing",
            )
        ):
            return
        self.save()

    def on_disk_readable(self) -> bool:
        return read_for_editing(self.path).error is None

    def save(self) -> bool:
        """Write the text now (no questions); True when it was saved."""
        text = self.source.text
        was_missing = not self.path.exists()
        try:
            backup = save_text(self.path, text)
        except OSError as exc:
            self.notify(
                describe_os_error(exc, self.path) + ". Your text is still here.",
                title="Not saved",
                severity="error",
                timeout=10,
            )
            return False
        self.saved_text = text
        self.on_disk = True
        self.saved_once = True
        self.forget_kept()
        first_copy, self.unsaved_copy = self.unsaved_copy, False
        self._opened = Opened(text, True)
        self._warned_disk_change = False
        self._watcher.sync(self.path)
        self._set_notice("")
        self._update_title()
        if first_copy:
            self.notify(
                f"Saved your copy of the bundled script to {self.path}; "
                "it is the one used from now on."
            )
        elif was_missing:
            self.notify(f"Saved {self.path.name}: the file was not there, so it was created again.")
        elif backup is not None:
            self.notify(f"Saved {self.path.name} (previous version in {backup.parent.name}/)")
        else:
            self.notify(f"Saved {self.path.name}")
        return True

    # ---------------------------------------------------------------- rehearse
    def node_at_cursor(self, script: Script) -> str:
        """The node whose definition holds the cursor (the start node above them all)."""
        line = self.source.cursor_location[0] + 1
        best: tuple[int, str] | None = None
        for node in script.nodes.values():
            if 0 < node.pos.line <= line and (best is None or node.pos.line >= best[0]):
                best = (node.pos.line, node.id)
        return best[1] if best else script.start

    def action_rehearse(self) -> None:
        analysis = self.check_now()
        if analysis.script is None:
            first = next((f for f in analysis.findings if f.severity == "error"), None)
            where = f" (first: line {first.line}: {first.message})" if first else ""
            self.notify(
                f"Fix the errors before rehearsing{where}.",
                title="Cannot rehearse",
                severity="warning",
            )
            return
        node_id = self.node_at_cursor(analysis.script)
        self.post_message(self.RehearseRequested(analysis.script, node_id))

    # ------------------------------------------------------------------ leave
    def action_leave(self) -> None:
        self._leave_flow()

    @work(exclusive=True, group="editor-leave")
    async def _leave_flow(self) -> None:
        if (
            self.source.text != self.saved_text
            and await self.app.push_screen_wait(
                ConfirmDialog(
                    "Leave without saving?",
                    f"Your changes to {self.path.name} will be lost.",
                    yes="Leave",
                    no="Keep editing",
                )
            )
            is not True
        ):
            return
        self.forget_kept()  # saved, or the user said the changes may be lost
        self.dismiss(self.path if self.saved_once else None)
