"""Ending a call before it reaches its end (``q``): finished or abandoned.

On a final step the call finishes with that step's outcome; anywhere else it
is abandoned (saved as ended early). The call screen asks first and words the
question by what will happen.
"""

from __future__ import annotations

from typing import Literal

from coach.call.session import CallSession

#: How a call was closed, as the recorder writes it.
EndStatus = Literal["done", "abandoned"]


def how_it_ends(session: CallSession) -> EndStatus:
    """What ending ``session`` now would do: ``done`` on a final step, else ``abandoned``."""
    return "done" if session.node.end is not None else "abandoned"


def end_now(session: CallSession) -> EndStatus:
    """End ``session`` at once (see :func:`how_it_ends`); returns how it ended."""
    status = how_it_ends(session)
    if status == "done":
        session.finish()
    else:
        session.abandon()
    return status
