"""The summary's content, computed without a terminal."""

from __future__ import annotations

from datetime import UTC, date, datetime

from coach.call.jobs import Job
from coach.call.nextstep import NextStep
from coach.call.report import build_report, report_markdown
from coach.call.session import CallSession
from coach.script.model import Capture, Node
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
    assert report.path == ["Hello", "Status", "Thanks"]
    assert report.checklist == [("Resume", True), ("Quiet", False)]
    [capture] = report.captures
    assert (capture.value, capture.long) == ("2026-03-06", "Friday 6 March")  # this year
    window = report.follow_up
    assert window is not None
    assert (window.earliest, window.latest) == (date(2026, 3, 9), date(2026, 3, 10))
    assert window.rule == "pending_decision"
    assert (report.follow_up_text or "").startswith("Call in 7 days (Mon 9 Mar). They said")
    assert report.follow_up_when == "Call in 7 days (Mon 9 Mar)"
    assert (report.follow_up_why or "").startswith("They said they would decide")


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


def test_the_path_leaves_out_moves_undone_and_the_record_keeps_them() -> None:
    clock = FakeClock()
    session = CallSession(make_script(), {"interviewer": "Dana"}, clock=clock)
    session.choose(2)  # voicemail, by mistake
    session.back()
    session.choose(1)
    session.open_side_flow("r")
    session.advance()  # repeat -> clarify
    session.advance()  # back to status
    session.choose(1)
    session.advance()
    report = build_report(session, date(2026, 3, 2))
    assert report.path == ["Hello", "Status", "Repeat", "Clarify", "Status", "Thanks"]
    assert session.path[:3] == ["hello", "voicemail", "hello"]  # the record keeps them all
    assert "Voicemail" not in report_markdown(report)


def test_a_capture_is_named_by_the_step_it_was_typed_at() -> None:
    """Two steps ask for one id in their own words: the summary uses the step's own."""
    script = make_script()
    callback = Capture("decision_date", "When may you call again?", "date")
    nodes = dict(script.nodes)
    nodes["hello"] = nodes["hello"]._replace(capture=(callback,))
    nodes["status"] = nodes["status"]._replace(capture=(Capture("decision_date", "When?", "date"),))
    nodes["late"] = Node("late", "Later.", capture=(callback,), end="pending")
    session = CallSession(script._replace(nodes=nodes), {"interviewer": "Dana"})
    session.choose(1)  # at "status", whose prompt is "When?"
    session.set_capture("decision_date", "2026-03-06")
    session.choose(1)
    session.advance()
    [line] = build_report(session, date(2026, 3, 2)).captures
    assert line.prompt == "When?"


def test_the_report_names_company_position_and_interviewer() -> None:
    session = _finished()
    report = build_report(session, date(2026, 3, 2))
    assert (report.company, report.position, report.interviewer) == ("", "Analyst", "Dana")
    job = Job(4, "Acme Ltd", "Data analyst", interviewer="Ms Lee")
    report = build_report(session, date(2026, 3, 2), job=job)
    assert (report.company, report.position, report.interviewer) == (
        "Acme Ltd",
        "Data analyst",
        "Ms Lee",
    )
    text = report_markdown(report)
    assert text.index("**Next step:**") < text.index("**Company:** Acme Ltd")
    assert "- **Interviewer:** Ms Lee" in text
