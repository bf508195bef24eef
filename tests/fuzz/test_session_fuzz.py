"""Every valid generated script survives a whole walk through ``CallSession``: every
choice, side flow, back, capture, notes, early end, finish, and a snapshot that
round-trips (restoring it gives the same call) at every step."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.call.session import CallSession, Mode, SessionError
from coach.call.snapshot import decode, encode
from coach.script.load import load_text
from coach.script.model import RETURN, Script
from tests.fuzz.strategies import Drawn, budget, dump, valid_scripts

FUZZ = settings(max_examples=budget(120), suppress_health_check=[HealthCheck.too_slow])

ACTIONS = ["choose", "advance", "side", "back", "capture", "notes", "round_trip", "stop"]
values = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20)


class Clock:
    def __init__(self) -> None:
        self.now = 10.0

    def __call__(self) -> float:
        return self.now


def _wall() -> datetime:
    return datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def _round_trip(session: CallSession, script: Script, clock: Clock) -> CallSession:
    snap = session.to_snapshot()
    stored = encode(snap)
    assert decode(stored) == snap
    restored = CallSession.restore(script, stored, clock=clock, wall=_wall)
    assert restored.to_snapshot() == snap
    return restored


def _move(session: CallSession, action: str, data: st.DataObject) -> None:
    """One action; a move that is not possible here must be a SessionError, and only that."""
    node = session.node
    if action == "choose":
        shown = session.visible_choices()
        if shown:
            picked = data.draw(st.sampled_from(shown))
            assert session.choose(picked.key).id == picked.choice.next
        else:
            try:
                session.choose(data.draw(st.integers(1, 9)))
            except SessionError:
                return
            raise AssertionError("a choice was taken where none is shown")
    elif action == "advance":
        possible = node.end is not None or (
            node.next is not None and (node.next != RETURN or bool(session.return_stack))
        )
        if possible:
            before = session.return_stack[-1] if node.next == RETURN else node.next
            session.advance()
            if node.end is None:
                assert session.current == before
            else:
                assert session.finished and session.outcome == node.end
        else:
            try:
                session.advance()
            except SessionError:
                return
            raise AssertionError("Enter moved on where it cannot")
    elif action == "side":
        keys = session.side_flow_keys()
        if keys:
            key = data.draw(st.sampled_from(sorted(keys)))
            here = session.current
            assert session.open_side_flow(key).id == keys[key]
            assert session.return_stack[-1] == here
    elif action == "back":
        if session.can_go_back():
            src = session.history[-1].src
            session.back()
            assert session.current == src
        else:
            try:
                session.back()
            except SessionError:
                return
            raise AssertionError("back went somewhere from the first step")
    elif action == "capture":
        caps = session.script.capture_ids()
        if caps:
            cap = data.draw(st.sampled_from(caps))
            text = data.draw(values)
            session.set_capture(cap, text)
            assert session.captures.get(cap, "") == text
    elif action == "notes":
        session.set_notes(data.draw(values))
    # Reading everything the screen reads must never fail either.
    for visible in session.visible_choices():
        assert visible.label is not None
    session.render(session.node.say)
    session.moves_from_here()
    session.their_line()
    session.score()
    session.pace()
    session.node_times()


@FUZZ
@given(valid_scripts(), st.data())
def test_every_valid_script_survives_a_whole_walk(drawn: Drawn, data: st.DataObject) -> None:
    script = load_text(dump(drawn.doc), "fuzz.yaml")
    mode: Mode = data.draw(st.sampled_from(["live", "practice"]))
    scenario = data.draw(st.sampled_from([None, *script.scenarios])) if mode == "practice" else None
    clock = Clock()
    given_values = {v.id: data.draw(values) for v in script.variables if data.draw(st.booleans())}
    session = CallSession(
        script, given_values, mode=mode, scenario=scenario, clock=clock, wall=_wall,
        solo=data.draw(st.booleans()),
    )  # fmt: skip
    for _ in range(data.draw(st.integers(0, 40))):
        if session.finished:
            break
        clock.now += data.draw(st.floats(0, 600, allow_nan=False))
        action = data.draw(st.sampled_from(ACTIONS))
        if action == "round_trip":
            session = _round_trip(session, script, clock)
        elif action == "stop":
            outcomes = sorted({n.end for n in script.nodes.values() if n.end is not None})
            if bool(outcomes) and data.draw(st.booleans()):
                session.finish(data.draw(st.sampled_from(outcomes)))
            else:
                session.abandon()
        else:
            _move(session, action, data)
    if session.finished:
        after_the_end = [
            lambda: session.choose(1),
            session.back,
            session.advance,
            session.abandon,
            lambda: session.open_side_flow("c"),
        ]
        for move in after_the_end:
            try:
                move()
            except SessionError:
                continue
            raise AssertionError("a move worked after the end")
    _round_trip(session, script, clock)
    session.snapshot()
