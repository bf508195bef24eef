"""How a rehearsal's scenario is named on every screen."""

from __future__ import annotations

from coach.call.practice import FREE_TITLE
from coach.script.model import Scenario


def scenario_title(scenario: Scenario | None, *, in_sentence: bool = False) -> str:
    """The scenario's title, or ``Free rehearsal`` when there is none.

    ``in_sentence`` writes the free one in lower case, as it reads after a
    colon (``practice: free rehearsal``); a scenario's own title is kept as written.
    """
    if scenario is not None:
        return scenario.title
    return FREE_TITLE.lower() if in_sentence else FREE_TITLE
