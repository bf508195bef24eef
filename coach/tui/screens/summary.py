"""After the call: outcome, path, what was written down, the next follow-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from coach import locations
from coach.call.feedback import PartnerFeedback
from coach.call.jobs import Job
from coach.call.nextstep import NextStep
from coach.call.pace import Comparison, pace_words, step_pace
from coach.call.report import CallReport, build_report, report_markdown, who
from coach.call.session import CallSession, SessionError
from coach.call.titles import scenario_title
from coach.call.words import step_words
from coach.tui.screens.finish_retry import FinishRetry
from coach.tui.text import clock, duration_words, outcome_words
from coach.tui.widgets.footer import CoachFooter
from coach.tui.widgets.partner_feedback import PartnerFeedbackPanel


def _section(title: str) -> Content:
    return Content.styled(title, "bold $accent")


def next_step_content(report: CallReport) -> Content:
    """What to do next and when, the first thing the summary says."""
    muted = "$foreground-muted"
    if report.follow_up_when:
        lines = [Content.assemble(("Next step  ", "bold $accent"), (report.follow_up_when, "bold"))]
        if report.follow_up_why:
            lines.append(Content(report.follow_up_why))
        return Content("\n").join(lines)
    if report.mode == "practice":
        why = "A rehearsal: no follow-up needed."
    elif report.outcome == outcome_words(None, abandoned=True):
        why = "The call ended early without an outcome, so no next step was computed."
    else:
        why = "None needed after this outcome."
    return Content.assemble(("Next step  ", "bold $accent"), (why, muted))


def summary_facts(report: CallReport) -> list[tuple[str, Content]]:
    """Who the call was to, how it ended, how long it took and the way it went."""
    facts = [(name, Content.styled(value, "bold")) for name, value in who(report)]
    facts += [
        ("Outcome", Content.styled(report.outcome, "bold")),
        ("Duration", Content(report.duration)),
        ("Path", Content(" › ".join(report.path))),
    ]
    return facts


def summary_content(report: CallReport, *, saved: bool = True) -> Content:
    """The summary below its facts, as one piece of content (user text stays plain)."""
    muted = "$foreground-muted"
    parts: list[Content] = []
    if not saved:
        parts.append(
            Content.styled("Not saved: the call history could not be written.", "$text-error")
        )
        parts.append(Content(""))
    parts.append(_section("What you wrote down"))
    if report.captures:
        for line in report.captures:
            value = line.value + (f" ({line.long})" if line.long else "")
            parts.append(Content.assemble((line.prompt, muted), " ", (value, "bold")))
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


def write_markdown_at(target: Path, report: CallReport) -> Path:
    """Write the report atomically at ``target`` (a folder: ``call.md`` in it)."""
    if target.is_dir():
        target = target / "call.md"
    locations.write_atomic(target, report_markdown(report))
    return target


#: The keys that scroll a summary (its ``#summary`` box), first in each footer.
SCROLL_BINDINGS: list[BindingType] = [
    Binding("down", "scroll(1)", "Scroll", key_display="↑↓", id="scroll", priority=True),
    Binding("up", "scroll(-1)", "Scroll", show=False, priority=True),
    Binding("pagedown", "page(1)", "Page", show=False, priority=True),
    Binding("pageup", "page(-1)", "Page", show=False, priority=True),
    Binding("home", "ends(-1)", "Top", show=False, priority=True),
    Binding("end", "ends(1)", "Bottom", show=False, priority=True),
]
SCROLL_ACTIONS = frozenset({"scroll", "page", "ends"})


class _Scrolls(Screen[None]):
    """A summary that scrolls with the keys (its box takes no focus, so no key is
    lost to it); the footer offers them only while there is more to see."""

    CSS_PART = "call"  # styled by the rules a call reads (coach.tui.base.CALL_CSS)

    @property
    def _scroller(self) -> VerticalScroll:
        return self.query_one("#summary", VerticalScroll)

    def _can_scroll(self) -> bool:
        return self._scroller.max_scroll_y > 0

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_bindings)

    def action_scroll(self, rows: int) -> None:
        self._scroller.scroll_relative(y=rows, animate=False)

    def action_page(self, pages: int) -> None:
        scroller = self._scroller
        if pages > 0:
            scroller.scroll_page_down(animate=False)
        else:
            scroller.scroll_page_up(animate=False)

    def action_ends(self, where: int) -> None:
        scroller = self._scroller
        if where > 0:
            scroller.scroll_end(animate=False)
        else:
            scroller.scroll_home(animate=False)


class SummaryScreen(_Scrolls):
    """The record of a finished call: the next step first, then who, how and what
    was written down. It scrolls; only ``q`` leaves it (Enter or Escape pressed
    once too often on the call's last step must not take it away unread)."""

    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        *SCROLL_BINDINGS,
        Binding("c", "copy", "Copy", priority=True),
        Binding("m", "save_markdown", "Save .md", priority=True),
        Binding("q", "leave", "Done", priority=True),
    ]

    def __init__(
        self,
        session: CallSession,
        *,
        today: date,
        export_dir: Path,
        saved: bool = True,
        retry: Callable[[], bool] | None = None,
        follow_up: NextStep | None = None,
        job: Job | None = None,
    ) -> None:
        super().__init__()
        #: Tries again to save the call (True once saved), when it is not saved.
        self._retry_save = retry
        self._retry: FinishRetry | None = None
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
            yield Static(next_step_content(self.report), id="summary-next")
            with Grid(id="summary-facts"):
                for name, value in summary_facts(self.report):
                    yield Static(name, classes="fact-name")
                    yield Static(value, classes="fact-value")
            yield Static(summary_content(self.report, saved=self.saved), id="summary-body")
        yield CoachFooter()

    def on_mount(self) -> None:
        self.title = self.report.title
        self.sub_title = "summary"
        if not self.saved and self._retry_save is not None:
            self._retry = FinishRetry(self, self._retry_save, self._now_saved)

    def _now_saved(self) -> None:
        self.saved = True
        self.query_one("#summary-body", Static).update(summary_content(self.report))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._can_scroll() if action in SCROLL_ACTIONS else True

    def markdown(self) -> str:
        return report_markdown(self.report)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.markdown())
        self.notify("Copied the call record as Markdown.", timeout=3)

    def action_save_markdown(self) -> None:
        stamp = "".join(ch for ch in self.report.started_at[:19] if ch.isalnum() or ch == "-")
        target = self.export_dir / f"call-{stamp or 'record'}.md"
        try:
            path = write_markdown_at(target, self.report)
        except OSError as exc:
            from coach.tui.dialogs.save_as import SaveAsDialog

            problem = f"Could not save the Markdown file: {exc.strerror or exc}."
            dialog = SaveAsDialog(problem, target, lambda p: write_markdown_at(p, self.report))
            self.app.push_screen(dialog, self._saved_as)
            return
        self._saved_as(path)

    def _saved_as(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Saved to {path}", timeout=8)

    def action_leave(self) -> None:
        if self._retry is not None:
            self._retry.last_try()
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
    """``3/4 expected moves right first time``, or why there is no score."""
    score = session.score()
    if score is None:
        return "Free rehearsal: no score"
    return f"{score.matched}/{score.total} expected moves right first time"


def practice_content(
    session: CallSession, *, saved: bool = True, comparison: Comparison | None = None
) -> Content:
    """Scenario (revealed now), score, pace, how it compares, outcome, duration and
    the time on each step (slowest marked)."""
    muted = "$foreground-muted"
    scenario = scenario_title(session.scenario)
    score = session.score()
    score_style = "bold"
    if score is not None:
        score_style = "bold $text-success" if score.matched == score.total else "bold $text-warning"
    pace = session.pace()
    off = pace is not None and bool(pace.rushed or pace.over)
    parts: list[Content] = [
        Content.assemble(
            ("Scenario ", muted),
            (scenario, "bold"),
            (" (hidden until now)" if session.solo and session.scenario else "", muted),
        ),
        Content.assemble(("Score    ", muted), (score_words(session), score_style)),
    ]
    if pace is not None:
        parts.append(
            Content.assemble(
                ("Pace     ", muted), (pace_words(pace), "$text-warning" if off else "")
            )
        )
    if comparison is not None:
        parts.append(Content.assemble(("Compared ", muted), comparison.words()))
    parts += [
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
    width = max((len(step_words(step.node)) for step in session.steps), default=4)
    for index, step in enumerate(session.steps):
        node = session.script.nodes.get(step.node)
        budget = node.seconds if node else None
        over = step_pace(budget, step.seconds) == "over"
        # Rushed is about the step's total time (the pace line), not one visit.
        rushed = not over and pace is not None and step.node in pace.rushed
        timing = clock(step.seconds) + (f" / {clock(budget)}" if budget is not None else "")
        pieces: list[tuple[str, str] | str] = [
            (f"{step_words(step.node):<{width}}  ", ""),
            (f"{timing:<12}", "$text-warning" if over or rushed else ""),
        ]
        if over:
            pieces.append(("over budget ", "$text-warning"))
        elif rushed:
            pieces.append(("rushed ", "$text-warning"))
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


class PracticeSummaryScreen(_Scrolls):
    """After a rehearsal: the score, the time per step, a rating and a note.

    The rating and the note are written to the store at once through ``save``
    (which returns an error message, or None when saved).
    """

    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority bindings (run in key order, see the call screen); while the
        # note field has focus, check_action leaves every key but escape to it.
        *SCROLL_BINDINGS,
        Binding("1", "rate(1)", "Rate", key_display="1-5", id="rate", priority=True),
        *[Binding(str(i), f"rate({i})", show=False, priority=True) for i in range(2, 6)],
        Binding("n", "note", "Note", id="note", priority=True),
        Binding("tab", "note", "Note", show=False, priority=True),
        Binding("escape", "escape", "Leave field", id="escape", priority=True),
        # Only q leaves (as on the call's summary): Enter pressed once too often
        # on the last step must not take the score away unread.
        Binding("q", "leave", "Done", priority=True),
    ]

    def __init__(
        self,
        session: CallSession,
        *,
        save: Callable[[CallSession], str | None] | None = None,
        saved: bool = True,
        retry: Callable[[], bool] | None = None,
        feedback: Callable[[], PartnerFeedback | None] | None = None,
        comparison: Comparison | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        #: Reads a partner's feedback on this rehearsal (in a thread), if one may give it.
        self._feedback = feedback
        self._save = save
        self.saved = saved
        self._retry_save = retry
        self._retry: FinishRetry | None = None
        #: This run against the earlier runs of its scenario (None: a free rehearsal).
        self.comparison = comparison
        self._warned = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary", can_focus=False):
            yield Static(
                Content.styled(f"Practice summary · {self.session.script.title}", "bold"),
                classes="screen-title",
            )
            yield Static(
                practice_content(self.session, saved=self.saved, comparison=self.comparison),
                id="practice-body",
            )
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
            if self._feedback is not None:
                yield PartnerFeedbackPanel(self._feedback, self.session.path)
        yield CoachFooter()

    def on_mount(self) -> None:
        self.title = self.session.script.title
        scenario = scenario_title(self.session.scenario, in_sentence=True)
        self.sub_title = f"practice summary: {scenario}"
        if not self.saved and self._retry_save is not None:
            self._retry = FinishRetry(self, self._retry_save, self._now_saved)

    def _now_saved(self) -> None:
        self.saved = True
        body = practice_content(self.session, comparison=self.comparison)
        self.query_one("#practice-body", Static).update(body)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "escape":
            return self.focused is not None
        # Every other key is typed into the note while it has focus.
        if isinstance(self.focused, Input):
            return False
        return self._can_scroll() if action in SCROLL_ACTIONS else True

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
        if self._retry is not None:
            self._retry.last_try()
        self.dismiss(None)
