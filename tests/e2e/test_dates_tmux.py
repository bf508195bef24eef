"""Dates typed as people say them, in a real terminal (issue 11, points 1 and 2):
the text stays on screen at 100x30 and 140x40, the day understood shows at once,
the record keeps the text as typed, and the follow-up reads it."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from tmux_driver import Tmux, flat

from coach.call.dates import spoken_date
from tests.e2e.conftest import coach_json, coach_log, sets


def on_a_line(screen: str, *texts: str) -> bool:
    """Each text is on one line of the screen (the side column is not wrapped into it)."""
    lines = screen.splitlines()
    return all(any(text in line for line in lines) for text in texts)


def to_pending_when(tmux: Tmux) -> None:
    tmux.wait_for("resume in front of you")
    for _ in range(8):
        tmux.send("Space", "Down")
    tmux.send("s")
    tmux.wait_for("May I speak with Dana Lee")
    tmux.send("1")
    tmux.wait_for("Do you have two minutes?")
    tmux.send("1")
    tmux.wait_for("Have you reached a decision yet?")
    tmux.send("1")
    tmux.wait_for("When do you expect")


@pytest.mark.parametrize("size", [(100, 30), (140, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_dates_as_people_say_them(
    run_tmux: Callable[..., Tmux], coach_home: Path, size: tuple[int, int]
) -> None:
    today = date.today()
    end_of_next_week = today - timedelta(days=today.weekday()) + timedelta(days=11)
    next_thursday = end_of_next_week - timedelta(days=1)
    tmux = run_tmux(f"call follow-up {sets()}", *size)
    to_pending_when(tmux)

    # Point 1: the text typed stays on screen, with the day understood under it.
    tmux.send("Tab")
    tmux.type("end of next week")
    friday = spoken_date(end_of_next_week, today)
    screen = tmux.wait_for(lambda s: on_a_line(s, "end of next week", friday))
    assert "Not a date" not in screen
    # The wide layout: the fields in the side column, right of the step.
    (line,) = [line for line in screen.splitlines() if "end of next week" in line]
    assert line.index("end of next week") > 60, screen
    tmux.send("Escape")
    screen = tmux.wait_for(lambda s: "esc Leave field" not in s)
    assert on_a_line(screen, "end of next week", friday)

    # Text that names no day is kept, and said to be kept.
    tmux.send("Enter")  # on to when we may call again
    tmux.wait_for("If I haven")
    tmux.send("Tab")
    tmux.type("when they can")
    tmux.wait_for(lambda s: on_a_line(s, "when they can", "not a date I know"))
    for _ in range(len("when they can")):
        tmux.send("BSpace")
    tmux.wait_for(lambda s: "not a date I know" not in s)  # blank again: no hint
    # Point 2: a day and a time of day, read at once.
    tmux.type("next Thursday morning")
    thursday = spoken_date(next_thursday, today)
    tmux.wait_for(lambda s: on_a_line(s, "next Thursday morning", f"{thursday} in the"))
    tmux.send("Escape")
    tmux.wait_for(lambda s: "esc Leave field" not in s)

    # Walk on to the end (Enter at `next` steps, choice 2 where offered).
    for _ in range(12):
        screen = tmux.screen()
        if "I look forward to hearing" in flat(screen):
            break
        before = screen.splitlines()[0]
        offered = "No concerns" in flat(screen) or "Offer more information" in flat(screen)
        tmux.send("2" if offered else "Enter")

        def moved(s: str, before: str = before) -> bool:
            return s.splitlines()[0] != before

        tmux.wait_for(moved)
        settled(tmux)  # the whole step drawn, not only its first line
    tmux.wait_for("I look forward to hearing")
    tmux.send("Enter")
    tmux.wait_for("pending", timeout=10)

    (call,) = coach_log(coach_home)
    captures = call["captures"]
    assert isinstance(captures, dict)
    assert captures["decision_date"] == "end of next week"  # kept exactly as typed
    assert captures["callback_date"] == "next Thursday morning"
    (due,) = coach_json(coach_home, "due")
    assert due["next_from"] == next_thursday.isoformat()
    assert "call back on" in str(due["reason"])


def settled(tmux: Tmux, timeout: float = 10.0) -> None:
    """Wait until two captures in a row agree: the screen is drawn whole (a step's
    first line can change a frame before its text, and a walk that read the
    screen in between pressed Enter once too often)."""
    deadline = time.monotonic() + timeout
    before = tmux.screen()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = tmux.screen()
        if now == before:
            return
        before = now
