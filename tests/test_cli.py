"""The command line: exit codes, output shapes, and clear messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.call.session import CallSession
from coach.cli import main
from coach.script.load import load_text
from coach.store import Store

GOOD = """\
format: 1
title: Follow-up call
variables:
  interviewer: {prompt: "Who interviewed you?", required: true}
nodes:
  hello:
    say: Hello, may I speak with {interviewer}?
    choices:
      - {label: On the line, next: thanks}
      - {label: Voicemail, next: voicemail}
  thanks:
    say: Thank you for your time.
    end: pending
  voicemail:
    say: Leave your name and number.
    end: voicemail
"""


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    return home


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "good.yaml", GOOD)
    assert main(["check", str(path)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "no problems" in err


def test_check_error_exit_1_compiler_style(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.yaml", GOOD.replace("next: thanks", "next: thanx"))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    line = out.splitlines()[0]
    assert line.startswith(f"{path}:9:")
    assert ": error: " in line
    assert "thanx" in line and "did you mean 'thanks'" in line


def test_check_unreadable_exit_2_others_still_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, "bad.yaml", GOOD.replace("next: thanks", "next: thanx"))
    missing = tmp_path / "missing.yaml"
    assert main(["check", str(missing), str(bad)]) == 2
    out = capsys.readouterr().out
    assert str(missing) in out
    assert "thanx" in out


def test_check_takes_a_script_id_when_no_such_file_exists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--strict", "follow-up"]) == 0
    assert main(["check", "no-such-script"]) == 2
    assert "no-such-script" in capsys.readouterr().out


def test_check_strict_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unused = GOOD.replace(
        "variables:\n", "variables:\n  company: Company name\n"
    )  # a variable never used: a warning
    path = write(tmp_path, "warn.yaml", unused)
    assert main(["check", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", "--strict", "--format", "json", str(path)]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert findings and all(
        set(f) == {"file", "line", "column", "severity", "message"} for f in findings
    )
    assert any("company" in f["message"] and f["severity"] == "error" for f in findings)


def test_check_no_arguments_is_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2


def test_scripts_json_lists_bundled_and_user(
    coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    user_dir = coach_home / "config" / "scripts"
    user_dir.mkdir(parents=True)
    (user_dir / "mine.yaml").write_text(GOOD, encoding="utf-8")
    (user_dir / "broken.yaml").write_text("title: [", encoding="utf-8")
    (user_dir / "follow-up.yaml").write_text(GOOD, encoding="utf-8")  # shadows the bundled one
    assert main(["scripts", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert {"mine", "broken", "follow-up", "application-check", "recruiter-callback"} <= set(rows)
    assert rows["mine"]["source"] == "user" and rows["mine"]["title"] == "Follow-up call"
    assert rows["follow-up"]["source"] == "user"
    assert rows["broken"]["ok"] is False and "broken.yaml:1:" in rows["broken"]["error"]
    assert rows["application-check"]["source"] == "bundled"


def test_schema_is_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["type"] == "object"


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "text"])
def test_graph_formats(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "follow-up", "--format", fmt]) == 0
    assert capsys.readouterr().out.strip()


def test_graph_unknown_script(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "no-such-script"]) == 2
    err = capsys.readouterr().err
    assert "no-such-script" in err and "follow-up" in err


def test_where_uses_coach_home(coach_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["where"]) == 0
    out = capsys.readouterr().out
    assert str(coach_home / "config" / "scripts") in out
    assert str(coach_home / "data" / "coach.db") in out
    assert str(coach_home / "data" / "cache") in out
    assert str(coach_home / "data" / "recovery") in out  # the editor's unsaved text


def test_log_empty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["log"]) == 0
    assert "No calls yet" in capsys.readouterr().out


def test_log_negative_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["log", "--limit", "-1"]) == 2


def test_log_limit_zero_never_says_there_are_no_calls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["log", "--limit", "0"]) == 0
    assert "No calls yet" in capsys.readouterr().out  # true: there are none
    with Store() as store:
        store.start_call(CallSession(load_text(GOOD), {}).snapshot())
    assert main(["log", "--limit", "0"]) == 0
    out = capsys.readouterr().out
    assert "No calls yet" not in out and "--limit 0 shows no calls" in out
    assert main(["log", "--limit", "0", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["log", "--limit", "1"]) == 0
    assert "No calls" not in capsys.readouterr().out


def test_call_rejects_unknown_variable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "follow-up", "--set", "nope=1"]) == 2
    assert "no variable 'nope'" in capsys.readouterr().err


def test_call_rejects_malformed_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "follow-up", "--set", "oops"]) == 2
    assert "ID=VALUE" in capsys.readouterr().err


def test_call_broken_script_reports_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bad.yaml", GOOD.replace("next: thanks", "next: thanx"))
    assert main(["call", str(path)]) == 1
    assert "thanx" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("coach ")


def test_call_rejects_a_set_date_that_is_not_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["call", "follow-up", "--set", "interview_date=2026-13-45"]) == 2
    assert "'2026-13-45' is not a date I know (there is no month 13)" in capsys.readouterr().err
    assert main(["call", "follow-up", "--set", "interview_date=when we met"]) == 2
    assert "write it as people say it" in capsys.readouterr().err


def test_set_takes_a_date_as_people_say_it_and_keeps_the_text() -> None:
    from coach.cli.calls import _parse_sets
    from coach.script.library import resolve

    script = resolve("follow-up")
    for said in ("last Tuesday", "14 Nov", "2026-11-10", "yesterday"):
        given = _parse_sets([f"interview_date={said}", "company=Acme"], script)
        assert given == {"interview_date": said, "company": "Acme"}


# ------------------------------------------------------ the table of commands
def _modules_after(argv: list[str], tmp_path: Path) -> set[str]:
    """The ``coach.cli`` modules loaded by ``main(argv)`` in a fresh interpreter."""
    import subprocess
    import sys
    import textwrap

    code = f"""
        import contextlib, io, os, sys
        os.environ["COACH_HOME"] = {str(tmp_path)!r}
        from coach.cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                main({argv!r})
            except SystemExit:
                pass
        print(" ".join(m for m in sys.modules if m.startswith("coach.cli")))
        """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


BASE = {
    "coach.cli",
    "coach.cli.commands",
    "coach.cli.output",
    "coach.cli.parser",
    "coach.cli.status",
}


def test_help_imports_no_command_module(tmp_path: Path) -> None:
    assert _modules_after(["--help"], tmp_path) == BASE


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    assert _modules_after(["where"], tmp_path) == BASE | {"coach.cli.records"}
    assert _modules_after(["check", "--help"], tmp_path) == BASE | {"coach.cli.scripts"}


def test_every_command_of_the_table_has_its_functions() -> None:
    import argparse

    from coach.cli.commands import HOME, add_arguments, commands_dict, create_handler

    for info in [*commands_dict.values(), HOME]:
        assert callable(create_handler(info))
        add_arguments(info, argparse.ArgumentParser())


def test_exit_codes_of_our_errors() -> None:
    from coach.cli.status import exit_code
    from coach.script.model import Finding, ScriptError
    from coach.script.newscript import NewScriptError
    from coach.store import StoreError

    finding = Finding("x.yaml", 1, 1, "error", "bad")
    assert exit_code(ScriptError([finding], unreadable=True)) == 2
    assert exit_code(ScriptError([finding])) == 1
    assert exit_code(NewScriptError("exists")) == 1
    assert exit_code(NewScriptError("bad id", exit_code=2)) == 2
    assert exit_code(StoreError("damaged")) == 1
    assert exit_code(KeyboardInterrupt()) == 130
    with pytest.raises(TypeError):
        exit_code(ValueError("not ours"))
