"""Emoji, combining marks, right-to-left and wide CJK text stay aligned on the
call screen (issue 14 point 4): every row is exactly the terminal's width and
the say box's right edge is in one column on every row of the box."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.cells import cell_len

from coach.tui.app import CoachApp
from coach.tui.widgets.step import StepView
from tests.tui.call.test_call_screen import VALUES
from tests.tui.scripts import no_checklist_script

MakeApp = Callable[..., CoachApp]
NAMES = {
    "emoji": "Zoë 👩‍💻 Lee 🎉",
    "combining": "Ame\u0301lie Fran\u0327ois",
    "rtl": "שלום עליכם",
    "cjk": "山田太郎（やまだ たろう）",
}


@pytest.mark.parametrize("kind", list(NAMES))
@pytest.mark.parametrize("size", [(60, 15), (100, 30)], ids=["60x15", "100x30"])
async def test_wide_and_odd_text_stays_aligned(
    make_app: MakeApp, kind: str, size: tuple[int, int]
) -> None:
    name = NAMES[kind]
    values = {**VALUES, "interviewer": name, "position": f"{name} {name} {name}"}
    app = make_app(script=no_checklist_script(), values=values)
    async with app.run_test(size=size) as pilot:
        for key in ["", "1"]:
            if key:
                await pilot.press(key)
            await pilot.pause()
            strips = list(app.screen._compositor.render_strips())
            assert all(strip.cell_length == size[0] for strip in strips)
            step = app.screen.query_one(StepView)
            left, right = step.region.x, step.region.right
            rows = [strips[y].crop(left, right) for y in range(step.region.y, step.region.bottom)]
            box = [s.text for s in rows if s.text.strip()[:1] in ("╭", "│", "╰")]
            assert len(box) >= 3, box
            # The right edge: the last border cell of each row of the box.
            edges = {cell_len(line[: max(line.rfind(c) for c in "╮│╯")]) for line in box}
            assert len(edges) == 1, (kind, box)
            assert name.split()[0] in " ".join(s.text for s in strips)
