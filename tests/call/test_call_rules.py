"""The small rules the screens share: values and defaults, dates, the checklist,
and a scenario's title (ending a call early: ``test_ending.py``)."""

from __future__ import annotations

import pytest

from coach.call.checklist import ticks_of, unticked_required
from coach.call.dates import DATE_FORMAT, date_problem, date_words, valid_date
from coach.call.practice import FREE_TITLE
from coach.call.titles import scenario_title
from coach.call.values import (
    REQUIRED,
    field_problem,
    missing_variables,
    needs_details,
    start_value,
    start_values,
)
from coach.script.model import Scenario, Variable
from tests.tui.scripts import small_script


# ---------------------------------------------------------------- values
def test_a_value_is_the_one_given_else_the_default_else_empty() -> None:
    var = Variable("name", "Your name", default="Sam")
    assert start_value(var, {"name": "Alex"}) == "Alex"
    assert start_value(var, {"name": ""}) == ""  # given blank beats the default
    assert start_value(var, {}) == "Sam"
    assert start_value(Variable("x", "X"), {}) == ""


def test_start_values_cover_every_variable_and_only_those() -> None:
    script = small_script()
    values = start_values(script, {"interviewer": "Ms Lee", "other": "dropped"})
    assert values == {"interviewer": "Ms Lee", "position": "", "interview_date": ""}


def test_details_are_needed_for_a_required_blank_or_a_value_never_given() -> None:
    script = small_script()  # interviewer required; position, interview_date optional
    full = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}
    assert not needs_details(script, full)
    assert needs_details(script, {**full, "interviewer": " "})  # required, blank
    without = {k: v for k, v in full.items() if k != "position"}
    assert needs_details(script, without)  # never given
    assert [v.id for v in missing_variables(script, without)] == ["position"]
    # Given blank on purpose (``--set position=``): an answer, the form is not needed.
    assert not needs_details(script, {**full, "position": " "})
    assert missing_variables(script, {**full, "position": ""}) == []
    defaults = script._replace(variables=tuple(v._replace(default="x") for v in script.variables))
    assert not needs_details(defaults, {})


@pytest.mark.parametrize(
    ("value", "kind", "required", "problem"),
    [
        ("", "text", True, REQUIRED),
        ("  ", "date", True, REQUIRED),
        ("", "text", False, None),
        ("Ms Lee", "text", True, None),
        ("", "date", False, None),
        ("2026-02-24", "date", True, None),
        ("next week", "text", False, None),
        # A date field keeps what people say, a date or not: never a problem.
        ("next week", "date", False, None),
        ("end of next week", "date", True, None),
        ("2026-02-30", "multiline", False, None),
    ],
)
def test_field_problem(value: str, kind: str, required: bool, problem: str | None) -> None:
    assert field_problem(value, kind, required=required) == problem  # type: ignore[arg-type]


# ----------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("", True),
        ("   ", True),
        ("2026-03-03", True),
        (" 2026-03-03 ", True),
        ("2026-02-30", False),
        ("3 March", False),
        ("2026-3-3", False),
        ("tomorrow", False),
    ],
)
def test_valid_dates(text: str, valid: bool) -> None:
    assert valid_date(text) is valid
    assert (date_problem(text) is None) is valid


def test_date_words() -> None:
    assert DATE_FORMAT == "YYYY-MM-DD"
    assert date_words("2026-03-03") == "Tuesday 3 March 2026"
    assert date_words("") is None and date_words("soon") is None


# ------------------------------------------------------------- checklist
def test_required_items_not_ticked() -> None:
    script = small_script()  # "resume" optional, "quiet" required
    assert ticks_of(script, ["quiet", "unknown"]) == {"resume": False, "quiet": True}
    assert [i.id for i in unticked_required(script, {"resume": True, "quiet": False})] == ["quiet"]
    assert unticked_required(script, {"quiet": True}) == []
    assert [i.id for i in unticked_required(script, {})] == ["quiet"]


# ----------------------------------------------------------------- titles
def test_scenario_title() -> None:
    scenario = Scenario("deciding", "They are still deciding", "", {})
    assert scenario_title(scenario) == scenario_title(scenario, in_sentence=True) == scenario.title
    assert scenario_title(None) == FREE_TITLE == "Free rehearsal"
    assert scenario_title(None, in_sentence=True) == "free rehearsal"
