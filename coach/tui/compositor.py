"""A compositor that renders only the rows a partial update shows.

On a partial update (what a move through the call makes: the step's lines,
the choices, the capture's question on the side) Textual's compositor takes
the box around every changed region and asks each widget under that box for
*all* its visible lines, then keeps only the rows that changed. A move
touches the top of both columns and a line lower down, so the box is most of
the screen, and the screen's background, the side column and the choices
panel rendered their whole height on every key: about 150 lines drawn to
show 15 (measured on the follow-up call at 100x30: 52 lines of the side
column, 52 of the screen, 44 of the choices, per key).

``RowsCompositor`` asks each widget only for the runs of changed rows that
cross it. What reaches the terminal is the same: the rows that are not sent
were dropped by Textual's own update anyway (``is_rendered_line``), and each
widget still renders its full width, so the cuts are those Textual computes.

It replaces a private method of Textual's compositor (``_render_chops``), so
a screen uses it only on the Textual versions it was tested on
(:mod:`coach.tui.compat`); ``tests/tui/test_compositor.py`` compares its
updates with Textual's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

from coach.tui import compat

if TYPE_CHECKING:
    from textual.screen import Screen


def row_runs(rows: set[int] | frozenset[int]) -> list[tuple[int, int]]:
    """The rows as runs of consecutive rows: ``(first, end)``, ``end`` excluded."""
    runs: list[tuple[int, int]] = []
    for y in sorted(rows):
        if runs and runs[-1][1] == y:
            runs[-1] = (runs[-1][0], y + 1)
        else:
            runs.append((y, y + 1))
    return runs


class RowsCompositor(Compositor):
    """Textual's compositor, rendering on a partial update only the changed rows."""

    #: The rows the partial update being rendered shows (None: render all).
    _rows: list[tuple[int, int]] | None = None

    def render_partial_update(self) -> ChopsUpdate | None:
        regions = self._dirty_regions
        if not regions:
            return super().render_partial_update()
        rows: set[int] = set()
        for _x, y, _width, height in regions:
            rows.update(range(y, y + height))
        self._rows = row_runs(rows)
        try:
            return super().render_partial_update()
        finally:
            self._rows = None

    def _render_chops(
        self, crop: Region, is_rendered_line: Callable[[int], bool]
    ) -> Sequence[Mapping[int, Strip]]:
        runs = self._rows
        if runs is None:
            return super()._render_chops(crop, is_rendered_line)
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        for render_region, strips in self._row_renders(crop, runs):
            render_x = render_region.x
            first_cut, last_cut = render_region.column_span
            for y, strip in zip(render_region.line_range, strips, strict=False):
                if not is_rendered_line(y):
                    continue
                chops_line = chops[y]
                final_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                cut_strips = strip.divide([cut - render_x for cut in final_cuts[1:]])
                get_chops_line = chops_line.get
                # Painting front to back: the first strip for a cut wins.
                for cut, cut_strip in zip(final_cuts, cut_strips, strict=False):
                    if get_chops_line(cut) is None:
                        chops_line[cut] = cut_strip
        return cast("Sequence[Mapping[int, Strip]]", chops)

    def _row_renders(
        self, crop: Region, runs: list[tuple[int, int]]
    ) -> Iterator[tuple[Region, list[Strip]]]:
        """Each visible widget under ``crop``, front to back, rendered for the
        runs of rows that cross it: the region drawn, and its lines."""
        overlaps = crop.overlaps
        for widget, (region, clip) in self.visible_widgets.items():
            if not overlaps(clip):
                continue
            x, top, width, height = region.intersection(clip)
            if not (width and height):
                continue
            bottom = top + height
            for first, end in runs:
                if end <= top or first >= bottom:
                    continue
                y1, y2 = max(first, top), min(end, bottom)
                lines = widget.render_lines(Region(x - region.x, y1 - region.y, width, y2 - y1))
                yield Region(x, y1, width, y2 - y1), lines


def use_rows_compositor(screen: Screen[Any]) -> None:
    """Give ``screen`` the row-limited compositor (on a tested Textual only)."""
    if compat.private_ok():
        screen._compositor = RowsCompositor()
