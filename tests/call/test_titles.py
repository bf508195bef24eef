"""How a rehearsal's scenario is named: a solo rehearsal hides it until the summary."""

from __future__ import annotations

from coach.call.titles import HIDDEN, hides_scenario, practice_sub_title
from coach.script.model import Scenario

SCENARIO = Scenario("filled", "The position has gone to someone else", "b", {})


def test_solo_hides_a_scenario_and_a_partner_rehearsal_names_it() -> None:
    assert hides_scenario(SCENARIO, solo=True)
    assert not hides_scenario(SCENARIO, solo=False)
    assert not hides_scenario(None, solo=True)  # a free rehearsal has nothing to hide
    assert practice_sub_title("practice", SCENARIO, solo=True) == f"practice (solo): {HIDDEN}"
    assert "gone to someone else" not in practice_sub_title("practice", SCENARIO, solo=True)
    assert (
        practice_sub_title("practice", SCENARIO)
        == "practice: The position has gone to someone else"
    )
    assert practice_sub_title("practice", None, solo=True) == "practice (solo): free rehearsal"
    assert practice_sub_title("live", SCENARIO) == "live call"
