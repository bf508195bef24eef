"""How the call screen shares its rows out: pure arithmetic, no widgets.

What to say comes first and the choices right under it; what must never
scroll away is the say box and the way on (the choices and side flows). Then
the fields and the notes; the tips take what is left, so they give way first.

When the step with the longest say and the step with the most choices both
fit, every step is drawn that size (``pad``): the choices start on the same
row whatever the step, and nothing essential moves. When they do not (a small
terminal, a long script), each step takes only the rows it needs, so the
whole of what to say stays readable.

On a narrow screen the fields and notes sit under the choices; on a short
and narrow one they show only when asked for (``tab``, ``n``, ``a``, a
notice) or when the step has fields and there is room for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: What the side column is showing beyond its usual fields and notes.
SideOpen = Literal["fields", "notes", "answers"] | None

#: Rows of the notes in the bottom column: their label and three lines.
NOTES_ROWS = 4
#: The rule above the bottom column.
RULE = 1
#: Rows the fields box keeps at the least when it shows, in the bottom column.
FIELDS_MIN = 2
#: Rows the bottom column takes at the least when asked for on a short screen.
OPEN_MIN = 5
#: Rows of the fields box in the side column on a wide screen, at the most.
WIDE_FIELDS = 16


@dataclass(frozen=True)
class Rows:
    """The rows of each part of the call screen."""

    #: Every step is drawn as high as the one that needs the most.
    pad: bool
    #: The step panel's height when padded; None: its own lines (up to ``step_max``).
    step: int | None
    #: The most rows the step panel may take (it scrolls beyond).
    step_max: int
    #: The side column shows (always, except on a short and narrow screen).
    side_shown: bool
    #: The bottom column's most rows (None: the side column is on the right).
    side_max: int | None
    #: The fields box's most rows.
    fields_max: int


def plan(
    height: int,
    *,
    narrow: bool,
    short: bool,
    step_most: int,
    step_here: int,
    way_most: int,
    way_here: int,
    fields_here: int = 0,
    side_open: SideOpen = None,
    notice: int = 0,
) -> Rows:
    """Share out ``height`` rows (the screen's, less the footer).

    ``step_*`` are the step panel's rows (header and boxes) for the step that
    needs the most and for this one; ``way_*`` the same for the status line,
    choices and side flows; ``fields_here`` the fields box's rows at this
    step in the bottom column (0: no fields); ``notice`` the rows of a notice
    shown in the side column.
    """
    if not narrow:
        pad = step_most + way_most <= height
        step_max = max(3, height - way_here)
        return Rows(pad, step_most if pad else None, step_max, True, None, WIDE_FIELDS)
    if not short:
        # The bottom column keeps its rule and the notes, and the fields box
        # at least FIELDS_MIN rows (and the gap above the notes) when it shows.
        # A notice, for the few seconds it shows, takes its rows from them:
        # what to say and the choices do not move for it.
        base = RULE + NOTES_ROWS
        pad = step_most + way_most + base + 1 + FIELDS_MIN <= height
        main = step_most + way_most if pad else step_here + way_here
        side_max = max(base, height - main)
        fields_max = max(FIELDS_MIN, side_max - base - 1 - notice)
        step_max = max(3, height - way_here - base)
        return Rows(pad, step_most if pad else None, step_max, True, side_max, fields_max)
    # Short and narrow: padding is worth it only with room left for the side
    # column when it is asked for; else each step shows all it can.
    pad = step_most + way_most + OPEN_MIN <= height
    main = step_most + way_most if pad else step_here + way_here
    free = height - main
    step_max = max(3, height - way_here)
    if side_open is not None or notice:
        side_max = max(free, OPEN_MIN)
        return Rows(pad, step_most if pad else None, step_max, True, side_max, side_max - RULE)
    shown = fields_here > 0 and free >= RULE + FIELDS_MIN
    side_max = max(free, 0)
    return Rows(pad, step_most if pad else None, step_max, shown, side_max, side_max - RULE)
