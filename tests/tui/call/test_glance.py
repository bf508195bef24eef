"""The call at a glance (issue 11), at the four sizes: what to say on top,
the choices right under it, a footer that offers only what works here, keys
that are visibly off while a field has them, quick answers beside the step,
and notices that cover neither what to say nor the choices."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.geometry import Region
from textual.widgets import Input

from coach.script.library import resolve
from coach.tui.app import CoachApp
from coach.tui.screens.call import CallScreen
from coach.tui.widgets.answers import AnswersPanel
from coach.tui.widgets.keybar import KeyBar
from coach.tui.widgets.step import CapturesPanel, ChoicesPanel, StepView
from tests.tui.scripts import no_checklist_script

SIZES = [(60, 15), (80, 24), (100, 30), (140, 40)]
VALUES = {
    "your_name": "Sam Rivera",
    "interviewer": "Dana Lee",
    "company": "Acme",
    "position": "Data Analyst",
    "interview_date": "2026-11-10",
    "phone": "555 0100",
    "key_strengths": "SQL and clear reports",
    "forgot_to_mention": "my volunteer dashboard",
}
#: Down the follow-up script to its final step: the first choice, or Enter.
WALK = ["1", "1", "1", "enter", "enter", "1", "enter", "1", "enter"]

MakeApp = Callable[..., CoachApp]
ids = [f"{w}x{h}" for w, h in SIZES]


def follow_up(make_app: MakeApp) -> CoachApp:
    return make_app(script=resolve("follow-up")._replace(checklist=()), values=VALUES)


def parts(app: CoachApp) -> tuple[CallScreen, StepView, ChoicesPanel]:
    screen = app.screen
    assert isinstance(screen, CallScreen)
    return screen, screen.query_one(StepView), screen.query_one(ChoicesPanel)


def footer(app: CoachApp) -> list[str]:
    return [f"{h.key} {h.words}" for h in app.screen.query_one(KeyBar).hints if h.live]


def screen_rows(app: CoachApp) -> list[str]:
    """What the terminal shows, row by row (after the partial redraws)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def say_fully_shown(step: StepView) -> bool:
    """Every line of the say box is in the panel's rows (none scrolled away)."""
    return step.virtual_size.height <= step.size.height and step.scroll_y == 0


