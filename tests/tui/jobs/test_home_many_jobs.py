"""Home's job list with hundreds of jobs: what shows first is built first, the rest follows."""

from __future__ import annotations

from datetime import date

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from coach.call.agenda import Agenda, AgendaRow, build_agenda
from coach.call.followup import NextStep
from coach.call.jobs import Job, JobCall
from coach.tui.widgets.jobs import CLOSED_TOGGLE, JOB_PREFIX, JobList, job_prompt
from tests.tui.jobs.fakes import NOTHING, TODAY, describe, step

SIZE = (100, 30)
DUE, UPCOMING, CLOSED = 300, 120, 40


def many_jobs(changed: int | None = None) -> Agenda:
    """DUE overdue jobs, UPCOMING coming up, CLOSED closed; job ``changed`` due later."""
    triples: list[tuple[Job, list[JobCall], NextStep]] = []
    for i in range(1, DUE + UPCOMING + CLOSED + 1):
        job = Job(i, f"Company {i:03}", "Analyst", f"Person {i}")
        if i > DUE + UPCOMING:
            closed = Job(
                i, f"Company {i:03}", "Analyst", status="closed", closed_on=date(2026, 3, 2)
            )
            triples.append((closed, [], NOTHING))
        elif i > DUE or i == changed:
            triples.append((job, [], step(5, 6)))
        else:
            triples.append((job, [], step(-3, -1)))
    return build_agenda(triples, TODAY, describe)


class ListOnly(App[None]):
    def compose(self) -> ComposeResult:
        yield JobList(id="jobs")


def ids(options: OptionList) -> list[str]:
    return [options.get_option_at_index(i).id or "" for i in range(options.option_count)]


def expected_ids(agenda: Agenda, *, closed_open: bool = False) -> list[str]:
    out: list[str] = []
    for section in agenda.sections:
        if section.folded:
            out.append(CLOSED_TOGGLE)
            if not closed_open:
                continue
        else:
            out.append(f"section-{section.key}")
        out += [f"{JOB_PREFIX}{row.job.id}" for row in section.rows]
    return out


async def settle(jobs: JobList, pilot: object) -> None:
    for _ in range(50):
        if jobs.complete:
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]
    raise AssertionError("the list never filled")


async def test_the_first_rows_are_built_at_once_the_rest_after_the_frame() -> None:
    app = ListOnly()
    agenda = many_jobs()
    async with app.run_test(size=SIZE) as pilot:
        jobs = app.query_one(JobList)
        jobs.show(agenda, TODAY)
        # The heading, the first job (highlighted) and enough more to fill the screen:
        # every option after the first is two lines or more.
        assert jobs.first_count == SIZE[1] // 2 + 1
        assert jobs.option_count == 2 + SIZE[1] // 2 + 1 and not jobs.complete
        below = range((jobs.highlighted or 0) + 1, jobs.option_count)
        lines = sum(str(jobs.get_option_at_index(i).prompt).count("\n") + 1 for i in below)
        assert lines >= SIZE[1]  # the screen below the highlighted job is full
        assert jobs.highlighted == 1
        await settle(jobs, pilot)
        assert ids(jobs) == expected_ids(agenda)
        # The rows as job_prompt draws them, every one of them.
        last = [row for row in agenda.rows() if row.section != "closed"][-1]
        prompt = jobs.get_option(f"{JOB_PREFIX}{last.job.id}").prompt
        assert str(prompt) == str(job_prompt(last, TODAY))
        assert jobs.highlighted == 1


async def test_the_same_jobs_again_build_nothing_and_a_change_builds_only_its_row() -> None:
    app = ListOnly()
    async with app.run_test(size=SIZE) as pilot:
        jobs = app.query_one(JobList)
        jobs.show(many_jobs(), TODAY)
        await settle(jobs, pilot)
        jobs.highlighted = 5
        before = [jobs.get_option_at_index(i) for i in range(jobs.option_count)]
        jobs.show(many_jobs(), TODAY)  # home back from another screen, nothing changed
        assert [jobs.get_option_at_index(i) for i in range(jobs.option_count)] == before
        assert all(jobs.get_option_at_index(i) is option for i, option in enumerate(before)), (
            "the options were built again"
        )
        assert jobs.highlighted == 5
        # Job 7 moves to "coming up": the list is built again, its other rows reused.
        highlighted = jobs.highlighted_option
        assert highlighted is not None
        jobs.show(many_jobs(changed=7), TODAY)
        await settle(jobs, pilot)
        assert ids(jobs) == expected_ids(many_jobs(changed=7))
        assert jobs.highlighted_option is not None
        assert jobs.highlighted_option.id == highlighted.id
        old = {option.id: option.prompt for option in before}
        new = {jobs.get_option_at_index(i).id: jobs.get_option_at_index(i) for i in range(10)}
        assert new["job-2"].prompt is old["job-2"]
        assert new["section-due"].prompt is not old["section-due"]  # one job fewer


