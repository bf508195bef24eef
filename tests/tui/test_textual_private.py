"""Textual's private parts the call panels and the key fix use, and the public fallback.

On a Textual release not tested (``coach.tui.compat.TESTED``) the panels draw
through Textual's own line API and the parser is left alone; these tests
force that and check the panels still show their text.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable

import pytest
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.widget import Widget

from coach.tui import compat, keys
from coach.tui.app import CoachApp
from coach.tui.widgets.lines import LinesView
from coach.tui.widgets.step import ChoicesPanel, StepView
from tests.tui.scripts import no_checklist_script

SIZE = (80, 24)
VALUES = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}

MakeApp = Callable[..., CoachApp]


@pytest.mark.parametrize(("module", "owner", "name"), compat.PRIVATE)
def test_each_private_name_still_exists(module: str, owner: str, name: str) -> None:
    found: object = importlib.import_module(module)
    if owner:
        found = getattr(found, owner)
    if name:
        if isinstance(found, type) and not hasattr(found, name):
            found = found()  # set in __init__ (e.g. Widget._styles_cache)
        assert hasattr(found, name), f"{module}.{owner}.{name} is gone"


def test_the_panels_replace_the_render_lines_that_uses_the_styles_cache() -> None:
    # LinesView.render_lines stands in for Widget's; a ScrollView of its own would differ.
    assert ScrollView.render_lines is Widget.render_lines
    assert LinesView.render_lines is not Widget.render_lines


def test_installed_textual_is_a_tested_one() -> None:
    # A new Textual turns the fast path off: test the panels on it, then add it to TESTED.
    assert compat.private_ok(), f"Textual {compat.textual_version()} is not in compat.TESTED"


@pytest.mark.parametrize(
    ("version", "tested"),
    [("8.2.0", True), ("8.2.8", True), ("8.3.0", False), ("9.0.0a1", False), ("x", False)],
)
def test_is_tested(version: str, tested: bool) -> None:
    assert compat.is_tested(version) is tested


def shown(panel: LinesView) -> list[str]:
    """The panel's rows as the compositor gets them (trailing spaces dropped)."""
    size = panel.region.size
    return [strip.text.rstrip() for strip in panel.render_lines(Region(0, 0, *size))]


async def panels_text(make_app: MakeApp) -> list[list[str]]:
    """What the step and choices panels draw at the first step, then after ``1``."""
    app = make_app(script=no_checklist_script(), values=VALUES)
    drawn: list[list[str]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):
            drawn.append(shown(app.screen.query_one(StepView))[1:])  # the clock line moves
            drawn.append(shown(app.screen.query_one(ChoicesPanel)))
            await pilot.press("1")
            await pilot.pause()
    return drawn


async def test_panels_draw_the_same_text_without_the_private_parts(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = await panels_text(make_app)
    monkeypatch.setattr(compat, "textual_version", lambda: "9.0.0")
    assert not compat.private_ok()
    plain = await panels_text(make_app)
    assert plain == fast
    say, choices, next_say, _ = plain
    assert any("May I speak with Ms Lee?" in row for row in say)
    assert any(row.startswith("1 ") for row in choices)
    assert any("Data analyst role" in row for row in next_say)


async def test_a_panel_on_an_untested_textual_takes_the_public_path(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compat, "textual_version", lambda: "9.0.0")
    callers: list[str] = []
    scroll_update = Widget._scroll_update

    def recording(self: Widget, virtual_size: Size) -> None:
        callers.append(sys._getframe(1).f_code.co_qualname)
        scroll_update(self, virtual_size)

    monkeypatch.setattr(Widget, "_scroll_update", recording)
    app = make_app(script=no_checklist_script(), values=VALUES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        step = app.screen.query_one(StepView)
        assert not step._fast
        await pilot.press("1")
        await pilot.pause()
        assert "Data analyst role" in step.text
    # Only Textual itself updated the scrollbars, never the panels' shortcut.
    assert callers and "LinesView._layout" not in callers


def test_the_key_fix_is_not_installed_on_an_untested_textual(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual._xterm_parser import XTermParser

    before = XTermParser._sequence_to_key_events
    monkeypatch.setattr(XTermParser, "_sequence_to_key_events", before)  # restored after
    monkeypatch.setattr(keys.install, "done", False)
    monkeypatch.setattr(compat, "textual_version", lambda: "9.0.0")
    keys.install()
    assert XTermParser._sequence_to_key_events is before


def test_the_version_read_from_the_folder_name_is_the_installed_one() -> None:
    from importlib.metadata import version

    assert compat.textual_version() == version("textual")
