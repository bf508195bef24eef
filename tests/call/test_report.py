"""The summary's content, computed without a terminal."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coach.call.nextstep import NextStep
from coach.call.report import build_report, report_markdown
from coach.call.session import CallSession
from tests.call.test_session import FakeClock, make_script

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _finished(mode: str = "live") -> CallSession:
    clock = FakeClock()
    session = CallSession(
        make_script(),
        {"interviewer": "Dana"},
        mode="practice" if mode == "practice" else "live",
        checklist={"resume": True},
        clock=clock,
        wall=lambda: MONDAY,
    )
    session.choose(1)
    session.set_capture("decision_date", "2026-03-06")
    clock.tick(65)
    session.choose(1)
    session.advance()
    return session


def test_a_finished_live_call_gets_its_follow_up_from_the_rules() -> None:
    report = build_report(_finished(), date(2026, 3, 2))
    assert report.outcome == "Decision pending" and report.duration == "1 min 05 s"
    assert report.path == ["hello", "status", "thanks"]
    assert report.checklist == [("Resume", True), ("Quiet", False)]
    [capture] = report.captures
    assert (capture.value, capture.long) == ("2026-03-06", "Friday 6 March")  # this year
    window = report.follow_up
    assert window is not None
    assert (window.earliest, window.latest) == (date(2026, 3, 9), date(2026, 3, 10))
    assert window.rule == "pending_decision"
    assert (report.follow_up_text or "").startswith("Call in 7 days (Mon 9 Mar). They said")


def test_the_jobs_step_wins_and_practice_has_none() -> None:
    stored = NextStep("email", date(2026, 3, 4), date(2026, 3, 5), "Stored.", "pending_no_date")
    report = build_report(_finished(), date(2026, 3, 4), stored)
    assert report.follow_up == stored
    assert report.follow_up_text == "Email today or tomorrow. Stored."
    practice = build_report(_finished("practice"), date(2026, 3, 2), stored)
    assert practice.follow_up is None and practice.follow_up_text is None


def test_markdown_escapes_what_the_user_typed() -> None:
    session = _finished()
    session.set_notes("# not a heading")
    text = report_markdown(build_report(session, date(2026, 3, 2)))
    assert text.startswith("# Demo\n")
    assert "- **Outcome:** Decision pending" in text
    assert "- [x] Resume" in text and "- [ ] Quiet" in text
    assert text.endswith("## Notes\n\n# not a heading\n")
