"""Run the floor app or ``coach`` and end the process at its first frame.

For ``scripts/bench_instructions.py``: the process is counted (under
callgrind) from its start to the first write of a whole frame to the
terminal, and no further. Textual's Linux driver is patched to ``os._exit``
right after that write; the floor and ``coach`` get the same patch, so
what it costs weighs on both alike.

Usage: python scripts/first_frame.py floor
       python scripts/first_frame.py coach [coach's arguments]
"""

from __future__ import annotations

import os
import sys

#: A write at least this long is a frame (the first few are terminal modes).
MIN_FRAME = 500


def _stop_at_first_frame() -> None:
    from textual.drivers import linux_driver

    write = linux_driver.LinuxDriver.write

    def write_then_stop(self: linux_driver.LinuxDriver, data: str) -> None:
        write(self, data)  # handed to the driver's writer thread
        if len(data) >= MIN_FRAME:
            os._exit(0)  # the frame is made: what is counted ends here

    linux_driver.LinuxDriver.write = write_then_stop  # type: ignore[method-assign]


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in ("floor", "coach"):
        sys.exit(__doc__)
    if argv[0] == "coach":
        # What ``coach`` does before it imports Textual, which the patch
        # below imports first: asyncio comes without ssl.
        from coach.tui.startup import leave_out_tls

        leave_out_tls()
    _stop_at_first_frame()
    if argv[0] == "floor":
        from bench_floor import run

        run(None)
        return
    from coach.cli import main as coach_main

    sys.argv = ["coach", *argv[1:]]
    sys.exit(coach_main())


if __name__ == "__main__":
    main(sys.argv[1:])
