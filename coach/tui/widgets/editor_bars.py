"""The editor's one-line bars under the text: find (``ctrl+f``) and go to line (``ctrl+g``).

Each bar is an input with a label and a status. It posts what the user asked
for (:class:`FindBar.Find`, :class:`LineBar.Go`) and the editor screen does it
and answers with :meth:`EditorBar.say` ("3 of 7", "wrapped to the top",
"no match", "there is no line 90"). ``escape`` closes a bar and returns to the
text (the screen's ``escape`` does it: see ``EditorScreen.action_escape``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static


class EditorBar(Horizontal):
    """A label, an input and a status line, shown under the text while open."""

    DEFAULT_CSS = """
    EditorBar {
        display: none;
        height: 1;
        padding: 0 1;
        background: $panel;
        &.-open { display: block; }
        Label { width: auto; padding: 0 1 0 0; color: $text-accent; text-style: bold; }
        Input { width: 30; height: 1; border: none; padding: 0 1; }
        Input:focus { border: none; background: $boost; }
        .bar-status { width: 1fr; padding: 0 0 0 2; color: $text-muted; }
        .bar-status.-bad { color: $text-error; }
    }
    """

    LABEL = ""
    PLACEHOLDER = ""

    def compose(self) -> ComposeResult:
        yield Label(self.LABEL)
        yield Input(placeholder=self.PLACEHOLDER, select_on_focus=True)
        yield Static(classes="bar-status")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def status(self) -> str:
        return str(self.query_one(".bar-status", Static).content)

    def open(self, value: str | None = None) -> None:
        """Show the bar and put the cursor in its input (``value`` replaces its text)."""
        if value is not None:
            self.input.value = value
        self.add_class("-open")
        self.input.focus()

    def close(self) -> None:
        self.remove_class("-open")
        self.say("")

    def say(self, text: str, *, bad: bool = False) -> None:
        """Show ``text`` after the input (``bad``: in the error colour)."""
        status = self.query_one(".bar-status", Static)
        status.update(Content(text))
        status.set_class(bad, "-bad")


class FindBar(EditorBar):
    """``ctrl+f``: find text; ``enter``/``↓`` the next match, ``↑`` the previous one."""

    LABEL = "Find"
    PLACEHOLDER = "text to find"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,ctrl+n", "step(False)", "Next", key_display="enter/↓", tooltip="Next match"),
        Binding(
            "up,shift+enter", "step(True)", "Previous", key_display="↑", tooltip="Previous match"
        ),
        Binding("escape", "screen.escape", "Close", tooltip="Close and go back to the text"),
    ]

    @dataclass
    class Find(Message):
        """Find ``query``: the next match, the previous one, or (``again``) from the current one."""

        query: str
        backwards: bool = False
        #: Typing changed the query: the match at the cursor may stay the match.
        again: bool = False

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Find(event.value, again=True))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Find(event.value))

    def action_step(self, backwards: bool) -> None:
        self.post_message(self.Find(self.input.value, backwards=backwards))


class LineBar(EditorBar):
    """``ctrl+g``: go to a line (``14``, or ``14:7`` for a column too)."""

    LABEL = "Go to line"
    PLACEHOLDER = "line, or line:column"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.escape", "Close", tooltip="Close and go back to the text"),
    ]

    @dataclass
    class Go(Message):
        """Go to the line the user typed (``typed`` as it is)."""

        typed: str

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Go(event.value))
