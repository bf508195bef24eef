"""A small script built from the model, shared by the practice and stats tests."""

from __future__ import annotations

from typing import Any

from coach.call.practice import PracticeRun
from coach.call.session import Score, StepTime
from coach.script.model import Choice, Node, Scenario, Script, SideFlow, Variable


def small_script(scenarios: tuple[Scenario, ...] | None = None) -> Script:
    nodes = {
        "hello": Node(
            "hello",
            "Hello, may I speak with {interviewer}?",
            partner="Pick up as {interviewer}.",
            seconds=20,
            choices=(
                Choice("{interviewer} is on the line", "status"),
                Choice("Voicemail", "voicemail"),
            ),
        ),
        "status": Node(
            "status",
            "I am calling about the {position} role.",
            partner="Say where things stand.",
            choices=(
                Choice("Mention {extra}", "pending", if_="extra"),
                Choice("Still deciding", "pending"),
                Choice("Position filled", "filled"),
            ),
        ),
        "pending": Node("pending", "When will you decide?", partner="Give a date.", next="thanks"),
        "thanks": Node("thanks", "Thank you, {interviewer}.", end="pending"),
        "filled": Node("filled", "Thanks for telling me.", partner="Be kind.", end="rejected"),
        "voicemail": Node(
            "voicemail", "Leave a message.", partner="Play the greeting.", end="voicemail"
        ),
        "repeat": Node("repeat", "Could you repeat that?", partner="Say it again.", next="return"),
    }
    if scenarios is None:
        scenarios = (
            Scenario(
                "deciding",
                "Still deciding",
                "You are {interviewer}; you have not decided.",
                {"hello": "status", "status": "pending"},
            ),
            Scenario(
                "filled",
                "Position filled",
                "You are {interviewer}; the {position} role is gone.",
                {"hello": "status", "status": "filled"},
            ),
            Scenario("vm", "Voicemail", "Be the voicemail.", {"hello": "voicemail"}),
        )
    return Script(
        id="small",
        title="Small call",
        nodes=nodes,
        start="hello",
        variables=(
            Variable("interviewer", "Who?"),
            Variable("position", "Role?"),
            Variable("extra", "Extra?"),
        ),
        anytime=(SideFlow("repeat", "r"),),
        scenarios=scenarios,
    )


def run(
    scenario: str | None,
    rating: int | None = None,
    score: tuple[int, int] | None = None,
    started_at: str = "2026-03-02T10:00:00+00:00",
    steps: tuple[tuple[str, float], ...] = (),
) -> PracticeRun:
    return PracticeRun(
        scenario=scenario,
        rating=rating,
        score=Score(*score) if score else None,
        started_at=started_at,
        steps=tuple(StepTime(n, s) for n, s in steps),
    )


class FakeRecord:
    """Stands in for ``coach.store.CallRecord`` (the fields practice reads)."""

    def __init__(
        self,
        call_id: int,
        *,
        script: str = "small",
        mode: str = "practice",
        scenario: str | None = "deciding",
        status: str = "done",
        started_at: str = "2026-03-02T10:00:00+00:00",
        outcome: str | None = "pending",
        snapshot: dict[str, Any] | None = None,
    ) -> None:
        self.id = call_id
        self.script = script
        self.mode = mode
        self.scenario = scenario
        self.status = status
        self.started_at = started_at
        self.outcome = outcome
        self.snapshot = snapshot if snapshot is not None else {}
