"""The bundled call scripts and the starter: clean under --strict, and complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.script.load import check_path, load_path
from coach.script.model import RESERVED_KEYS, Scenario, Script

SCRIPT_DIR = Path(__file__).resolve().parents[2] / "coach" / "script"
BUNDLED = sorted((SCRIPT_DIR / "bundled").glob("*.yaml"))
STARTER = SCRIPT_DIR / "starter.yaml"
ALL = [*BUNDLED, STARTER]


def _reachable(script: Script, roots: list[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        node_id = stack.pop()
        if node_id not in seen:
            seen.add(node_id)
            stack.extend(script.node(node_id).targets())
    return seen


def _main_ends(script: Script) -> set[str]:
    """End nodes reachable from ``start`` without side flows."""
    return {n for n in _reachable(script, [script.start]) if script.node(n).is_end}


def _walk(script: Script, scenario: Scenario) -> list[str]:
    """The path a caller takes when following ``expect`` from ``start`` to an end."""
    path = [script.start]
    while True:
        node = script.node(path[-1])
        if node.is_end:
            return path
        if node.choices:
            assert path[-1] in scenario.expect, (
                f"{script.id}: scenario {scenario.id!r} says nothing at {path[-1]!r}"
            )
            path.append(scenario.expect[path[-1]])
        else:
            assert node.next is not None
            path.append(node.next)
        assert len(path) <= len(script.nodes), f"{scenario.id!r} loops"


@pytest.fixture(scope="module")
def follow_up() -> Script:
    return load_path(SCRIPT_DIR / "bundled" / "follow-up.yaml")


def test_the_three_bundled_scripts_are_there() -> None:
    assert [p.stem for p in BUNDLED] == ["application-check", "follow-up", "recruiter-callback"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_script_has_no_findings_at_all(path: Path) -> None:
    findings, unreadable = check_path(path)
    assert not unreadable
    assert [f.format() for f in findings] == []


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_script_loads_without_warnings(path: Path) -> None:
    script = load_path(path)
    assert script.id == path.stem
    assert script.warnings == ()
    assert script.title and script.description


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_scenarios_walk_to_an_end_and_cover_every_end(path: Path) -> None:
    script = load_path(path)
    assert script.scenarios
    covered: set[str] = set()
    for scenario in script.scenarios:
        walked = _walk(script, scenario)
        covered.add(walked[-1])
        # No expectation is written for a step the scenario never reaches.
        assert set(scenario.expect) <= set(walked), scenario.id
        assert scenario.brief.strip(), scenario.id
    if path != STARTER:
        assert covered == _main_ends(script)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_every_node_has_a_partner_line_and_side_flows_have_free_keys(path: Path) -> None:
    script = load_path(path)
    missing = [n.id for n in script.nodes.values() if not (n.partner or "").strip()]
    assert missing == []
    assert len(script.anytime) >= 2
    keys = [s.key for s in script.anytime]
    assert len(set(keys)) == len(keys)
    assert not set(keys) & RESERVED_KEYS
    assert all(item.why for item in script.checklist)


def test_follow_up_reaches_every_tracker_outcome(follow_up: Script) -> None:
    outcomes = {follow_up.node(n).end for n in _main_ends(follow_up)}
    assert outcomes >= {"offer", "rejected", "pending", "voicemail"}
    assert outcomes == {"offer", "rejected", "pending", "voicemail", "no_answer", "call_back"}


def test_follow_up_fields_the_tracker_reads(follow_up: Script) -> None:
    interview_date = follow_up.variable("interview_date")
    assert interview_date is not None and interview_date.type == "date"
    for capture_id in ("decision_date", "callback_date", "start_date"):
        capture = follow_up.capture(capture_id)
        assert capture is not None and capture.type == "date", capture_id
    for capture_id in (
        "first_impression",
        "concerns",
        "feedback",
        "department_location",
        "dress_code",
        "salary_talk",
    ):
        assert follow_up.capture(capture_id) is not None, capture_id
    required = {v.id for v in follow_up.variables if v.required}
    assert {"interviewer", "position"} <= required


def test_follow_up_branches_on_the_decision(follow_up: Script) -> None:
    purpose = follow_up.node("purpose")
    targets = set(purpose.targets())
    ends_after = {
        target: {follow_up.node(n).end for n in _reachable(follow_up, [target])} - {None}
        for target in targets
    }
    assert {"pending"} in ends_after.values()
    assert {"rejected"} in ends_after.values()
    assert {"offer"} in ends_after.values()
    hello = follow_up.node(follow_up.start)
    assert "{interviewer}" in hello.say
    assert len(hello.choices) >= 4  # interviewer, receptionist, not available, voicemail...


def test_follow_up_checklist_and_side_flows(follow_up: Script) -> None:
    items = {item.id: item for item in follow_up.checklist}
    assert {"resume", "references", "key_points", "contact", "quiet", "thank_you", "rehearsed"} <= (
        set(items)
    )
    assert all(item.why for item in items.values())
    assert items["resume"].required and items["quiet"].required
    repeat = follow_up.side_flow_for_key("r")
    assert repeat is not None and repeat.node == "repeat"
    assert follow_up.side_flow_for_key("u") is not None
    assert len(follow_up.answers) >= 3


def test_follow_up_scenarios_cover_every_outcome(follow_up: Script) -> None:
    ends = {
        scenario.id: follow_up.node(_walk(follow_up, scenario)[-1]).end
        for scenario in follow_up.scenarios
    }
    assert set(ends.values()) == {
        "offer",
        "rejected",
        "pending",
        "voicemail",
        "no_answer",
        "call_back",
    }
    # The receptionist scenario goes through the gatekeeper to the interviewer.
    gatekeeper = follow_up.scenario("gatekeeper")
    assert gatekeeper is not None
    assert _walk(follow_up, gatekeeper)[:3] == ["hello", "gatekeeper", "introduce"]


def test_follow_up_key_steps_have_time_budgets(follow_up: Script) -> None:
    for node_id in ("hello", "introduce", "purpose", "voicemail", "offer_details"):
        seconds = follow_up.node(node_id).seconds
        assert seconds is not None and seconds > 0, node_id
