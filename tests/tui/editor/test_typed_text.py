"""Characters typed into the editor's text as single keys, in one burst
(issue 14): every one lands, in order, on one line. 4,000 here (about 2 ms a
key in a test); scripts/bench_scale.py types 12,800 into the call's notes."""

from __future__ import annotations

from pathlib import Path

from textual import events

from coach.tui.editor_app import EditorApp
from coach.tui.screens.editor import EditorScreen

TYPED = ("x" * 1500 + " " + "# a comment typed in one go, " * 100)[:4000]


async def test_a_burst_of_keys_typed_into_the_editor_all_land(coach_home: Path) -> None:
    path = coach_home / "typed.yaml"
    coach_home.mkdir(parents=True, exist_ok=True)
    path.write_text("title: Typed\nnodes:\n  a: {say: Hi, end: done}\n", encoding="utf-8")
    app = EditorApp(path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        area = screen.source
        area.focus()
        area.move_cursor((3, 0))
        await pilot.pause()
        for character in TYPED:
            key = "space" if character == " " else character
            app.post_message(events.Key(key, character))
        for _ in range(600):
            if len(area.document.get_line(3)) >= len(TYPED):
                break
            await pilot.pause(0.05)
        assert area.document.get_line(3) == TYPED
        assert screen.modified
