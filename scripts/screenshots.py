"""Save the README's screenshots: home with four jobs, and the call screen mid-call,
as SVG and PNG.

Usage: python scripts/screenshots.py [OUT_DIR]   (default: docs/)
PNG needs rsvg-convert (Debian: librsvg2-bin); without it only the SVG is written.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from follow_up import VALUES


async def call_screen(out: Path) -> Path:
    os.environ["COACH_HOME"] = tempfile.mkdtemp()
    from coach.script.library import resolve
    from coach.tui.app import CoachApp

    app = CoachApp(script=resolve("follow-up"), values=VALUES)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*["space", "down"] * 8, "s")
        await pilot.pause()
        await pilot.press("1", "1", "1")  # on the line, go ahead, not decided yet
        await pilot.press("tab", *"2026-12-04", "escape")
        await pilot.press("n", *"Team grows in January.", "escape")
        await pilot.pause(0.3)
        path = app.save_screenshot(filename="call-screen.svg", path=str(out))
    return Path(path)


async def home_screen(out: Path) -> Path:
    """Home on Wednesday 2 December 2026 with four interviews entered."""
    from datetime import date

    os.environ["COACH_HOME"] = tempfile.mkdtemp()
    from coach.store import Store
    from coach.tui.app import CoachApp

    today = date(2026, 12, 2)
    with Store() as store:
        store.add_job(
            "Acme Ltd", "Data analyst", interviewer="Dana Lee", interview_date=date(2026, 11, 24)
        )
        store.add_job(
            "Birch & Co",
            "Analyst",
            interviewer="Sam Birch",
            interview_date=date(2026, 11, 27),
            decision_date=date(2026, 12, 4),
        )
        store.add_job(
            "Globex", "Backend engineer", interviewer="Ray Smith", interview_date=date(2026, 11, 18)
        )
        initech = store.add_job("Initech", "QA tester", interviewer="Jo Porter")
        store.mark_heard(initech.id, note="They rang to book a second interview.", today=today)
    app = CoachApp(today=lambda: today)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        path = app.save_screenshot(filename="home.svg", path=str(out))
    return Path(path)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    for svg in (asyncio.run(home_screen(out)), asyncio.run(call_screen(out))):
        print(svg)
        if shutil.which("rsvg-convert"):
            png = svg.with_suffix(".png")
            # Without xml:space="preserve" rsvg drops the spaces between styled runs.
            text = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
            subprocess.run(["rsvg-convert", "-o", str(png)], input=text.encode(), check=True)
            print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
