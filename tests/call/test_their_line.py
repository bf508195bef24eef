"""What the other side says at a step: the scenario's ``says`` line, else ``partner``."""

from __future__ import annotations

from datetime import datetime

from coach.call.practice import partner_card, partner_view, their_line
from coach.call.session import CallSession
from coach.script.model import Capture, Choice, Node, Scenario, Script, Variable

WALL = datetime(2026, 11, 30, 9, 0).astimezone()  # a Monday


def script() -> Script:
    nodes = {
        "hello": Node(
            "hello",
            "Hello, may I speak with {interviewer}?",
            choices=(Choice("They answer", "status"), Choice("Voicemail", "vm")),
            partner="Pick up as {interviewer}, or not at all.",
        ),
        "status": Node(
            "status",
            "Have you decided?",
            capture=(Capture("decision_date", "When?", "date"),),
            next="thanks",
            partner="Say where things stand.",
        ),
        "thanks": Node("thanks", "Thank you.", end="pending"),
        "vm": Node("vm", "Leave a message.", end="voicemail"),
    }
    scenario = Scenario(
        "deciding",
        "Still deciding",
        "You are {interviewer}.",
        {"hello": "status"},
        says={"status": "Not yet. We decide on {decision_date}; we met on {met}."},
    )
    return Script(
        id="t",
        title="T",
        nodes=nodes,
        start="hello",
        variables=(Variable("interviewer", "Who"), Variable("met", "Met", "date")),
        scenarios=(scenario,),
    )


def test_the_scenario_line_wins_and_the_partner_text_is_the_fallback() -> None:
    s = script()
    scenario = s.scenarios[0]
    assert their_line(scenario, s.nodes["status"]) == scenario.says["status"]
    assert their_line(scenario, s.nodes["hello"]) == "Pick up as {interviewer}, or not at all."
    assert their_line(scenario, s.nodes["thanks"]) is None
    assert their_line(None, s.nodes["status"]) == "Say where things stand."
    free = s.nodes["status"]._replace(partner="")
    assert their_line(None, free) is None


def test_solo_renders_the_line_with_dates_said_as_people_say_them() -> None:
    s = script()
    session = CallSession(
        s,
        {"interviewer": "Dana Lee", "met": "2026-11-24"},
        mode="practice",
        scenario=s.scenarios[0],
        solo=True,
        wall=lambda: WALL,
    )
    line = session.their_line()
    assert line is not None and session.render(line) == "Pick up as Dana Lee, or not at all."
    session.choose(1)
    session.set_capture("decision_date", "2026-12-04")
    said = session.render(session.their_line() or "")
    assert said == "Not yet. We decide on Friday 4 December; we met on Tuesday 24 November."


def test_the_partner_card_and_view_read_the_scenario_line_too() -> None:
    s = script()
    scenario = s.scenarios[0]
    values = {"interviewer": "Dana Lee", "met": "2026-11-24"}
    card = partner_card(s, scenario, values, today=WALL.date())
    by_node = {step.node: step.partner for step in card.steps}
    assert by_node["hello"] == "Pick up as Dana Lee, or not at all."
    assert by_node["status"].startswith("Not yet. We decide on [decision_date]")
    session = CallSession(s, values, mode="practice", scenario=scenario, wall=lambda: WALL)
    session.choose(1)
    view = partner_view(s, session.snapshot())
    assert view.partner.startswith("Not yet. We decide on [decision_date]")
