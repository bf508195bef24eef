"""The external editor's pure parts: which command ``f4`` runs, and what comes back.

``external_editor`` finds out before the terminal is handed over whether
``$VISUAL``/``$EDITOR`` can run at all; ``edit_externally`` keeps the text
unless the editor exited 0 and left a readable file that is not empty.
"""

from __future__ import annotations

import signal
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from coach.script.external import EditorUnusable, edit_externally, external_editor

TEXT = "title: x\nnodes: {}\n"


def which_of(*programs: str) -> Callable[[str], str | None]:
    """A ``shutil.which`` that finds only ``programs`` (as ``/usr/bin/NAME``)."""

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}" if name in programs else None

    return which


# ------------------------------------------------------------ which command
def test_visual_comes_before_editor_and_its_arguments_are_kept() -> None:
    env = {"VISUAL": "code --wait", "EDITOR": "vim"}
    assert external_editor(env, which_of("code", "vim")) == ["/usr/bin/code", "--wait"]
    assert external_editor({"EDITOR": "vim -u 'my vimrc'"}, which_of("vim")) == [
        "/usr/bin/vim",
        "-u",
        "my vimrc",
    ]


def test_blank_variables_fall_back_to_nano_then_vi_then_nothing() -> None:
    env = {"VISUAL": "  ", "EDITOR": ""}
    assert external_editor(env, which_of("nano", "vi")) == ["/usr/bin/nano"]
    assert external_editor(env, which_of("vi")) == ["/usr/bin/vi"]
    assert external_editor(env, which_of()) == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('vim "', ["$EDITOR is 'vim \"'", "not a command", "no closing quotation", "quotes"]),
        ("vim 'a", ["not a command", "no closing quotation"]),
        ("vim \\", ["not a command", "no escaped character"]),
        ('""', ["names no program"]),
    ],
)
def test_a_value_that_is_not_a_command_is_refused_with_the_variable_and_value(
    value: str, words: list[str]
) -> None:
    with pytest.raises(EditorUnusable) as caught:
        external_editor({"EDITOR": value}, which_of("vim"))
    message = str(caught.value)
    for word in words:
        assert word in message
    assert "export EDITOR=nano" in message
    assert message.endswith("Your text is unchanged.")


def test_a_missing_program_is_refused_before_anything_runs() -> None:
    with pytest.raises(EditorUnusable) as caught:
        external_editor({"VISUAL": "nosuchvim -f", "EDITOR": "vim"}, which_of("vim"))
    message = str(caught.value)
    assert "$VISUAL is 'nosuchvim -f'" in message
    assert "there is no program 'nosuchvim' on your PATH" in message
    assert "export VISUAL=nano" in message


