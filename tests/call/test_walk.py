"""The call walk's rules, one row per transition (pinned to the app's walk before it moved)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, get_args

import pytest

from coach.call.walk import (
    CallEnded,
    CallGone,
    CardBack,
    CardStart,
    DetailsCancelled,
    DetailsDone,
    Event,
    PrepCancelled,
    PrepDone,
    Step,
    SummaryClosed,
    Walk,
    WalkError,
    advance,
    begin,
    ending,
    rehearse_from,
    resumed,
)
from coach.script.model import ChecklistItem, Scenario, Script, Variable
from tests.tui.scripts import small_script

FULL = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}
SCENARIO = Scenario("deciding", "They are still deciding", "Say you are deciding.", {})


def script(*, checklist: bool = True, defaults: bool = False) -> Script:
    """The small script, with or without its checklist; ``defaults`` fills every variable."""
    base = small_script()
    if defaults:
        base = base._replace(variables=tuple(v._replace(default="x") for v in base.variables))
    return base if checklist else base._replace(checklist=())


# ----------------------------------------------------------------- begin
@pytest.mark.parametrize(
    ("checklist", "values", "mode", "first"),
    [
        # A variable without a value: the details form first, whatever follows.
        (True, {}, "live", "details"),
        (False, {}, "live", "details"),
        (True, {}, "practice", "details"),
        (False, {**FULL, "interviewer": "  "}, "practice", "details"),  # required, blank
        # An optional variable given blank on purpose is an answer: nothing to ask.
        (False, {**FULL, "position": "  "}, "practice", "card"),
        # Every variable given: the checklist, or what comes after it.
        (True, FULL, "live", "prep"),
        (True, FULL, "practice", "prep"),
        (False, FULL, "live", "call"),
        (False, FULL, "practice", "card"),
    ],
)
def test_begin_shows_the_first_screen_needed(
    checklist: bool, values: dict[str, str], mode: Any, first: Step
) -> None:
    walk = begin(script(checklist=checklist), values, mode=mode)
    assert walk.step == first
    assert walk.details_shown == (first == "details")
    assert walk.values == values and walk.mode == mode


def test_defaults_count_as_values() -> None:
    assert begin(script(defaults=True), {}).step == "prep"
    # Given blank beats the default: an answer for an optional variable, not for a required one.
    assert begin(script(defaults=True), {"position": ""}).step == "prep"
    assert begin(script(defaults=True), {"interviewer": ""}).step == "details"


def test_a_script_without_variables_never_asks_for_details() -> None:
    assert begin(script()._replace(variables=()), {}).step == "prep"


def test_begin_keeps_what_it_was_given() -> None:
    walk = begin(script(), FULL, mode="practice", scenario=SCENARIO, solo=True)
    assert (walk.scenario, walk.solo, walk.start_at, walk.from_editor) == (
        SCENARIO,
        True,
        None,
        False,
    )
    assert walk.ticks == {}


# ------------------------------------------------------------ transitions
def at(step: Step, *, checklist: bool = True, details_shown: bool = False, mode: Any = "live"):
    return Walk(
        script(checklist=checklist),
        step,
        dict(FULL),
        mode,
        details_shown=details_shown,
    )


TICKS = {"resume": True, "quiet": False}

#: (where the walk is, what happened, the next step)
TABLE: list[tuple[Walk, Event, Step]] = [
    # details
    (at("details", details_shown=True), DetailsDone(FULL), "prep"),
    (at("details", details_shown=True, checklist=False), DetailsDone(FULL), "call"),
    (
        at("details", details_shown=True, checklist=False, mode="practice"),
        DetailsDone(FULL),
        "card",
    ),
    (at("details", details_shown=True, mode="practice"), DetailsDone(FULL), "prep"),
    (at("details", details_shown=True), DetailsCancelled(), "over"),
    (at("details", details_shown=True, mode="practice"), DetailsCancelled(), "over"),
    # prep
    (at("prep"), PrepDone(TICKS), "call"),
    (at("prep", mode="practice"), PrepDone(TICKS), "card"),
    (at("prep", details_shown=True), PrepCancelled(), "details"),
    (at("prep"), PrepCancelled(), "over"),
    (at("prep", mode="practice", details_shown=True), PrepCancelled(), "details"),
    # partner card
    (at("card", mode="practice"), CardStart(), "call"),
    (at("card", mode="practice", details_shown=True), CardBack(), "prep"),
    (at("card", mode="practice"), CardBack(), "prep"),
    (at("card", mode="practice", checklist=False, details_shown=True), CardBack(), "details"),
    (at("card", mode="practice", checklist=False), CardBack(), "over"),
    # call
    (at("call"), CallEnded(), "summary"),
    (at("call", mode="practice"), CallEnded(), "practice_summary"),
    (at("call"), CallGone(), "over"),
    (at("call", mode="practice"), CallGone(), "over"),
    # summary
    (at("summary"), SummaryClosed(), "over"),
    (at("practice_summary", mode="practice"), SummaryClosed(), "over"),
]


@pytest.mark.parametrize(("walk", "event", "expected"), TABLE)
def test_transition(walk: Walk, event: Event, expected: Step) -> None:
    after = advance(walk, event)
    assert after.step == expected
    # Going to the details marks them shown; nothing else changes that mark.
    assert after.details_shown == (walk.details_shown or expected == "details")
    assert (after.script, after.mode, after.solo) == (walk.script, walk.mode, walk.solo)


def test_every_event_and_step_is_in_the_table() -> None:
    events = {type(event) for _, event, _ in TABLE}
    assert events == set(get_args(Event))
    steps = {walk.step for walk, _, _ in TABLE} | {expected for _, _, expected in TABLE}
    assert steps == set(get_args(Step))


def test_details_add_to_the_values_given() -> None:
    walk = Walk(script(), "details", {"position": "Analyst", "extra": "kept"}, details_shown=True)
    after = advance(walk, DetailsDone({"interviewer": "Ms Lee", "position": "Lead"}))
    assert after.values == {"position": "Lead", "extra": "kept", "interviewer": "Ms Lee"}
    assert walk.values == {"position": "Analyst", "extra": "kept"}  # the walk is not changed


def test_ticks_are_kept_for_when_the_checklist_comes_back() -> None:
    walk = advance(at("prep", mode="practice", details_shown=True), PrepDone(TICKS))
    assert walk.ticks == TICKS
    back = advance(walk, CardBack())
    assert (back.step, back.ticks) == ("prep", TICKS)
    # Back again from the checklist: the details (with their values), ticks still kept.
    details = advance(back, PrepCancelled())
    assert (details.step, details.values, details.ticks) == ("details", FULL, TICKS)
    again = advance(details, DetailsDone(FULL))
    assert (again.step, again.ticks) == ("prep", TICKS)


def test_cancelling_the_checklist_keeps_the_ticks_it_had_before() -> None:
    walk = replace(at("prep", details_shown=True), ticks=TICKS)
    assert advance(walk, PrepCancelled()).ticks == TICKS


def test_a_whole_rehearsal() -> None:
    walk = begin(script(), {}, mode="practice", scenario=SCENARIO, solo=True)
    steps = [walk.step]
    for event in (
        DetailsDone(FULL),
        PrepDone(TICKS),
        CardBack(),
        PrepCancelled(),
        DetailsDone(FULL),
        PrepDone(TICKS),
        CardStart(),
        CallEnded(),
        SummaryClosed(),
    ):
        walk = advance(walk, event)
        steps.append(walk.step)
    assert steps == [
        "details",
        "prep",
        "card",
        "prep",
        "details",
        "prep",
        "card",
        "call",
        "practice_summary",
        "over",
    ]
    assert walk.solo and walk.scenario == SCENARIO


@pytest.mark.parametrize(
    ("step", "event"),
    [
        ("details", PrepDone(TICKS)),
        ("prep", DetailsDone(FULL)),
        ("prep", CardStart()),
        ("card", CallEnded()),
        ("call", SummaryClosed()),
        ("summary", CallEnded()),
        ("over", DetailsCancelled()),
        ("over", SummaryClosed()),
    ],
)
def test_an_event_from_another_step_is_refused(step: Step, event: Event) -> None:
    with pytest.raises(WalkError):
        advance(at(step), event)


# ------------------------------------------------- the editor and resuming
def test_rehearsing_from_the_editor_goes_straight_into_the_call() -> None:
    # Even with details missing and a checklist: no details, no checklist, no card.
    walk = rehearse_from(script(), "status")
    assert walk.step == "call"
    assert (walk.mode, walk.solo, walk.start_at, walk.from_editor) == (
        "practice",
        True,
        "status",
        True,
    )
    assert (walk.values, walk.scenario, walk.details_shown) == ({}, None, False)
    summary = advance(walk, CallEnded())
    assert summary.step == "practice_summary"
    over = advance(summary, SummaryClosed())
    assert over.step == "over" and ending(over, home=True) == "editor"
    assert advance(walk, CallGone()).step == "over"


def test_a_resumed_call_goes_straight_into_the_call() -> None:
    walk = resumed(script(), {}, mode="practice", scenario=SCENARIO, solo=True)
    assert walk.step == "call"
    assert (walk.mode, walk.scenario, walk.solo, walk.from_editor) == (
        "practice",
        SCENARIO,
        True,
        False,
    )
    assert advance(walk, CallEnded()).step == "practice_summary"
    assert advance(resumed(script(), FULL), CallEnded()).step == "summary"


@pytest.mark.parametrize(
    ("from_editor", "home", "expected"),
    [
        (True, True, "editor"),
        (True, False, "editor"),  # ``coach edit``: the editor comes back, the app goes on
        (False, True, "home"),
        (False, False, "exit"),  # ``coach call``/``coach practice``: one walk, then exit
    ],
)
def test_what_comes_after_the_walk(from_editor: bool, home: bool, expected: str) -> None:
    walk = replace(at("over"), from_editor=from_editor)
    assert ending(walk, home=home) == expected


def test_a_checklist_of_optional_items_is_still_shown() -> None:
    optional = script()._replace(checklist=(ChecklistItem("pen", "A pen"),))
    assert begin(optional, FULL).step == "prep"


def test_only_variables_of_the_script_decide_the_details() -> None:
    one = script()._replace(variables=(Variable("name", "Your name"),))
    assert begin(one, {"name": "Sam"}).step == "prep"
    assert begin(one, {"other": "x"}).step == "details"
