"""The script editor as an app of its own (the editor's tests run it)."""

from __future__ import annotations

from pathlib import Path

from coach.tui.base import BaseApp
from coach.tui.screens.editor import EditorScreen


class EditorApp(BaseApp[int]):
    """The editor on its own, without the call walk (the editor's own tests use it).

    ``coach edit`` runs the full app instead (``coach.tui.app.run_editor``),
    where ``ctrl+r`` rehearses; here ``ctrl+r`` says how to rehearse.
    """

    TITLE = "Call Coach editor"

    def __init__(
        self, path: Path, *, notice: str | None = None, initial_text: str | None = None
    ) -> None:
        super().__init__()
        self.path = path
        self.notice = notice
        self.initial_text = initial_text

    def on_mount(self) -> None:
        screen = EditorScreen(self.path, notice=self.notice, initial_text=self.initial_text)
        self.push_screen(screen, self._done)

    def _done(self, _result: Path | None) -> None:
        self.exit(0)

    async def action_quit(self) -> None:
        # The app's ctrl+q outranks the screen's: still ask about unsaved text.
        # While a question is open, it is answered first (y/n).
        if isinstance(self.screen, EditorScreen):
            self.screen.action_leave()
        elif not any(isinstance(s, EditorScreen) for s in self.screen_stack):
            self.exit(0)

    def on_editor_screen_rehearse_requested(self, message: EditorScreen.RehearseRequested) -> None:
        # Practice runs in the full app (``coach``, which pushes this screen
        # and handles the message); on its own the editor says how instead.
        self.notify(
            f"To rehearse, save and run: coach practice {message.script.id}",
            title=f"Rehearse from '{message.node_id}'",
        )
