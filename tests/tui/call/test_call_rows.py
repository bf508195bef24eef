"""How the call screen shares its rows out (``call_rows.plan``): pure arithmetic."""

from __future__ import annotations

from typing import Any

from coach.tui.widgets.call_rows import NOTES_ROWS, OPEN_MIN, RULE, Rows, plan

# The bundled follow-up script at 80 columns: the longest say box and header
# take 7 rows, the most choices and the side flows 6.
STEP_MOST, WAY_MOST = 7, 6


def test_wide_pads_every_step_to_the_longest_when_it_fits() -> None:
    rows = plan(29, narrow=False, short=False, step_most=8, step_here=5, way_most=6, way_here=3)
    assert rows.pad and rows.step == 8
    assert rows.side_max is None and rows.side_shown


def test_wide_but_a_say_too_long_for_the_screen_takes_its_own_rows() -> None:
    rows = plan(20, narrow=False, short=False, step_most=30, step_here=6, way_most=6, way_here=3)
    assert not rows.pad and rows.step is None
    assert rows.step_max == 20 - 3  # it scrolls beyond, the choices stay in view


def test_80x24_keeps_the_say_choices_fields_and_notes_in_view() -> None:
    rows = plan(
        23,
        narrow=True,
        short=False,
        step_most=STEP_MOST,
        step_here=4,
        way_most=WAY_MOST,
        way_here=6,
        fields_here=3,
    )
    assert rows.pad and rows.step == STEP_MOST
    assert rows.side_max == 23 - STEP_MOST - WAY_MOST
    assert rows.fields_max == rows.side_max - RULE - NOTES_ROWS - 1
    assert rows.fields_max >= 2


def test_a_notice_on_a_narrow_screen_moves_neither_the_say_nor_the_choices() -> None:
    common: dict[str, Any] = {
        "step_most": STEP_MOST,
        "step_here": 4,
        "way_most": WAY_MOST,
        "way_here": 6,
    }
    calm = plan(23, narrow=True, short=False, **common)
    noticed = plan(23, narrow=True, short=False, notice=3, **common)
    assert (noticed.pad, noticed.step, noticed.side_max) == (calm.pad, calm.step, calm.side_max)
    assert noticed.fields_max < calm.fields_max  # the fields and notes make room


def test_narrow_without_room_for_the_fields_gives_up_the_padding() -> None:
    rows = plan(20, narrow=True, short=False, step_most=9, step_here=4, way_most=6, way_here=3)
    assert not rows.pad and rows.step is None


def at_60x15(step_here: int, way_here: int, **kwargs: Any) -> Rows:
    return plan(
        14,
        narrow=True,
        short=True,
        step_most=8,
        way_most=6,
        step_here=step_here,
        way_here=way_here,
        **kwargs,
    )


def test_60x15_shows_the_fields_only_with_room_and_when_asked() -> None:
    # hello: a two-line say and five choices; no fields.
    hello = at_60x15(5, 6)
    assert not hello.pad and not hello.side_shown
    # A short say with one field: the room left shows it.
    field = at_60x15(5, 2, fields_here=3)
    assert field.side_shown and field.side_max == 14 - 7
    # A long say: no room, the fields wait for tab.
    assert not at_60x15(8, 5, fields_here=3).side_shown
    # Notes, answers or a notice asked for: the column shows, at least OPEN_MIN rows.
    notes = at_60x15(5, 6, side_open="notes")
    assert notes.side_shown and notes.side_max == OPEN_MIN
    notice = at_60x15(5, 2, notice=3)
    assert notice.side_shown and notice.side_max == 14 - 7
