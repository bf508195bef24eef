"""Keys sent in one burst are handled in the order they were typed (coach/tui/keyorder.py).

The burst is posted to the app all at once, as the terminal driver does when
tmux, a paste outside bracketed paste or ssh delivers many keys in one read
(``pilot.press`` would wait for each key and hide the problem).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.widgets import Input

from coach.tui import keyorder
from coach.tui.base import BaseApp
from coach.tui.editor_app import EditorApp
from coach.tui.screens.editor import EditorScreen
from tests.tui.editor.test_editor import SCRIPT

CHARACTERS = {"space": " ", "number_sign": "#", "exclamation_mark": "!"}


def burst(app: BaseApp[Any], *keys: str) -> None:
    """Post ``keys`` to the app in one go, as the driver does with one read."""
    for key in keys:
        char = CHARACTERS.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, char))


async def settled(pilot: Pilot[Any], done: Callable[[], bool], timeout: float = 5) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not done() and loop.time() < deadline:
        await pilot.pause(0.02)


class TwoFields(BaseApp[None]):
    """Two inputs; ctrl+g moves to the second (focus() is deferred by Textual)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+g", "second", "Second"),
        Binding("ctrl+w", "slow", "Slow"),
        Binding("ctrl+s", "read", "Read", priority=True),
    ]
    #: The first field's value when ctrl+s (a priority binding, as Continue
    #: and Save are) last ran.
    read: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(id="first")
        yield Input(id="second")

    def action_second(self) -> None:
        self.query_one("#second", Input).focus()

    async def action_slow(self) -> None:
        await asyncio.sleep(keyorder.PATIENCE * 3)

    def action_read(self) -> None:
        self.read = self.value("first")

    def value(self, which: str) -> str:
        return self.query_one(f"#{which}", Input).value


async def test_a_bound_key_amid_typed_ones_keeps_its_place() -> None:
    app = TwoFields()
    async with app.run_test() as pilot:
        burst(app, "a", "b", "c", "backspace", "d", "left", "left", "x", "end", "!")
        await settled(pilot, lambda: app.value("first").endswith("!"))
        assert app.value("first") == "axbd!"


async def test_a_priority_key_after_typed_ones_sees_what_was_typed() -> None:
    # Continue (ctrl+s) right after the last characters of a field, in one
    # burst, read the field before it had taken them: "Cannot continue yet".
    app = TwoFields()
    async with app.run_test() as pilot:
        burst(app, "a", "b", "c", "ctrl+s")
        await settled(pilot, lambda: app.read is not None)
        assert app.read == "abc"


async def test_keys_after_a_change_of_focus_go_to_the_new_field() -> None:
    app = TwoFields()
    async with app.run_test() as pilot:
        burst(app, "a", "ctrl+g", "b", "c")
        await settled(pilot, lambda: app.value("second") == "bc")
        assert (app.value("first"), app.value("second")) == ("a", "bc")


async def test_a_slow_action_holds_the_next_keys_back_a_moment_and_never_loses_them() -> None:
    app = TwoFields()
    async with app.run_test() as pilot:
        burst(app, "ctrl+w", "o", "k")
        await settled(pilot, lambda: app.value("first") == "ok")
        assert app.value("first") == "ok"
        assert app.key_order.held == 0


@pytest.fixture
def script_path(tmp_path: Path) -> Path:
    path = tmp_path / "keys.yaml"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


async def test_the_editor_takes_a_burst_of_moves_finds_and_jumps_in_order(
    script_path: Path,
) -> None:
    app = EditorApp(script_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        await settled(pilot, lambda: screen.structure.script is not None)
        burst(app, "ctrl+end", "number_sign", "space", "e", "ctrl+home", "number_sign")
        burst(app, "ctrl+g", "1", "2", "enter", "ctrl+e", "exclamation_mark")
        await settled(pilot, lambda: "!" in screen.source.text)
        lines = screen.source.text.splitlines()
        assert lines[0] == "#title: Editor test"
        assert lines[11] == "    say: Thank you.!"
        assert lines[-1] == "# e"


def test_a_message_taken_but_not_yet_handled_holds_the_next_key() -> None:
    """An empty queue is not enough: the message taken from it may still be
    handled (a handler that awaits, then posts what comes next)."""
    import asyncio
    from types import SimpleNamespace

    from coach.tui.keyorder import _settled

    pump = SimpleNamespace(_message_queue=asyncio.Queue())
    assert _settled(pump)  # type: ignore[arg-type]
    pump._message_queue.put_nowait("key")
    assert not _settled(pump)  # type: ignore[arg-type]
    pump._message_queue.get_nowait()
    assert not _settled(pump)  # type: ignore[arg-type]  # taken, still being handled
    pump._message_queue.task_done()
    assert _settled(pump)  # type: ignore[arg-type]
