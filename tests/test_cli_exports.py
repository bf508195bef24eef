"""coach profile, coach draft and coach export (main() with COACH_HOME=tmp)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest

from coach.cli import main
from coach.locations import user_drafts_dir
from coach.settings import settings_path
from tests.test_cli_jobs import ACME, add, record_call, run


@pytest.fixture(autouse=True)
def coach_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("COACH_HOME", str(home))
    return home


# ------------------------------------------------------------------ profile
def test_profile_empty_set_show_unset(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "profile")
    assert code == 0
    assert "No profile values yet" in out
    assert str(settings_path()) in out
    code, out, err = run(
        capsys, "profile", "--set", "your_name=Sam Jones", "--set", "phone=07700 900123"
    )
    assert code == 0, err
    assert "your_name  Sam Jones" in out
    code, out, _ = run(capsys, "profile")
    assert out.splitlines()[0] == f"Profile ({settings_path()}):"
    assert "phone      07700 900123" in out
    assert run(capsys, "profile", "--unset", "phone")[0] == 0
    assert "phone" not in run(capsys, "profile")[1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--set", "Your_Name=Sam"], "is not an id"),
        (["--set", "your-name=Sam"], "is not an id"),
        (["--set", "your_name"], "--set takes ID=VALUE"),
        (["--set", "your_name="], "use --unset your_name"),
        (["--unset", "9lives"], "not an id"),
        (["--set", "phone=1", "--unset", "phone"], "both set and unset"),
    ],
)
def test_profile_refuses_bad_ids_with_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "profile", *argv)
    assert code == 2
    assert message in err
    assert not settings_path().exists()


def test_profile_leaves_a_broken_file_alone(capsys: pytest.CaptureFixture[str]) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('[profile]\nyour_name = "Sam\n', encoding="utf-8")
    code, _, err = run(capsys, "profile", "--set", "phone=1")
    assert code == 2
    assert f"{path}:2:" in err
    assert path.read_text(encoding="utf-8") == '[profile]\nyour_name = "Sam\n'
    code, _, err = run(capsys, "profile")
    assert code == 0
    assert "the app goes on with the defaults" in err


# -------------------------------------------------------------------- draft
def test_draft_uses_the_job_its_calls_and_the_profile(capsys: pytest.CaptureFixture[str]) -> None:
    job = add(capsys, *ACME)
    record_call(job, "2026-03-12", "pending", {"info_requested": "two references"})
    run(capsys, "profile", "--set", "your_name=Sam Jones")
    code, out, err = run(capsys, "draft", "thank-you", str(job))
    assert code == 0
    assert out.startswith("Subject: Thank you for the interview for the Data analyst role\n")
    assert "Dear Dana Smith," in out
    assert "I am sending two references" in out
    assert out.rstrip().endswith("Sam Jones")
    assert err == ""  # the phone line, optional, is left out rather than missing


def test_draft_says_what_is_missing_and_how_to_fill_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    job = add(capsys, "--company", "Acme Ltd")
    code, out, err = run(capsys, "draft", "check-in", str(job))
    assert code == 0
    assert "Dear [interviewer's name]," in out
    assert f"coach job edit {job} --interviewer '...'" in err
    assert "[your name] is missing" in err


def test_a_users_draft_template_replaces_the_built_in_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    job = add(capsys, *ACME)
    folder = user_drafts_dir()
    folder.mkdir(parents=True)
    (folder / "check-in.txt").write_text(
        "Hi {interviewer}, about {position}.\nPS {shoe_size}\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "draft", "check-in", str(job))
    assert code == 0
    assert out == "Hi Dana Smith, about Data analyst.\nPS {shoe_size}\n"
    assert f"{folder / 'check-in.txt'}:2: {{shoe_size}} is not a placeholder" in err
    # the other kinds keep their built-in text
    assert run(capsys, "draft", "thank-you", str(job))[1].startswith("Subject: ")


def test_draft_kinds_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    add(capsys, *ACME)
    with pytest.raises(SystemExit) as caught:
        main(["draft", "love-letter", "1"])
    assert caught.value.code == 2


# ------------------------------------------------------------------- export
@pytest.fixture
def two_jobs(capsys: pytest.CaptureFixture[str]) -> None:
    acme = add(capsys, *ACME)
    record_call(acme, "2026-03-10", "voicemail")
    record_call(acme, "2026-03-12", "pending", {"concerns": "no SQL"}, minute=5)
    add(capsys, "--company", "Beta", "--position", "Tester", "--interview-date", "2026-03-09")


def test_export_csv_reads_back(capsys: pytest.CaptureFixture[str], two_jobs: None) -> None:
    code, out, _ = run(capsys, "export", "--format", "csv", "--today", "2026-03-16")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["company"], r["call_date"], r["call_outcome"]) for r in rows] == [
        ("Acme Ltd", "2026-03-10", "Left a voicemail"),
        ("Acme Ltd", "2026-03-12", "Decision pending"),
        ("Beta", "", ""),
    ]
    assert rows[1]["learned"] == "Concerns: no SQL"


def test_export_period_keeps_those_days_calls(
    capsys: pytest.CaptureFixture[str], two_jobs: None
) -> None:
    code, out, _ = run(
        capsys, "export", "--format", "json", "--from", "2026-03-11", "--to", "2026-03-12"
    )
    assert code == 0
    data = json.loads(out)
    assert (data["from"], data["to"]) == ("2026-03-11", "2026-03-12")
    acme = data["jobs"][0]
    assert [c["date"] for c in acme["calls"]] == ["2026-03-12"]


def test_export_md_is_an_activity_log(capsys: pytest.CaptureFixture[str], two_jobs: None) -> None:
    run(capsys, "profile", "--set", "your_name=Sam Jones")
    code, out, _ = run(capsys, "export", "--format", "md", "--today", "2026-03-16")
    assert code == 0
    assert out.startswith("# Job search activity log\n\nSam Jones, all recorded activity;")
    assert "## Thursday 12 March 2026\n\n- Call to Acme Ltd, Data analyst (10:05): " in out
    assert "## Next steps (as of Monday 16 March 2026)" in out


def test_export_ics_to_a_file(
    capsys: pytest.CaptureFixture[str], two_jobs: None, tmp_path: Path
) -> None:
    target = tmp_path / "steps.ics"
    code, out, _ = run(
        capsys, "export", "--format", "ics", "--out", str(target), "--today", "2026-03-16"
    )
    assert code == 0
    assert str(target) in out
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"job-1@call-coach", "job-2@call-coach"}
    acme = events["job-1@call-coach"]
    assert acme.decoded("DTEND") > acme.decoded("DTSTART")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "steps.ics"]  # no temp file


def test_export_csv_file_has_a_bom_for_spreadsheets(
    capsys: pytest.CaptureFixture[str], two_jobs: None, tmp_path: Path
) -> None:
    target = tmp_path / "calls.csv"
    target.write_text("old", encoding="utf-8")
    assert run(capsys, "export", "--format", "csv", "--out", str(target))[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfjob_id,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2026-03-12", "--to", "2026-03-11"], "is before --from"),
        (["--out", "/nonexistent-folder/x.md"], "does not exist"),
    ],
)
def test_export_refuses_bad_arguments(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, "export", "--format", "md", *argv)
    assert code == 2
    assert message in err


def test_export_needs_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export"])
    assert caught.value.code == 2


def test_export_with_no_record_yet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    assert json.loads(out)["jobs"] == []


def test_log_names_the_company_and_position(
    capsys: pytest.CaptureFixture[str], two_jobs: None
) -> None:
    code, out, _ = run(capsys, "log")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and all("Acme Ltd, Data analyst · " in line for line in lines)
