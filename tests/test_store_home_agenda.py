"""Home's list of jobs kept between starts (coach.store.home_agenda): served only
while nothing it depends on changed, and always equal to the list made afresh."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from coach.call.agenda import Agenda
from coach.call.businessdays import BusinessDays
from coach.call.snapshot import CallSnapshot
from coach.store import Store, home_agenda
from coach.store.home_agenda import cache_path, cached_agenda
from coach.tui.jobdesk import jobs_agenda

TODAY = date(2026, 3, 16)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data" / "coach.db") as s:
        acme = s.add_job("Acme", "Analyst", interview_date=date(2026, 3, 2))
        s.add_job("Globex", decision_date=date(2026, 3, 20))
        closed = s.add_job("Initech", "Tester", interview_date=date(2026, 2, 2))
        s.close_job(closed.id, "rejected", note=None, today=date(2026, 2, 20))
        call(s, acme.id, "2026-03-05T10:00:00+01:00", "pending", {"decision_date": "2026-03-12"})
        yield s


def snapshot(job: int, started_at: str, outcome: str | None = None, **kw: object) -> CallSnapshot:
    return CallSnapshot(
        script="follow-up",
        title="Follow-up call",
        mode="live",
        job=job,
        started_at=started_at,
        outcome=outcome,
        values={"company": "Acme"},
        **kw,  # type: ignore[arg-type]
    )


def call(
    s: Store, job: int, started_at: str, outcome: str, captures: dict[str, str] | None = None
) -> int:
    snap = snapshot(job, started_at, outcome, captures=captures or {})
    call_id = s.start_call(snap)
    s.finish(call_id, replace(snap, finished=True), "done")
    return call_id


class Maker:
    """``make`` for :func:`cached_agenda`: the list made afresh, counted."""

    def __init__(self, s: Store, today: date = TODAY, days: BusinessDays | None = None) -> None:
        self.store, self.today, self.days, self.count = s, today, days, 0

    def __call__(self) -> Agenda:
        self.count += 1
        return self.fresh()

    def fresh(self) -> Agenda:
        return jobs_agenda(self.store.home_overview(), self.today, self.days)

    def agenda(self) -> Agenda:
        return cached_agenda(self.store, self.today, self.days, self)


def test_the_second_read_is_the_kept_list_equal_to_a_fresh_one(store: Store) -> None:
    make = Maker(store)
    first = make.agenda()
    assert make.count == 1 and len(first) == 3
    assert os.path.isfile(cache_path())
    again = make.agenda()
    assert make.count == 1  # served
    assert again == first == make.fresh()
    assert [s.key for s in again.sections] == [s.key for s in first.sections]
    assert again.rows()[0].job.captured == first.rows()[0].job.captured


def test_any_write_makes_it_again(store: Store) -> None:
    make = Maker(store)
    make.agenda()
    store.add_job("Umbrella")
    assert len(make.agenda()) == 4 and make.count == 2
    job = store.jobs()[0]
    store.mark_heard(job.id, note="they wrote", today=TODAY)
    assert make.agenda() == make.fresh() and make.count == 3
    call(store, job.id, "2026-03-14T09:00:00+01:00", "voicemail")
    assert make.agenda() == make.fresh() and make.count == 4
    make.agenda()
    assert make.count == 4


def test_another_day_or_other_working_days_make_it_again(store: Store) -> None:
    Maker(store).agenda()
    later = Maker(store, today=date(2026, 3, 17))
    assert later.agenda() == later.fresh() and later.count == 1
    holidays = Maker(store, days=BusinessDays(frozenset({date(2026, 3, 17)}), "GB"))
    assert holidays.agenda() == holidays.fresh() and holidays.count == 1
    assert holidays.agenda() == holidays.fresh() and holidays.count == 1  # kept now


def test_nothing_is_kept_while_a_call_runs(store: Store) -> None:
    job = store.jobs()[0]
    running = store.start_call(snapshot(job.id, "2026-03-15T10:00:00+01:00"))
    make = Maker(store)
    make.agenda()
    make.agenda()
    assert make.count == 2 and not os.path.exists(cache_path())
    store.finish(running, replace(snapshot(job.id, "2026-03-15T10:00:00+01:00"), finished=True))
    make.agenda()
    make.agenda()
    assert make.count == 3


def test_other_code_is_a_new_key(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    make = Maker(store)
    make.agenda()
    stamp = home_agenda.code_stamp()
    monkeypatch.setattr(home_agenda, "code_stamp", lambda: (*stamp, "edited"))
    make.agenda()
    assert make.count == 2


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_file_is_made_again(store: Store, content: bytes) -> None:
    make = Maker(store)
    make.agenda()
    Path(cache_path()).write_bytes(content)
    assert make.agenda() == make.fresh() and make.count == 2
    make.agenda()
    assert make.count == 2  # written anew


def test_a_tampered_file_runs_no_code(store: Store, tmp_path: Path) -> None:
    make = Maker(store)
    make.agenda()
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    Path(cache_path()).write_bytes(pickle.dumps((None, Evil())))
    assert make.agenda() == make.fresh() and make.count == 2
    assert not marker.exists()


def test_a_cache_folder_that_cannot_be_written_is_no_error(store: Store) -> None:
    folder = Path(cache_path()).parent
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder goes")
    make = Maker(store)
    assert make.agenda() == make.fresh()
    assert make.agenda() == make.fresh() and make.count == 2


def test_a_store_that_cannot_be_read_raises_as_ever(store: Store) -> None:
    from coach.store import StoreError

    make = Maker(store)
    store.close()
    with pytest.raises(StoreError):
        make.agenda()
