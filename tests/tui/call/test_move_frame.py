"""What a move through the call costs its frame: only the changed rows are
rendered (``coach.tui.compositor``), and the new step's first line (the path
and the clocks) was rendered before the key (``StepView.prepare``)."""

from __future__ import annotations

import random
from collections.abc import Callable

from rich.console import Console
from textual._compositor import ChopsUpdate, Compositor
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Static

from coach.tui import compat
from coach.tui.app import CoachApp
from coach.tui.compositor import RowsCompositor, row_runs, use_rows_compositor
from coach.tui.screens.call import CallScreen
from coach.tui.widgets.step import StepView
from tests.tui.conftest import FakeClock

MakeApp = Callable[..., CoachApp]
VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}


def test_rows_are_grouped_in_runs() -> None:
    assert row_runs(set()) == []
    assert row_runs({0, 1, 2, 7, 9, 10}) == [(0, 3), (7, 8), (9, 11)]


def _text(update: object) -> dict[tuple[int, int], tuple[str, object]]:
    """An update as the terminal shows it: each cell written, with its
    character and style (how the strips were cut into segments aside)."""
    from rich.segment import ControlType

    console = Console(width=100, color_system="truecolor", force_terminal=True)
    cells: dict[tuple[int, int], tuple[str, object]] = {}
    x = y = 0
    for segment in console.render(update):  # type: ignore[arg-type]
        if segment.control:
            for code in segment.control:
                if code[0] == ControlType.CURSOR_MOVE_TO:
                    x, y = int(code[1]), int(code[2])  # type: ignore[misc]
            continue
        if segment.text == "\n":
            continue
        style = segment.style.clear_meta_and_links() if segment.style else None
        for char in segment.text:
            cells[x, y] = (char, style)
            x += 1
    return cells


class Panels(Screen[None]):
    """A screen like the call's: a column of panels and a docked side column."""

    CSS = """
    #side { dock: right; width: 30; border-left: solid $primary; }
    Static { height: auto; }
    #body { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        use_rows_compositor(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="main"):
            for i in range(6):
                yield Static(f"main {i}", id=f"m{i}")
            yield Static("body", id="body")
        with Vertical(id="side"):
            for i in range(5):
                yield Static(f"side {i}", id=f"s{i}")


class Compare:
    """While on, each partial update of a ``RowsCompositor`` is rendered by
    Textual's own compositor too, from the same dirty regions, and the two
    compared as the terminal gets them."""

    def __init__(self) -> None:
        self.compared = 0
        self.differ: list[int] = []
        self._original = RowsCompositor.render_partial_update

    def __enter__(self) -> Compare:
        original = self._original

        def both(compositor: RowsCompositor) -> ChopsUpdate | None:
            regions = set(compositor._dirty_regions)
            if not regions:
                return original(compositor)
            theirs = Compositor.render_partial_update(compositor)
            compositor._dirty_regions.update(regions)
            ours = original(compositor)
            self.compared += 1
            if _text(ours) != _text(theirs):
                # A panel may lay itself out again while it renders (the
                # first render shows it needs a scrollbar): the render after
                # Textual's sees it settled, so compare with Textual's again.
                compositor._dirty_regions.update(regions)
                again = Compositor.render_partial_update(compositor)
                if _text(ours) != _text(again):
                    self.differ.append(self.compared)
            return ours

        RowsCompositor.render_partial_update = both  # type: ignore[method-assign, assignment]
        return self

    def __exit__(self, *exc: object) -> None:
        RowsCompositor.render_partial_update = self._original  # type: ignore[method-assign]


async def test_a_partial_update_is_the_same_as_textuals_own() -> None:
    """Random changes here and there: each partial update sends the terminal
    exactly what Textual's compositor would have sent."""
    if not compat.private_ok():
        return  # the screen keeps Textual's own compositor: nothing to compare
    rng = random.Random(13)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(Panels())

    app = Host()
    with Compare() as compare:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen._compositor, RowsCompositor)
            statics = list(app.screen.query(Static))
            for round_number in range(40):
                for widget in rng.sample(statics, rng.randint(1, 4)):
                    lines = rng.randint(1, 3) if rng.random() < 0.2 else 1
                    text = "\n".join(f"{widget.id} {round_number}.{n}" for n in range(lines))
                    widget.update(text)
                await pilot.pause()
    assert compare.compared >= 20
    assert compare.differ == []