def test_a_path_names_what_is_wrong_with_it(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("not a program", encoding="utf-8")
    cases = {
        str(tmp_path / "gone"): f"there is no {tmp_path / 'gone'}",
        str(plain): f"{plain} is not executable",
        str(tmp_path): f"{tmp_path} is a folder, not a program",
    }
    for value, words in cases.items():
        with pytest.raises(EditorUnusable) as caught:
            external_editor({"EDITOR": value})
        assert words in str(caught.value)


def test_a_real_program_is_resolved_to_its_full_path(tmp_path: Path) -> None:
    program = tmp_path / "my-editor"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    env = {"EDITOR": "my-editor +1", "PATH": str(tmp_path)}

    def which(name: str) -> str | None:
        import shutil

        return shutil.which(name, path=env["PATH"])

    assert external_editor(env, which) == [str(program), "+1"]


def test_control_characters_and_long_values_are_shown_harmlessly() -> None:
    with pytest.raises(EditorUnusable) as caught:
        external_editor({"EDITOR": "\x1b[2Jvim"}, which_of())
    assert "\x1b" not in str(caught.value)
    assert "␛[2Jvim" in str(caught.value)
    with pytest.raises(EditorUnusable) as caught:
        external_editor({"EDITOR": "x" * 500}, which_of())
    assert "x" * 500 not in str(caught.value)
    assert "…" in str(caught.value)


# ------------------------------------------------------------ what comes back
class Editor:
    """A fake ``run``: does ``act`` to the temp file, returns ``code``; remembers the file."""

    def __init__(self, act: str = "", code: int = 0, write: str = "") -> None:
        self.act, self.code, self.write = act, code, write
        self.argv: list[str] = []

    def __call__(self, argv: list[str]) -> int:
        self.argv = argv
        temp = Path(argv[-1])
        assert temp.read_text(encoding="utf-8") == TEXT
        if self.act == "write":
            temp.write_text(self.write, encoding="utf-8")
        elif self.act == "delete":
            temp.unlink()
        elif self.act == "folder":
            temp.unlink()
            temp.mkdir()
            (temp / "inside").write_text("x", encoding="utf-8")
        elif self.act == "bytes":
            temp.write_bytes(b"title: caf\xe9\n")
        (temp.parent / f"{temp.name}~").write_text("a backup", encoding="utf-8")
        return self.code

    @property
    def temp(self) -> Path:
        return Path(self.argv[-1])


def test_a_good_edit_comes_back_and_the_temp_folder_goes(tmp_path: Path) -> None:
    run = Editor("write", write=TEXT + "# added\n")
    result = edit_externally(TEXT, ["my-editor", "--wait"], tmp_path / "follow-up.yaml", run)
    assert result.text == TEXT + "# added\n"
    assert result.severity == "information"
    assert "Text updated from my-editor" in result.message
    assert run.argv[:2] == ["my-editor", "--wait"]
    assert run.temp.name == "follow-up.yaml"  # the editor highlights YAML
    assert not run.temp.parent.exists()  # with the backup it left beside the file


@pytest.mark.parametrize(
    ("run", "words"),
    [
        (Editor("write", code=1, write="half done\n"), "my-editor exited with code 1"),
        (Editor("write", code=127, write=""), "a program it runs was not found"),
        (Editor("write", code=-signal.SIGKILL, write="x"), "was stopped by SIGKILL"),
        (Editor("write", code=-signal.SIGINT, write="x"), "was stopped by ctrl+c (SIGINT)"),
        (Editor("write", code=-200, write="x"), "was stopped by signal 200"),
        (Editor("delete"), "my-editor deleted the file it was given"),
        (Editor("write", write=""), "my-editor left the file empty"),
        (Editor("write", write="  \n\n"), "left the file empty"),
        (Editor("folder"), "Could not read back what my-editor wrote"),
    ],
)
def test_every_failure_keeps_the_text_says_why_and_removes_the_temp_folder(
    tmp_path: Path, run: Editor, words: str
) -> None:
    result = edit_externally(TEXT, ["my-editor"], tmp_path / "s.yaml", run)
    assert result.text is None
    assert words in result.message
    assert result.severity in ("warning", "error")
    assert "text is unchanged" in result.message or "text is kept" in result.message
    assert not run.temp.parent.exists()


def test_an_empty_text_may_stay_empty_and_a_blank_one_may_be_emptied(tmp_path: Path) -> None:
    def emptied(argv: list[str]) -> int:
        Path(argv[-1]).write_text("", encoding="utf-8")
        return 0

    assert (
        edit_externally("", ["ed"], tmp_path / "s.yaml", emptied).message == "No changes from ed."
    )
    assert edit_externally("\n  \n", ["ed"], tmp_path / "s.yaml", emptied).text == ""


def test_no_change_says_so(tmp_path: Path) -> None:
    result = edit_externally(TEXT, ["/usr/bin/true"], tmp_path / "s.yaml", Editor())
    assert result.text is None
    assert result.message == "No changes from true."


def test_bytes_that_are_not_utf8_come_back_with_a_warning(tmp_path: Path) -> None:
    result = edit_externally(TEXT, ["ed"], tmp_path / "s.yaml", Editor("bytes"))
    assert result.text == "title: caf\ufffd\n"
    assert result.severity == "warning"
    assert "not UTF-8" in result.message and "ctrl+z" in result.message


def test_a_program_that_cannot_start_or_is_interrupted_keeps_the_text(tmp_path: Path) -> None:
    seen: list[Path] = []

    def real(argv: list[str]) -> int:
        seen.append(Path(argv[-1]))
        return subprocess.run(argv, check=False).returncode

    result = edit_externally(TEXT, [str(tmp_path / "gone")], tmp_path / "s.yaml", real)
    assert result.text is None
    assert result.message.startswith("Could not start gone: No such file or directory.")

    no_shebang = tmp_path / "no-shebang"
    no_shebang.write_text('echo hi > "$1"\n', encoding="utf-8")
    no_shebang.chmod(no_shebang.stat().st_mode | stat.S_IXUSR)
    result = edit_externally(TEXT, [str(no_shebang)], tmp_path / "s.yaml", real)
    assert result.text is None
    assert "Could not start no-shebang: it is not a program (a script needs" in result.message

    def interrupted(argv: list[str]) -> int:
        seen.append(Path(argv[-1]))
        raise KeyboardInterrupt

    result = edit_externally(TEXT, ["vim"], tmp_path / "s.yaml", interrupted)
    assert result.text is None
    assert "vim was interrupted" in result.message
    assert seen and not any(path.parent.exists() for path in seen)


def test_an_unwritable_temp_folder_keeps_the_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    run = Editor()
    result = edit_externally(TEXT, ["vim"], tmp_path / "s.yaml", run)
    assert run.argv == []  # never started
    assert result.text is None
    assert result.message.startswith("Could not make a temp file for vim:")


def test_a_window_editor_without_its_wait_flag_is_told_how_to_wait(tmp_path: Path) -> None:
    def message(*command: str) -> str:
        return edit_externally(TEXT, list(command), tmp_path / "s.yaml", Editor()).message

    assert message("/usr/bin/code") == (
        "No changes from code. If it opened a window and came back at once, "
        "it needs to wait: export EDITOR='code --wait'."
    )
    assert "export EDITOR='gvim --nofork'" in message("/usr/bin/gvim")
    assert message("/usr/bin/code", "-w") == "No changes from code."
    assert message("/usr/bin/subl", "--wait") == "No changes from subl."
    assert message("/usr/bin/vim") == "No changes from vim."


def test_a_home_path_is_expanded_and_a_broken_visual_points_at_editor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "bin" / "ed"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("HOME", str(tmp_path))  # expanduser reads the process's HOME
    assert external_editor({"EDITOR": "'~/bin/ed' -s"}) == [str(program), "-s"]
    with pytest.raises(EditorUnusable) as caught:
        external_editor({"VISUAL": "gone", "EDITOR": "vim"}, which_of("vim"))
    assert str(caught.value).endswith("Or unset VISUAL to use $EDITOR. Your text is unchanged.")
    with pytest.raises(EditorUnusable) as caught:
        external_editor({"VISUAL": "gone"}, which_of("vim"))
    assert "unset VISUAL" not in str(caught.value)
