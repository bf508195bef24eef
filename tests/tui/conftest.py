"""Fixtures for the TUI tests: a temporary COACH_HOME, a temp store, frozen clocks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from coach.script.library import ScriptEntry
from coach.script.model import Finding, Script
from coach.store import Store
from coach.tui.app import CoachApp
from tests.tui.scripts import small_script

TODAY = date(2026, 3, 3)
WALL = datetime(2026, 3, 3, 14, 5, tzinfo=UTC)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    return home


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "coach.db")
    yield opened
    opened.close()


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


def library_of(*scripts: Script, broken: bool = False) -> Callable[[], list[ScriptEntry]]:
    entries = [ScriptEntry(s.id, "bundled", Path(f"/bundled/{s.id}.yaml"), s) for s in scripts]
    if broken:
        finding = Finding("broken.yaml", 4, 7, "error", "node 'hello': 'say' is missing")
        entries.append(ScriptEntry("broken", "user", Path("broken.yaml"), None, [finding]))
    return lambda: list(entries)


@pytest.fixture
def make_app(store: Store, fake_clock: FakeClock) -> Callable[..., CoachApp]:
    def make(**kwargs: Any) -> CoachApp:
        kwargs.setdefault("library", library_of(small_script(), broken=True))
        return CoachApp(
            store=store,
            clock=fake_clock,
            wall=lambda: WALL,
            today=lambda: TODAY,
            **kwargs,
        )

    return make
