"""The store keeps any call record and any job exactly as given: unicode of every
kind (emoji, right-to-left, combining marks, control characters but NUL), empty
values and huge ones."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.call.snapshot import CallSnapshot, Move, Score, StepTime, encode
from coach.store import Store
from tests.fuzz.strategies import budget

FUZZ = settings(max_examples=budget(60), suppress_health_check=[HealthCheck.too_slow])

_chars = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
_odd = st.sampled_from(
    [
        "",
        " ",
        "😀👩‍👩‍👧",
        "שלום עולם",
        "e\u0301\u0301",
        "日本語テキスト",
        "\x1b[2J",
        "\u202e\u200f",
        "\t\n\r",
    ]
)
#: Short text, odd text, and now and then a huge value (100 KB to 1 MB).
texts = (
    st.text(_chars, max_size=40)
    | _odd
    | st.builds(
        lambda s, n: (s or "x") * n, st.text(_chars, max_size=8), st.integers(12_500, 125_000)
    )
)
small = st.text(_chars, max_size=12) | _odd
seconds = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def scores(draw: st.DrawFn) -> Score:
    total = draw(st.integers(min_value=1, max_value=50))
    return Score(draw(st.integers(min_value=0, max_value=total)), total)


snapshots = st.builds(
    CallSnapshot,
    script=small,
    title=texts,
    script_path=st.none() | small,
    mode=st.sampled_from(["live", "practice"]),
    scenario=st.none() | small,
    job=st.none(),
    solo=st.booleans(),
    started_at=st.sampled_from(["", "2026-03-03T10:00:00+00:00", "2026-12-31T23:59:59-05:00"]),
    ended_at=st.none() | small,
    duration_s=st.none() | seconds,
    outcome=st.none() | small,
    finished=st.booleans(),
    abandoned=st.booleans(),
    path=st.lists(small, max_size=6).map(tuple),
    values=st.dictionaries(small, texts, max_size=4),
    captures=st.dictionaries(small, texts, max_size=4),
    checklist=st.dictionaries(small, st.booleans(), max_size=4),
    notes=texts,
    score=st.none() | scores(),
    rating=st.none() | st.integers(min_value=1, max_value=5),
    rating_note=texts,
    current=small,
    return_stack=st.lists(small, max_size=3).map(tuple),
    history=st.lists(
        st.builds(
            Move,
            kind=st.sampled_from(["choice", "next", "side", "return"]),
            src=small,
            dst=small,
            stack_before=st.lists(small, max_size=3).map(tuple),
        ),
        max_size=5,
    ).map(tuple),
    steps=st.lists(st.builds(StepTime, node=small, seconds=seconds), max_size=5).map(tuple),
    step_seconds=seconds,
    first_moves=st.dictionaries(small, small, max_size=3),
)


def _store() -> tuple[Store, tempfile.TemporaryDirectory[str]]:
    folder = tempfile.TemporaryDirectory()
    return Store(Path(folder.name) / "coach.db"), folder


@FUZZ
@given(snapshots, snapshots)
def test_a_call_record_round_trips_unchanged(first: CallSnapshot, later: CallSnapshot) -> None:
    store, folder = _store()
    with folder, store:
        call_id = store.start_call(first)
        record = store.get(call_id)
        assert record is not None
        assert record.snapshot == encode(first)
        assert record.call == first
        store.save(call_id, later)
        record = store.get(call_id)
        assert record is not None and record.call == later
        store.finish(call_id, later, "abandoned")
        record = store.get(call_id)
        assert record is not None
        assert record.snapshot == encode(later)
        assert record.status == "abandoned"
        assert [r.id for r in store.calls()] == [call_id]


dates = st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@FUZZ
@given(
    company=texts.filter(str.strip),
    position=texts,
    interviewer=texts,
    phone=small,
    notes=texts,
    interview_date=dates,
    decision_date=dates,
    edit=texts.filter(str.strip),
)
def test_a_job_round_trips_unchanged(
    company: str,
    position: str,
    interviewer: str,
    phone: str,
    notes: str,
    interview_date: date | None,
    decision_date: date | None,
    edit: str,
) -> None:
    store, folder = _store()
    with folder, store:
        job = store.add_job(
            company,
            position,
            interviewer=interviewer,
            phone=phone,
            interview_date=interview_date,
            decision_date=decision_date,
            notes=notes,
        )
        expected = (company.strip(), position.strip(), interviewer.strip(), phone.strip(), notes)
        got = (job.company, job.position, job.interviewer, job.phone, job.notes)
        assert got == expected
        assert (job.interview_date, job.decision_date) == (interview_date, decision_date)
        assert store.job(job.id) == job
        assert store.jobs() == [job]
        edited = store.update_job(job.id, position=edit, notes=edit)
        assert (edited.position, edited.notes) == (edit.strip(), edit)
        remembered = store.remember(job.id, {"k": edit})
        assert dict(remembered.captured) == {"k": edit}
        assert store.job(job.id) == remembered
