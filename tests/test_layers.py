"""The pure layers never import Textual or SQLite; fast commands never import Textual."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

PURE_MODULES = [
    "coach.script.model",
    "coach.script.template",
    "coach.script.load",
    "coach.script.graph",
    "coach.script.schema",
    "coach.script.library",
    "coach.script.cache",
    "coach.call.session",
    "coach.script.check",
    "coach.script.yamlnodes",
    "coach.script.newscript",
    "coach.script.watch",
    "coach.call.followup",
    "coach.call.practice",
    "coach.call.stats",
    "coach.call.rehearsal",
    "coach.call.words",
    "coach.call.walk",
    "coach.call.values",
    "coach.call.dates",
    "coach.call.checklist",
    "coach.call.ending",
    "coach.call.titles",
]


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_layers_import_no_textual_or_sqlite(module: str) -> None:
    result = _run(
        f"""
        import importlib, sys
        importlib.import_module({module!r})
        bad = sorted(m for m in sys.modules
                     if m.split(".")[0] in {{"textual", "sqlite3", "_sqlite3", "rich"}})
        print(",".join(bad))
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"


@pytest.mark.parametrize(
    "argv",
    [
        ["where"],
        ["scripts", "--json"],
        ["schema"],
        ["check", "coach/script/bundled/follow-up.yaml"],
        ["graph", "follow-up", "--format", "mermaid"],
        ["log", "--json"],
        ["stats", "follow-up", "--json"],
        ["new", "my-call"],
    ],
)
def test_fast_commands_never_import_textual(argv: list[str], tmp_path: object) -> None:
    result = _run(
        f"""
        import contextlib, io, os, sys
        os.environ["COACH_HOME"] = {str(tmp_path)!r}
        from coach.cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main({argv!r})
        print(code, "textual" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    code, textual_loaded = result.stdout.split()
    assert textual_loaded == "False"
    assert code == "0"
