"""Fixtures for the editor's pilot and snapshot tests: a temp COACH_HOME and HOME."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no pytest-asyncio needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """COACH_HOME in the test's temp folder; HOME too, so paths show as ``~/...``."""
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    return home
