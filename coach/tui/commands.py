"""Command palette: start, edit or create a script, see recent calls, switch the theme."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class CoachCommands(Provider):
    """The app's main actions in the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, str, object]]:
        from coach.tui.app import CoachApp

        app = self.app
        assert isinstance(app, CoachApp)
        commands: list[tuple[str, str, object]] = [
            ("Show recent calls", "The calls you made, newest first", app.action_recent_calls),
            (
                "Toggle dark/light theme",
                "Switch between the dark and light theme",
                app.action_toggle_theme,
            ),
        ]
        commands.append(
            (
                "New script",
                "Create your own call script from a commented starter and edit it",
                app.action_new_script,
            )
        )
        for entry in app.script_entries():
            if entry.script is not None:
                commands.append(
                    (
                        f"Start call: {entry.title}",
                        entry.description or f"{entry.source} script {entry.id}",
                        partial(app.start_script, entry.id),
                    )
                )
        for entry in app.script_entries():
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
                    partial(app.edit_script, str(entry.path)),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)  # type: ignore[arg-type]
