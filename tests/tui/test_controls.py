"""Nothing the app draws sends a control character to the terminal: values,
notes and records holding ESC[2J or an OSC 52 clipboard write are drawn as
text (issue 14)."""

from __future__ import annotations

from collections.abc import Callable

from coach.call.session import CallSession
from coach.script.controls import CONTROLS
from coach.script.library import resolve
from coach.store import Store
from coach.tui.app import CoachApp
from tests.tui.call.test_glance import VALUES

EVIL = "\x1b[2J\x1b]52;c;aGVsbG8=\x07\x9b31m"


def drawn(app: CoachApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_a_call_with_evil_values_and_notes_draws_them_as_text(
    make_app: Callable[..., CoachApp],
) -> None:
    values = {**VALUES, "interviewer": f"Dana{EVIL} Lee", "company": f"Acme{EVIL}"}
    app = make_app(script=resolve("follow-up")._replace(checklist=()), values=values)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("1", "n")
        await pilot.pause()
        app.screen.query_one("#notes").insert(f"they said{EVIL}")  # type: ignore[attr-defined]
        await pilot.pause()
        text = drawn(app)
        assert "Dana[2J]52;c;aGVsbG8=31m Lee" in text  # shown, not obeyed
        assert CONTROLS.search(text) is None, repr(text)


async def test_home_draws_an_evil_record_as_text(
    make_app: Callable[..., CoachApp], store: Store
) -> None:
    script = resolve("follow-up")._replace(title=f"Follow-up{EVIL}")
    values = {**VALUES, "position": f"Analyst{EVIL}"}
    store.start_call(CallSession(script, values).snapshot())
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause(0.3)
        text = drawn(app)
        assert CONTROLS.search(text) is None, repr(text)
