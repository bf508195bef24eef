"""The job screen: what it shows, and its actions (call, heard, close, draft, back)."""

from __future__ import annotations

from textual.app import App
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static, TextArea

from coach.call.jobs import Job
from coach.tui.base import BaseApp
from coach.tui.dialogs.draft import DraftPicker, DraftView
from coach.tui.dialogs.job_status import CloseJobDialog, HeardDialog
from coach.tui.messages import StartCall
from coach.tui.screens.job import JobScreen
from tests.tui.jobs.fakes import FakeDesk, a_call, step

SIZE = (100, 30)


class JobHost(BaseApp[None]):
    """A job screen over a blank one; remembers what it posts."""

    def __init__(self, desk: FakeDesk, job_id: int = 1) -> None:
        super().__init__()
        self.desk = desk
        self.job_id = job_id
        self.posted: list[Message] = []

    def on_mount(self) -> None:
        self.push_screen(JobScreen(self.job_id, self.desk))

    def on_start_call(self, message: StartCall) -> None:
        self.posted.append(message)


def text(app: App[None], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


async def test_the_job_its_next_step_its_calls_and_notes() -> None:
    app = JobHost(FakeDesk())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, JobScreen)
        assert text(app, "#job-title") == "Acme Ltd  ·  Data analyst   open"
        facts = text(app, "#job-facts")
        assert "Interviewer Ms Lee" in facts and "Phone 555 0101" in facts
        assert "Interview Tue 24 Feb" in facts
        step_text = text(app, "#job-step")
        assert step_text.startswith("Next: Overdue since Wed 11 Mar\n")
        assert "They said they would decide by Friday 6 March." in step_text
        assert app.screen.query_one("#job-step").has_class("-overdue")
        calls = text(app, "#job-calls")
        assert calls.splitlines()[0].split() == [
            "Fri",
            "6",
            "Mar",
            "Decision",
            "pending",
            "1",
            "min",
            "35",
            "s",
            "Follow-up",
            "call",
        ]
        assert "learned  Decision date: Fri 6 Mar   Receptionist: Sam" in calls
        assert "notes    They need another week." in calls
        assert text(app, "#job-notes") == "Liked the team."


async def test_c_starts_the_next_call_on_the_job_and_escape_goes_back() -> None:
    app = JobHost(FakeDesk())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.posted == [StartCall("follow-up", job=1)]
        await pilot.press("escape")
        assert not isinstance(app.screen, JobScreen)


async def test_fifty_calls_scroll() -> None:
    desk = FakeDesk()
    job, _calls, s = desk.jobs[1]
    desk.jobs[1] = (job, [a_call(100 + i, i, notes=f"call {i}") for i in range(50)], s)
    app = JobHost(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        page = app.screen.query_one("#job-page", VerticalScroll)
        assert page.max_scroll_y > 100
        await pilot.press("end")
        await pilot.pause()
        assert page.scroll_y == page.max_scroll_y
        assert "call 49" in text(app, "#job-calls")


async def test_heard_asks_takes_a_note_and_turns_off_what_no_longer_applies() -> None:
    desk = FakeDesk()
    app = JobHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.check_action("heard", ())
        await pilot.press("h")
        assert isinstance(app.screen, HeardDialog)
        await pilot.press("n")  # no: nothing changes
        assert app.screen is screen and desk.writes == []
        await pilot.press("h", "tab", *"yes, next week", "enter")
        await pilot.pause()
        assert desk.writes == [("heard", 1, "yes, next week")]
        assert app.screen is screen
        assert "heard from them Wed 11 Mar" in text(app, "#job-title")
        assert not screen.check_action("heard", ())
        assert screen.check_action("close_job", ())


async def test_heard_with_y_and_no_note() -> None:
    desk = FakeDesk()
    app = JobHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h", "y")
        await pilot.pause()
        assert desk.writes == [("heard", 1, None)]


async def test_a_store_error_keeps_the_dialog_and_the_note() -> None:
    desk = FakeDesk()
    desk.fail = True
    app = JobHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("h", "tab", *"call Friday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HeardDialog)
        assert app.screen.query_one(Input).value == "call Friday"
        assert "locked by another program" in str(
            app.screen.query_one(".dialog-error", Static).visual
        )


async def test_close_with_an_outcome_and_a_note() -> None:
    desk = FakeDesk()
    app = JobHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("x")
        assert isinstance(app.screen, CloseJobDialog)
        await pilot.press("enter")  # nothing picked yet: it says so
        assert isinstance(app.screen, CloseJobDialog)
        assert "Pick how it ended" in str(app.screen.query_one(".dialog-error", Static).visual)
        await pilot.press("2", "tab", *"ask for feedback", "enter")
        await pilot.pause()
        assert desk.writes == [("close", 1, "rejected", "ask for feedback")]
        assert app.screen is screen
        assert text(app, "#job-title").endswith("closed Wed 11 Mar: not selected")
        for action in ("call", "heard", "close_job"):
            assert not screen.check_action(action, ())


async def test_close_with_words_of_ones_own() -> None:
    desk = FakeDesk()
    app = JobHost(desk, job_id=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x", "4")  # the words are asked for at once
        other = app.screen.query_one("#close-other", Input)
        assert other.display and app.screen.focused is other
        await pilot.press("enter")  # no words yet
        assert isinstance(app.screen, CloseJobDialog) and app.screen.focused is other
        await pilot.press(*"filled internally", "enter")
        await pilot.pause()
        assert desk.writes == [("close", 2, "filled internally", None)]


async def test_escape_leaves_the_close_dialog_without_a_change() -> None:
    desk = FakeDesk()
    app = JobHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x", "1", "escape")
        assert isinstance(app.screen, JobScreen) and desk.writes == []


async def test_draft_picks_shows_and_copies() -> None:
    desk = FakeDesk()
    app = JobHost(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        picker = app.screen
        assert isinstance(picker, DraftPicker)
        # Acme has had a call and is open: a check-in is suggested.
        assert picker.query_one("#draft-kinds").highlighted == 1  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, DraftView)
        expected = "Dear Ms Lee,\n\nA check-in note about the Data analyst role."
        area = view.query_one(TextArea)
        assert area.text == expected and area.read_only
        await pilot.press("y")
        assert app.clipboard == expected
        assert any("copied to the clipboard" in n.message for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, JobScreen)
        await pilot.press("d", "3")
        await pilot.pause()
        assert isinstance(app.screen, DraftView)
        assert "after-rejection" in app.screen.query_one(TextArea).text


async def test_a_job_with_nothing_known_says_what_to_do() -> None:
    desk = FakeDesk([(Job(9, "Solo Inc"), [], step(2, 3))])
    app = JobHost(desk, job_id=9)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "press e to add the details" in text(app, "#job-facts")
        assert "No calls yet. Press c" in text(app, "#job-calls")
        assert "No notes" in text(app, "#job-notes")


async def test_a_job_that_is_gone() -> None:
    app = JobHost(FakeDesk(), job_id=42)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, JobScreen)
        assert any("no job 42" in n.message for n in app._notifications)
