"""Drive a program in a real terminal (tmux): type keys, read the screen.

Used by the end-to-end tests and the TUI benchmark; usable by hand too:

    python scripts/tmux_driver.py "coach call follow-up"  # prints the first screen
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path


class TmuxError(RuntimeError):
    pass


_GAPS = re.compile(r"[\s│┃║▎▊▁▂▃▄▅▆▇█]+")


def flat(text: str) -> str:
    """Text as a reader sees it: wrapped lines, panel borders and scrollbars
    become single spaces, and a column set apart by a rule down the screen
    (a side panel) is read after the rest, not line by line across it.

    A sentence that the app wrapped over two lines of a bordered panel still
    matches ``wait_for("the whole sentence")``, with a side panel beside it too.
    """
    return _GAPS.sub(" ", in_columns(text)).strip()


def in_columns(text: str) -> str:
    """``text`` with a side column (right of a ``│`` rule on most rows) moved
    after the main one, so each reads on by itself."""
    rows = text.splitlines()
    counts: dict[int, int] = {}
    for row in rows:
        for x, char in enumerate(row):
            if char == "│":
                counts[x] = counts.get(x, 0) + 1
    if not counts:
        return text
    x, seen = max(counts.items(), key=lambda item: (item[1], item[0]))
    if seen * 2 < len(rows) or x < 20:
        return text  # no rule down most of the screen: one column

    def ruled(row: str) -> bool:
        return len(row) > x and row[x] == "│"

    main = [row[:x] if ruled(row) else row for row in rows]
    side = [row[x + 1 :] for row in rows if ruled(row)]
    return "\n".join(main + side)


def tmux_available() -> bool:
    return shutil.which("tmux") is not None


class Tmux:
    """One detached tmux session running one command, on its own tmux server."""

    def __init__(
        self,
        command: str,
        *,
        width: int = 100,
        height: int = 30,
        env: Mapping[str, str] | None = None,
        cwd: str | Path | None = None,
    ) -> None:
        self.socket = f"coach-{uuid.uuid4().hex[:10]}"
        self.name = "main"
        self.width = width
        self.height = height
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        # Keep the pane open after the program exits so its last screen can be read.
        # COLUMNS and LINES go: the shell may export the pane's size from before
        # tmux gave it the one asked for, and Textual believes them over the
        # terminal (shutil.get_terminal_size), for the whole run.
        shell_cmd = f"unset COLUMNS LINES; {exports} {command}; echo '[exited '$?']'; sleep 600"
        self._run(
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            "-c",
            str(cwd or os.getcwd()),
            # COLUMNS and LINES, if the caller's environment has them (a C library
            # in pytest sets them to 80x24 behind os.environ's back), would make the
            # app draw for that size instead of the pane's.
            "env",
            "-u",
            "COLUMNS",
            "-u",
            "LINES",
            "TERM=xterm-256color",
            "COLORTERM=truecolor",
            "bash",
            "-c",
            shell_cmd,
        )

    def _run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if result.returncode != 0:
            raise TmuxError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def send(self, *keys: str) -> None:
        """Send tmux key names (``Enter``, ``Tab``, ``Escape``, ``BSpace``, ``C-c``, ``1``)."""
        for key in keys:
            self._run("send-keys", "-t", self.name, key)

    def type(self, text: str) -> None:
        """Type literal text."""
        self._run("send-keys", "-t", self.name, "-l", text)

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", self.name)

    def wait_for(
        self,
        what: str | Callable[[str], bool],
        timeout: float = 15.0,
        interval: float = 0.05,
    ) -> str:
        """Wait until the screen contains ``what`` (or the predicate holds); return it."""
        check: Callable[[str], bool]
        if isinstance(what, str):
            wanted = flat(what)

            def check(screen: str) -> bool:
                return wanted in flat(screen)
        else:
            check = what
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            time.sleep(interval)
        raise TmuxError(f"timed out waiting for {what!r}; the screen was:\n{screen}")

    def pane_pid(self) -> int:
        return int(self._run("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill()


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with Tmux(sys.argv[1]) as tmux:
        time.sleep(2)
        print(tmux.screen())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
