"""Pilot tests of the call screen: every key, persistence, markup safety."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input, Static, TextArea

from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.widgets.answers import AnswersPanel
from coach.tui.widgets.step import CapturesPanel, ChoicesPanel, StepView
from tests.tui.conftest import FakeClock
from tests.tui.scripts import no_checklist_script

SIZE = (80, 24)
VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}

MakeApp = Callable[..., CoachApp]


def call_app(make_app: MakeApp, values: dict[str, str] | None = None) -> CoachApp:
    return make_app(script=no_checklist_script(), values=values or VALUES)


def call_screen(app: CoachApp) -> CallScreen:
    screen = app.screen
    assert isinstance(screen, CallScreen), type(screen)
    return screen


def say_text(app: CoachApp) -> str:
    """What to say now, as one string (the panel wraps it over lines)."""
    return str(app.screen.query_one(StepView).say_content)


def choices_text(app: CoachApp) -> str:
    return app.screen.query_one(ChoicesPanel).text


async def test_opens_on_call_screen_without_details_or_prep(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = call_screen(app)
        assert screen.session.current == "hello"
        assert "May I speak with Ms Lee?" in say_text(app)
        assert app.focused is None


async def test_choose_back_and_backspace(make_app: MakeApp, store: Store) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        session = call_screen(app).session
        assert session.current == "status"
        assert "Data analyst role" in say_text(app)
        await pilot.press("b")
        assert session.current == "hello"
        await pilot.press("1", "backspace")
        assert session.current == "hello"
        await pilot.press("b")  # nothing to undo: no crash, still here
        assert session.current == "hello"
        record = store.calls()[0]
        assert record.status == "running"
        assert record.snapshot["path"] == ["hello", "status", "hello", "status", "hello"]


async def test_choice_that_does_not_exist_is_ignored(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "enter")
        assert call_screen(app).session.current == "hello"


async def test_side_flow_returns_and_back_undoes_the_return(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "r")
        session = call_screen(app).session
        assert session.current == "repeat"
        assert "back to Status" in choices_text(app)
        await pilot.press("enter")
        assert session.current == "status"
        await pilot.press("b")
        assert session.current == "repeat"
        await pilot.press("b")
        assert session.current == "status"


async def test_footer_shows_the_side_flow_key(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bindings = app.screen.active_bindings
        assert bindings["r"].binding.description == "Repeat"
        assert bindings["1"].binding.key_display == "1-9"


async def test_tab_into_capture_fields_typing_and_escape(
    make_app: MakeApp, store: Store, fake_clock: FakeClock
) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        screen = call_screen(app)
        assert app.focused is None  # fields never take focus on their own
        await pilot.press("tab")
        assert isinstance(app.focused, Input)
        await pilot.press(*"2026-03-10")
        hint = str(screen.query_one("#capture-status-decision_date .field-hint", Static).visual)
        assert hint == "Tuesday 10 March"  # this year: no year said
        assert screen.session.captures["decision_date"] == "2026-03-10"
        # A choice shown only once the capture has a value, filled in.
        assert "2 Decided on Tuesday 10 March" in choices_text(app)
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        await pilot.press("b", "1", "q")  # typing, not navigating
        assert screen.session.captures["next_steps"] == "b1q"
        assert screen.session.current == "status"
        await pilot.press("escape")
        assert app.focused is None
        await pilot.pause(0.7)  # the debounce tick writes what was typed
        assert store.calls()[0].snapshot["captures"]["next_steps"] == "b1q"
        await pilot.press("2")
        assert screen.session.current == "thanks"


async def test_a_capture_that_is_no_date_is_flagged_and_kept(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "tab", *"2026-13-40", "enter")
        screen = call_screen(app)
        assert app.focused is None  # enter leaves a one-line field
        hint = str(screen.query_one("#capture-status-decision_date .field-hint", Static).visual)
        assert hint == "there is no month 13; kept as typed"
        assert not screen.query_one("#capture-status-decision_date").has_class("-invalid")
        assert screen.session.captures["decision_date"] == "2026-13-40"


async def test_notes_key_focuses_notes_and_text_is_saved(make_app: MakeApp, store: Store) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.focused, TextArea) and app.focused.id == "notes"
        await pilot.press(*"asked 1 question")
        await pilot.press("escape")
        session = call_screen(app).session
        assert session.notes == "asked 1 question"
        assert session.current == "hello"
        await pilot.pause(0.7)
        assert store.calls()[0].snapshot["notes"] == "asked 1 question"


async def test_answers_open_beside_the_step_and_escape_closes(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        screen = call_screen(app)
        assert screen.answers_open
        panel = screen.query_one(AnswersPanel)
        assert panel.display and "for the Data analyst role" in panel.text
        assert "1 Salary" in panel.text
        await pilot.press("escape")
        assert not screen.answers_open and not panel.display
        await pilot.press("1")  # the number keys choose again
        assert screen.session.current == "status"


async def test_enter_on_end_node_finishes_with_its_outcome(
    make_app: MakeApp, store: Store, fake_clock: FakeClock
) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "tab", *"2026-03-10", "escape", "1")
        assert "Finish call (Decision pending)" in choices_text(app)
        fake_clock.now += 125
        await pilot.press("enter")
        assert isinstance(app.screen, SummaryScreen)
        report = app.screen.report
        assert report.outcome == "Decision pending"
        assert report.duration == "2 min 05 s"
        assert report.follow_up is not None
        assert report.follow_up.earliest == date(2026, 3, 11)
        record = store.calls()[0]
        assert record.status == "done" and record.outcome == "pending"
        assert record.snapshot["captures"] == {"decision_date": "2026-03-10"}
        await pilot.press("enter", "escape")  # once too often: the summary stays
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("q")
        assert app.return_code == 0


async def test_step_timer_turns_amber_past_the_budget(
    make_app: MakeApp, fake_clock: FakeClock
) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        step = app.screen.query_one(StepView)
        assert not step.over_budget
        fake_clock.now += 31
        await pilot.pause(0.7)
        assert step.over_budget
        assert "step 0:31/0:30" in step.text.splitlines()[0]


async def test_markup_in_values_is_shown_literally(make_app: MakeApp) -> None:
    app = call_app(make_app, {**VALUES, "interviewer": "[bold]x[/]", "position": "[red]y"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "May I speak with [bold]x[/]?" in say_text(app)
        assert "[bold]x[/] is on the line" in choices_text(app)
        await pilot.press("1")
        assert "the [red]y role" in say_text(app)


async def test_missing_value_is_a_visible_placeholder(make_app: MakeApp) -> None:
    app = make_app(script=no_checklist_script(), values={"interviewer": "Ms Lee"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s", "1")  # details: the position is not required
        content = app.screen.query_one(StepView).say_content
        assert "the [position] role" in str(content)
        styles = [str(span.style) for span in content.spans]
        assert any("reverse" in style for style in styles)


async def test_ctrl_c_saves_and_leaves_the_call_running(make_app: MakeApp, store: Store) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "n", *"typed", "ctrl+c")
    record = store.calls()[0]
    assert record.status == "running"
    assert record.snapshot["notes"] == "typed"
    assert record.snapshot["current"] == "status"


async def test_store_errors_are_reported_once_and_the_call_goes_on(
    make_app: MakeApp, store: Store, monkeypatch: object
) -> None:
    from coach.store import StoreError

    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("the disk is read-only")

    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        store.save = broken  # type: ignore[method-assign]
        await pilot.press("1", "b", "1")
        notes = [n for n in app._notifications if "Could not save" in n.message]
        assert len(notes) == 1
        assert call_screen(app).session.current == "status"
        del store.save  # the store works again: the next change is written
        await pilot.press("b")
        assert store.calls()[0].snapshot["current"] == "hello"


async def test_small_terminal_keeps_say_and_choices(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        screen = call_screen(app)
        assert screen.has_class("-short") and screen.has_class("-narrow")
        assert screen.query_one(StepView).region.height >= 4
        assert screen.query_one(ChoicesPanel).region.height >= 2
        assert not screen.query_one("#call-side").display
        await pilot.press("n")
        assert screen.query_one("#call-side").display


async def test_a_move_leaves_no_line_of_the_step_before(make_app: MakeApp) -> None:
    """Steps redraw only the lines that changed; none of the old step may linger."""

    from coach.script.library import resolve

    script = resolve("follow-up")._replace(checklist=())
    values = {v.id: "x" for v in script.variables} | {"interviewer": "Dana Lee"}
    app = make_app(script=script, values=values)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()

        def on_screen() -> str:
            # What the terminal shows: the composed lines, after partial redraws.
            return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

        assert "Nobody answers" in on_screen()  # the last of hello's five choices
        for key, gone, shown in [
            ("1", "Nobody answers", "Now is not a good time"),  # five choices -> two
            ("b", "Now is not a good time", "Nobody answers"),  # and back
            ("1", "May I speak with", "Do you have two minutes?"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            screen = on_screen()
            assert gone not in screen, f"after {key!r}: {gone!r} still on screen"
            assert shown in screen


async def test_steps_one_key_away_are_laid_out_before_the_key(
    make_app: MakeApp, monkeypatch: object
) -> None:
    """After a move, the steps one key away are prepared: the next move lays nothing out."""
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        screen = call_screen(app)
        for _ in range(50):  # the preparation runs once the first step is shown
            await pilot.pause(0.02)
            if screen.prepared_for == screen.session.version:
                break
        assert screen.prepared_for == screen.session.version
        laid_out: list[str] = []
        original = StepView._body

        def counting(self: StepView, session: object, node: object, *args: object) -> object:
            laid_out.append(node.id)  # type: ignore[attr-defined]
            return original(self, session, node, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(StepView, "_body", counting)  # type: ignore[attr-defined]
        await pilot.press("1")  # hello -> status, prepared
        await pilot.pause()
        assert call_screen(app).session.current == "status"
        assert "status" not in laid_out  # shown without being laid out
        # ... and the steps one key from status were prepared after it showed.
        assert {"thanks", "repeat"} <= set(laid_out)
        assert "interviewed for the Data analyst role" in app.screen.query_one(StepView).text


async def test_panels_follow_a_theme_change(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        step = app.screen.query_one(StepView)
        before = step.render_line(0)
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        after = step.render_line(0)
        assert after.text == before.text
        assert [s.style for s in after] != [s.style for s in before]


async def test_a_step_too_long_for_the_panel_scrolls_and_a_move_starts_at_its_top(
    make_app: MakeApp,
) -> None:
    long_name = "Alexandra " * 60
    app = call_app(make_app, {**VALUES, "interviewer": long_name.strip()})
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        step = app.screen.query_one(StepView)
        assert step.virtual_size.height > step.size.height
        assert step.show_vertical_scrollbar
        step.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert step.scroll_y > 0
        await pilot.press("1")
        await pilot.pause()
        assert step.scroll_y == 0
        assert step.text.splitlines()[0].lstrip().startswith("Hello › Status")


async def test_capture_fields_are_drawn_and_edited_in_place_of_the_panel(
    make_app: MakeApp,
) -> None:
    """A move redraws the fields panel (nothing is shown or hidden, so nothing
    else moves); tab swaps in the real fields, escape swaps back."""
    app = call_app(make_app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = call_screen(app)
        panel = screen.query_one(CapturesPanel)
        editors = screen.query_one("#captures")
        step = screen.query_one(StepView)
        size = step.size
        assert "Nothing to note at this step" in panel.text
        await pilot.press("1")
        await pilot.pause()
        assert "When will they decide?" in panel.text and "nothing yet" in panel.text
        assert step.size == size and not editors.display
        await pilot.press("tab", *"2026-03-10")
        assert editors.display and not panel.display
        assert isinstance(screen.focused, Input)
        await pilot.press("escape")
        await pilot.pause()
        assert panel.display and not editors.display
        assert "2026-03-10" in panel.text and "Tuesday 10 March" in panel.text
        await pilot.press("b")
        await pilot.pause()
        assert "Nothing to note at this step" in panel.text and step.size == size


async def test_compact_layout_shows_fields_only_where_there_are_some(make_app: MakeApp) -> None:
    app = call_app(make_app)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        screen = call_screen(app)
        side = screen.query_one("#call-side")
        assert not side.display  # short: no fields at hello, notes closed
        await pilot.press("1")
        await pilot.pause()
        assert side.display and "When will they decide?" in screen.query_one(CapturesPanel).text
        await pilot.press("b")
        await pilot.pause()
        assert not side.display