@pytest.mark.parametrize("size", SIZES, ids=ids)
async def test_the_choices_sit_right_under_the_whole_say_at_every_step(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen, step, choices = parts(app)
        tops = set()
        for key in ["", *WALK]:
            if key:
                await pilot.press(key)
            await pilot.pause()
            where = screen.session.current
            assert say_fully_shown(step), where
            assert choices.region.y == step.region.bottom, where
            assert choices.region.height > 0, where
            tops.add(choices.region.y)
            shown = "\n".join(screen_rows(app))
            first = choices.text.splitlines()[0].strip()
            assert first in shown, where
        assert screen.rows is not None
        if screen.rows.pad:
            assert len(tops) == 1  # nothing essential moves from step to step
        if size != (60, 15):
            assert screen.rows.pad


@pytest.mark.parametrize("size", [(100, 30), (140, 40)], ids=["100x30", "140x40"])
async def test_the_first_choice_is_a_few_rows_under_the_say(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rows = screen_rows(app)
        say_row = max(i for i, row in enumerate(rows) if "please?" in row)
        choice_row = next(i for i, row in enumerate(rows) if "1 Dana Lee is on the line" in row)
        assert 0 < choice_row - say_row <= 6  # it was 13 and 25 rows


async def test_at_60x15_the_tips_give_way_first(make_app: MakeApp) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=(60, 15)) as pilot:
        await pilot.pause()
        screen, step, choices = parts(app)
        cut = 0
        for key in WALK:
            await pilot.press(key)
            await pilot.pause()
            node = screen.session.node
            assert say_fully_shown(step), node.id
            # The tips are cut to the rows left: the choices never scroll away.
            assert choices.virtual_size.height <= choices.size.height, node.id
            tips = " ".join(node.tips)
            cut += bool(tips) and tips[-12:] not in " ".join(choices.text.split())
        assert cut  # some step had more tips than room


async def test_tab_does_nothing_at_a_step_without_fields(make_app: MakeApp) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen, _, _ = parts(app)
        assert not any(k.startswith("tab") for k in footer(app))
        await pilot.press("tab")
        assert screen.focused is None
        await pilot.press("1")  # still a move, not typed anywhere
        assert screen.session.current == "introduce"
        assert screen.session.notes == ""
        await pilot.press("n", "tab")  # from the notes: no field to go to either
        assert screen.focused is not None and screen.focused.id == "notes"
        await pilot.press("escape", "1", "1")  # pending_when: one date to note down
        await pilot.press("tab", "tab")  # tab goes round the step's fields, never to the notes
        assert isinstance(screen.focused, Input)
        assert screen.session.notes == ""


@pytest.mark.parametrize("size", SIZES, ids=ids)
async def test_while_a_field_has_focus_the_call_keys_are_dimmed(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1", "1", "1")  # pending_when: a date to note down
        await pilot.pause()
        screen, step, choices = parts(app)
        live = choices.render_line(0)
        for keys in (["tab"], ["n"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert choices.dim
            assert [s.style for s in choices.render_line(0)] != [s.style for s in live]
            assert "esc: back to the call keys" in step.text
            bar = screen.query_one(KeyBar).hints
            assert bar[0].key == "esc" and bar[0].live
            assert not [h for h in bar if h.live and h.key in ("b", "q", "⏎")]
            assert say_fully_shown(step)
            await pilot.press("escape")
            await pilot.pause()
            assert screen.focused is None and not choices.dim
            assert "esc" not in step.text.splitlines()[-1]


async def test_the_footer_offers_what_works_here_in_this_steps_words(make_app: MakeApp) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert footer(app) == ["1-5 Choose", "n Notes", "a Answers", "q End call"]
        await pilot.press("1", "1", "1")
        await pilot.pause()
        assert footer(app)[:3] == ["⏎ Continue", "b Back", "tab Note down"]
        assert not any("Choose" in k for k in footer(app))
        await pilot.press("enter", "enter")  # pending_callback, ask_impression
        await pilot.pause()
        assert footer(app)[:2] == ["1-2 Choose", "b Back"]


async def test_the_footer_names_what_enter_finishes(make_app: MakeApp) -> None:
    values = {"interviewer": "Ms Lee", "position": "Analyst", "interview_date": "2026-02-24"}
    app = make_app(script=no_checklist_script(), values=values)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1", "1")  # on the line, still deciding: the final step
        await pilot.pause()
        assert footer(app)[:2] == ["⏎ Finish call (Decision pending)", "b Back"]


@pytest.mark.parametrize("size", SIZES, ids=ids)
async def test_enter_at_a_step_with_choices_only_says_so_in_a_line(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen, step, choices = parts(app)
        before = (choices.region, choices.text)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.session.current == "hello"
        assert not app._notifications  # no toast over the choices
        assert "Enter does nothing here: pick a choice (1-5)" in step.text
        assert (choices.region, choices.text) == before
        await pilot.press("1")  # the next move clears it
        await pilot.pause()
        assert "Enter does nothing" not in step.text


def visible_text(panel: AnswersPanel) -> str:
    rows = panel.render_lines(Region(0, 0, *panel.region.size))
    return "\n".join(strip.text for strip in rows)


@pytest.mark.parametrize("size", SIZES, ids=ids)
async def test_quick_answers_open_beside_the_step_numbered_and_all_reachable(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        await pilot.press("a")
        await pilot.pause()
        screen, step, choices = parts(app)
        panel = screen.query_one(AnswersPanel)
        assert screen.answers_open and panel.region.height >= 3
        assert not panel.region.overlaps(step.region)
        assert not panel.region.overlaps(choices.region)
        assert say_fully_shown(step)
        assert footer(app) == ["1-6 Show answer", "↑↓ Scroll", "esc Back to the call keys"]
        assert "1 Why you are a match" in panel.text
        for number, title in ((3, "If they ask about salary"), (6, "Your number, to read out")):
            await pilot.press(str(number))
            await pilot.pause()
            assert panel.picked == number - 1
            assert f"{number} {title}" in visible_text(panel), visible_text(panel)
        assert screen.session.current == "introduce"  # the digits picked answers
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.answers_open and not panel.display
        assert not choices.dim


@pytest.mark.parametrize("size", SIZES, ids=ids)
async def test_a_script_notice_covers_neither_the_say_nor_the_choices(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        await pilot.pause()
        screen, step, choices = parts(app)
        message = "follow-up.yaml has errors; going on with the last good version."
        screen._side.show_notice(message, "warning", 12, screen._fit_rows)
        await pilot.pause()
        await pilot.pause()
        notice = screen.query_one("#call-notice")
        assert screen.notice == message
        assert notice.region.height >= 2
        assert not notice.region.overlaps(step.region)
        assert not notice.region.overlaps(choices.region)
        assert say_fully_shown(step)
        assert "Do you have two minutes?" in "\n".join(screen_rows(app))


@pytest.mark.parametrize("size", [(100, 30), (140, 40)], ids=["100x30", "140x40"])
async def test_nothing_to_note_fits_the_side_column(
    make_app: MakeApp, size: tuple[int, int]
) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(CapturesPanel)
        rows = panel.render_lines(Region(0, 0, *panel.region.size))
        shown = " ".join(strip.text.strip() for strip in rows)
        assert "Nothing to note at this step." in shown
        assert all(line.cell_length <= panel.region.width for line in panel._lines)


async def test_a_resize_keeps_the_choices_under_the_whole_say(make_app: MakeApp) -> None:
    app = follow_up(make_app)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("1", "1", "1")  # a step with a field
        screen, step, choices = parts(app)
        for size in [(60, 15), (100, 30), (80, 24), (140, 40), (60, 15)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert say_fully_shown(step), size
            assert choices.region.y == step.region.bottom, size
            assert "⏎ Continue" in "\n".join(screen_rows(app)), size
            side = screen.query_one("#call-side")
            if side.display:
                assert not side.region.overlaps(step.region), size
                assert not side.region.overlaps(choices.region), size
