"""The pure layers never import Textual or SQLite; fast commands never import Textual."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import coach


def _modules_under(*packages: str) -> list[str]:
    """Every module of these packages, found on disk (a new module is checked too)."""
    found: list[str] = []
    for package in packages:
        module = importlib.import_module(package)
        found.append(package)
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
            found.append(info.name)
    return sorted(found)


#: Every module of the pure layers, found on disk: a new module is checked too.
PURE_MODULES = _modules_under("coach.script", "coach.call")


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
        ["due", "--json"],
        ["due"],
        ["job", "list", "--json"],
        ["job", "add", "--company", "Acme", "--position", "Analyst"],
        ["profile", "--set", "your_name=Sam"],
        ["export", "--format", "md"],
        ["export", "--format", "ics"],
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


def _import_graph() -> dict[str, set[str]]:
    """coach's modules -> the coach modules each imports when it runs.

    Imports inside functions count; ``if TYPE_CHECKING:`` imports do not (they
    never run, so they cannot make a cycle at run time).
    """
    import grimp

    graph = grimp.build_graph("coach", exclude_type_checking_imports=True)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycles() -> None:
    assert _cycles(_import_graph()) == []


def test_the_package_root_holds_only_the_layers() -> None:
    root = Path(coach.__file__).parent
    entries = {
        p.name for p in root.iterdir() if p.name != "__pycache__" and not p.name.startswith(".")
    }
    assert entries <= {
        "__init__.py",
        "__main__.py",
        "locations.py",
        "settings.py",
        "cli",
        "tui",
        "store",
        "call",
        "script",
    }


def test_no_module_is_over_500_lines() -> None:
    root = Path(coach.__file__).parent
    long = {
        str(p.relative_to(root)): n
        for p in root.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}
