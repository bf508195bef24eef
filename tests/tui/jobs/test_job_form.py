"""Adding and editing a job in the form, from home and from the job screen (the whole app)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Static

from coach.call.jobform import NOT_A_DAY, JobFields
from coach.tui.app import CoachApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.job import JobScreen
from coach.tui.screens.job_form import JobFormScreen
from coach.tui.widgets.fields import FieldEditor
from tests.tui.jobs.fakes import FakeDesk

SIZE = (100, 30)
MakeApp = Callable[..., CoachApp]


def values(screen: JobFormScreen) -> dict[str, str]:
    return screen.values()


def message(screen: JobFormScreen) -> str:
    return str(screen.query_one("#form-message", Static).visual)


async def test_add_a_job_from_home(make_app: MakeApp) -> None:
    desk = FakeDesk([])
    app = make_app(jobs=desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.screen.active == "scripts"
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen)
        assert form.focused is form.query_one("#field-company", FieldEditor).editor
        await pilot.press(*"Acme Ltd", "enter", *"Data analyst", "enter", *"Ms Lee", "enter")
        await pilot.press(*"555 0101", "enter", *"2026-03-03", "enter", *"2026-03-10", "enter")
        await pilot.press(*"Liked the team", "ctrl+s")
        await pilot.pause()
        assert desk.writes == [
            (
                "add",
                JobFields(
                    "Acme Ltd",
                    "Data analyst",
                    "Ms Lee",
                    "555 0101",
                    date(2026, 3, 3),
                    date(2026, 3, 10),
                    "Liked the team",
                ),
            )
        ]
        home = app.screen
        assert isinstance(home, HomeScreen)
        # The new job is on home, highlighted, and the keys are on the jobs list.
        assert home.active == "jobs" and home.jobs.highlighted_job() == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JobScreen) and app.screen.job_id == 1


async def test_a_bad_date_is_refused_with_a_message(make_app: MakeApp) -> None:
    desk = FakeDesk([])
    app = make_app(jobs=desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Acme", "tab", "tab", "tab", "tab", *"when they can", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen) and desk.writes == []
        assert NOT_A_DAY in message(form)
        interview = form.query_one("#field-interview_date", FieldEditor)
        assert interview.has_class("-invalid")
        assert form.focused is interview.editor
        assert values(form)["interview_date"] == "when they can"  # kept as typed


async def test_a_decision_before_the_interview_is_refused(make_app: MakeApp) -> None:
    desk = FakeDesk([])
    app = make_app(jobs=desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Acme", "tab", "tab", "tab", "tab", *"2026-03-10")
        await pilot.press("tab", *"2026-03-06", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen) and desk.writes == []
        assert "decision date is before the interview date" in message(form)
        assert form.query_one("#field-decision_date", FieldEditor).has_class("-invalid")


async def test_the_company_is_required(make_app: MakeApp) -> None:
    desk = FakeDesk([])
    app = make_app(jobs=desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", "tab", *"Data analyst", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen) and desk.writes == []
        assert "Company is required" in message(form)
        assert form.query_one("#field-company", FieldEditor).has_class("-invalid")
        await pilot.press(*"Acme")
        assert not form.query_one("#field-company", FieldEditor).has_class("-invalid")


async def test_escape_with_text_asks_first(make_app: MakeApp) -> None:
    desk = FakeDesk([])
    app = make_app(jobs=desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Acme", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing: the text is still there
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen) and values(form)["company"] == "Acme"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and desk.writes == []


async def test_escape_with_nothing_typed_just_leaves(make_app: MakeApp) -> None:
    app = make_app(jobs=FakeDesk([]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_store_error_keeps_the_form_and_what_was_typed(make_app: MakeApp) -> None:
    desk = FakeDesk([])
    desk.fail = True
    app = make_app(jobs=desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Acme", "tab", *"Data analyst", "ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen)
        assert "The call history is locked" in message(form)
        assert values(form)["company"] == "Acme" and values(form)["position"] == "Data analyst"
        desk.fail = False
        await pilot.press("ctrl+s")  # tried again once the store is back
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and len(desk.writes) == 1


async def test_edit_a_job_from_its_screen(make_app: MakeApp) -> None:
    desk = FakeDesk()
    app = make_app(jobs=desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home.active == "jobs"
        await pilot.press("down", "enter")  # Globex, due today
        await pilot.pause()
        assert isinstance(app.screen, JobScreen) and app.screen.job_id == 2
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, JobFormScreen)
        assert values(form)["company"] == "Globex" and values(form)["interviewer"] == "Mr Smith"
        await pilot.press("tab", "end", *" (backend)", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JobScreen)
        assert "Engineer (backend)" in str(app.screen.query_one("#job-title", Static).visual)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Engineer (backend)" in str(home.jobs.get_option_at_index(2).prompt)


async def test_the_palette_adds_a_job(make_app: MakeApp) -> None:
    app = make_app(jobs=FakeDesk([]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"add a job")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JobFormScreen)
