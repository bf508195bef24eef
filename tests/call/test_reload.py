"""Hot reload of a call's script: same step by id, or the last good version and why."""

from __future__ import annotations

import os
from pathlib import Path

from coach.call.reload import CallReloader
from coach.call.session import CallSession
from coach.script.load import load_path

SCRIPT = """\
title: Reload test
variables:
  name: Your name
nodes:
  hello:
    say: Hello, this is {name}.
    next: status
  status:
    say: Where do things stand?
    next: thanks
  thanks:
    say: Thank you.
    end: pending
"""


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    # Make the change visible to stat even within one timestamp tick.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def start(tmp_path: Path) -> tuple[Path, CallSession, CallReloader]:
    path = tmp_path / "reload-test.yaml"
    path.write_text(SCRIPT, encoding="utf-8")
    session = CallSession(load_path(path, source="user"), {"name": "Sam"})
    session.advance()
    return path, session, CallReloader(session)


def test_unchanged_file_is_not_reloaded(tmp_path: Path) -> None:
    _path, session, reloader = start(tmp_path)
    assert reloader.check(session) is None


def test_changed_say_is_taken_in_at_the_same_step(tmp_path: Path) -> None:
    path, session, reloader = start(tmp_path)
    old = session.script
    write(path, SCRIPT.replace("Where do things stand?", "Any news on the decision?"))
    result = reloader.check(session)
    assert result is not None and result.reloaded
    assert session.script is not old
    assert session.current == "status"
    assert session.node.say == "Any news on the decision?"
    assert reloader.check(session) is None  # reported once


def test_new_variable_renders_as_placeholder(tmp_path: Path) -> None:
    path, session, reloader = start(tmp_path)
    text = SCRIPT.replace(
        "  name: Your name\n",
        "  name: Your name\n  company: Company\n",
    ).replace("Where do things stand?", "Where does {company} stand?")
    write(path, text)
    result = reloader.check(session)
    assert result is not None and result.reloaded
    assert session.render(session.node.say) == "Where does [company] stand?"


def test_current_step_removed_keeps_the_old_version(tmp_path: Path) -> None:
    path, session, reloader = start(tmp_path)
    old = session.script
    text = SCRIPT.replace(
        "    next: status\n  status:\n    say: Where do things stand?\n    next: thanks\n",
        "    next: thanks\n",
    )
    write(path, text)
    result = reloader.check(session)
    assert result is not None and not result.reloaded
    assert session.script is old
    assert "'status'" in result.message and result.severity == "warning"


def test_step_to_go_back_to_removed_keeps_the_old_version(tmp_path: Path) -> None:
    path, session, reloader = start(tmp_path)
    write(
        path,
        SCRIPT.replace("  hello:\n    say: Hello, this is {name}.\n    next: status\n", "").replace(
            "title:", "start: status\ntitle:"
        ),
    )
    result = reloader.check(session)
    assert result is not None and not result.reloaded
    assert "'hello'" in result.message


def test_broken_yaml_keeps_the_old_version_with_the_first_error(tmp_path: Path) -> None:
    path, session, reloader = start(tmp_path)
    old = session.script
    write(path, SCRIPT.replace("    next: thanks\n", "    next: [thanks\n"))
    result = reloader.check(session)
    assert result is not None and not result.reloaded
    assert session.script is old
    assert result.error is not None
    assert f"reload-test.yaml:{result.error.line}:{result.error.column}:" in result.message


def test_deleted_file_keeps_the_version_loaded(tmp_path: Path) -> None:
    path, session, reloader = start(tmp_path)
    path.unlink()
    result = reloader.check(session)
    assert result is not None and not result.reloaded
    assert "deleted" in result.message


def test_script_without_a_file_is_never_reloaded(tmp_path: Path) -> None:
    _path, session, _reloader = start(tmp_path)

    session.script = session.script._replace(path=None)
    assert CallReloader(session).check(session) is None
