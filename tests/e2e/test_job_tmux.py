"""A voicemail call on a job, from home, in a real terminal: its next step moves on home."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from tmux_driver import Tmux, flat

from coach.call.businessdays import WEEKDAYS
from tests.e2e.conftest import coach_cli, coach_json, coach_log


def job_row(screen: str) -> str:
    """The home row under the job's name: its next step and when."""
    lines = screen.splitlines()
    at = next(i for i, line in enumerate(lines) if "Acme Ltd" in line)
    return flat(lines[at + 1])


def test_a_voicemail_on_a_job_moves_its_next_step(
    run_tmux: Callable[..., Tmux], coach_home: Path
) -> None:
    today = date.today()
    interview = today - timedelta(days=8)  # about a week ago: a call is due now
    coach_cli(coach_home, "profile", "--set", "your_name=Sam Roe", "--set", "phone=555 0100")
    added = coach_cli(coach_home,
        "job", "add", "--company", "Acme Ltd", "--position", "Data analyst",
        "--interviewer", "Dana Lee", "--interview-date", interview.isoformat(),
    )  # fmt: skip
    job_id = int(added.strip().splitlines()[-1])
    [before] = coach_json(coach_home, "due")
    assert before["id"] == job_id and before["due"] is True and before["action"] == "call"

    tmux = run_tmux("")
    tmux.wait_for("Acme Ltd")
    row_before = job_row(tmux.screen())
    tmux.send("Enter")  # open the job
    tmux.wait_for("No calls yet")
    tmux.send("c")  # the next call: the job and the profile fill every fact but two optional
    tmux.wait_for("Already known")
    screen = flat(tmux.screen())
    assert "Dana Lee" in screen and "Acme Ltd" in screen
    # Only the two optional facts nobody knows are asked; the rest is listed as known,
    # below them.
    asked = screen.split("Already known", 1)[0]
    assert "Why you are a match" in asked and "Your full name" not in asked
    tmux.send("C-s")
    tmux.wait_for("resume in front of you")
    for _ in range(8):
        tmux.send("Space", "Down")
    tmux.send("s")
    tmux.wait_for("May I speak with Dana Lee")
    tmux.send("4")  # voicemail
    tmux.wait_for("calling to follow up")
    tmux.send("Enter")  # finish on the end node
    tmux.wait_for("Next step")
    summary = flat(tmux.screen())
    assert "Company Acme Ltd" in summary and "Position Data analyst" in summary
    tmux.send("q")  # leave the summary
    tmux.wait_for(lambda s: "Next step" not in flat(s) and "Acme Ltd" in flat(s))
    tmux.send("Escape")  # back from the job screen to home
    tmux.wait_for(lambda s: "Due now" in flat(s) or "Coming up" in flat(s))
    row_after = job_row(tmux.screen())
    assert row_after != row_before
    assert "Traceback" not in tmux.screen()

    [call] = coach_log(coach_home)
    assert call["job"] == job_id and call["outcome"] == "voicemail"
    assert call["company"] == "Acme Ltd" and call["position"] == "Data analyst"
    [after] = coach_json(coach_home, "due")
    # Voicemail: the second to the third business day after today's call.
    assert after["next_from"] == WEEKDAYS.add(today, 2).isoformat()
    assert after["next_until"] == WEEKDAYS.add(today, 3).isoformat()
    assert after["action"] == "call" and after["due"] is False