async def test_the_cursor_never_passes_what_is_built() -> None:
    app = ListOnly()
    agenda = many_jobs()
    async with app.run_test(size=SIZE):
        jobs = app.query_one(JobList)
        jobs.show(agenda, TODAY)
        built = jobs.option_count
        jobs.highlighted = built - 1
        jobs.action_cursor_down()
        assert jobs.option_count > built
        assert jobs.highlighted == built
        # The end is the real end (the closed row), not the last row built so far.
        jobs.action_last()
        assert jobs.highlighted_option is not None
        assert jobs.highlighted_option.id == CLOSED_TOGGLE
        assert jobs.complete


async def test_a_job_not_built_yet_can_be_highlighted_and_a_closed_one_unfolds() -> None:
    app = ListOnly()
    agenda = many_jobs()
    async with app.run_test(size=SIZE) as pilot:
        jobs = app.query_one(JobList)
        jobs.show(agenda, TODAY)
        assert jobs.highlight_job(DUE + UPCOMING)  # the last one coming up
        assert jobs.highlighted_job() == DUE + UPCOMING
        assert jobs.highlight_job(DUE + UPCOMING + 1)  # closed: the section opens
        assert jobs.closed_open
        assert jobs.highlighted_job() == DUE + UPCOMING + 1
        assert not jobs.highlight_job(9999)
        await settle(jobs, pilot)
        assert ids(jobs) == expected_ids(agenda, closed_open=True)
        assert jobs.highlighted_job() == DUE + UPCOMING + 1


async def test_a_jobs_row_is_found_without_listing_every_row_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Home asks for the highlighted job's row (its reason) on every cursor move."""
    app = ListOnly()
    agenda = many_jobs()
    async with app.run_test(size=SIZE):
        jobs = app.query_one(JobList)
        jobs.show(agenda, TODAY)
        listed: list[int] = []
        rows = Agenda.rows

        def counted(self: Agenda) -> list[AgendaRow]:
            listed.append(1)
            return rows(self)

        monkeypatch.setattr(Agenda, "rows", counted)
        for _ in range(20):
            jobs.action_cursor_down()
            job_id = jobs.highlighted_job()
            assert job_id is not None
            row = jobs.job_row(job_id)
            assert row is not None and row.job.id == job_id
        assert jobs.job_row(9999) is None
        assert len(listed) == 1
        jobs.show(many_jobs(changed=7), TODAY)  # a new agenda: its own rows
        assert jobs.job_row(7) is not None and jobs.job_row(7).section == "upcoming"  # type: ignore[union-attr]
        assert len(listed) == 2


async def test_only_the_rows_built_are_worked_out_before_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import coach.tui.widgets.jobs as jobs_module

    worked: list[int] = []
    row_key = jobs_module.row_key

    def counted(row: AgendaRow, today: date) -> object:
        worked.append(row.job.id)
        return row_key(row, today)

    monkeypatch.setattr(jobs_module, "row_key", counted)
    app = ListOnly()
    agenda = many_jobs()
    async with app.run_test(size=SIZE) as pilot:
        jobs = app.query_one(JobList)
        jobs.show(agenda, TODAY)
        built_jobs = jobs.option_count - 1  # the heading is the first option
        assert len(worked) == built_jobs < DUE  # not every one of the 420 open jobs
        await settle(jobs, pilot)
        assert sorted(worked) == list(range(1, DUE + UPCOMING + 1))  # each once, as built
        assert ids(jobs) == expected_ids(agenda)
        worked.clear()
        before = [jobs.get_option_at_index(i) for i in range(jobs.option_count)]
        jobs.show(many_jobs(), TODAY)  # the same rows: compared, nothing built
        assert len(worked) == DUE + UPCOMING
        assert all(jobs.get_option_at_index(i) is o for i, o in enumerate(before))


async def test_a_new_agenda_before_the_fill_is_compared_with_every_row() -> None:
    app = ListOnly()
    async with app.run_test(size=SIZE) as pilot:
        jobs = app.query_one(JobList)
        jobs.show(many_jobs(), TODAY)
        assert not jobs.complete
        first = jobs.get_option_at_index(1)
        jobs.show(many_jobs(), TODAY)  # the same, rows not built yet included
        assert jobs.get_option_at_index(1) is first
        jobs.show(many_jobs(changed=DUE - 1), TODAY)  # a row not built yet changed
        await settle(jobs, pilot)
        assert ids(jobs) == expected_ids(many_jobs(changed=DUE - 1))
