"""12,800 characters typed into the call's notes as single keys (not a
bracketed paste, issue 14): every one lands, in order, and the call answers
its keys after them."""

from __future__ import annotations

from collections.abc import Callable

from textual import events

from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from tests.tui.scripts import no_checklist_script

SIZE = (120, 40)
VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}
#: A long word (folded over rows) then words: both ways a long line wraps.
TYPED = ("x" * 3000 + " " + "note that they want SQL and Python, " * 300)[:12_800]


async def test_12800_keys_typed_into_the_notes_all_land(
    make_app: Callable[..., CoachApp], store: Store
) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        # As a terminal delivers a burst of keys: all queued at once, each
        # its own key event (what the driver posts for each character read).
        for character in TYPED:
            key = "space" if character == " " else character
            app.post_message(events.Key(key, character))
        for _ in range(600):
            if len(screen.session.notes) >= len(TYPED):
                break
            await pilot.pause(0.05)
        assert screen.session.notes == TYPED
        await pilot.press("escape", "1")
        assert screen.session.current == "status"  # the call's keys work again
        await pilot.pause(0.7)  # the tick writes the notes through
        assert store.calls()[0].snapshot["notes"] == TYPED
