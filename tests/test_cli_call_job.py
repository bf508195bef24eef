"""``coach call SCRIPT --job ID``: the job fills the values, a wrong id is a clear exit 2."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from coach.cli import main
from coach.store import Store


def test_an_unknown_job_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "follow-up", "--job", "7"]) == 2
    err = capsys.readouterr().err
    assert "there is no job 7" in err and "coach job list" in err


def test_the_job_and_the_profile_fill_the_call(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach import settings

    settings.set_profile({"your_name": "Sam Roe"}, [])
    with Store() as store:
        job = store.add_job(
            "Acme Ltd",
            "Data analyst",
            interviewer="Dana Lee",
            phone="0123 456",
            interview_date=date(2026, 11, 23),
        )
    seen: dict[str, Any] = {}

    def fake_run_call(script: Any, values: dict[str, str], **kwargs: Any) -> int:
        seen.update(values=values, **kwargs)
        return 0

    monkeypatch.setattr("coach.tui.run.run_call", fake_run_call)
    assert main(["call", "follow-up", "--job", str(job.id), "--set", "interviewer=Dana"]) == 0
    values = seen["values"]
    assert values["company"] == "Acme Ltd" and values["position"] == "Data analyst"
    assert values["your_name"] == "Sam Roe"
    assert "their_phone" not in values  # not a variable of this script
    assert values["interviewer"] == "Dana"  # --set wins
    assert seen["job"] == job.id and seen["start"].timing
