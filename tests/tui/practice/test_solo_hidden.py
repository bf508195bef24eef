"""Solo practice plays the scenario's own lines and keeps it hidden until the summary."""

from __future__ import annotations

from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.screens.partner_card import PartnerCardScreen
from coach.tui.screens.summary import PracticeSummaryScreen
from tests.tui.conftest import FakeClock, library_of
from tests.tui.practice.scripts import VALUES, practice_script, screen_text
from tests.tui.practice.test_practice import SIZE, MakeApp, to_card, walk

TITLE = "You reach the interviewer"
BRIEF = "hiring for the Analyst role"


def solo_app(make_app: MakeApp, *, says: dict[str, str] | None = None) -> CoachApp:
    script = practice_script()
    scenario = script.scenario("reached")
    assert scenario is not None
    if says is not None:
        scenario = scenario._replace(says=says)
        script = script._replace(scenarios=(scenario, *script.scenarios[1:]))
    return make_app(
        script=script,
        values=VALUES,
        mode="practice",
        scenario=scenario,
        library=library_of(script),
        solo=True,
    )


async def test_the_card_hides_the_scenario_until_v(make_app: MakeApp) -> None:
    app = solo_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        text = screen_text(app)
        assert "The scenario is hidden until the summary" in text
        assert TITLE not in text and BRIEF not in text and "steer" not in text
        assert "v Show scenario" in text  # named in the footer
        await pilot.press("v")
        await pilot.pause()
        text = screen_text(app)
        assert TITLE in text and BRIEF in text
        assert "Show scenario" not in text  # nothing more to show
        assert isinstance(app.screen, PartnerCardScreen)


async def test_the_call_never_names_the_scenario_and_the_summary_does(
    make_app: MakeApp, fake_clock: FakeClock
) -> None:
    app = solo_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        assert TITLE not in screen_text(app)
        for key in ("1", "1", "enter"):
            fake_clock.now += 12
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, PracticeSummaryScreen)
        assert f"Scenario {TITLE} (hidden until now)" in screen_text(app)


async def test_solo_shows_the_scenario_line_and_falls_back_to_partner(
    make_app: MakeApp, fake_clock: FakeClock
) -> None:
    app = solo_app(make_app, says={"status": "Not yet, {interviewer} here. Maybe Friday."})
    async with app.run_test(size=SIZE) as pilot:
        await to_card(pilot, app)
        await walk(pilot, app, fake_clock, [])
        assert "Answer as Ms Lee, a little rushed." in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        assert "Not yet, Ms Lee here. Maybe Friday." in text
        assert "Say the Analyst decision is still open." not in text
