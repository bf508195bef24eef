"""The editor's keys beyond typing: folding the panels, find, go to line, escape.

:class:`EditorKeys` is a part of :class:`~coach.tui.screens.editor.EditorScreen`.
``f2``/``f3`` fold a side panel to one line (:class:`FoldLine`, a summary such
as "Problems: 2 errors") and unfold it again, going into it; ``ctrl+f`` and
``ctrl+g`` open the bars of :mod:`coach.tui.widgets.editor_bars` and answer
them; ``escape`` closes a bar or leaves a panel for the text, and in the text
leaves the editor. The rules (where the next match is, what a line number
means) are in :mod:`coach.script.editing`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.script.editing import find, parse_line_number
from coach.tui.widgets.editor_bars import EditorBar, FindBar, LineBar
from coach.tui.widgets.problems import ProblemsPanel, summary
from coach.tui.widgets.structure import StructurePanel

if TYPE_CHECKING:
    from coach.tui.widgets.source import SourceArea

#: The side panels by name (their ids) and the key that folds and unfolds each.
PANELS = {"problems": "f2", "structure": "f3"}

#: Keys that are off while the cursor is in the find or line bar.
BAR_HIDES = frozenset({"fold", "unfold", "external"})


class FoldLine(Static):
    """A folded panel: one line that sums it up; a click unfolds it."""

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        panel = (self.id or "").removesuffix("-fold")
        await self.screen.run_action(f"unfold('{panel}')")


class EditorKeys(Screen[Path | None]):
    """Folding, find, go to line and escape (a base of the editor screen)."""

    #: Panels folded to one line (the screen decides the start).
    folded: set[str]

    if TYPE_CHECKING:

        @property
        def source(self) -> SourceArea: ...
        @property
        def problems(self) -> ProblemsPanel: ...
        @property
        def structure(self) -> StructurePanel: ...
        def move_to(self, line: int, column: int) -> None: ...
        def action_leave(self) -> None: ...

    @property
    def find_bar(self) -> FindBar:
        return self.query_one(FindBar)

    @property
    def line_bar(self) -> LineBar:
        return self.query_one(LineBar)

    # ----------------------------------------------------------------- folding
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in BAR_HIDES and self._in_a_bar():
            return False  # a bar's own keys need the footer's room (80 columns)
        # f2/f3 are each bound twice: "unfold" while folded, "fold" while open.
        if action in ("fold", "unfold") and parameters:
            return (parameters[0] in self.folded) == (action == "unfold")
        return True

    def _in_a_bar(self) -> bool:
        focused = self.focused
        return focused is not None and any(
            isinstance(node, EditorBar) for node in focused.ancestors_with_self
        )

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer follows the focus into and out of a bar

    def action_fold(self, which: str) -> None:
        """Fold a panel to its one-line summary; the text keeps (or gets) the focus."""
        panel = self.problems if which == "problems" else self.structure
        had_focus = panel.has_focus
        self.folded.add(which)
        self._show_folds()
        if had_focus:
            self.source.focus()

    def action_unfold(self, which: str) -> None:
        """Show a folded panel and go into it (``escape`` or ``enter`` goes back)."""
        self.folded.discard(which)
        self._show_folds()
        panel = self.problems if which == "problems" else self.structure
        panel.focus()
        if panel is self.problems and self.problems.findings and panel.highlighted is None:
            self.problems.highlighted = 0

    def _show_folds(self) -> None:
        for which in PANELS:
            self.set_class(which in self.folded, f"-fold-{which}")
        self._show_fold_lines()
        self.refresh_bindings()

    def _show_fold_lines(self) -> None:
        findings = self.problems.findings
        problems = summary(findings) if findings else "none"
        style = "$text-error" if any(f.severity == "error" for f in findings) else "$text-success"
        if findings and style != "$text-error":
            style = "$text-warning"
        self.query_one("#problems-fold", FoldLine).update(
            Content.assemble(
                "▸ Problems: ", (problems, style), (f"  {PANELS['problems']}", "$text-muted")
            )
        )
        script = self.structure.script
        nodes = f"{len(script.nodes)} nodes" if script is not None else "not loaded yet"
        stale = " (last good)" if script is not None and self.structure.stale else ""
        self.query_one("#structure-fold", FoldLine).update(
            Content.assemble(
                f"▸ Structure: {nodes}{stale}", (f"  {PANELS['structure']}", "$text-muted")
            )
        )

    # ------------------------------------------------------------ find, line
    def action_find(self) -> None:
        self.line_bar.close()
        selected = self.source.selected_text
        self.find_bar.open(selected if selected and "\n" not in selected else None)

    def action_go_to_line(self) -> None:
        self.find_bar.close()
        self.line_bar.open("")
        self.line_bar.say(f"1 to {self.source.document.line_count}")

    def on_find_bar_find(self, message: FindBar.Find) -> None:
        message.stop()
        bar, area = self.find_bar, self.source
        if not message.query:
            bar.say("")
            return
        top, bottom = sorted(area.selection)
        start = top if message.again or message.backwards else bottom
        match = find(list(area.document.lines), message.query, start, backwards=message.backwards)
        if match is None:
            bar.say(f"No match for '{message.query}'", bad=True)
            return
        area.show((match.row, match.column), match.end)
        where = f"{match.number} of {match.total}"
        if match.wrapped:
            edge = "the end" if message.backwards else "the top"
            where += f"; wrapped around to {edge}"
        bar.say(where)

    def on_line_bar_go(self, message: LineBar.Go) -> None:
        message.stop()
        try:
            line, column = parse_line_number(message.typed, self.source.document.line_count)
        except ValueError as exc:
            self.line_bar.say(str(exc), bad=True)
            return
        self.line_bar.close()
        self.move_to(line, column)

    def action_escape(self) -> None:
        """Close an open bar, or leave a panel, for the text; in the text, leave."""
        bars: list[EditorBar] = [self.find_bar, self.line_bar]
        open_bars = [bar for bar in bars if bar.is_open]
        if open_bars or not self.source.has_focus:
            for bar in open_bars:
                bar.close()
            self.source.focus()
            return
        self.action_leave()
