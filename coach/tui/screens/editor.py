"""The in-app YAML editor: live problems, a structure tree, safe saving.

:class:`EditorScreen` edits one script file. While the user types, the text is
checked (0.3 s after the last key, in a thread) and the problems panel and the
structure tree follow. Nothing typed is lost: saving is atomic and keeps the
previous version in ``.backups/`` (see :mod:`coach.script.newscript`), a file
that cannot be written leaves the text in the editor, and leaving with unsaved
changes asks first.

Keys: ``ctrl+s`` save, ``ctrl+e`` edit in ``$VISUAL``/``$EDITOR``, ``ctrl+r``
rehearse from the node under the cursor, ``f2``/``f3`` the problems and
structure panels (again: back to the text), ``escape``/``ctrl+q`` leave.

``ctrl+r`` posts :class:`EditorScreen.RehearseRequested`; the app that pushed
the screen starts a practice walk from it. What the screen does with the text
(check it, read it, hand it to another editor) is pure, in
:mod:`coach.script.editing`; the editor on its own is
:class:`coach.tui.editor_app.EditorApp`. The screen dismisses with the path
when the file was saved at least once, else ``None``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TextArea
from textual.worker import get_current_worker

from coach.script.editing import (
    Analysis,
    Opened,
    analyse,
    edit_externally,
    external_editor,
    read_for_editing,
)
from coach.script.model import Script
from coach.script.newscript import describe_os_error, save_text
from coach.script.watch import FileWatcher
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.messages import JumpTo
from coach.tui.widgets.problems import ProblemsPanel, summary
from coach.tui.widgets.structure import StructurePanel

#: Seconds of quiet after the last key before the text is checked again.
CHECK_DELAY = 0.3
#: How often the file on disk is looked at (seconds).
DISK_POLL = 1.0


class EditorScreen(Screen[Path | None]):
    """Edit one call script with live problems and a structure tree."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    AUTO_FOCUS = "#source"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True, tooltip="Save (a backup is kept)"),
        Binding("ctrl+e", "external", "$EDITOR", priority=True, tooltip="Edit in $EDITOR"),
        Binding(
            "ctrl+r",
            "rehearse",
            "Rehearse",
            priority=True,
            tooltip="Rehearse from the node under the cursor",
        ),
        Binding("f2", "panel('problems')", "Problems", tooltip="Go to the problems list"),
        Binding("f3", "panel('structure')", "Structure", tooltip="Go to the structure tree"),
        Binding("escape", "leave", "Leave", priority=True),
        Binding("ctrl+q", "leave", "Leave", show=False, priority=True),
    ]

    @dataclass
    class RehearseRequested(Message):
        """The user asked to rehearse ``script`` starting at ``node_id`` (``ctrl+r``)."""

        script: Script
        node_id: str

    def __init__(self, path: Path, *, notice: str | None = None) -> None:
        super().__init__()
        self.path = Path(path)
        #: A message to show once when the screen opens (e.g. "copied to ...").
        self.opening_notice = notice
        self._opened = read_for_editing(self.path)
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

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Static(id="editor-title")
        yield Static(id="editor-notice")
        with Horizontal(id="editor-body"):
            yield TextArea.code_editor(
                self._opened.text, language="yaml", id="source", soft_wrap=False
            )
            with Vertical(id="editor-side"):
                yield StructurePanel(id="structure")
                yield ProblemsPanel(id="problems")
        yield Footer(show_command_palette=False)

    @property
    def source(self) -> TextArea:
        return self.query_one("#source", TextArea)

    @property
    def problems(self) -> ProblemsPanel:
        return self.query_one(ProblemsPanel)

    @property
    def structure(self) -> StructurePanel:
        return self.query_one(StructurePanel)

    @property
    def modified(self) -> bool:
        """The text differs from the file on disk."""
        return self.source.text != self.saved_text or not self.on_disk

    def on_mount(self) -> None:
        self.source.indent_width = 2
        self.source.theme = "css"
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
        self.analysis = analyse(self.source.text, self.path)
        self._show_analysis(self.analysis)
        self.set_interval(DISK_POLL, self._poll_disk)

    def _initial_notice(self) -> str:
        if self._opened.error:
            return f"{self._opened.error}. Nothing was loaded; saving is refused."
        if self._opened.lossy:
            return (
                "This file is not UTF-8 text: bytes that could not be read show as �. "
                "Saving replaces them (you will be asked)."
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
        if not self.on_disk:
            state = Content.styled("not saved", "$warning")
        elif self.source.text != self.saved_text:
            state = Content.styled("● modified", "$warning bold")
        else:
            state = Content.styled("saved", "$success")
        folder = str(self.path.parent)
        home = str(Path.home())
        if folder.startswith(home):
            folder = "~" + folder[len(home) :]
        title = Content.assemble(
            ("Editing ", "$foreground-muted"),
            (self.path.name, "bold"),
            "  ",
            state,
            ("  " + folder, "$foreground-muted"),
        )
        self.query_one("#editor-title", Static).update(title)

    # ---------------------------------------------------------------- checking
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._update_title()
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY, self._start_check)

    def _start_check(self) -> None:
        self._check_timer = None
        self._check(self.source.text)

    @work(thread=True, exclusive=True, group="editor-check")
    def _check(self, text: str) -> None:
        result = analyse(text, self.path)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._check_done, result)

    def _check_done(self, result: Analysis) -> None:
        if result.text != self.source.text:
            return  # typed on meanwhile: a newer check is coming
        self.analysis = result
        self._show_analysis(result)

    def _show_analysis(self, result: Analysis) -> None:
        self.problems.show(result.findings)
        if result.script is not None:
            self.last_good = result.script
            self.structure.show_script(result.script)
        else:
            self.structure.mark_stale()

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
        area.move_cursor((row, col), center=True)
        area.focus()

    def on_jump_to(self, message: JumpTo) -> None:
        message.stop()
        self.move_to(message.line, message.column)

    def action_panel(self, which: str) -> None:
        panel = self.problems if which == "problems" else self.structure
        if panel.has_focus:
            self.source.focus()
            return
        panel.focus()
        if panel is self.problems and self.problems.findings and panel.highlighted is None:
            self.problems.highlighted = 0

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
        self._opened = Opened(text, True)
        self._warned_disk_change = False
        self._watcher.sync(self.path)
        self._set_notice("")
        self._update_title()
        if was_missing:
            self.notify(f"Saved {self.path.name}: the file was not there, so it was created again.")
        elif backup is not None:
            self.notify(f"Saved {self.path.name} (previous version in {backup.parent.name}/)")
        else:
            self.notify(f"Saved {self.path.name}")
        return True

    # --------------------------------------------------------- file on disk
    def _poll_disk(self) -> None:
        changes = self._watcher.poll()
        if not changes:
            return
        if self.path in changes.removed:
            self.on_disk = False
            self._set_notice(f"{self.path.name} was deleted on disk; ctrl+s creates it again.")
            self.notify(
                f"{self.path.name} was deleted on disk. Your text is still here; "
                "ctrl+s saves it again.",
                severity="warning",
            )
            self._update_title()
            return
        opened = read_for_editing(self.path)
        if opened.error or opened.text == self.source.text:
            if not opened.error:
                self.saved_text = opened.text
                self.on_disk = True
                self._set_notice("")
                self._update_title()
            return
        if self.source.text == self.saved_text and self.on_disk:
            self._opened = opened
            self.saved_text = opened.text
            self.source.load_text(opened.text)
            self.notify(f"{self.path.name} changed on disk; reloaded.")
        else:
            self.saved_text = opened.text
            self.on_disk = True
            self.notify(
                f"{self.path.name} changed on disk. Your unsaved text is kept; "
                "ctrl+s saves it over the new version (which is backed up).",
                severity="warning",
                timeout=10,
            )
        self._set_notice("")
        self._update_title()

    # -------------------------------------------------------- external editor
    def action_external(self) -> None:
        command = external_editor()
        if not command:
            self.notify(
                "Set $EDITOR to your editor (for example: export EDITOR=nano).",
                title="No external editor",
                severity="warning",
            )
            return
        text = self.source.text

        def run(argv: list[str]) -> None:
            with self.app.suspend():
                subprocess.run(argv, check=False)

        try:
            new_text = edit_externally(text, command, self.path, run)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to another editor.", severity="error")
            return
        except OSError as exc:
            self.notify(
                f"Could not run {command[0]}: {exc.strerror or exc}. Your text is unchanged.",
                title="External editor",
                severity="error",
            )
            return
        finally:
            self.app.refresh(layout=True)
        if new_text != text:
            self.replace_text(new_text)
            self.notify("Text updated from the external editor; ctrl+s saves it.")

    def replace_text(self, text: str) -> None:
        """Replace the whole text as one edit (ctrl+z undoes it)."""
        area = self.source
        cursor = area.cursor_location
        area.replace(text, (0, 0), area.document.end)
        row = min(cursor[0], area.document.line_count - 1)
        area.move_cursor((row, min(cursor[1], len(area.document.get_line(row)))))

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
        self.dismiss(self.path if self.saved_once else None)
