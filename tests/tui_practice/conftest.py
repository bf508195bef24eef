"""Fixtures for the practice-mode pilot tests: the TUI fixtures, plus screen text."""

from __future__ import annotations

from tests.tui.conftest import (  # noqa: F401  (fixtures, re-exported)
    FakeClock,
    coach_home,
    fake_clock,
    make_app,
    store,
)
