"""Pilot tests of date fields: what people say is read at once, and what is typed
stays visible and kept, at every size (issue 11, points 1 and 2)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from textual.widgets import Input, Static

from coach.call.dates import spoken_date
from coach.locations import bundled_scripts_dir
from coach.script.load import load_path
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.screens.job_form import JobFormScreen
from coach.tui.widgets.fields import FieldEditor
from coach.tui.widgets.step import CapturesPanel
from tests.tui.jobs.fakes import FakeDesk
from tests.tui.scripts import no_checklist_script

MakeApp = Callable[..., CoachApp]
VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}
FIELD = "#capture-status-decision_date"
SIZES = [(60, 15), (80, 24), (100, 30), (140, 40)]


def on_screen(app: CoachApp) -> str:
    """What the terminal shows: the composed lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def hint(app: CoachApp) -> str:
    return str(app.screen.query_one(f"{FIELD} .field-hint", Static).visual)


async def test_tomorrow_shows_the_day_at_once(make_app: MakeApp, store: Store) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "tab", *"tomorrow")
        # The call is on Tuesday 3 March 2026 (the tests' wall clock).
        assert hint(app) == "Wednesday 4 March"
        assert "Wednesday 4 March" in on_screen(app)
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.session.captures["decision_date"] == "tomorrow"  # kept as typed
        panel = screen.query_one(CapturesPanel)
        assert "▎tomorrow" in panel.text and "Wednesday 4 March" in panel.text
        # What to say and the choices say the day, not the words typed.
        assert "2 Decided on Wednesday 4 March" in on_screen(app)
        await pilot.pause(0.7)
        assert store.calls()[0].snapshot["captures"]["decision_date"] == "tomorrow"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("end of next week", "Friday 13 March"),
        ("Thursday or Friday", "not a date I know: kept as typed"),
    ],
)
async def test_typed_text_stays_visible(
    make_app: MakeApp, size: tuple[int, int], typed: str, shown: str
) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1", "tab", *typed)
        await pilot.pause()
        field = app.screen.query_one(FIELD, FieldEditor)
        editor = field.query_one(Input)
        assert editor.value == typed
        assert not field.has_class("-invalid")  # never a red box
        # The row with the text has its height and lies inside the side column.
        assert editor.content_region.height == 1
        side = app.screen.query_one("#captures").region
        assert side.contains_region(editor.content_region)
        text = on_screen(app)
        assert typed in text, text
        assert hint(app) == shown
        assert shown.split(":")[0] in text
        await pilot.press("escape")
        await pilot.pause()
        text = on_screen(app)
        assert typed in text and shown.split(":")[0] in text
        screen = app.screen
        assert isinstance(screen, CallScreen)
        assert screen.session.captures["decision_date"] == typed


async def test_a_time_of_day_is_kept_with_the_day(make_app: MakeApp) -> None:
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("1", "tab", *"Thursday 3pm")
        assert hint(app) == "Thursday 5 March at 3pm"


async def test_the_job_form_takes_what_people_say_and_keeps_a_day(make_app: MakeApp) -> None:
    desk = FakeDesk([])
    app = make_app(jobs=desk)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Acme", "tab", "tab", "tab", "tab", *"last Friday")
        form = app.screen
        assert isinstance(form, JobFormScreen)
        today = date.today()
        friday = today - timedelta(days=(today.weekday() - 4 - 1) % 7 + 1)
        shown = str(form.query_one("#field-interview_date .field-hint", Static).visual)
        assert shown == spoken_date(friday, today)
        await pilot.press("ctrl+s")
        await pilot.pause()
        ((kind, fields),) = desk.writes
        assert kind == "add" and getattr(fields, "interview_date", None) == friday


async def test_a_date_typed_on_a_short_narrow_screen_stays_after_esc(make_app: MakeApp) -> None:
    """At 60x15 the bottom column hides while a step has no room for it; once
    hidden its panels have no width, which counted as "no fields here", so
    the fields never came back after esc. The bundled script's decision step."""
    script = load_path(bundled_scripts_dir() / "follow-up.yaml")
    values = {
        **VALUES,
        "company": "Acme",
        "your_name": "Sam Park",
        "phone": "555 0100",
        "key_strengths": "SQL",
        "forgot_to_mention": "",
    }
    app = make_app(script=script, values=values)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.press("s", "y", "1", "1", "1")
        await pilot.pause()
        await pilot.press("tab", *"end of next week", "escape")
        await pilot.pause()
        text = on_screen(app)
        assert "▎end of next week" in text and "Friday 13 March" in text, text


async def test_tab_right_after_a_move_types_into_the_new_steps_field(make_app: MakeApp) -> None:
    """esc, Enter and tab typed in one go (a loaded machine): the blur of esc is
    followed a frame later, so tab came while the side still edited the
    previous step and typing went into a hidden field. The keys here run with
    no frame between them."""
    script = load_path(bundled_scripts_dir() / "follow-up.yaml")
    values = {
        **VALUES,
        "company": "Acme",
        "your_name": "Sam Park",
        "phone": "555 0100",
        "key_strengths": "SQL",
        "forgot_to_mention": "",
    }
    app = make_app(script=script, values=values)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("s", "y", "1", "1", "1", "tab", *"end of next week")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScreen)
        screen.action_leave_field()  # esc
        screen.action_advance()  # Enter: on to when they may be called again
        await screen.action_next_field(1)  # tab (awaited, as the app does), before the blur
        await pilot.press(*"Thursday")
        await pilot.pause()
        assert screen.session.captures["callback_date"] == "Thursday"
        assert screen.session.captures["decision_date"] == "end of next week"
        (shown,) = [f for f in screen.query(FieldEditor) if f.display]
        assert shown.field_id == "callback_date"
        assert "Thursday" in on_screen(app)
