"""The call screen's keys in a real terminal (issue 11, points 3 and 5).

- The footer offers only the keys that work at the step, in its words:
  choices and no Enter on the first step, "⏎ Continue" and no choices on a
  step that goes on, "⏎ Finish call (Left a voicemail)" on a final step.
- Enter on a step with choices only says so in the say box's edge; the
  choices stay in view and the call stays where it is.
- Tab on a step without fields does nothing: the next digit still moves.
- While the notes have the keys, the choices are drawn dimmed and a line
  says how to get back (esc); what is typed goes into the notes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tmux_driver import Tmux, flat

from tests.e2e.conftest import coach_log
from tests.e2e.test_call_tmux import start_call, tick_all_and_start

SIZES = [(100, 30), (60, 15)]


def footer(tmux: Tmux) -> str:
    return tmux.screen().rstrip("\n").splitlines()[-1]


def colours(tmux: Tmux, text: str) -> set[str]:
    """The text colours of the pane's row that shows ``text`` (24-bit SGR codes)."""
    ansi = tmux._run("capture-pane", "-p", "-e", "-t", tmux.name)
    for row in ansi.splitlines():
        if text in re.sub(r"\x1b\[[0-9;:]*m", "", row):
            return set(re.findall(r"38;2;(\d+;\d+;\d+)", row))
    raise AssertionError(f"{text!r} is not on screen:\n{tmux.screen()}")


def start(run_tmux: Callable[..., Tmux], size: tuple[int, int]) -> Tmux:
    """The follow-up call at its first step, in a pane of ``size``."""
    width, height = size

    def sized(args: str) -> Tmux:
        return run_tmux(args, width=width, height=height)

    tmux = start_call(sized)
    tick_all_and_start(tmux)

    # The app fills the pane: its footer (a frame after the step) is the pane's last row.
    def footer_shown(screen: str) -> bool:
        rows = screen.splitlines()
        return len(rows) == height and rows[-1].strip() != ""

    rows = tmux.wait_for(footer_shown).splitlines()
    assert len(rows) == height and rows[-1].strip().startswith("1-5 Choose"), rows
    return tmux


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_footer_offers_only_what_works_and_enter_says_why(
    run_tmux: Callable[..., Tmux], coach_home: Path, size: tuple[int, int]
) -> None:
    tmux = start(run_tmux, size)
    tmux.wait_for(lambda s: "1-5 Choose" in footer(tmux))
    first = footer(tmux)
    assert "⏎" not in first and "Back" not in first and "tab" not in first

    tmux.send("Enter")  # choices here: Enter only says so
    screen = tmux.wait_for("Enter does nothing here")
    assert "1 Dana Lee is on the line" in screen and "5 Nobody answers" in screen
    assert "May I speak with Dana Lee" in flat(screen)

    tmux.send("1", "1", "1")  # on the line, go ahead, not decided yet
    tmux.wait_for("When do you expect to")
    tmux.wait_for(lambda s: "⏎ Continue" in footer(tmux))
    going_on = footer(tmux)
    assert "Choose" not in going_on and "b Back" in going_on
    assert "Enter does nothing" not in tmux.screen()

    for _ in range(3):
        tmux.send("b")
    tmux.wait_for(lambda s: "1-5 Choose" in footer(tmux))
    tmux.send("4")  # voicemail: a final step
    tmux.wait_for(lambda s: "⏎ Finish call (Left a voicemail)" in footer(tmux))
    assert "Choose" not in footer(tmux)
    tmux.send("Enter")
    deadline = time.monotonic() + 10
    calls: list[dict[str, object]] = []
    while time.monotonic() < deadline:
        calls = coach_log(coach_home)
        if calls and calls[0]["status"] == "done":
            break
        time.sleep(0.2)
    assert calls[0]["outcome"] == "voicemail"
    path = calls[0]["path"]
    assert isinstance(path, list)
    assert path[:4] == ["hello", "introduce", "purpose", "pending_when"]
    assert path[-2:] == ["hello", "voicemail"]  # Enter on hello moved nothing


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_tab_without_fields_does_nothing_and_typing_dims_the_keys(
    run_tmux: Callable[..., Tmux], coach_home: Path, size: tuple[int, int]
) -> None:
    tmux = start(run_tmux, size)
    tmux.send("Tab")  # no fields at the first step: nothing happens
    tmux.send("1")  # so this is a move, not a note
    tmux.wait_for("Do you have two minutes?")
    assert "Typing" not in tmux.screen()

    live = colours(tmux, "1 Yes, go ahead")
    tmux.send("n")
    screen = tmux.wait_for("esc: back to the call keys")
    assert footer(tmux).lstrip().startswith("esc Back to the call keys")
    assert "1 Yes, go ahead" in screen  # still in view, drawn dimmed
    assert colours(tmux, "1 Yes, go ahead") != live
    tmux.type("1b")  # typed into the notes, not obeyed
    tmux.send("Escape")
    tmux.wait_for(lambda s: "esc: back to the call keys" not in flat(s))
    assert colours(tmux, "1 Yes, go ahead") == live
    tmux.send("1")
    tmux.wait_for("Have you reached a decision yet?")
    time.sleep(1.2)  # notes are written at most a second late
    call = coach_log(coach_home)[0]
    assert call["notes"] == "1b"
    assert call["path"] == ["hello", "introduce", "purpose"]
