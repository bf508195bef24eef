"""Save the README's screenshots: the call screen mid-call, as SVG and PNG.

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


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    svg = asyncio.run(call_screen(out))
    print(svg)
    if shutil.which("rsvg-convert"):
        png = svg.with_suffix(".png")
        subprocess.run(["rsvg-convert", "-o", str(png), str(svg)], check=True)
        print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
