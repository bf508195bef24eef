"""Home's job list on its own: sections, the closed fold, which list takes the keys."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static

from coach.call.jobform import JobFields
from coach.tui.messages import AddJob, OpenJob, StartCall
from coach.tui.screens.home import HomeData, HomeScreen
from coach.tui.widgets.jobs import CLOSED_TOGGLE, JobList
from tests.tui.conftest import library_of
from tests.tui.jobs.fakes import TODAY, FakeDesk
from tests.tui.scripts import small_script

SIZE = (100, 30)


class HomeOnly(App[None]):
    def __init__(self, desk: FakeDesk) -> None:
        super().__init__()
        self.desk = desk
        self.posted: list[Message] = []
        self.entries = library_of(small_script())()

    def source(self, reload: bool) -> HomeData:
        return HomeData(self.entries, {}, self.desk.agenda(), Content("no calls yet"), TODAY)

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen(self.source)

    def on_open_job(self, message: OpenJob) -> None:
        self.posted.append(message)

    def on_add_job(self, message: AddJob) -> None:
        self.posted.append(message)

    def on_start_call(self, message: StartCall) -> None:
        self.posted.append(message)


def prompts(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_jobs_in_sections_closed_folded() -> None:
    app = HomeOnly(FakeDesk())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        jobs = home.query_one("#jobs", JobList)
        shown = prompts(jobs)
        ids = [jobs.get_option_at_index(i).id or "" for i in range(jobs.option_count)]
        heads = [
            text.split("  ")[0].strip()
            for text, i in zip(shown, ids, strict=True)
            if not i.startswith("job-")
        ]
        assert heads == ["Due now", "Coming up", "Waiting on them", "Closed"]
        rows = [
            text.splitlines()[0] for text, i in zip(shown, ids, strict=True) if i.startswith("job-")
        ]
        assert [row.split("  ·  ")[0] for row in rows] == [
            "Acme Ltd",
            "Globex",
            "Initech",
            "Umbrella",
        ]
        assert "Hooli" not in "".join(shown)  # folded: only a count
        assert shown[-1] == "\nClosed  1   ▸ enter shows them"
        assert shown[0] == "Due now  2" and shown[3] == "\nComing up  1"  # a blank line between
        assert shown[6].splitlines()[1] == "  Heard from them Tue 10 Mar: nothing due from you"
        # Headings cannot be picked; jobs can.
        disabled = [jobs.get_option_at_index(i).disabled for i in range(jobs.option_count)]
        assert disabled == [True, False, False, True, False, True, False, False]
        # Each row: company and position bold, the interviewer, the step and when.
        acme = jobs.get_option_at_index(1).prompt
        assert isinstance(acme, Content)
        assert str(acme) == (
            "Acme Ltd  ·  Data analyst   Ms Lee\n"
            "  Call, overdue since Wed 11 Mar   1 call, the last Fri 6 Mar"
        )
        assert any(
            "bold" in str(span.style)
            for span in acme.spans
            if acme.plain[span.start : span.end] == "Acme Ltd"
        )
        overdue = [s for s in acme.spans if "text-warning" in str(s.style)]
        assert [acme.plain[s.start : s.end] for s in overdue] == ["Call, overdue since Wed 11 Mar"]
        globex = jobs.get_option_at_index(2).prompt
        assert isinstance(globex, Content)
        assert not any("text-warning" in str(s.style) for s in globex.spans)


async def test_home_starts_on_the_jobs_and_enter_opens_one() -> None:
    app = HomeOnly(FakeDesk())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.active == "jobs" and home.focused is home.query_one("#jobs")
        # The first job is highlighted, not its heading.
        assert home.jobs.highlighted_job() == 1
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.posted == [OpenJob(2)]
        # Down past the last job reaches the closed row; enter unfolds it.
        await pilot.press("down", "down", "down")
        assert home.jobs.highlighted_option is not None
        assert home.jobs.highlighted_option.id == CLOSED_TOGGLE
        await pilot.press("enter")
        assert "Hooli" in "".join(prompts(home.jobs))
        assert "enter hides them" in prompts(home.jobs)[-2]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.posted[-1] == OpenJob(5)


async def test_tab_moves_the_keys_to_the_scripts_and_back() -> None:
    app = HomeOnly(FakeDesk())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert not home.check_action("start", ()) and home.check_action("open_job", ())
        await pilot.press("tab")
        assert home.active == "scripts" and home.focused is home.query_one("#scripts")
        assert home.check_action("start", ()) and not home.check_action("open_job", ())
        await pilot.press("enter", "a")
        await pilot.pause()
        assert app.posted == [StartCall("small"), AddJob()]
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert home.active == "jobs" and app.posted[-1] == OpenJob(1)


async def test_no_jobs_says_how_to_add_one_and_the_scripts_take_the_keys() -> None:
    app = HomeOnly(FakeDesk([]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert not home.jobs.display
        empty = home.query_one("#jobs-empty", Static)
        assert empty.display and "Press a to add" in str(empty.visual)
        assert home.active == "scripts"
        assert not home.check_action("switch", ("jobs",))  # nothing to switch to
        await pilot.press("tab", "enter")  # as before jobs: enter starts the script
        await pilot.pause()
        assert app.posted == [StartCall("small")]


async def test_a_first_job_added_takes_the_keys() -> None:
    desk = FakeDesk([])
    app = HomeOnly(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        job = desk.add(JobFields("Acme Ltd", "Data analyst"))
        home.refresh_data()
        home.select_job(job.id)
        await pilot.pause()
        assert home.jobs.display and home.active == "jobs"
        assert home.jobs.highlighted_job() == job.id


async def test_home_says_why_for_the_highlighted_job() -> None:
    app = HomeOnly(FakeDesk())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        why = app.screen.query_one("#job-why", Static)
        # Acme (overdue) is first and highlighted: its reason shows under the list.
        assert why.display and "decide by Friday 6 March" in str(why.visual)
        await pilot.press("down")
        await pilot.pause()
        assert "Because they said so." in str(why.visual)


async def test_home_is_drawn_first_with_its_list_focused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first data gives its list the focus at once, before the first frame
    (``focus()`` waited a turn: the frame was restyled and drawn again after it)."""
    focused_when_shown: list[str | None] = []
    show_data = HomeScreen._show_data

    def shown(self: HomeScreen, data: HomeData) -> None:
        show_data(self, data)
        if not focused_when_shown:
            focused_when_shown.append(self.focused.id if self.focused is not None else None)

    monkeypatch.setattr(HomeScreen, "_show_data", shown)
    empty = HomeOnly(FakeDesk(jobs=[]))
    async with empty.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = empty.screen
        assert isinstance(home, HomeScreen)
        assert home.active == "scripts" and home.focused is home.scripts
        assert focused_when_shown == ["scripts"]
    focused_when_shown.clear()
    with_jobs = HomeOnly(FakeDesk())
    async with with_jobs.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = with_jobs.screen
        assert isinstance(home, HomeScreen)
        assert home.active == "jobs" and home.focused is home.jobs
        assert focused_when_shown == ["jobs"]
        await pilot.press("tab")  # later moves go as ever
        assert home.active == "scripts" and home.focused is home.scripts


async def test_a_smaller_terminal_keeps_the_highlighted_job_in_sight() -> None:
    app = HomeOnly(FakeDesk())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        jobs = app.screen.query_one("#jobs", JobList)
        await pilot.press("end")
        await pilot.pause()
        last = jobs.highlighted
        assert last is not None and last > 2
        await pilot.resize_terminal(40, 15)
        for _ in range(3):
            await pilot.pause()
        assert jobs.highlighted == last
        top = jobs._index_to_line[last]  # the option's first line in the list
        seen = range(
            round(jobs.scroll_y), round(jobs.scroll_y) + jobs.scrollable_content_region.height
        )
        assert top in seen, (top, seen)
