"""What the command line prints never drives the terminal.

Every command prints through :class:`Visible`, which shows each control
character in what it writes as its picture (``␛`` for ESC; see
:mod:`coach.script.controls`): a script or a value holding ``ESC[2J`` or an
OSC 52 clipboard write is shown, not obeyed, by ``coach check``, ``coach
scripts``, ``coach graph``, ``coach log`` and the rest. JSON is unchanged in
meaning: its encoder already writes C0 controls as ``\\u001b``.
"""

from __future__ import annotations

import sys

from coach.script.controls import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO


class Visible:
    """A text stream that writes what it is given with its controls shown.

    ``stream`` is None when the command was started with that stream closed
    (``coach due >&-``: Python then sets ``sys.stdout`` to None): what is
    written to it is dropped, as ``print`` drops it, instead of failing.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is not None:
            self._stream.write(visible(text))
        return len(text)

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def visible_output() -> tuple[TextIO, TextIO]:
    """Make ``sys.stdout`` and ``sys.stderr`` show controls; returns the two
    streams they were, for :func:`restore_output`."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = Visible(out)
    sys.stderr = Visible(err)
    return out, err


def restore_output(streams: tuple[TextIO, TextIO]) -> None:
    sys.stdout, sys.stderr = streams
