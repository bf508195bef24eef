"""The checker pauses the cyclic garbage collector while it reads a text, and
leaves it as it found it (coach.script.check._collector_paused)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest

from coach.script import check
from coach.script.check import analyse

SCRIPT = """\
format: 1
title: Tiny
nodes:
  start:
    say: Hello.
    end: pending
"""


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def _seen_while_composing(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    seen: list[bool] = []
    compose = check.compose

    def spy(text: str, file: str) -> Any:
        seen.append(gc.isenabled())
        return compose(text, file)

    monkeypatch.setattr(check, "compose", spy)
    return seen


def test_off_while_checking_and_back_on(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _seen_while_composing(monkeypatch)
    gc.enable()
    findings, script = analyse(SCRIPT)
    assert findings == [] and script is not None
    assert seen == [False]
    assert gc.isenabled()


def test_left_off_when_it_was_off(monkeypatch: pytest.MonkeyPatch) -> None:
    _seen_while_composing(monkeypatch)
    gc.disable()
    analyse(SCRIPT)
    assert not gc.isenabled()


def test_back_on_after_an_error_inside(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, file: str) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "compose", broken)
    gc.enable()
    with pytest.raises(RuntimeError):
        analyse(SCRIPT)
    assert gc.isenabled()


def test_findings_unchanged_with_errors() -> None:
    gc.enable()
    findings, script = analyse(SCRIPT.replace("end: pending", "next: nowhere"))
    assert script is None
    assert [f.severity for f in findings] == ["error"]
    assert gc.isenabled()
