"""The pure call session: moves, back, side flows, captures, timing, snapshots."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from coach.call.session import CallSession, SessionError
from coach.script.model import (
    RETURN,
    Capture,
    ChecklistItem,
    Choice,
    Node,
    Scenario,
    Script,
    SideFlow,
    Variable,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float) -> None:
        self.now += seconds


def make_script() -> Script:
    nodes = {
        "hello": Node(
            "hello",
            "Hello, may I speak with {interviewer}?",
            choices=(
                Choice("{interviewer} is on the line", "status"),
                Choice("Voicemail", "voicemail"),
                Choice("Ask for {extension}", "status", if_="extension"),
            ),
            seconds=20,
        ),
        "status": Node(
            "status",
            "I interviewed for {position}.",
            capture=(Capture("decision_date", "When?", "date"),),
            choices=(
                Choice("Still deciding", "thanks"),
                Choice("Decided on {decision_date}", "thanks", if_="decision_date"),
            ),
        ),
        "thanks": Node("thanks", "Thank you.", end="pending"),
        "voicemail": Node("voicemail", "Leave a message.", end="voicemail"),
        "repeat": Node("repeat", "Could you repeat that?", next="clarify"),
        "clarify": Node("clarify", "Thanks, got it.", next=RETURN),
    }
    return Script(
        id="demo",
        title="Demo",
        nodes=nodes,
        start="hello",
        variables=(
            Variable("interviewer", "Who?", required=True),
            Variable("position", "Role", default="Analyst"),
            Variable("extension", "Extension"),
        ),
        checklist=(ChecklistItem("resume", "Resume"), ChecklistItem("quiet", "Quiet")),
        anytime=(SideFlow("repeat", "r"),),
        scenarios=(Scenario("deciding", "Deciding", "Say you are deciding", {"hello": "status"}),),
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_values_defaults_and_rendering(clock: FakeClock) -> None:
    s = CallSession(make_script(), {"interviewer": "Dana"}, clock=clock)
    assert s.values == {"interviewer": "Dana", "position": "Analyst", "extension": ""}
    assert s.render(s.node.say) == "Hello, may I speak with Dana?"
    labels = [v.label for v in s.visible_choices()]
    assert labels == ["Dana is on the line", "Voicemail"]  # `if: extension` hidden
    s2 = CallSession(make_script(), {}, clock=clock)
    assert s2.render(s2.node.say) == "Hello, may I speak with [interviewer]?"


def test_markup_in_values_stays_text(clock: FakeClock) -> None:
    s = CallSession(make_script(), {"interviewer": "[bold]x[/]"}, clock=clock)
    segs = s.render_segments(s.node.say)
    assert any(seg.text == "[bold]x[/]" and seg.field == "interviewer" for seg in segs)


def test_choose_advance_finish(clock: FakeClock) -> None:
    s = CallSession(make_script(), {"interviewer": "Dana"}, clock=clock)
    s.choose(1)
    assert s.current == "status"
    s.set_capture("decision_date", "2026-12-01")
    assert [v.key for v in s.visible_choices()] == ["1", "2"]
    s.choose("2")
    assert s.current == "thanks"
    s.advance()
    assert s.finished and s.outcome == "pending"
    assert s.path == ["hello", "status", "thanks"]
    with pytest.raises(SessionError):
        s.choose(1)


def test_invalid_moves_raise_session_error(clock: FakeClock) -> None:
    s = CallSession(make_script(), {}, clock=clock)
    with pytest.raises(SessionError):
        s.choose(9)
    with pytest.raises(SessionError):
        s.advance()  # a choices node needs a choice
    with pytest.raises(SessionError):
        s.back()
    with pytest.raises(SessionError):
        s.open_side_flow("z")
    with pytest.raises(SessionError):
        s.finish()


def test_side_flow_returns_and_back_undoes_return(clock: FakeClock) -> None:
    s = CallSession(make_script(), {}, clock=clock)
    s.choose(1)
    s.open_side_flow("r")
    assert s.current == "repeat" and s.in_side_flow
    s.advance()
    assert s.current == "clarify"
    s.advance()  # next: return
    assert s.current == "status" and not s.in_side_flow
    s.back()  # undo the return
    assert s.current == "clarify" and s.return_stack == ["status"]
    s.advance()
    assert s.current == "status"
    assert s.path == ["hello", "status", "repeat", "clarify", "status", "clarify", "status"]


def test_back_keeps_undone_steps_in_path(clock: FakeClock) -> None:
    s = CallSession(make_script(), {}, clock=clock)
    s.choose(1)
    s.back()
    assert s.current == "hello"
    s.choose(2)
    assert s.path == ["hello", "status", "hello", "voicemail"]
    assert [m.dst for m in s.history] == ["voicemail"]


def test_timing_and_budget(clock: FakeClock) -> None:
    s = CallSession(make_script(), {}, clock=clock)
    clock.tick(15)
    assert not s.over_budget()
    clock.tick(10)
    assert s.over_budget()
    s.choose(1)
    assert s.step_elapsed() == 0
    clock.tick(5)
    s.choose(1)
    s.advance()
    assert s.elapsed() == pytest.approx(30)
    assert s.node_times() == {"hello": 25, "status": 5, "thanks": 0}


def test_abandon(clock: FakeClock) -> None:
    s = CallSession(make_script(), {}, clock=clock)
    s.abandon()
    assert s.finished and s.abandoned and s.outcome is None


def test_practice_score(clock: FakeClock) -> None:
    script = make_script()
    scenario = script.scenarios[0]
    s = CallSession(script, {}, mode="practice", scenario=scenario, clock=clock)
    assert s.expected_move() == "status"
    s.choose(2)
    assert s.score() is not None and s.score().as_dict() == {"matched": 0, "total": 1}  # type: ignore[union-attr]
    s.back()
    s.choose(1)
    # The first move made at an expected step counts: a wrong turn put right is a miss.
    assert s.score().as_dict() == {"matched": 0, "total": 1}  # type: ignore[union-attr]
    right = CallSession(script, {}, mode="practice", scenario=scenario, clock=clock)
    right.choose(1)
    assert right.score().as_dict() == {"matched": 1, "total": 1}  # type: ignore[union-attr]


def test_snapshot_round_trip(clock: FakeClock) -> None:
    script = make_script()
    s = CallSession(script, {"interviewer": "Dana"}, checklist={"resume": True}, clock=clock)
    s.choose(1)
    s.open_side_flow("r")
    s.set_capture("decision_date", "2026-12-01")
    s.set_notes("They liked the portfolio.\nCall Friday.")
    clock.tick(12)
    snap = json.loads(json.dumps(s.snapshot()))
    assert snap["checklist"] == {"resume": True, "quiet": False}
    assert snap["path"] == ["hello", "status", "repeat"]
    r = CallSession.restore(script, snap, clock=clock)
    assert r.current == "repeat"
    assert r.notes == s.notes and r.captures == s.captures and r.values == s.values
    assert r.step_elapsed() == pytest.approx(12)
    r.advance()
    r.advance()
    assert r.current == "status"
    r.back()
    r.back()
    r.back()
    assert r.current == "status"
    r.back()
    assert r.current == "hello"


def test_restore_refuses_missing_node(clock: FakeClock) -> None:
    script = make_script()
    s = CallSession(script, {}, clock=clock)
    snap = s.snapshot()
    snap["current"] = "gone"
    with pytest.raises(SessionError):
        CallSession.restore(script, snap, clock=clock)


def test_dates_are_said_as_people_say_them(clock: FakeClock) -> None:
    script = make_script()
    nodes = dict(script.nodes)
    nodes["hello"] = Node("hello", "We met on {met}; decision {decision_date}.", end="pending")

    script = script._replace(
        nodes=nodes, variables=(*script.variables, Variable("met", "When", "date"))
    )
    tuesday = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    s = CallSession(script, {"met": "2026-11-23"}, clock=clock, wall=lambda: tuesday)
    # No year when it is this year's.
    assert s.render(s.node.say) == "We met on Monday 23 November; decision [decision_date]."
    s.set_capture("decision_date", "not yet")
    assert s.render(s.node.say) == "We met on Monday 23 November; decision not yet."
    # What people say is read on the call's own day, a time of day kept with it.
    s.set_capture("decision_date", "Thursday morning")
    assert s.render(s.node.say) == (
        "We met on Monday 23 November; decision Thursday 3 December in the morning."
    )
    s.set_capture("decision_date", "5 Jan")
    assert s.render(s.node.say).endswith("decision Tuesday 5 January 2027.")
    assert s.snapshot()["values"]["met"] == "2026-11-23"  # stored as typed
    assert s.snapshot()["captures"]["decision_date"] == "5 Jan"


def test_start_at_begins_the_walk_at_that_node(clock: FakeClock) -> None:
    s = CallSession(make_script(), {"interviewer": "Dana"}, clock=clock, start_at="status")
    assert s.current == "status"
    assert s.path == ["status"]
    assert not s.can_go_back()
    s.choose(1)
    assert s.current == "thanks"
    s.back()
    assert s.current == "status"
    default = CallSession(make_script(), {}, clock=clock, start_at=None)
    assert default.current == "hello"


def test_start_at_an_unknown_node_is_refused(clock: FakeClock) -> None:
    with pytest.raises(SessionError, match="'nowhere'"):
        CallSession(make_script(), {}, clock=clock, start_at="nowhere")


def test_moves_from_here_lists_every_place_one_key_leads_to(clock: FakeClock) -> None:
    s = CallSession(make_script(), {}, clock=clock)
    # Every choice, whatever its ``if``, once; then the side flow (returning here).
    assert s.moves_from_here() == [
        ("status", ()),
        ("voicemail", ()),
        ("repeat", ("hello",)),
    ]
    s.choose(1)
    s.open_side_flow("r")
    s.advance()
    # In the side flow: Enter returns, back undoes the last move.
    assert s.moves_from_here() == [
        ("status", ()),
        ("repeat", ("status", "clarify")),
        ("repeat", ("status",)),
    ]
    # Each is where the move really goes, with the stack it really has.
    dst, stack = s.moves_from_here()[0]
    s.advance()
    assert (s.current, tuple(s.return_stack)) == (dst, stack)
    s.choose(1)
    s.advance()  # finished
    assert s.moves_from_here() == []


def test_visible_choices_at_another_node(clock: FakeClock) -> None:
    march = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    s = CallSession(make_script(), {"interviewer": "Ms Lee"}, clock=clock, wall=lambda: march)
    status = s.script.nodes["status"]
    assert [v.label for v in s.visible_choices(status)] == ["Still deciding"]
    s.choose(1)
    s.set_capture("decision_date", "2026-03-10")
    s.back()
    labels = [v.label for v in s.visible_choices(status)]
    assert labels == ["Still deciding", "Decided on Tuesday 10 March"]
    assert [v.key for v in s.visible_choices()] == ["1", "2"]  # hello's own


def test_solo_is_kept_in_the_snapshot_for_practice_only(clock: FakeClock) -> None:
    script = make_script()
    solo = CallSession(script, {}, mode="practice", solo=True, clock=clock)
    assert solo.solo
    restored = CallSession.restore(script, json.loads(json.dumps(solo.snapshot())), clock=clock)
    assert restored.solo and restored.mode == "practice"
    live = CallSession(script, {}, solo=True, clock=clock)  # a real call is never solo
    assert not live.solo
    assert not CallSession.restore(script, live.snapshot(), clock=clock).solo
    old = {k: v for k, v in solo.snapshot().items() if k != "solo"}  # saved before solo was kept
    assert not CallSession.restore(script, old, clock=clock).solo
