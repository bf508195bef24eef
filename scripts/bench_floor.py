"""The floor of the TUI benchmarks: an empty Textual app showing one Static.

A file of its own so that the floor process imports Textual and nothing the
benchmark drivers need (argparse, json, sqlite3, subprocess...): its start-up
and its memory are Textual's alone. Each ``x`` updates the Static; with
``--log FILE`` the time from the key event to the refresh that shows it is
appended to FILE (seconds, one a line).

Usage: python scripts/bench_floor.py [--log FILE]
"""

from __future__ import annotations

import sys
import time


def record(log: str, t0: float, name: str = "") -> None:
    """Append the seconds since ``t0`` (and ``name``, if any) to ``log``."""
    with open(log, "a") as f:
        f.write(f"{time.perf_counter() - t0} {name}".rstrip() + "\n")


def run(log: str | None) -> None:
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Floor(App[None]):
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("ready", id="s")

        async def on_event(self, event: events.Event) -> None:
            if isinstance(event, events.Key) and not event.is_forwarded and event.key == "x":
                t0 = time.perf_counter()
                self.count += 1
                self.query_one("#s", Static).update(f"step {self.count}")
                if log:
                    self.call_after_refresh(record, log, t0)
                return
            await super().on_event(event)

    Floor().run()


if __name__ == "__main__":
    run(sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--log" else None)
