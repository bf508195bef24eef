"""The base every app derives from: one stylesheet, the themes, the key fix at start."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from textual.content import Content

from coach.tui.app import CoachApp
from coach.tui.base import CALL_CSS, CALL_CSS_END, HOME_CSS_END, BaseApp
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.dialogs.end_call import EndCallDialog
from coach.tui.dialogs.recent import RecentCallsDialog
from coach.tui.dialogs.restore import RestoreDialog
from coach.tui.partner import PartnerApp
from coach.tui.screens.call import CallScreen
from coach.tui.screens.details import DetailsScreen
from coach.tui.screens.partner_card import PartnerCardScreen
from coach.tui.screens.prep import PrepScreen
from coach.tui.screens.summary import PracticeSummaryScreen, SummaryScreen
from tests.tui.scripts import no_checklist_script


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_the_tui_package_has_no_side_effect() -> None:
    assert _run("import coach.tui, sys; print('textual' in sys.modules)") == "False"


def test_the_key_fix_is_installed_when_an_app_is_made_not_on_import() -> None:
    out = _run(
        """
        import coach.tui.app, coach.tui.partner, coach.tui.widgets.step
        from textual._xterm_parser import XTermParser
        before = XTermParser._sequence_to_key_events.__module__
        from coach.tui.partner import PartnerApp
        PartnerApp()
        PartnerApp()  # twice: still one patch
        patched = XTermParser._sequence_to_key_events
        cells = dict(zip(patched.__code__.co_freevars, patched.__closure__))
        original = cells["original"].cell_contents
        print(before, patched.__module__, original.__module__)
        """
    )
    # Patched once: what the patch wraps is Textual's own method, not an earlier patch.
    assert out.split() == ["textual._xterm_parser", "coach.tui.keys", "textual._xterm_parser"]


SHEET = Path(__file__).parents[2] / "coach" / "tui" / "coach.tcss"


def _sheets(app: CoachApp | PartnerApp) -> set[Path]:
    """The files an app reads its stylesheet from: through Textual, or home's part itself."""
    read = {Path(path).resolve() for path, _ in app.stylesheet.source if path}
    return {path.resolve() for path in app.css_path} | read


def test_every_app_loads_the_one_stylesheet() -> None:
    for app in (CoachApp(), CoachApp(edit=Path("x.yaml")), PartnerApp()):
        assert isinstance(app, BaseApp)
        assert _sheets(app) == {SHEET.resolve()}
    assert not (SHEET.parent / "editor.tcss").exists()


async def test_home_reads_the_rest_of_the_stylesheet_before_another_screen(
    make_app: Callable[..., CoachApp],
) -> None:
    # Home's first frame reads the rules before HOME_CSS_END, the rest follows,
    # in order: together they are the whole file, whatever screen comes next.
    assert HOME_CSS_END in SHEET.read_text(encoding="utf-8")
    app = make_app()
    assert app.css_path == [] and app._css_later is not None
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(RecentCallsDialog(Content("")))
        await pilot.pause()
        assert app._css_later is None
        assert _read_of_sheet(app) == SHEET.read_text(encoding="utf-8")


async def test_the_partner_view_shares_the_theme_toggle_and_the_key_split(
    tmp_path: Path,
) -> None:
    app = PartnerApp(db_path=tmp_path / "none.db", poll_seconds=5)
    async with app.run_test(size=(60, 15)) as pilot:
        dark = app.current_theme.dark
        app.action_toggle_theme()
        assert app.current_theme.dark is not dark
        await pilot.press("alt+q")  # "escape, q" typed in one motion: q quits
        await pilot.pause()
    assert app.return_code == 0


def _read_of_sheet(app: CoachApp) -> str:
    """What ``app`` has read of coach.tcss so far, in order."""
    return "".join(
        source[0]
        for (path, _), source in app.stylesheet.source.items()
        if path and Path(path).resolve() == SHEET.resolve()
    )


def test_every_screen_of_a_call_is_styled_by_the_calls_part() -> None:
    for screen in (
        DetailsScreen,
        PrepScreen,
        PartnerCardScreen,
        CallScreen,
        SummaryScreen,
        PracticeSummaryScreen,
        ConfirmDialog,
        EndCallDialog,
        RestoreDialog,
    ):
        assert getattr(screen, "CSS_PART", None) == CALL_CSS, screen.__name__
    text = SHEET.read_text(encoding="utf-8")
    assert text.index(HOME_CSS_END) < text.index(CALL_CSS_END)


async def test_a_call_reads_its_screens_rules_and_the_rest_before_another_screen(
    make_app: Callable[..., CoachApp],
) -> None:
    # The rules after CALL_CSS_END (jobs, the editor, the partner view) style
    # no screen of a call: a call reads them only before another screen shows.
    values = {"interviewer": "Ms Lee", "position": "Data analyst", "interview_date": "2026-02-24"}
    app = make_app(script=no_checklist_script(), values=values)
    text = SHEET.read_text(encoding="utf-8")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        await pilot.press("q")  # the end-call question: a screen of the call too
        await pilot.pause()
        assert isinstance(app.screen, EndCallDialog)
        assert _read_of_sheet(app) == text.partition(CALL_CSS_END)[0]
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(RecentCallsDialog(Content("")))  # (the command palette has it)
        await pilot.pause()
        assert app._css_later is None
        assert _read_of_sheet(app) == text
