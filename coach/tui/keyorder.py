"""Keys are handled one after the other, in the order they were typed.

Textual hands each key to the focused widget's own message queue and comes
back for the next one at once. A printable key is handled there (a text area
inserts it), but a bound key (backspace, an arrow, ``ctrl+home``, ``ctrl+g``)
bubbles on to the screen and the app before its action runs, and meanwhile the
widget has already taken the keys typed after it: ``abc``, backspace, ``d``
sent in one go can read ``abdc``; ``ctrl+end`` then ``# last`` types at the
start; ``ctrl+g 12 enter`` types ``12`` into the text instead of the line bar,
because the bar took the focus after the digits were handed out (Textual
issue #6605). Keys bunch up like that when they come from tmux send-keys, a
paste outside bracketed paste, a macro, or ssh on a slow link.

:class:`KeyOrder` holds each key until the one before it has been handled all
the way: the widget it went to, each of the widget's parents, and the app
(where the bound action runs, and where a change of focus is queued) have
worked through their queues. Then the next key goes to whatever has the focus
now. Characters typed into a text field follow each other at once (the field
takes them in order and they move nothing elsewhere); the key after a bound key,
after a key to anything else, or after the last character of a run waits (a
priority binding such as Continue would otherwise read the field before it
took its last characters). Keys typed at a human pace never wait (the one
before is long done). A key whose handling takes longer than :data:`PATIENCE`
(a slow action, a widget removed meanwhile) stops holding the rest back: keys
are never lost, at worst handled as Textual would.

This reads Textual's private per-widget queues (``MessagePump._message_queue``),
so it is on only for the Textual releases in :mod:`coach.tui.compat`.
"""

from __future__ import annotations

import asyncio
import functools
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message_pump import MessagePump

from coach.tui import compat

#: Seconds one key may hold back the next at most.
PATIENCE = 0.5

#: Turns of the event loop a key waits without sleeping (most keys need one or two).
QUICK_TURNS = 20

Dispatch = Callable[[events.Key], Awaitable[None]]


#: Textual's text fields, by module and name (importing them would cost start-up time).
TEXT_FIELDS = frozenset(
    {("textual.widgets._input", "Input"), ("textual.widgets._text_area", "TextArea")}
)


@functools.cache
def is_text_field(cls: type) -> bool:
    """``cls`` is (or extends) one of Textual's text fields."""
    return any((base.__module__, base.__name__) in TEXT_FIELDS for base in cls.__mro__)


def _settled(pump: MessagePump) -> bool:
    """Nothing queued for ``pump``, and no message of it half handled.

    An empty queue alone was not enough: a handler that awaits (the line bar's
    input taking Enter, then posting what was submitted) leaves its queue
    empty before the message it posts exists, and the next key (``!`` typed at
    once) went to the bar's input as it closed. asyncio's count of unfinished
    items is one until Textual marks the message done, after its handler.
    """
    queue: asyncio.Queue[Any] = pump._message_queue
    return queue.empty() and getattr(queue, "_unfinished_tasks", 0) == 0


class KeyOrder:
    """One app's keys, each held until the key before it is handled."""

    def __init__(self, app: App[Any], dispatch: Dispatch) -> None:
        self._app = app
        self._dispatch = dispatch  # Textual's own handling of a key from the terminal
        self._waiting: deque[events.Key] = deque()
        self._busy = False
        self._tasks: set[asyncio.Task[None]] = set()
        self.enabled = compat.private_ok()

    @property
    def held(self) -> int:
        """Keys waiting for the one before them."""
        return len(self._waiting)

    async def submit(self, key: events.Key) -> None:
        """Handle ``key`` now, or after the keys typed before it."""
        if not self.enabled:
            await self._dispatch(key)
            return
        if self._busy:
            self._waiting.append(key)
            return
        await self._run(key)

    async def _run(self, key: events.Key) -> None:
        self._busy = True
        app = self._app
        while True:
            try:
                target: DOMNode = app.focused or app.screen
                await self._dispatch(key)
            except BaseException:
                self._busy = False
                raise
            # The next key follows at once only if it is one more character for
            # the same field. Any other key waits until the field has taken the
            # characters: a priority binding (Continue, Save) runs as soon as its
            # key is handed out, and would read the field without the last ones.
            if not self.streams(key, target) or not self._waiting:
                break
            if not self.streams(self._waiting[0], target):
                break
            key = self._waiting.popleft()
        task = asyncio.create_task(self._settle(target))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    def streams(key: events.Key, target: DOMNode) -> bool:
        """True if the key after ``key`` need not wait: a character typed into a
        text field is taken there, in order, and moves nothing elsewhere."""
        return (
            key.is_printable
            and is_text_field(type(target))
            and not getattr(target, "read_only", False)
        )

    async def _settle(self, target: DOMNode) -> None:
        try:
            await self._handled(target)
        except Exception:
            pass  # hold the rest back no longer; they are handled as Textual would
        finally:
            self._next()

    async def _handled(self, target: DOMNode) -> None:
        """Return once the key's widget, its parents, the focused widget's and the
        app have emptied their queues (or :data:`PATIENCE` ran out)."""
        app = self._app
        loop = asyncio.get_running_loop()
        deadline = loop.time() + PATIENCE
        turns = 0
        while loop.time() < deadline:
            # Let every widget's queue run; after a few quick turns, sleep a little.
            await asyncio.sleep(0 if turns < QUICK_TURNS else 0.001)
            turns += 1
            pumps: list[MessagePump] = [target, *target.ancestors, app.screen, app]
            if app.focused is not None:
                pumps += [app.focused, *app.focused.ancestors]
            if all(_settled(pump) for pump in pumps):
                return

    def _next(self) -> None:
        """Hand on the next held key, from the app's own queue (after what is queued there)."""
        if not self._waiting:
            self._busy = False
            return
        if not self._app.call_later(self._release):
            self._busy = False  # the app is closing: nothing more to hand on
            self._waiting.clear()

    async def _release(self) -> None:
        if not self._waiting:
            self._busy = False
            return
        await self._run(self._waiting.popleft())
