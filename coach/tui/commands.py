"""Command palette: add a job; start, edit or create a script; recent calls; the theme."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.message import Message

from coach.tui.messages import AddJob, EditScript, NewScript, StartCall

if TYPE_CHECKING:
    from coach.script.library import ScriptEntry


@runtime_checkable
class PaletteHost(Protocol):
    """What the palette needs from the app it runs in (``CoachApp``)."""

    def script_entries(self) -> list[ScriptEntry]: ...

    def action_recent_calls(self) -> None: ...

    def action_toggle_theme(self) -> None: ...

    def post_message(self, message: Message) -> bool: ...


def _poster(app: PaletteHost, make: Callable[[], Message]) -> Callable[[], None]:
    """A command that posts a new message from ``make`` to the app (which acts on it)."""

    def post() -> None:
        app.post_message(make())

    return post


class CoachCommands(Provider):
    """The app's main actions in the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        assert isinstance(app, PaletteHost)
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            ("Show recent calls", "The calls you made, newest first", app.action_recent_calls),
            (
                "Toggle dark/light theme",
                "Switch between the dark and light theme",
                app.action_toggle_theme,
            ),
            (
                "Add a job",
                "A job you applied or interviewed for: Call Coach says when to call",
                _poster(app, AddJob),
            ),
            (
                "New script",
                "Create your own call script from a commented starter and edit it",
                _poster(app, NewScript),
            ),
        ]
        entries = app.script_entries()
        for entry in entries:
            if entry.script is not None:
                commands.append(
                    (
                        f"Start call: {entry.title}",
                        entry.description or f"{entry.source} script {entry.id}",
                        _poster(app, partial(StartCall, entry.id)),
                    )
                )
        for entry in entries:
            # Broken scripts too: the editor is where they get fixed.
            help_text = (
                "A bundled script: your own copy is made first"
                if entry.source == "bundled"
                else str(entry.path)
            )
            commands.append(
                (
                    f"Edit script: {entry.title}",
                    help_text,
                    _poster(app, partial(EditScript, str(entry.path))),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
