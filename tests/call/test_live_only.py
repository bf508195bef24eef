"""Checklist items only a live call needs: marked ``live_only``, left out of a rehearsal."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from coach.call.checklist import checklist_items, ticks_of, unticked_required
from coach.call.session import CallSession
from coach.call.walk import PrepDone, advance, begin
from coach.script import schema
from coach.script.load import load_path, load_text
from tests.script.conftest import lines

SCRIPT = """\
title: T
checklist:
  - {id: resume, text: Your resume, required: true}
  - {id: timing, text: About a week has passed, required: true, live_only: true}
nodes:
  hello:
    say: Hi
    end: pending
"""


def test_live_only_is_read_and_checked() -> None:
    script = load_text(SCRIPT)
    assert [(i.id, i.live_only) for i in script.checklist] == [
        ("resume", False),
        ("timing", True),
    ]
    found = lines(SCRIPT.replace("live_only: true", "live_only: yes"))
    assert len(found) == 1 and "'live_only'" in found[0] and "true" in found[0]
    assert found[0].startswith("4:")
    validator = jsonschema.Draft202012Validator(schema.json_schema())
    assert list(validator.iter_errors(yaml.safe_load(SCRIPT))) == []


def test_a_rehearsal_leaves_out_live_only_items_and_never_asks_for_them() -> None:
    script = load_text(SCRIPT)
    assert [i.id for i in checklist_items(script)] == ["resume", "timing"]
    assert [i.id for i in checklist_items(script, "practice")] == ["resume"]
    assert ticks_of(script, ["resume"], "practice") == {"resume": True}
    assert unticked_required(script, {"resume": True}, "practice") == []
    assert [i.id for i in unticked_required(script, {"resume": True})] == ["timing"]
    practice = CallSession(script, {}, mode="practice", checklist={"resume": True})
    assert practice.snapshot()["checklist"] == {"resume": True}
    live = CallSession(script, {}, checklist={"resume": True})
    assert live.snapshot()["checklist"] == {"resume": True, "timing": False}


def test_a_rehearsal_with_only_live_only_items_skips_the_checklist() -> None:
    only_live = load_text(
        SCRIPT.replace("  - {id: resume, text: Your resume, required: true}\n", "")
    )
    walk = begin(only_live, {}, mode="practice")
    assert walk.step == "card"
    assert begin(only_live, {}).step == "prep"
    prep = begin(load_text(SCRIPT), {}, mode="practice")
    assert prep.step == "prep"
    assert advance(prep, PrepDone({"resume": True})).step == "card"


def test_the_bundled_timing_items_are_live_only() -> None:
    bundled = Path(schema.__file__).parent / "bundled"
    follow_up = load_path(bundled / "follow-up.yaml")
    live_only = {i.id for i in follow_up.checklist if i.live_only}
    assert {"timing", "contact"} <= live_only
    assert "resume" not in live_only
    application = load_path(bundled / "application-check.yaml")
    assert {i.id for i in application.checklist if i.live_only} == {"wait"}
