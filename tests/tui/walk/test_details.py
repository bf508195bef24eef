"""The details form: it opens on its first field (label and all), Esc asks before
throwing typing away, and values given blank on purpose do not bring it."""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import VerticalScroll

from coach.script.model import Variable
from coach.tui.app import CoachApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.screens.details import DetailsScreen
from coach.tui.screens.prep import PrepScreen
from coach.tui.widgets.fields import FieldEditor
from tests.tui.conftest import library_of
from tests.tui.scripts import small_script

MakeApp = Callable[..., CoachApp]


def many_known() -> tuple[object, dict[str, str]]:
    """A script with eight variables, all known but the required one."""
    extra = tuple(Variable(f"fact_{i}", f"A fact the call may need, number {i}") for i in range(6))
    script = small_script()._replace(variables=small_script().variables + extra)
    values = {var.id: f"a value for {var.id}" for var in extra}
    values |= {"position": "Analyst", "interview_date": "2026-02-24"}
    return script, values


async def test_the_first_field_and_its_label_are_in_view_on_a_small_screen(
    make_app: MakeApp,
) -> None:
    script, values = many_known()
    app = make_app(script=script, values=values)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DetailsScreen)
        field = app.screen.query_one("#field-interviewer", FieldEditor)
        form = app.screen.query_one("#details-form", VerticalScroll)
        assert app.focused is field.editor
        label = field.query_one(".field-label")
        view = form.content_region
        assert view.y <= label.region.y and field.editor.region.bottom <= view.bottom
        await pilot.press(*"Ms Lee", "ctrl+s")
        assert isinstance(app.screen, PrepScreen)


async def test_escape_with_nothing_typed_goes_back_at_once(make_app: MakeApp) -> None:
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # start the script: the form asks for the interviewer
        assert isinstance(app.screen, DetailsScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, DetailsScreen | ConfirmDialog)


async def test_escape_after_typing_asks_and_no_keeps_the_text(make_app: MakeApp) -> None:
    app = make_app(library=library_of(small_script()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *"Ms Le", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, DetailsScreen)
        assert app.screen.collect()["interviewer"] == "Ms Le"
        await pilot.press("e", "escape", "y")  # typing goes on in the field; then leave
        assert not isinstance(app.screen, DetailsScreen | ConfirmDialog)


async def test_an_optional_value_given_blank_does_not_bring_the_form(make_app: MakeApp) -> None:
    values = {"interviewer": "Ms Lee", "position": "", "interview_date": ""}
    app = make_app(script=small_script(), values=values)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PrepScreen)
