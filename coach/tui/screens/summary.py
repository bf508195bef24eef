"""After the call: outcome, path, what was written down, the next follow-up."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from coach.call.jobs import Job
from coach.call.nextstep import NextStep
from coach.call.report import CallReport, build_report, report_markdown
from coach.call.session import CallSession, SessionError
from coach.call.titles import scenario_title
from coach.tui.text import clock, duration_words, outcome_words


def _section(title: str) -> Content:
    return Content.styled(title, "bold $accent")


def summary_content(report: CallReport, *, saved: bool = True) -> Content:
    """The whole summary as one piece of content (user text stays plain)."""
    muted = "$foreground-muted"
    parts: list[Content] = []
    if report.job:
        parts.append(Content.assemble(("Job      ", muted), (report.job, "bold")))
    parts += [
        Content.assemble(("Outcome  ", muted), (report.outcome, "bold")),
        Content.assemble(("Duration ", muted), report.duration),
        Content.assemble(("Path     ", muted), " › ".join(report.path)),
    ]
    if not saved:
        parts.append(
            Content.styled("Not saved: the call history could not be written.", "$text-error")
        )
    parts.append(Content(""))
    parts.append(_section("Next step"))
    if report.follow_up_text:
        parts.append(Content(report.follow_up_text))
    elif report.mode == "practice":
        parts.append(Content.styled("Practice call: no follow-up needed.", muted))
    elif report.outcome == "Ended early":
        parts.append(Content.styled("The call ended early: no follow-up computed.", muted))
    else:
        parts.append(Content.styled("None needed after this outcome.", muted))
    parts.append(Content(""))
    parts.append(_section("What you wrote down"))
    if report.captures:
        for line in report.captures:
            value = line.value + (f" ({line.long})" if line.long else "")
            parts.append(Content.assemble((line.prompt, muted), " ", value))
    else:
        parts.append(Content.styled("Nothing captured.", muted))
    if report.checklist:
        parts.append(Content(""))
        parts.append(_section("Checklist"))
        for text, ok in report.checklist:
            mark = ("✔ ", "$text-success") if ok else ("✘ ", "$text-warning")
            parts.append(Content.assemble(mark, text))
    parts.append(Content(""))
    parts.append(_section("Notes"))
    parts.append(
        Content(report.notes) if report.notes.strip() else Content.styled("No notes.", muted)
    )
    return Content("\n").join(parts)


def write_markdown(folder: Path, report: CallReport, stamp: str) -> Path:
    """Write the report atomically as ``call-<stamp>.md`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"call-{stamp}.md"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".call-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(report_markdown(report))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


class SummaryScreen(Screen[None]):
    """The record of a finished call; ``q`` or Enter leaves."""

    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy as Markdown", priority=True),
        Binding("m", "save_markdown", "Save .md", priority=True),
        Binding("q", "leave", "Done", priority=True),
        Binding("enter", "leave", "Done", show=False, priority=True),
        Binding("escape", "leave", "Done", show=False, priority=True),
    ]

    def __init__(
        self,
        session: CallSession,
        *,
        today: date,
        export_dir: Path,
        saved: bool = True,
        follow_up: NextStep | None = None,
        job: Job | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.report = build_report(session, today, follow_up, job=job)
        self.export_dir = export_dir
        self.saved = saved

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary", can_focus=False):
            yield Static(
                Content.styled(f"Call summary · {self.report.title}", "bold"),
                classes="screen-title",
            )
            yield Static(summary_content(self.report, saved=self.saved), id="summary-body")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.report.title
        self.sub_title = "summary"

    def markdown(self) -> str:
        return report_markdown(self.report)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.markdown())
        self.notify("Copied the call record as Markdown.", timeout=3)

    def action_save_markdown(self) -> None:
        stamp = "".join(ch for ch in self.report.started_at[:19] if ch.isalnum() or ch == "-")
        try:
            path = write_markdown(self.export_dir, self.report, stamp or "record")
        except OSError as exc:
            self.notify(f"Could not save the Markdown file: {exc}", severity="error")
            return
        self.notify(f"Saved to {path}", timeout=8)

    def action_leave(self) -> None:
        self.dismiss(None)


# ------------------------------------------------------------------ practice
def slowest_index(session: CallSession) -> int | None:
    """The index in ``session.steps`` of the longest step (first of equals; None if all 0)."""
    if not session.steps:
        return None
    longest = max(step.seconds for step in session.steps)
    if longest <= 0:
        return None
    return next(i for i, step in enumerate(session.steps) if step.seconds == longest)


def score_words(session: CallSession) -> str:
    """``3/4 expected moves made``, or why there is no score."""
    score = session.score()
    if score is None:
        return "Free rehearsal: no score"
    return f"{score.matched}/{score.total} expected moves made"


def practice_content(session: CallSession, *, saved: bool = True) -> Content:
    """Score, outcome, duration and the time on each step (slowest marked)."""
    muted = "$foreground-muted"
    scenario = scenario_title(session.scenario)
    score = session.score()
    score_style = "bold"
    if score is not None:
        score_style = "bold $text-success" if score.matched == score.total else "bold $text-warning"
    parts: list[Content] = [
        Content.assemble(("Scenario ", muted), scenario),
        Content.assemble(("Score    ", muted), (score_words(session), score_style)),
        Content.assemble(
            ("Outcome  ", muted),
            (outcome_words(session.outcome, abandoned=session.abandoned), "bold"),
        ),
        Content.assemble(("Duration ", muted), duration_words(session.elapsed())),
    ]
    if not saved:
        parts.append(
            Content.styled("Not saved: the call history could not be written.", "$text-error")
        )
    parts.append(Content(""))
    parts.append(_section("Time on each step"))
    slowest = slowest_index(session)
    width = max((len(step.node) for step in session.steps), default=4)
    for index, step in enumerate(session.steps):
        node = session.script.nodes.get(step.node)
        budget = node.seconds if node else None
        over = budget is not None and step.seconds > budget
        timing = clock(step.seconds) + (f" / {clock(budget)}" if budget is not None else "")
        pieces: list[tuple[str, str] | str] = [
            (f"{step.node:<{width}}  ", ""),
            (f"{timing:<12}", "$text-warning" if over else ""),
        ]
        if over:
            pieces.append(("over budget ", "$text-warning"))
        if index == slowest and len(session.steps) > 1:
            pieces.append(("◀ slowest", "bold $accent"))
        parts.append(Content.assemble(*pieces))
    if not session.steps:
        parts.append(Content.styled("No step was timed.", muted))
    return Content("\n").join(parts)


def rating_content(rating: int | None) -> Content:
    stars = "★" * (rating or 0) + "☆" * (5 - (rating or 0))
    if rating is None:
        return Content.assemble(
            ("How did it go? ", "bold"),
            (stars, "$foreground-muted"),
            ("  press 1 (poor) to 5 (great)", "$foreground-muted"),
        )
    return Content.assemble(
        ("How did it go? ", "bold"),
        (stars, "bold $text-warning"),
        (f"  {rating}/5", "bold"),
        ("  (1-5 to change)", "$foreground-muted"),
    )


class PracticeSummaryScreen(Screen[None]):
    """After a rehearsal: the score, the time per step, a rating and a note.

    The rating and the note are written to the store at once through ``save``
    (which returns an error message, or None when saved).
    """

    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority bindings (run in key order, see the call screen); while the
        # note field has focus, check_action leaves every key but escape to it.
        Binding("1", "rate(1)", "Rate", key_display="1-5", id="rate", priority=True),
        *[Binding(str(i), f"rate({i})", show=False, priority=True) for i in range(2, 6)],
        Binding("n", "note", "Note", id="note", priority=True),
        Binding("tab", "note", "Note", show=False, priority=True),
        Binding("escape", "escape", "Leave field", id="escape", priority=True),
        Binding("q", "leave", "Done", priority=True),
        Binding("enter", "leave", "Done", show=False, priority=True),
    ]

    def __init__(
        self,
        session: CallSession,
        *,
        save: Callable[[CallSession], str | None] | None = None,
        saved: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self._save = save
        self.saved = saved
        self._warned = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary", can_focus=False):
            yield Static(
                Content.styled(f"Practice summary · {self.session.script.title}", "bold"),
                classes="screen-title",
            )
            yield Static(practice_content(self.session, saved=self.saved), id="practice-body")
            yield Static(rating_content(self.session.rating), id="rating")
            with Horizontal(id="rating-note"):
                yield Label("Note (n) ", id="rating-note-label")
                yield Input(
                    self.session.rating_note,
                    placeholder="what to do differently next time (optional)",
                    id="note-input",
                    select_on_focus=False,
                    compact=True,
                )
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.script.title
        scenario = scenario_title(self.session.scenario, in_sentence=True)
        self.sub_title = f"practice summary: {scenario}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "escape":
            return self.focused is not None
        # Every other key is typed into the note while it has focus.
        return not isinstance(self.focused, Input)

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.refresh_bindings)

    def _store(self) -> None:
        if self._save is None:
            return
        problem = self._save(self.session)
        if problem and not self._warned:
            self._warned = True
            self.notify(problem, title="Rating not saved", severity="error", timeout=8)
        elif not problem:
            self._warned = False

    def action_rate(self, rating: int) -> None:
        try:
            self.session.set_rating(rating, self.query_one("#note-input", Input).value)
        except SessionError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.query_one("#rating", Static).update(rating_content(rating))
        self._store()

    def action_note(self) -> None:
        self.set_focus(self.query_one("#note-input", Input))  # now, not a turn later

    def action_escape(self) -> None:
        self.set_focus(None)

    @on(Input.Changed, "#note-input")
    def _note_changed(self, event: Input.Changed) -> None:
        if event.value == self.session.rating_note:
            return
        self.session.set_rating(self.session.rating, event.value)
        self._store()

    @on(Input.Submitted, "#note-input")
    def _note_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_focus(None)

    def action_leave(self) -> None:
        self.dismiss(None)
