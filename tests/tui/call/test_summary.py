"""Pilot tests of the call summary: the next step first, who the call was to, it
scrolls, and only ``q`` leaves it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.messages import StartCall
from coach.tui.screens.summary import SummaryScreen
from tests.tui.scripts import no_checklist_script

VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}
NOTES = "They hire two analysts. Ask about the team lead. " * 6

MakeApp = Callable[..., CoachApp]


def shown_keys(app: CoachApp) -> list[str]:
    return [a.binding.description for a in app.screen.active_bindings.values() if a.binding.show]


async def finish_a_call(pilot: Pilot[int], app: CoachApp) -> SummaryScreen:
    await pilot.press("1", "tab", *"2026-03-10", "escape", "n")
    app.screen.query_one("#notes", TextArea).insert(NOTES)  # typed at once, not key by key
    await pilot.press("escape", "1", "enter")
    screen = app.screen
    assert isinstance(screen, SummaryScreen)
    return screen


async def test_enter_and_escape_never_leave_the_summary(make_app: MakeApp) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_a_call(pilot, app)
        await pilot.press("enter", "enter", "escape", "backspace")
        assert isinstance(app.screen, SummaryScreen)
        assert app.return_code is None
        assert "Done" in shown_keys(app)
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_summary_scrolls_to_its_notes_on_a_small_screen(make_app: MakeApp) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(60, 15)) as pilot:
        screen = await finish_a_call(pilot, app)
        await pilot.pause()
        box = screen.query_one("#summary", VerticalScroll)
        assert box.max_scroll_y > 0
        assert "Scroll" in shown_keys(app)
        await pilot.press("down")
        assert box.scroll_y == 1
        await pilot.press("end")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        body = screen.query_one("#summary-body", Static)
        # The last line of the notes is inside the visible part of the box.
        assert body.region.bottom <= box.region.bottom + box.max_scroll_y
        assert box.scroll_offset.y + box.scrollable_content_region.height >= box.virtual_size.height
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_y == 0


async def test_a_big_screen_shows_it_all_and_offers_no_scrolling(make_app: MakeApp) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await finish_a_call(pilot, app)
        await pilot.pause()
        assert screen.query_one("#summary", VerticalScroll).max_scroll_y == 0
        assert "Scroll" not in shown_keys(app)


async def test_the_next_step_comes_first_then_who_the_call_was_to(
    make_app: MakeApp, store: Store
) -> None:
    job = store.add_job(
        "Acme Ltd", "Data analyst", interviewer="Ms Lee", interview_date=date(2026, 2, 24)
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.post_message(StartCall("small", job=job.id))
        await pilot.pause()
        await pilot.pause()
        await pilot.press("space", "down", "space", "s")
        await pilot.pause()
        await finish_a_call(pilot, app)
        next_step = str(app.screen.query_one("#summary-next", Static).visual)
        # Decision on Tue 10 March: call on the 1st or 2nd business day after it.
        assert next_step.startswith("Next step  Call in 8 days (Wed 11 Mar)")
        facts = [str(s.visual) for s in app.screen.query("#summary-facts Static").results(Static)]
        assert facts[:6] == [
            "Company",
            "Acme Ltd",
            "Position",
            "Data analyst",
            "Interviewer",
            "Ms Lee",
        ]
        assert facts[facts.index("Path") + 1] == "Hello › Status › Thanks"
        top = app.screen.query_one("#summary-next").region.y
        assert top < app.screen.query_one("#summary-facts").region.y