async def test_a_walk_through_the_call_draws_what_textual_would(make_app: MakeApp) -> None:
    """Every partial update of a walk through the follow-up call (moves, back,
    the notes, the answers) is the same as Textual's compositor's."""
    if not compat.private_ok():
        return

    from coach.script.library import resolve

    script = resolve("follow-up")._replace(checklist=())
    values = {v.id: "x" for v in script.variables} | {"interviewer": "Dana Lee"}
    app = make_app(script=script, values=values)
    with Compare() as compare:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for key in ["1", "b", "1", "1", "tab", "a", "b", "c", "escape", "a", "a", "b", "b"]:
                await pilot.press(key)
                await pilot.pause()
    assert compare.compared >= 10
    assert compare.differ == []


async def test_a_move_does_not_render_the_side_column_whole(make_app: MakeApp) -> None:
    """The side column runs the screen's height; a move changes a line or two
    of it, and only those rows of it are drawn."""
    if not compat.private_ok():
        return
    from tests.tui.scripts import no_checklist_script

    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallScreen)
        side = screen.query_one("#call-side", Widget)
        drawn: list[int] = []
        original = type(side).render_lines

        def counting(self: Widget, crop: object) -> object:
            if self is side:
                drawn.append(crop.height)  # type: ignore[attr-defined]
            return original(self, crop)  # type: ignore[arg-type]

        type(side).render_lines = counting  # type: ignore[method-assign, assignment]
        try:
            await pilot.press("1")
            await pilot.pause()
        finally:
            type(side).render_lines = original  # type: ignore[method-assign]
        assert screen.session.history  # it moved
        assert sum(drawn) < side.size.height


async def test_the_first_line_of_the_next_step_is_rendered_before_its_key(
    make_app: MakeApp, fake_clock: FakeClock
) -> None:
    """Once a step is on screen the steps one key away are prepared, their
    first line too: the move that follows (forward, or back) renders no line
    of the step panel."""
    if not compat.private_ok():
        return
    from tests.tui.scripts import no_checklist_script

    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, CallScreen)
        step = screen.query_one(StepView)

        async def prepared() -> None:
            for _ in range(500):  # up to 5 s on a loaded machine
                await pilot.pause(0.01)
                if screen.prepared_for == screen.session.version:
                    return
            raise AssertionError("the next moves were never prepared")

        rendered: list[str] = []
        counting_on = [False]
        original = Visual.to_strips
        original_prepare = StepView.prepare

        def counting(widget: Widget, *args: object, **kwargs: object) -> object:
            if widget is step and counting_on[0]:
                rendered.append(args[0].plain if args else "")  # type: ignore[attr-defined]
            return original(widget, *args, **kwargs)  # type: ignore[arg-type]

        def preparing(self: StepView, session: object, moves: object = None) -> None:
            counting_on[0] = False  # the move's frame is out: what follows is ahead of time
            original_prepare(self, session, moves)  # type: ignore[arg-type]

        # The first move and back: the first step was laid out before the
        # panels took their final rows, so its neighbours are prepared again.
        for key in ("1", "b"):
            await prepared()
            await pilot.press(key)
        for _ in range(2):
            # A new second on the call's clock: its first line is new text.
            fake_clock.now += 5
            await prepared()
            await pilot.press("1")  # shown at the new time, its neighbours prepared
            key = "b"  # to a line never drawn before: at 0:05, the step clock at 0:00
            await prepared()
            rendered.clear()
            counting_on[0] = True
            Visual.to_strips = counting  # type: ignore[assignment, method-assign]
            StepView.prepare = preparing  # type: ignore[method-assign]
            try:
                await pilot.press(key)
                await prepared()
            finally:
                Visual.to_strips = original  # type: ignore[method-assign]
                StepView.prepare = original_prepare  # type: ignore[method-assign]
            assert rendered == [], f"after {key!r} the step panel rendered {rendered}"
        assert not screen.session.history  # forward, then back where it started
