"""The stored call: one encoder, one decoder, and what they do with old, new and bad data."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.call.session import CallSession
from coach.call.snapshot import (
    SNAPSHOT_VERSION,
    CallSnapshot,
    Move,
    Score,
    SnapshotError,
    StepTime,
    as_snapshot,
    decode,
    encode,
)
from tests.call.test_session import FakeClock, make_script

SETTINGS = settings(max_examples=200, deadline=None)

ids = st.text(max_size=12)
texts = st.text(max_size=40)
seconds = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def scores(draw: st.DrawFn) -> Score:
    total = draw(st.integers(min_value=1, max_value=50))
    return Score(draw(st.integers(min_value=0, max_value=total)), total)


moves = st.builds(
    Move,
    kind=st.sampled_from(["choice", "next", "side", "return"]),
    src=ids,
    dst=ids,
    stack_before=st.lists(ids, max_size=3).map(tuple),
)
snapshots = st.builds(
    CallSnapshot,
    script=ids,
    title=texts,
    script_path=st.none() | texts,
    mode=st.sampled_from(["live", "practice"]),
    scenario=st.none() | ids,
    job=st.none() | st.integers(min_value=1, max_value=2**62),
    solo=st.booleans(),
    started_at=texts,
    ended_at=st.none() | texts,
    duration_s=st.none() | seconds,
    outcome=st.none() | ids,
    finished=st.booleans(),
    abandoned=st.booleans(),
    path=st.lists(ids, max_size=6).map(tuple),
    values=st.dictionaries(ids, texts, max_size=4),
    captures=st.dictionaries(ids, texts, max_size=4),
    checklist=st.dictionaries(ids, st.booleans(), max_size=4),
    notes=texts,
    score=st.none() | scores(),
    rating=st.none() | st.integers(min_value=1, max_value=5),
    rating_note=texts,
    current=ids,
    return_stack=st.lists(ids, max_size=3).map(tuple),
    history=st.lists(moves, max_size=5).map(tuple),
    steps=st.lists(st.builds(StepTime, node=ids, seconds=seconds), max_size=5).map(tuple),
    step_seconds=seconds,
)


@SETTINGS
@given(snapshots)
def test_decode_reads_back_what_encode_writes(snap: CallSnapshot) -> None:
    assert decode(encode(snap)) == snap
    # Through the JSON text the store keeps, too.
    stored = json.dumps(encode(snap), ensure_ascii=False, separators=(",", ":"))
    assert decode(json.loads(stored)) == snap


@SETTINGS
@given(snapshots)
def test_encode_writes_back_what_decode_reads(snap: CallSnapshot) -> None:
    data = json.loads(json.dumps(encode(snap)))
    assert encode(decode(data)) == data
    assert list(encode(decode(data))) == list(data)  # the same keys in the same order


def test_the_stored_form_keeps_its_keys_in_order() -> None:
    assert list(encode(CallSnapshot())) == [
        "version",
        "script",
        "title",
        "script_path",
        "mode",
        "scenario",
        "job",
        "solo",
        "started_at",
        "ended_at",
        "duration_s",
        "outcome",
        "finished",
        "abandoned",
        "path",
        "values",
        "captures",
        "checklist",
        "notes",
        "score",
        "rating",
        "rating_note",
        "current",
        "return_stack",
        "history",
        "steps",
        "step_seconds",
        "first_moves",
        "pace",
    ]
    assert encode(CallSnapshot())["version"] == SNAPSHOT_VERSION


def test_a_session_stores_the_same_dict_typed_or_not() -> None:
    clock = FakeClock()
    session = CallSession(make_script(), {"interviewer": "Dana"}, clock=clock)
    session.choose(1)
    clock.tick(1.23456)
    session.set_notes("n")
    assert session.snapshot() == encode(session.to_snapshot())
    assert decode(session.snapshot()) == session.to_snapshot()
    assert session.to_snapshot().steps[0].seconds == 0.0
    assert session.snapshot()["step_seconds"] == 1.235  # rounded to the millisecond


def test_a_newer_version_is_refused_with_a_clear_message() -> None:
    data = encode(CallSnapshot(script="x"))
    data["version"] = SNAPSHOT_VERSION + 1
    with pytest.raises(SnapshotError, match="newer Call Coach") as info:
        decode(data)
    assert "Update Call Coach" in str(info.value)
    with pytest.raises(SnapshotError):
        as_snapshot(data)


@pytest.mark.parametrize("version", [None, 0, SNAPSHOT_VERSION, "1", True])
def test_an_older_or_missing_version_is_read(version: Any) -> None:
    data = {"script": "x", "notes": "kept"}
    if version is not None:
        data["version"] = version
    assert decode(data).notes == "kept"


def test_missing_keys_take_their_defaults() -> None:
    assert decode({}) == CallSnapshot()
    assert decode({"mode": "practice", "solo": True}).solo


def test_bad_values_are_dropped_not_trusted() -> None:
    snap = decode(
        {
            "mode": "radio",
            "solo": "yes",
            "duration_s": True,
            "path": ["a", 3, "b"],
            "values": {"company": "Acme", "n": 3, "none": None},
            "checklist": "all",
            "score": {"matched": 3, "total": 2},
            "rating": 9,
            "history": [{"kind": "jump", "src": "a", "dst": "b"}, 4, {"kind": "next"}],
            "steps": [1, {"node": "a", "seconds": -1}, {"node": "b", "seconds": 2}],
            "step_seconds": "x",
        }
    )
    assert snap.mode == "live" and not snap.solo and snap.duration_s is None
    assert snap.path == ("a", "b")
    assert snap.values == {"company": "Acme"}
    assert snap.checklist == {}
    assert snap.score is None and snap.rating is None
    assert snap.history == () and snap.steps == (StepTime("b", 2.0),)
    assert snap.step_seconds == 0.0


@pytest.mark.parametrize(("stored", "job"), [(3, 3), ("3", None), (0, None), (-2, None),
                                             (True, None), (2.0, None), (None, None)])  # fmt: skip
def test_the_job_is_a_positive_id_or_none(stored: Any, job: int | None) -> None:
    assert decode({"job": stored}).job == job
    assert encode(CallSnapshot(job=7))["job"] == 7


def test_not_a_mapping_is_refused() -> None:
    with pytest.raises(SnapshotError, match="not a JSON object"):
        decode([])  # type: ignore[arg-type]


def test_new_pure_modules_import_no_textual_or_sqlite() -> None:
    code = (
        "import sys, coach.call.snapshot, coach.call.report, coach.call.words;"
        "print(','.join(sorted(m for m in sys.modules"
        " if m.split('.')[0] in {'textual', 'sqlite3', '_sqlite3', 'rich'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
