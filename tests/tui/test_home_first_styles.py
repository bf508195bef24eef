"""Home skips the restyle of Textual's first resume (its widgets were styled as
they mounted): what it shows must be what a full restyle gives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from textual.screen import Screen

from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen


@pytest.mark.parametrize("size", [(100, 30), (40, 12), (200, 50)])
@pytest.mark.parametrize("with_jobs", [False, True])
async def test_the_first_frame_is_what_a_full_restyle_shows(
    size: tuple[int, int], with_jobs: bool, make_app: Callable[..., CoachApp], store: Store
) -> None:
    if with_jobs:
        store.add_job("Acme Ltd", "Data analyst", interview_date=date(2026, 2, 20))
        store.add_job("Globex", "Engineer", interview_date=date(2026, 3, 2))
    app = make_app() if with_jobs else CoachApp()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        shown = app.export_screenshot()
        Screen.update_node_styles(home, animate=False)  # Textual's own, in full
        await pilot.pause()
        assert app.export_screenshot() == shown
        # Later resumes restyle as Textual does (only the first is skipped).
        assert not home._styled_on_mount
