"""Pilot tests of ``coach partner``: it follows the rehearsal in the store, step by step."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from coach.call.session import CallSession
from coach.script.model import Script, ScriptError
from coach.store import Store
from coach.tui.partner import WAITING, WAITING_NEXT, PartnerApp
from tests.call.practice_fixtures import small_script

VALUES = {"interviewer": "Ms Rivera", "position": "Data analyst"}
POLL = 0.02


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def loader(script: Script) -> Callable[[str], Script]:
    def load(ref: str) -> Script:
        if ref != script.id:
            raise ScriptError([])
        return script

    return load


def practice(
    script: Script, scenario: str | None = "filled", clock: Clock | None = None
) -> CallSession:
    return CallSession(
        script,
        VALUES,
        mode="practice",
        scenario=script.scenario(scenario) if scenario else None,
        clock=clock or Clock(),
    )


def text(app: PartnerApp, selector: str) -> str:
    return str(app.query_one(selector, Static).content)


def shown(app: PartnerApp, selector: str) -> bool:
    return app.query_one(selector).display and not app.query_one(selector).has_class("hidden")


async def until(pilot: Pilot[Any], condition: Callable[[], bool]) -> None:
    """Let the app poll until ``condition`` holds (fails after many polls, never on time)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(POLL)
    assert condition()


def make_app(db: Path, script: Script, clock: Clock | None = None) -> PartnerApp:
    return PartnerApp(
        db_path=db, poll_seconds=POLL, load=loader(script), monotonic=clock or Clock()
    )


async def test_waits_without_creating_the_record(db: Path) -> None:
    app = make_app(db, small_script())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(POLL * 5)
        assert text(app, "#message") == WAITING
        assert not shown(app, "#live")
        assert app.view is None
    assert not db.exists()


async def test_follows_each_step_to_the_score(db: Path, store: Store) -> None:
    script = small_script()
    session = practice(script)
    call_id = store.start_call(session.snapshot())
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view is not None and app.view.node == "hello")
        assert shown(app, "#live")
        assert text(app, "#partner") == "Pick up as Ms Rivera."
        assert text(app, "#say") == "Hello, may I speak with Ms Rivera?"
        assert text(app, "#steer") == "Steer toward: Ms Rivera is on the line"
        assert "Ms Rivera; the Data analyst role is gone." in text(app, "#brief")
        assert app.query_one("#brief").border_title == "Your role: Position filled"
        assert text(app, "#status").startswith("Step 1 · 0:00")

        session.choose(1)
        store.save(call_id, session.snapshot())
        await until(pilot, lambda: text(app, "#partner") == "Say where things stand.")
        assert text(app, "#say") == "I am calling about the Data analyst role."
        assert text(app, "#steer") == "Steer toward: Position filled"
        assert text(app, "#status").startswith("Step 2")

        session.choose(2)
        store.save(call_id, session.snapshot())
        await until(pilot, lambda: text(app, "#partner") == "Be kind.")
        assert not shown(app, "#steer")  # nothing to steer at an end

        session.advance()
        store.finish(call_id, session.snapshot())
        await until(pilot, lambda: shown(app, "#result"))
        assert not shown(app, "#live")
        result = text(app, "#result")
        assert "Rehearsal finished: Not selected." in result
        assert "Score 2/2" in result
        assert text(app, "#message") == WAITING_NEXT


async def test_back_and_side_flows_are_followed(db: Path, store: Store) -> None:
    script = small_script()
    session = practice(script)
    call_id = store.start_call(session.snapshot())
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view is not None)
        session.open_side_flow("r")
        store.save(call_id, session.snapshot())
        await until(pilot, lambda: text(app, "#partner") == "Say it again.")
        assert "side question" in text(app, "#status")
        session.back()
        store.save(call_id, session.snapshot())
        await until(pilot, lambda: text(app, "#partner") == "Pick up as Ms Rivera.")
        assert text(app, "#status").startswith("Step 1")


async def test_switches_to_a_new_rehearsal(db: Path, store: Store) -> None:
    script = small_script()
    first = practice(script)
    first_id = store.start_call(first.snapshot())
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.followed_id == first_id)
        first.abandon()
        store.finish(first_id, first.snapshot(), status="abandoned")
        await until(pilot, lambda: shown(app, "#result"))
        assert "ended the rehearsal early" in text(app, "#result")
        assert text(app, "#message") == WAITING_NEXT

        second = practice(script, "vm")
        second_id = store.start_call(second.snapshot())
        await until(pilot, lambda: app.followed_id == second_id and shown(app, "#live"))
        assert app.query_one("#brief").border_title == "Your role: Voicemail"
        assert text(app, "#steer") == "Steer toward: Voicemail"


def _start_in_other_process(db: Path, snapshot: dict[str, Any]) -> int:
    """Record a running call from a process that then exits, as a crashed caller would."""
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from coach.store import Store\n"
        "store = Store(Path(sys.argv[1]))\n"
        "print(store.start_call(json.loads(sys.argv[2])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(db), json.dumps(snapshot)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return int(done.stdout.strip())


async def test_survives_the_caller_crashing(db: Path, store: Store) -> None:
    script = small_script()
    session = practice(script)
    _start_in_other_process(db, session.snapshot())
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        # The caller's process is gone: nothing is running, nothing to follow yet.
        await pilot.pause(POLL * 5)
        assert text(app, "#message") == WAITING
        live = practice(script, "deciding")
        live_id = store.start_call(live.snapshot())
        await until(pilot, lambda: app.followed_id == live_id)
        assert app.query_one("#brief").border_title == "Your role: Still deciding"
        assert app.is_running


