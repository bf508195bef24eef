"""The partner's feedback on the caller's practice summary, kept current.

The summary stays open while the friend (``coach partner``, another process)
may still be marking, rating or writing a note: this panel reads the feedback
once a second, in a worker thread, and shows it by step (the step in words,
:func:`coach.call.feedback.feedback_by_step`) with the partner's rating and note.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from coach.call.feedback import PartnerFeedback, feedback_by_step

#: How often the summary looks for new feedback (seconds).
READ_SECONDS = 1.0

WAITING = (
    "Nothing from a partner yet. A friend running `coach partner` can mark this "
    "rehearsal and rate it; it shows here as it comes."
)


def feedback_content(given: PartnerFeedback | None, path: Sequence[str]) -> Content:
    """The partner's feedback for the summary: by step, then rating and note."""
    muted = "$foreground-muted"
    parts = [Content.styled("Your partner's feedback", "bold $accent")]
    if given is None or given.empty:
        parts.append(Content.styled(WAITING, muted))
        return Content("\n").join(parts)
    steps = feedback_by_step(given.marks, path)
    width = max((len(step.words) for step in steps), default=0)
    for step in steps:
        parts.append(Content.assemble((f"{step.words:<{width}}  ", ""), (step.text, "bold")))
    if not steps:
        parts.append(Content.styled("No step marked.", muted))
    if given.rating is not None:
        stars = "★" * given.rating + "☆" * (5 - given.rating)
        parts.append(
            Content.assemble(
                ("Their rating ", muted), (stars, "bold $text-warning"), f"  {given.rating}/5"
            )
        )
    if given.note.strip():
        parts.append(Content.assemble(("Their note   ", muted), given.note.strip()))
    return Content("\n").join(parts)


class PartnerFeedbackPanel(Static):
    """The partner's feedback on one rehearsal, read again every :data:`READ_SECONDS`.

    Args:
        read: reads the feedback (None: nothing, or it could not be read); runs
            in a worker thread.
        path: the steps the rehearsal took (the order the steps are shown in).
        every: seconds between reads.
    """

    def __init__(
        self,
        read: Callable[[], PartnerFeedback | None],
        path: Sequence[str],
        *,
        every: float = READ_SECONDS,
        id: str | None = "partner-feedback",
    ) -> None:
        super().__init__(feedback_content(None, path), id=id)
        self._read = read
        self._path = tuple(path)
        self._every = every
        self._reading = False
        #: The feedback shown (None until some arrives).
        self.given: PartnerFeedback | None = None

    def on_mount(self) -> None:
        self._start()
        self.set_interval(self._every, self._start)

    def _start(self) -> None:
        if self._reading:
            return
        self._reading = True
        self.run_worker(self._read, thread=True, group="partner-feedback", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "partner-feedback":
            return
        if event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._reading = False
        elif event.state == WorkerState.SUCCESS:
            self._reading = False
            result = event.worker.result
            if isinstance(result, PartnerFeedback) and result != self.given:
                self.given = result
                self.update(feedback_content(result, self._path))
                # Taller now: the summary may scroll, and its footer says so.
                self.call_after_refresh(self.screen.refresh_bindings)
