"""The call screen's footer: its keys on one line, redrawn only when they change.

Textual's ``Footer`` rebuilds all its widgets every time the bindings may have
changed, which on the call screen is every move: that cost more than the rest
of a move put together. This bar is one ``Static`` that recomputes the keys
from the screen's active bindings and updates itself only when they differ.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

Entry = tuple[str, str, bool]  # key shown, description, enabled


class KeyBar(Static):
    """The keys of the screen it is on, like a compact ``Footer``."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
        padding: 0 1 0 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown: tuple[Entry, ...] | None = None

    def entries(self) -> tuple[Entry, ...]:
        seen: set[tuple[str, str]] = set()
        entries: list[Entry] = []
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if not binding.show:
                continue
            shown = binding.key_display or self.app.get_key_display(binding)
            description = binding.description or key
            if (shown, description) in seen:
                continue
            seen.add((shown, description))
            entries.append((shown, description, active.enabled))
        return tuple(entries)

    def refresh_keys(self) -> None:
        entries = self.entries()
        if entries == self._shown:
            return
        self._shown = entries
        parts: list[Content] = []
        for shown, description, enabled in entries:
            key_style = "bold $footer-key-foreground" if enabled else "$foreground-disabled"
            text_style = "" if enabled else "$foreground-disabled"
            parts.append(Content.assemble((f" {shown} ", key_style), (description, text_style)))
        self.update(Content(" ").join(parts), layout=False)  # always one line
