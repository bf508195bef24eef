"""The editor's problems panel: every finding of ``coach check``, one per row.

Each row reads ``line:col severity: message``. ``enter`` (or a click) on a row
posts :class:`~coach.tui.messages.JumpTo` with the place to move the cursor to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coach.script.model import Finding
from coach.tui.messages import JumpTo

NO_PROBLEMS = "No problems"


def problem_row(finding: Finding) -> Content:
    """``12:7 error: message`` with the severity coloured."""
    style = "$error bold" if finding.severity == "error" else "$warning bold"
    return Content.assemble(
        (f"{finding.line}:{finding.column} ", "$text-muted"),
        (finding.severity, style),
        ": ",
        finding.message,
    )


def summary(findings: Sequence[Finding]) -> str:
    """``2 errors, 1 warning`` or ``No problems``."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if not findings:
        return NO_PROBLEMS
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' * (errors != 1)}")
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)


class ProblemsPanel(OptionList):
    """The findings of the text being edited; ``enter`` jumps to one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.escape", "Back to text", tooltip="Back to the text"),
    ]

    DEFAULT_CSS = """
    ProblemsPanel {
        height: 1fr;
        border: round $foreground 30%;
        border-title-color: $text-muted;
        &:focus { border: round $primary; }
        &.-clean { border-title-color: $success; }
        &.-errors { border-title-color: $error; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.findings: tuple[Finding, ...] = ()
        self.border_title = "Problems"

    def on_mount(self) -> None:
        self.show([])

    def show(self, findings: Sequence[Finding]) -> None:
        """Replace the rows with ``findings`` (errors first, then by place)."""
        ordered = tuple(
            sorted(findings, key=lambda f: (f.severity != "error", f.line, f.column, f.message))
        )
        if ordered == self.findings and self.option_count:
            return
        self.findings = ordered
        highlighted = self.highlighted
        self.clear_options()
        if ordered:
            self.add_options(
                Option(problem_row(f), id=f"problem-{i}") for i, f in enumerate(ordered)
            )
            if highlighted is not None:
                self.highlighted = min(highlighted, len(ordered) - 1)
        else:
            self.add_option(Option(Content.styled(NO_PROBLEMS, "$success"), disabled=True))
        has_errors = any(f.severity == "error" for f in ordered)
        self.set_class(not ordered, "-clean")
        self.set_class(has_errors, "-errors")
        self.border_title = f"Problems: {summary(ordered)}" if ordered else "Problems: none"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if not option_id.startswith("problem-"):
            return
        finding = self.findings[int(option_id.removeprefix("problem-"))]
        self.post_message(JumpTo(finding.line, finding.column))
