"""The call screen's glue: its panels sized by ``call_rows.plan``, its
status line's words, and the keys of the script's side flows."""

from __future__ import annotations

from textual.binding import BindingsMap

from coach.call.session import CallSession
from coach.tui.text import id_words
from coach.tui.widgets.call_rows import Rows, SideOpen, plan
from coach.tui.widgets.side import CallSide
from coach.tui.widgets.step import ChoicesPanel, StepView


def share_rows(
    step: StepView,
    choices: ChoicesPanel,
    side: CallSide,
    session: CallSession,
    *,
    height: int,
    narrow: bool,
    short: bool,
    side_open: SideOpen,
) -> tuple[Rows | None, bool]:
    """Give the step and choices panels their rows for ``height`` (the
    screen's, less the footer) at the session's step.

    Returns the rows (None while the panels have no width yet) and whether
    the panels must be laid out again (their padding changed). Only what
    changed is restyled: an unchanged style costs nothing.
    """
    width = step.line_width
    if width <= 0:
        return None, False
    captures = side.captures_view
    # While the bottom column is hidden its panels have no width: its fields
    # would take the step's width (both span the screen when narrow).
    side_width = captures.line_width or width
    fields_here = (
        captures.rows_at(session, session.node, side_width) if narrow and side_width > 0 else 0
    )
    rows = plan(
        height,
        narrow=narrow,
        short=short,
        step_most=step.most_rows(session, width),
        step_here=step.step_rows(session, width),
        way_most=choices.way_on_rows(session, width, most=True),
        way_here=choices.way_on_rows(session, width),
        fields_here=fields_here,
        side_open=side_open,
        notice=side.notice_rows,
    )
    step_rows = rows.step - 1 if rows.step is not None else 0
    choice_rows = choices.most_rows(session, width) if rows.pad else 0
    relaid = step_rows != step.rows or choice_rows != choices.rows
    step.rows = step_rows
    choices.rows = choice_rows
    if rows.step is not None:
        step.styles.height = rows.step
        step.styles.max_height = None
    else:
        step.styles.height = "auto"
        step.styles.max_height = rows.step_max
    return rows, relaid


#: The status line's words while something else has the call's keys.
TYPING_STATUS = ("Typing · esc: back to the call keys", "bold $text-warning")
ANSWERS_STATUS = ("Quick answers · esc: back to the call keys", "bold $text-warning")
#: The style of a word on a key that did nothing.
HINT_STYLE = "$text-warning"


def bind_side_flows(bindings: BindingsMap, old: dict[str, str], new: dict[str, str]) -> None:
    """Bind each side flow's key (key -> node id in ``new``) in the place of
    those in ``old``; other bindings of the same keys are kept."""
    by_key = bindings.key_to_bindings
    for key in old:
        kept = [b for b in by_key.get(key, []) if not b.action.startswith("side_flow(")]
        if kept:
            by_key[key] = kept
        else:
            by_key.pop(key, None)
    for key, node_id in new.items():
        bindings.bind(key, f"side_flow('{key}')", id_words(node_id), show=False, priority=True)
