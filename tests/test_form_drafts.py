"""Form drafts (issue 14): typed call details and ticks survive the process."""

from __future__ import annotations

from pathlib import Path

from coach.store.form_drafts import FormDraft, FormDrafts


def test_values_and_ticks_are_kept_apart_and_dropped(tmp_path: Path) -> None:
    drafts = FormDrafts(tmp_path / "drafts")
    assert drafts.read("follow-up") is None
    odd = {"interviewer": "Dana [bold]Lee\u200f 李"}
    assert drafts.write("follow-up", values=odd)
    assert drafts.write("follow-up", ticks={"notes": True})
    assert drafts.read("follow-up") == FormDraft(odd, {"notes": True})
    assert drafts.read("other") is None
    drafts.drop("follow-up")
    assert drafts.read("follow-up") is None
    assert not list((tmp_path / "drafts").glob(".draft-*"))  # no temporary file left


def test_a_broken_draft_or_folder_is_skipped(tmp_path: Path) -> None:
    drafts = FormDrafts(tmp_path / "drafts")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "call-x.json").write_text("{not json")
    assert drafts.read("x") is None
    (tmp_path / "drafts" / "call-y.json").write_text('{"values": {"a": 1, "b": "ok"}, "ticks": []}')
    assert drafts.read("y") == FormDraft({"b": "ok"}, {})
    blocked = FormDrafts(tmp_path / "a-file" / "drafts")
    (tmp_path / "a-file").write_text("")
    assert blocked.write("x", values={"a": "b"}) is False
    blocked.drop("x")  # nothing to drop, no error
