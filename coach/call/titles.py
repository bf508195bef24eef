"""How a rehearsal's scenario is named on every screen.

A solo rehearsal keeps its scenario hidden until the summary: the outcome is
the surprise a real call would be. The rehearsal card shows it only when asked
(key ``v``); the call screen never names it.
"""

from __future__ import annotations

from coach.script.model import Scenario

#: A rehearsal without a scenario, by name (this module is its home: a live
#: call names it in its sub-title without importing the practice modules).
FREE_TITLE = "Free rehearsal"


def scenario_title(scenario: Scenario | None, *, in_sentence: bool = False) -> str:
    """The scenario's title, or ``Free rehearsal`` when there is none.

    ``in_sentence`` writes the free one in lower case, as it reads after a
    colon (``practice: free rehearsal``); a scenario's own title is kept as written.
    """
    if scenario is not None:
        return scenario.title
    return FREE_TITLE.lower() if in_sentence else FREE_TITLE


#: What a solo rehearsal says in place of its scenario until the summary.
HIDDEN = "scenario hidden until the summary"


def hides_scenario(scenario: Scenario | None, *, solo: bool) -> bool:
    """A solo rehearsal of a scenario keeps it hidden until the summary (a free
    rehearsal has nothing to hide; with a partner, the partner reads it)."""
    return solo and scenario is not None


def practice_sub_title(mode: str, scenario: Scenario | None, *, solo: bool = False) -> str:
    """``live call``, ``practice: <scenario title>``, or for a solo rehearsal
    ``practice (solo): scenario hidden until the summary``."""
    if mode != "practice":
        return "live call"
    if hides_scenario(scenario, solo=solo):
        return f"practice (solo): {HIDDEN}"
    title = scenario_title(scenario, in_sentence=True)
    return f"practice{' (solo)' if solo else ''}: {title}"
