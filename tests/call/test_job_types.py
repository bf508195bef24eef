"""Job, JobCall and NextStep are immutable values (named tuples, for the job commands' speed)."""

from __future__ import annotations

from datetime import date

import pytest

from coach.call.jobs import Job, JobCall
from coach.call.nextstep import NextStep


def test_jobs_and_calls_compare_by_value_and_cannot_change() -> None:
    job = Job(1, "Acme", interview_date=date(2026, 3, 2))
    assert job == Job(1, "Acme", interview_date=date(2026, 3, 2)) != Job(2, "Acme")
    assert job.position == "" and job.status == "open" and job.captured == {}
    with pytest.raises(AttributeError):
        job.company = "Globex"  # type: ignore[misc]
    with pytest.raises(TypeError):  # the shared default cannot be filled in by mistake
        job.captured["who"] = "Lee"  # type: ignore[index]
    assert job._replace(company="Globex").company == "Globex" and job.company == "Acme"
    call = JobCall(7, date(2026, 3, 3), "2026-03-03T10:00:00+00:00", "done", None, "follow-up")
    assert call.mode == "live" and call.captures == {} and call.duration_s is None
    assert repr(call).startswith("JobCall(id=7, called_on=datetime.date(2026, 3, 3), ")
    step = NextStep("none", None, None, "Nothing.", "heard")
    assert step.suggestion is None and step.why == "" and not step.is_due(date(2026, 3, 3))
