"""The editor's unsaved text, kept on disk until it is saved or thrown away.

:class:`KeptText` is a part of :class:`~coach.tui.screens.editor.EditorScreen`.
Every half second, when the text differs from what was saved, it is written
through to a recovery file (in a thread, so typing never waits for the disk;
see :mod:`coach.store.editor_recovery`). Saving, or leaving and saying the
changes may be lost, forgets the file; a signal (``SIGTERM``, ``SIGHUP``,
``SIGINT``) writes the latest text first (:func:`coach.tui.signals.keep_editor_text`);
a kill leaves what was written at most half a second before.

When the screen opens on a script that has such a file from an editor that
is gone, it asks "Restore unsaved changes?" (:class:`~coach.tui.dialogs.restore.RestoreDialog`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.screen import Screen

from coach import locations
from coach.script.controls import visible
from coach.store.editor_recovery import (
    Found,
    RecoveryFiles,
    RecoveryWriter,
    first_difference,
    text_hash,
    when_made,
)

if TYPE_CHECKING:
    from coach.tui.dialogs.restore import Answer
    from coach.tui.widgets.source import SourceArea

#: How often unsaved text is written through (seconds): at most this late.
KEEP_EVERY = 0.5
#: Characters of the first changed line that the restore question shows.
SHOWN_LINE = 60


class KeptText(Screen[Path | None]):
    """Write-through of unsaved text and the offer to restore it (a base of the editor)."""

    path: Path
    saved_text: str
    on_disk: bool
    unsaved_copy: bool

    if TYPE_CHECKING:

        @property
        def source(self) -> SourceArea: ...
        def replace_text(self, text: str) -> None: ...

    @dataclass
    class Flushed(Message):
        """A write-through in the thread is over (``error``: it failed)."""

        error: OSError | None

    def start_keeping(self, folder: Path | None = None) -> None:
        """Keep unsaved text from now on (in ``folder``, default the data folder's), and
        offer back what an earlier editor of this script kept and never saved."""
        self.kept_files = RecoveryFiles(folder or locations.recovery_dir())
        self.kept = RecoveryWriter(self.kept_files, self.path)
        self._keep_warned = False
        self._keep_dirty = True
        self._keep_saved: str | None = None
        #: A write-through runs in a thread: one at a time, the next tick starts another.
        self._keep_busy = False
        self.set_interval(KEEP_EVERY, self._keep_tick)
        self._offer_kept()

    # ------------------------------------------------------------ write-through
    def _keep_tick(self) -> None:
        # The text is only joined again when it or the saved text changed.
        if self._keep_dirty or self.saved_text is not self._keep_saved:
            self._keep_dirty, self._keep_saved = False, self.saved_text
            text = self.source.text
            if not self.unsaved(text):
                if self.kept.written is not None or self.kept.pending:
                    self.kept.forget()
            else:
                self.kept.want(text, self._saved_hash())
        if self.kept.pending and not self._keep_busy:
            self._keep_busy = True
            # A failure that is not an OSError must not end the app: exit_on_error off.
            self.run_worker(self._keep_flush, thread=True, group="editor-keep", exit_on_error=False)

    def note_typed(self) -> None:
        """The text changed: the next tick writes it through."""
        self._keep_dirty = True

    def unsaved(self, text: str) -> bool:
        """``text`` would be lost if the editor went now (a file deleted on disk
        loses even the text that was saved)."""
        if text != self.saved_text:
            return True
        return bool(text) and not self.on_disk and not self.unsaved_copy

    def _saved_hash(self) -> str | None:
        if not (self.unsaved_copy or self.on_disk):
            return None
        # Hashed once per saved text, not on every tick (a 10,000-node script is 0.5 MB).
        if self._hashed is None or self._hashed[0] is not self.saved_text:
            self._hashed = (self.saved_text, text_hash(self.saved_text))
        return self._hashed[1]

    _hashed: tuple[str, str] | None = None

    def _keep_flush(self) -> None:
        error: OSError | None = None
        try:
            error = self.kept.flush()
        finally:
            # A message, not call_from_thread: that waits for the loop, which may be ending.
            self.post_message(self.Flushed(error))

    def on_kept_text_flushed(self, message: Flushed) -> None:
        message.stop()
        self._keep_busy = False
        if message.error is not None:
            self._keep_failed(message.error)

    def _keep_failed(self, error: OSError) -> None:
        if self._keep_warned:
            return
        self._keep_warned = True
        self.notify(
            f"Unsaved changes cannot be kept in {self.kept_files.folder}: "
            f"{error.strerror or error}. Save (ctrl+s) to keep them.",
            title="Not kept for recovery",
            severity="warning",
            timeout=10,
        )

    def keep_now(self) -> None:
        """Write the latest unsaved text at once (the process is about to end)."""
        text = self.source.text
        if not self.unsaved(text):
            self.kept.forget()
            return
        self.kept.want(text, self._saved_hash())
        self.kept.flush()

    def forget_kept(self) -> None:
        """The text was saved, or thrown away: nothing to offer back."""
        self.kept.forget()

    # ------------------------------------------------------------------ offer
    def _offer_kept(self) -> None:
        offers: list[Found] = []
        for found in self.kept_files.found(self.path):
            if found.file == self.kept.file:
                continue
            if found.recovery.alive():
                self.notify(
                    f"{self.path.name} is open in another Call Coach editor too "
                    f"(process {found.recovery.pid}); what is saved last wins.",
                    severity="warning",
                    timeout=10,
                )
            elif found.recovery.text == self.source.text:
                self.kept_files.drop(found.file)  # nothing unsaved in it after all
            else:
                offers.append(found)
        if not offers:
            return
        from coach.tui.dialogs.restore import RestoreDialog

        newest = offers[0]
        self.app.push_screen(
            RestoreDialog(self._offer_detail(newest), warning=self._offer_warning(newest)),
            lambda answer: self._kept_answered(newest, answer, len(offers) - 1),
        )

    def _offer_detail(self, found: Found) -> Content:
        kept = found.recovery
        when = when_made(kept.written_at, datetime.now().astimezone())
        parts: list[str | tuple[str, str]] = [
            f"Changes to {self.path.name} were not saved when Call Coach stopped; "
            f"they were kept {when}."
        ]
        difference = first_difference(self.source.text, kept.text)
        if difference is not None:
            number, line = difference
            shown = visible(line.strip())
            if len(shown) > SHOWN_LINE:
                shown = shown[: SHOWN_LINE - 1] + "…"
            parts += [f"\nFirst change, line {number}: ", (shown or "(empty)", "bold")]
        parts.append(
            "\nRestore puts them in the editor, unsaved; keep for later asks again "
            "next time; discard deletes them."
        )
        return Content.assemble(*parts)

    def _offer_warning(self, found: Found) -> str:
        if found.recovery.saved_hash == self._saved_hash():
            return ""
        if found.recovery.saved_hash is not None and self._saved_hash() is None:
            return f"{self.path.name} was deleted on disk since then."
        return (
            f"{self.path.name} changed on disk since then: restoring shows the kept text "
            "instead of the file's new version (the file is written only when you save)."
        )

    def _kept_answered(self, found: Found, answer: Answer | None, others: int) -> None:
        if answer == "restore":
            self.replace_text(found.recovery.text)
            # Kept again under this editor before the old file goes: never both gone.
            self.kept.want(found.recovery.text, self._saved_hash())
            error = self.kept.flush()
            if error is None:
                self.kept_files.drop(found.file)
            else:
                self._keep_failed(error)  # the old file stays: it holds the text too
            self.notify(f"Unsaved changes restored; ctrl+s saves them to {self.path.name}.")
        elif answer == "discard":
            self.kept_files.drop(found.file)
            self.notify("Unsaved changes discarded.")
        else:
            self.notify("Unsaved changes kept for later: they are offered again next time.")
            return
        if others:
            self.notify(
                f"{others} older set(s) of unsaved changes to {self.path.name} are kept too; "
                "they are offered the next time it is opened."
            )
