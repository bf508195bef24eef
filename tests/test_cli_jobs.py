"""The job commands: job, due, profile, draft, export (main() with COACH_HOME=tmp)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.call.snapshot import CallSnapshot
from coach.cli import main
from coach.settings import settings_path
from coach.store import Store


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    return home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add(capsys: pytest.CaptureFixture[str], *extra: str) -> int:
    code, out, _ = run(capsys, "job", "add", *extra)
    assert code == 0
    return int(out.splitlines()[-1])


def record_call(
    job_id: int,
    day: str,
    outcome: str | None,
    captures: dict[str, str] | None = None,
    notes: str = "",
    minute: int = 0,
) -> None:
    snap = CallSnapshot(
        script="follow-up",
        title="Follow-up call",
        mode="live",
        job=job_id,
        started_at=f"{day}T10:{minute:02d}:00+00:00",
        outcome=outcome,
        values={},
        captures=captures or {},
        notes=notes,
    )
    with Store() as store:
        call_id = store.start_call(snap)
        store.finish(call_id, replace(snap, finished=True), "done")


ACME = (
    "--company",
    "Acme Ltd",
    "--position",
    "Data analyst",
    "--interviewer",
    "Dana Smith",
    "--interview-date",
    "2026-03-03",
    "--decision-date",
    "2026-03-13",
)


# ------------------------------------------------------------------ job add
def test_add_prints_a_confirmation_then_the_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "job", "add", *ACME)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Added job 1: Acme Ltd, Data analyst."
    assert lines[1].startswith("Next step: ")
    assert lines[-1] == "1"
    assert add(capsys, "--company", "Beta") == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--company", "A", "--interview-date", "2026-02-30"], "February 2026 has no day 30"),
        (["--company", "A", "--interview-date", "3 March"], "write it as YYYY-MM-DD"),
        (["--company", "A", "--decision-date", "2026-13-01"], "there is no month 13"),
        (
            ["--company", "A", "--interview-date", "2026-03-03", "--decision-date", "2026-03-02"],
            "is before the interview",
        ),
        (["--interviewer", "Dana"], "needs --company or --position"),
        (["--company", "  "], "needs --company or --position"),
    ],
)
def test_add_refuses_bad_input_with_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as caught:
        code = main(["job", "add", *argv])
        raise SystemExit(code)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert run(capsys, "job", "list", "--all")[1].startswith("No jobs yet")


# --------------------------------------------------------------- list, show
def test_list_shows_open_and_heard_and_all_adds_closed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = add(capsys, *ACME)
    second = add(capsys, "--company", "Beta", "--position", "Tester")
    third = add(capsys, "--company", "Gamma")
    assert run(capsys, "job", "heard", str(second))[0] == 0
    assert run(capsys, "job", "close", str(third), "--outcome", "withdrawn")[0] == 0
    code, out, _ = run(capsys, "job", "list")
    assert code == 0
    assert "Acme Ltd, Data analyst" in out and "Beta, Tester" in out
    assert "Gamma" not in out
    assert "Gamma" in run(capsys, "job", "list", "--all")[1]
    rows = json.loads(run(capsys, "job", "list", "--json")[1])
    assert [r["id"] for r in rows] == [first, second]
    assert rows[1]["status"] == "heard"
    assert rows[0]["next_step"]["action"] == "call"
    assert rows[0]["interview_date"] == "2026-03-03"
    rows = json.loads(run(capsys, "job", "list", "--json", "--all")[1])
    assert [(r["id"], r["status"], r["outcome"]) for r in rows][-1] == (3, "closed", "withdrawn")


def test_show_lists_calls_newest_first_with_what_was_learned(
    capsys: pytest.CaptureFixture[str],
) -> None:
    job = add(capsys, *ACME)
    record_call(job, "2026-03-10", "voicemail")
    record_call(job, "2026-03-12", "pending", {"concerns": "no SQL"}, notes="spoke to Dana")
    code, out, err = run(capsys, "job", "show", str(job))
    assert code == 0, err
    assert out.startswith("Job 1: Acme Ltd, Data analyst  [open]")
    assert "Interview    Tuesday 3 March 2026" in out or "Tuesday 3 March 2026" in out
    assert "Next step: " in out
    calls = out.split("Calls (2, newest first):\n")[1]
    assert calls.index("Decision pending") < calls.index("Left a voicemail")
    assert "learned: Concerns: no SQL" in calls
    assert "notes: spoke to Dana" in calls
    data = json.loads(run(capsys, "job", "show", str(job), "--json")[1])
    assert [c["outcome"] for c in data["calls"]] == ["pending", "voicemail"]
    assert data["calls"][0]["captures"] == {"concerns": "no SQL"}
    assert set(data["next_step"]) >= {"action", "next_from", "next_until", "reason", "due"}


def test_show_reads_a_call_back_said_in_words_on_its_calls_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    job = add(capsys, *ACME)
    # Tuesday 17 March 2026: "Thursday morning" is the 19th, and the next step is then.
    record_call(job, "2026-03-17", "call_back", {"callback_date": "Thursday morning"})
    code, out, err = run(capsys, "job", "show", str(job))
    assert code == 0, err
    assert "Thursday morning (Thursday 19 March 2026)" in out
    data = json.loads(run(capsys, "job", "show", str(job), "--json")[1])
    assert data["calls"][0]["captures"] == {"callback_date": "Thursday morning"}
    assert data["next_step"]["next_from"] == "2026-03-19"


def test_show_folds_fifty_calls_to_the_newest_ten(capsys: pytest.CaptureFixture[str]) -> None:
    job = add(capsys, "--company", "Busy")
    start = date(2026, 1, 1)
    for i in range(50):
        record_call(job, (start + timedelta(days=i)).isoformat(), "no_answer")
    out = run(capsys, "job", "show", str(job))[1]
    assert "Calls (50, newest first):" in out
    assert out.count("No answer") == 10
    assert "Thu 19 Feb" in out  # the newest (1 Jan + 49 days)
    assert "... and 40 earlier calls: coach job show 1 --all lists them" in out
    assert run(capsys, "job", "show", str(job), "--all")[1].count("No answer") == 50
    assert len(json.loads(run(capsys, "job", "show", str(job), "--json")[1])["calls"]) == 50


@pytest.mark.parametrize(
    "argv",
    [
        ["job", "show", "7"],
        ["job", "edit", "7", "--company", "X"],
        ["job", "heard", "7"],
        ["job", "close", "7", "--outcome", "offer"],
        ["draft", "thank-you", "7"],
    ],
)
def test_an_unknown_job_is_exit_2_with_a_pointer(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    for _ in range(2):  # before the record exists, and after
        code, _out, err = run(capsys, *argv)
        assert code == 2
        assert "coach: there is no job 7; `coach job list` shows them" in err
        add(capsys, "--company", "Acme")


def test_a_job_id_that_is_not_a_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["job", "show", "seven"])
    assert caught.value.code == 2
    assert "'seven' is not a job id" in capsys.readouterr().err


# ---------------------------------------------------------------- edit etc.
def test_edit_changes_fields_and_an_empty_date_clears(
    capsys: pytest.CaptureFixture[str],
) -> None:
    job = add(capsys, *ACME)
    code, out, err = run(
        capsys, "job", "edit", str(job), "--phone", "020 7946 0000", "--decision-date", ""
    )
    assert code == 0, err
    assert "changed phone, decision date" in out
    data = json.loads(run(capsys, "job", "show", str(job), "--json")[1])
    assert data["phone"] == "020 7946 0000"
    assert data["decision_date"] is None
    assert data["company"] == "Acme Ltd"


def test_edit_refuses_nothing_and_dates_out_of_order(capsys: pytest.CaptureFixture[str]) -> None:
    job = add(capsys, *ACME)
    code, _, err = run(capsys, "job", "edit", str(job))
    assert (code, "nothing to change" in err) == (2, True)
    code, _, err = run(capsys, "job", "edit", str(job), "--decision-date", "2026-03-01")
    assert code == 2
    assert "is before the interview" in err
    code, _, err = run(capsys, "job", "edit", str(job), "--company", "", "--position", "")
    assert code == 2
    assert "needs a company or a position" in err
    data = json.loads(run(capsys, "job", "show", str(job), "--json")[1])
    assert data["decision_date"] == "2026-03-13"


def test_heard_and_close(capsys: pytest.CaptureFixture[str]) -> None:
    job = add(capsys, *ACME)
    code, out, _ = run(capsys, "job", "heard", str(job), "--note", "they rang me")
    assert code == 0
    assert "nothing more is due" in out
    data = json.loads(run(capsys, "job", "show", str(job), "--json")[1])
    assert data["status"] == "heard"
    assert "they rang me" in data["notes"]
    code, out, _ = run(capsys, "job", "close", str(job), "--outcome", "Rejected")
    assert code == 0
    assert "coach draft after-rejection 1" in out
    data = json.loads(run(capsys, "job", "show", str(job), "--json")[1])
    assert (data["status"], data["outcome"]) == ("closed", "rejected")
    assert run(capsys, "job", "close", str(job), "--outcome", "moved abroad")[0] == 0
    assert json.loads(run(capsys, "job", "show", "1", "--json")[1])["outcome"] == "moved abroad"
    code, _, err = run(capsys, "job", "close", str(job), "--outcome", " ")
    assert code == 2
    assert "--outcome needs a word" in err


def test_close_needs_an_outcome(capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, *ACME)
    with pytest.raises(SystemExit) as caught:
        main(["job", "close", "1"])
    assert caught.value.code == 2


# ---------------------------------------------------------------------- due
DUE_KEYS = [
    "id",
    "company",
    "position",
    "status",
    "action",
    "next_from",
    "next_until",
    "reason",
    "due",
    "overdue",
]


def test_due_json_has_exactly_designs_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert json.loads(run(capsys, "due", "--json")[1]) == []
    add(capsys, *ACME)
    heard = add(capsys, "--company", "Beta")
    closed = add(capsys, "--company", "Gamma")
    run(capsys, "job", "heard", str(heard))
    run(capsys, "job", "close", str(closed), "--outcome", "offer")
    rows = json.loads(run(capsys, "due", "--today", "2026-03-16", "--json")[1])
    assert [list(r) for r in rows] == [DUE_KEYS, DUE_KEYS]
    acme, beta = rows
    assert acme["action"] == "call"
    assert (acme["next_from"], acme["next_until"]) == ("2026-03-16", "2026-03-17")
    assert (acme["due"], acme["overdue"]) == (True, False)
    assert (beta["status"], beta["action"], beta["next_from"]) == ("heard", "none", None)
    later = json.loads(run(capsys, "due", "--today", "2026-03-18", "--json")[1])
    assert later[0]["overdue"] is True


def test_due_text_lists_due_then_upcoming_then_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    add(capsys, "--company", "Later", "--interview-date", "2026-03-12")
    add(capsys, *ACME)
    heard = add(capsys, "--company", "Heard")
    run(capsys, "job", "heard", str(heard))
    code, out, _ = run(capsys, "due", "--today", "2026-03-16")
    assert code == 0
    assert out.index("Due now:") < out.index("Coming up:") < out.index("Nothing due:")
    assert out.index("Acme Ltd") < out.index("Later") < out.index("Heard")
    assert "   2  Acme Ltd, Data analyst: call today or tomorrow. " in out
    empty = run(capsys, "due", "--today", "2026-03-01")[1]
    assert "Nothing is due on Sunday 1 March 2026." in empty


def test_due_counts_the_settings_countrys_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    # Decided by Thursday 24 December 2026: the next business days are Friday 25
    # and Monday 28 without holidays; in England, Tuesday 29 and Wednesday 30.
    add(capsys, "--company", "Acme", "--decision-date", "2026-12-24")
    plain = json.loads(run(capsys, "due", "--today", "2026-12-21", "--json")[1])[0]
    assert (plain["next_from"], plain["next_until"]) == ("2026-12-25", "2026-12-28")
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[follow_up]\ncountry = "GB"\n', encoding="utf-8")
    gb = json.loads(run(capsys, "due", "--today", "2026-12-21", "--json")[1])[0]
    assert (gb["next_from"], gb["next_until"]) == ("2026-12-29", "2026-12-30")


def test_due_goes_on_after_a_broken_settings_file(capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, *ACME)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[follow_up]\ncountry = "XX"\n', encoding="utf-8")
    code, out, err = run(capsys, "due", "--json")
    assert code == 0
    assert len(json.loads(out)) == 1
    assert "settings:" in err and "XX" in err
    path.write_text("[follow_up\n", encoding="utf-8")
    code, out, err = run(capsys, "due", "--json")
    assert code == 0
    assert f"settings: {path}:1:" in err


def test_due_refuses_a_bad_today(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["due", "--today", "2026-02-29"])
    assert caught.value.code == 2
    assert "February 2026 has no day 29" in capsys.readouterr().err


def test_due_loads_no_textual_yaml_scripts_or_holidays(
    coach_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`coach due` must start fast: only the store, the rules and the settings."""
    import subprocess
    import sys

    add(capsys, "--company", "Acme", "--interview-date", "2026-03-03")
    code = (
        "import contextlib, io, os, sys\n"
        f"os.environ['COACH_HOME'] = {str(coach_home)!r}\n"
        "from coach.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    assert main(['due', '--json']) == 0\n"
        'assert \'"action": "call"\' in out.getvalue()\n'
        "heavy = ('textual', 'yaml', 'coach.script.load', 'coach.tui', 'icalendar', 'holidays',\n"
        "         'tomlkit', 'rich')\n"
        "# Nor what costs start-up for nothing here (4 ms, 7 ms, 4 ms of a 20 ms floor).\n"
        "slow = {'pathlib', 'dataclasses', 'coach.call.snapshot', 'coach.store.calls'}\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy) or m in slow))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
