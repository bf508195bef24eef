"""The settings file: read without ever raising, written keeping the user's text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coach.settings import SettingsError, load_settings, set_profile, settings_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_path_is_in_the_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    assert settings_path() == tmp_path / "config" / "settings.toml"


def test_a_missing_file_is_the_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "settings.toml")
    assert dict(settings.profile) == {}
    assert settings.country is None
    assert settings.problem is None


def test_profile_and_country_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        '# mine\n[profile]\nyour_name = "Sam Jones"\nphone = "07700 900123"\n\n'
        '[follow_up]\ncountry = "gb"\n',
    )
    settings = load_settings(path)
    assert dict(settings.profile) == {"your_name": "Sam Jones", "phone": "07700 900123"}
    assert settings.country == "GB"
    assert settings.problem is None


def test_non_string_values_become_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        "[profile]\nyears = 12\nrate = 1.5\nremote = true\nfree_from = 2026-03-02\n",
    )
    settings = load_settings(path)
    assert dict(settings.profile) == {
        "years": "12",
        "rate": "1.5",
        "remote": "true",
        "free_from": "2026-03-02",
    }
    assert settings.problem is None


def test_lists_tables_and_bad_ids_are_reported_with_their_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.toml",
        '[profile]\nyour_name = "Sam"\nskills = ["a", "b"]\n"Bad Id" = "x"\n',
    )
    settings = load_settings(path)
    assert dict(settings.profile) == {"your_name": "Sam"}
    assert settings.problem is not None
    lines = settings.problem.splitlines()
    assert lines[0].startswith(f"{path}:3: [profile] skills is a list")
    assert lines[1].startswith(f"{path}:4: [profile] 'Bad Id' is not an id")


def test_a_broken_file_gives_the_defaults_and_says_where(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[profile]\nyour_name = "Sam"\nphone = \n')
    settings = load_settings(path)
    assert dict(settings.profile) == {}
    assert settings.problem is not None
    assert settings.problem.startswith(f"{path}:3:")
    assert settings.problem.endswith("the app goes on with the defaults")


def test_a_file_ending_mid_line_names_its_last_line(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[profile]\nyour_name = "Sam"\nphone')
    problem = load_settings(path).problem
    assert problem is not None
    assert problem.startswith(f"{path}:3: ")
    assert "end of the file" in problem


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'[profile]\nyour_name = "S\xe9bastien"\n')
    problem = load_settings(path).problem
    assert problem == f"{path}:2: is not UTF-8 text; the app goes on with the defaults"


def test_a_bad_country_is_reported_and_ignored(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[follow_up]\ncountry = "Great Britain"\n')
    settings = load_settings(path)
    assert settings.country is None
    assert settings.problem is not None
    assert settings.problem.startswith(f"{path}:2: [follow_up] country 'Great Britain'")


def test_a_profile_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", 'profile = "Sam"\n')
    settings = load_settings(path)
    assert dict(settings.profile) == {}
    assert settings.problem is not None
    assert settings.problem.startswith(f"{path}:1: 'profile' must be a table")


def test_set_profile_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.toml"
    settings = set_profile({"your_name": "Sam Jones"}, path=path)
    assert dict(settings.profile) == {"your_name": "Sam Jones"}
    assert load_settings(path).profile["your_name"] == "Sam Jones"
    assert not path.with_name("settings.toml.bak").exists()


def test_set_profile_keeps_comments_and_other_tables(tmp_path: Path) -> None:
    original = (
        "# My settings, by hand.\n"
        "[profile]\n"
        'your_name = "Sam"  # as I say it\n'
        'old = "gone soon"\n'
        "\n"
        "# holidays\n"
        "[follow_up]\n"
        'country = "GB"\n'
        "\n"
        "[mine]\n"
        "anything = [1, 2]\n"
    )
    path = write(tmp_path / "settings.toml", original)
    set_profile({"phone": "07700 900123", "your_name": "Sam Jones"}, ["old"], path=path)
    text = path.read_text(encoding="utf-8")
    assert "# My settings, by hand." in text
    assert "# as I say it" in text
    assert "# holidays" in text
    assert "[mine]\nanything = [1, 2]" in text
    assert "old" not in text
    settings = load_settings(path)
    assert dict(settings.profile) == {"your_name": "Sam Jones", "phone": "07700 900123"}
    assert settings.country == "GB"
    # the file as it was is kept beside it
    assert path.with_name("settings.toml.bak").read_text(encoding="utf-8") == original


def test_values_that_need_quoting_survive(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    tricky = 'O\'Brien "Sam" \\ tab\there\nsecond line = [x]'
    set_profile({"your_name": tricky}, path=path)
    assert load_settings(path).profile["your_name"] == tricky


def test_set_profile_refuses_a_broken_file_and_leaves_it(tmp_path: Path) -> None:
    broken = '[profile]\nyour_name = "Sam\n'
    path = write(tmp_path / "settings.toml", broken)
    with pytest.raises(SettingsError) as caught:
        set_profile({"phone": "1"}, path=path)
    assert str(caught.value).startswith(f"{path}:2:")
    assert "left as it is" in str(caught.value)
    assert path.read_text(encoding="utf-8") == broken
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]


def test_set_profile_refuses_a_profile_that_is_not_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", 'profile = "Sam"\n')
    with pytest.raises(SettingsError, match="not a table"):
        set_profile({"phone": "1"}, path=path)
    assert path.read_text(encoding="utf-8") == 'profile = "Sam"\n'


@pytest.mark.parametrize("bad", ["Your_Name", "1st", "your-name", ""])
def test_set_profile_refuses_bad_ids(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "settings.toml"
    with pytest.raises(SettingsError, match="not a profile id"):
        set_profile({bad: "x"}, path=path)
    assert not path.exists()


def test_unsetting_what_is_not_there_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    settings = set_profile({}, ["phone"], path=path)
    assert dict(settings.profile) == {}
    assert not path.exists()


def test_reading_imports_no_toml_writer_and_no_layer(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[profile]\nyour_name = "Sam"\n')
    code = (
        "import sys\n"
        "from coach.settings import load_settings\n"
        f"assert load_settings({str(path)!r}).profile['your_name'] == 'Sam'\n"
        "layers = ('coach.cli', 'coach.tui', 'coach.store', 'coach.call', 'coach.script')\n"
        "print(sorted(m for m in sys.modules if m == 'tomlkit' or m.startswith(layers)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_date_order_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.toml", '[dates]\norder = "MDY"\n')
    settings = load_settings(path)
    assert settings.date_order == "mdy" and settings.problem is None
    path = write(tmp_path / "settings.toml", '[dates]\norder = "dmy"\n')
    assert load_settings(path).date_order == "dmy"


def test_the_date_order_defaults_to_the_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert load_settings(tmp_path / "missing.toml").date_order == "mdy"
    path = write(tmp_path / "settings.toml", '[profile]\nyour_name = "Sam"\n')
    assert load_settings(path).date_order == "mdy"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert load_settings(path).date_order == "dmy"


@pytest.mark.parametrize(
    ("text", "where"),
    [('[dates]\norder = "ymd"\n', ":2: [dates] order 'ymd'"), ("dates = 3\n", ":1: 'dates'")],
)
def test_a_bad_date_order_is_reported_and_the_locale_used(
    tmp_path: Path, text: str, where: str
) -> None:
    path = write(tmp_path / "settings.toml", text)
    settings = load_settings(path)
    assert settings.date_order == "dmy"  # the tests' locale (C)
    assert settings.problem is not None and settings.problem.startswith(f"{path}{where}")
