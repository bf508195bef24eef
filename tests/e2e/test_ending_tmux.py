"""The end of a call in a real terminal: ``q`` asks how it ended (an outcome counts
like its end step), the summary stays until ``q`` and scrolls, and the details form
asks before Esc throws typing away."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from follow_up import VALUES
from tmux_driver import Tmux, flat

from tests.e2e.conftest import coach_json, coach_log, sets
from tests.e2e.test_call_tmux import start_call, tick_all_and_start


def newest_call(coach_home: Path, status: str) -> dict[str, object]:
    deadline = time.monotonic() + 10
    while True:
        calls = coach_log(coach_home)
        if (calls and calls[0]["status"] == status) or time.monotonic() > deadline:
            return calls[0]
        time.sleep(0.2)


def test_q_then_an_outcome_finishes_the_call_with_its_next_step(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    """The call really ended at "please call back later": q, then that outcome."""
    tmux = start_call(run_tmux)
    tick_all_and_start(tmux)
    tmux.send("1")  # on the line
    tmux.wait_for("Do you have two minutes?")
    tmux.send("1")  # go ahead
    tmux.wait_for("Have you reached a decision yet?")
    tmux.send("q")
    screen = flat(tmux.wait_for("How did the call end?"))
    for key, words in (("1", "Call back later"), ("2", "Decision pending"), ("s", "Just stop")):
        assert f"{key} {words}" in screen
    tmux.send("1")  # call back later
    summary = flat(tmux.wait_for("Next step"))
    assert "Call back later" in summary and "Next step Call" in summary
    assert "Company Acme" in summary and "Interviewer Dana Lee" in summary
    assert "Path Hello › Introduce › Purpose" in summary

    call = newest_call(coach_home, "done")
    assert call["status"] == "done" and call["outcome"] == "call_back"
    assert call["path"] == ["hello", "introduce", "purpose"]
    # The call joined a job (Acme, Data Analyst); its next step is a call, as after an end.
    [job] = coach_json(coach_home, "due")
    assert job["company"] == "Acme" and job["action"] == "call"
    assert "Traceback" not in tmux.screen()


def test_enter_pressed_too_often_keeps_the_summary_and_it_scrolls(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    tmux = run_tmux(f"call follow-up {sets()}", width=80, height=24)
    tmux.wait_for("resume in front of you")
    tick_all_and_start(tmux)
    tmux.send("4")  # voicemail
    tmux.wait_for("calling to follow up")
    tmux.send("n")
    tmux.type("Left my number twice.")
    tmux.wait_for("Left my number twice.")
    tmux.send("Escape")
    tmux.wait_for(lambda s: "Leave field" not in s)
    tmux.send("Enter", "Enter", "Enter", "Escape")  # finish, then keys once too often
    screen = tmux.wait_for("Next step")
    time.sleep(1.0)  # had a key left the summary, it would be gone by now
    screen = tmux.screen()
    assert "Next step" in flat(screen) and "[exited" not in screen
    assert "Left my number twice." not in screen  # the notes are below the fold at 80x24
    assert "Scroll" in screen and "q Done" in flat(screen)
    tmux.send("End")
    tmux.wait_for("Left my number twice.")
    tmux.send("Home")
    tmux.wait_for(lambda s: "Next step" in flat(s) and "Left my number" not in s)
    tmux.send("q")
    tmux.wait_for("[exited 0]")
    call = newest_call(coach_home, "done")
    assert call["outcome"] == "voicemail" and call["notes"] == "Left my number twice."


def test_details_open_on_the_first_field_and_esc_asks_first(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    # Every value but the position (required); an optional one given blank on purpose.
    given = {k: v for k, v in VALUES.items() if k != "position"} | {"forgot_to_mention": ""}
    options = " ".join(f"--set '{k}={v}'" for k, v in given.items())
    tmux = run_tmux(f"call follow-up {options}", width=60, height=15)
    screen = tmux.wait_for("Position you interviewed for")
    assert "Follow-up call after an interview" in screen  # the title is in view too
    assert "Something you wish you had said" not in screen.split("Already known")[0]
    tmux.type("Data Analyst")
    tmux.wait_for("Data Analyst")
    tmux.send("Escape")
    tmux.wait_for("Leave the call details?")
    tmux.send("n")  # stay: what was typed is still there
    tmux.wait_for(lambda s: "Leave the call details?" not in s and "Data Analyst" in s)
    tmux.send("Escape")
    tmux.wait_for("Leave the call details?")
    tmux.send("y")
    tmux.wait_for("[exited 0]")
    assert coach_log(coach_home) == []


def test_a_value_set_blank_on_purpose_does_not_bring_the_form(
    run_tmux: Callable[..., Tmux],
) -> None:
    options = sets() + " --set forgot_to_mention="
    tmux = run_tmux(f"call follow-up {options}")
    tmux.wait_for("resume in front of you")  # the checklist, straight away
    assert "call details" not in tmux.screen()
