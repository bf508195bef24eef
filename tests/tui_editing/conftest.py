"""Fixtures for the editing-in-the-app tests: the TUI fixtures, with the real script library."""

from __future__ import annotations

from tests.tui.conftest import (  # noqa: F401  (fixtures, re-exported)
    FakeClock,
    coach_home,
    fake_clock,
    store,
)