async def test_script_that_fails_to_load_keeps_waiting(db: Path, store: Store) -> None:
    script = small_script()
    broken = {**practice(script).snapshot(), "script": "missing", "script_path": None}
    broken_id = store.start_call(broken)
    app = make_app(db, script)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.followed_id == broken_id)
        await until(pilot, lambda: "could not be loaded" in text(app, "#message"))
        assert app.query_one("#message").has_class("problem")
        assert "Still watching for a rehearsal." in text(app, "#message")
        store.finish(broken_id, broken, status="abandoned")
        good_id = store.start_call(practice(script).snapshot())
        await until(pilot, lambda: app.followed_id == good_id and shown(app, "#live"))
        assert not app.query_one("#message").has_class("problem")


async def test_clock_keeps_running_between_saves(db: Path, store: Store) -> None:
    script = small_script()
    clock = Clock()
    session = practice(script, clock=clock)
    store.start_call(session.snapshot())
    app_clock = Clock()
    app = make_app(db, script, app_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view is not None)
        app_clock.now += 25  # no save in between: the view's clock still moves
        await until(pilot, lambda: text(app, "#status").startswith("Step 1 · 0:25"))
        assert app.query_one("#status").has_class("over")  # past the 20 s budget


@pytest.mark.parametrize("size", [(80, 24), (60, 15)])
async def test_readable_at_small_sizes(db: Path, store: Store, size: tuple[int, int]) -> None:
    script = small_script()
    store.start_call(practice(script).snapshot())
    app = make_app(db, script)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.view is not None)
        await pilot.pause()
        partner = app.query_one("#partner")
        steer = app.query_one("#steer")
        # The partner's line and the move to steer toward are on screen without scrolling.
        assert partner.region.bottom <= size[1] - 1
        assert steer.region.bottom <= size[1] - 1
        assert partner.region.width <= size[0]


async def test_q_quits(db: Path) -> None:
    app = make_app(db, small_script())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


# ------------------------------------------- with the real loader and YAML files
FIXTURE = """\
format: 1
title: Tiny follow-up
variables:
  interviewer: Who interviewed you?
nodes:
  hello:
    say: May I speak with {interviewer}?
    partner: Answer as {interviewer}, or let it go to voicemail.
    choices:
      - {label: "{interviewer} answers", next: status}
      - {label: Voicemail, next: voicemail}
  status:
    say: Have you reached a decision?
    partner: Say the role has been filled.
    choices:
      - {label: Still deciding, next: thanks}
      - {label: Position filled, next: filled}
  thanks:
    say: Thank you for your time.
    partner: Say goodbye.
    end: pending
  filled:
    say: Thank you for telling me.
    partner: Wish the caller luck.
    end: rejected
  voicemail:
    say: Leave a short message.
    end: voicemail
practice:
  scenarios:
    - id: filled
      title: The role is gone
      brief: You are {interviewer}. The role went to someone else.
      expect: {hello: status, status: filled}
"""


def _yaml_script(folder: Path, text: str = FIXTURE) -> Path:
    path = folder / "tiny.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_loads_the_script_from_the_snapshot_path(
    tmp_path: Path, db: Path, store: Store
) -> None:
    from coach.script.library import resolve

    path = _yaml_script(tmp_path)
    script = resolve(str(path))
    session = CallSession(
        script, {"interviewer": "Mr Okafor"}, mode="practice", scenario=script.scenario("filled")
    )
    call_id = store.start_call(session.snapshot())
    app = PartnerApp(db_path=db, poll_seconds=POLL)  # the real loader
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.view is not None)
        assert text(app, "#partner") == "Answer as Mr Okafor, or let it go to voicemail."
        assert text(app, "#steer") == "Steer toward: Mr Okafor answers"
        assert "You are Mr Okafor." in text(app, "#brief")
        session.choose(1)
        store.save(call_id, session.snapshot())
        await until(pilot, lambda: text(app, "#partner") == "Say the role has been filled.")
        assert text(app, "#steer") == "Steer toward: Position filled"


async def test_a_script_broken_since_is_reported(tmp_path: Path, db: Path, store: Store) -> None:
    from coach.script.library import resolve

    path = _yaml_script(tmp_path)
    script = resolve(str(path))
    session = CallSession(script, {}, mode="practice", scenario=script.scenario("filled"))
    store.start_call(session.snapshot())
    path.write_text(FIXTURE.replace("nodes:", "nodes: [", 1), encoding="utf-8")
    app = PartnerApp(db_path=db, poll_seconds=POLL)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "could not be loaded" in text(app, "#message"))
        assert "tiny" in text(app, "#message")
        assert app.is_running
        # Fixed again (a new modification time): the view picks it up.
        path.write_text(FIXTURE, encoding="utf-8")
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        await until(pilot, lambda: app.view is not None and shown(app, "#live"))


@pytest.mark.parametrize("size", [(80, 24), (60, 15)])
async def test_bundled_script_fits_small_terminals(
    db: Path, store: Store, size: tuple[int, int]
) -> None:
    from coach.script.library import resolve

    script = resolve("follow-up")
    session = CallSession(
        script, VALUES, mode="practice", scenario=script.scenario("position_filled")
    )
    session.choose(1)
    session.choose(1)  # on `purpose`, the step with the longest partner line of the opening
    store.start_call(session.snapshot())
    app = PartnerApp(db_path=db, poll_seconds=POLL)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.view is not None and app.view.node == "purpose")
        await pilot.pause()
        assert text(app, "#steer") == "Steer toward: The position has been filled"
        for selector in ("#partner", "#steer"):
            assert app.query_one(selector).region.bottom <= size[1] - 1, selector
