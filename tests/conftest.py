"""Fixtures and hooks for the whole suite."""

from __future__ import annotations

import asyncio
import inspect
import os
from collections.abc import Iterator

import pytest
from hypothesis import Phase, settings

# Hypothesis, for every property test: the same examples on every run (CI is
# deterministic: a failure seen once is seen again), and no example database
# written into the work tree. `HYPOTHESIS_PROFILE=explore` hunts with fresh
# random examples (and COACH_FUZZ_SCALE=10 runs ten times as many in tests/fuzz).
# No "explain" phase: it traces every line run while shrinking, and a failure
# found in a large generated script then took minutes to report.
PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)
settings.register_profile("coach", derandomize=True, database=None, deadline=None, phases=PHASES)
settings.register_profile("explore", derandomize=False, database=None, deadline=None, phases=PHASES)
settings.register_profile(
    "noshrink", derandomize=True, database=None, deadline=None, phases=PHASES[:-1]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "coach"))


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
def _own_coach_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own COACH_HOME unless it sets one: never the user's settings,
    scripts or call record (a test that sets COACH_HOME itself overrides this)."""
    monkeypatch.setenv("COACH_HOME", str(tmp_path_factory.mktemp("coach-home")))


@pytest.fixture(autouse=True)
def _day_first_dates(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Numeric dates (``12/11``) read day first, whatever the machine's locale: the
    order is that of ``C`` until a test sets another."""
    from coach.call.dates import set_date_order

    for name in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_date_order(None)
    yield
    set_date_order(None)
