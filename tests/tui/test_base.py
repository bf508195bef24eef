"""The base every app derives from: one stylesheet, the themes, the key fix at start."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from coach.tui.app import CoachApp
from coach.tui.base import BaseApp
from coach.tui.partner import PartnerApp


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


def test_every_app_loads_the_one_stylesheet() -> None:
    sheet = Path(__file__).parents[2] / "coach" / "tui" / "coach.tcss"
    for app in (CoachApp(), PartnerApp()):
        assert isinstance(app, BaseApp)
        assert [path.resolve() for path in app.css_path] == [sheet.resolve()]
    assert not (sheet.parent / "editor.tcss").exists()


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
