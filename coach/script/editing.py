"""What the in-app editor does with a script's text, without a screen.

Check one version of the text (:func:`analyse`), read a file for editing
without ever raising (:func:`read_for_editing`), and let another program edit
the text through a temp file (:func:`external_editor`, :func:`edit_externally`).
The editor screen (:mod:`coach.tui.screens.editor`) calls these.
"""

from __future__ import annotations

import os
import shlex
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach.script.model import MAX_BYTES, Finding, Script, Source
from coach.script.newscript import describe_os_error


@dataclass(frozen=True)
class Analysis:
    """What the checker says about one version of the text."""

    text: str
    findings: tuple[Finding, ...]
    #: The loaded script when the text has no errors.
    script: Script | None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


def analyse(text: str, path: Path) -> Analysis:
    """Check ``text`` as the file ``path``: its findings and, without errors, its Script."""
    from coach import locations
    from coach.script.check import analyse as check_analyse

    source: Source = "user" if path.parent == locations.user_scripts_dir() else "path"
    findings, script = check_analyse(text, str(path), path=path, source=source)
    return Analysis(text, tuple(findings), script)


@dataclass(frozen=True)
class Opened:
    """The file's text as read when the editor opened it."""

    text: str
    exists: bool
    #: The bytes were not UTF-8; ``text`` has U+FFFD where they could not be read.
    lossy: bool = False
    #: Why the file could not be read at all (the editor starts empty).
    error: str | None = None


def read_for_editing(path: Path) -> Opened:
    """Read a script file for the editor; never raises."""
    from coach.script.files import NotARegularFile, TooBig, read_regular

    try:
        data, _st = read_regular(path, MAX_BYTES)
    except TooBig:  # the loader refuses larger files too
        return Opened("", True, error=f"{path} is larger than 8 MiB; it cannot be edited here")
    except NotARegularFile as exc:
        return Opened("", True, error=f"{path} is {exc.kind}, not a file; it cannot be edited")
    except FileNotFoundError:
        return Opened("", False)
    except OSError as exc:
        return Opened("", True, error=describe_os_error(exc, path, reading=True))
    try:
        return Opened(data.decode("utf-8"), True)
    except UnicodeDecodeError:
        return Opened(data.decode("utf-8", errors="replace"), True, lossy=True)


def external_editor() -> list[str]:
    """The command for ``ctrl+e``: ``$VISUAL``, ``$EDITOR``, else nano or vi."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError:
                return [value]
    for fallback in ("nano", "vi"):
        found = shutil.which(fallback)
        if found:
            return [found]
    return []


def edit_externally(
    text: str, command: list[str], path: Path, run: Callable[[list[str]], object]
) -> str:
    """Let another program edit ``text``: write it to a temp file, ``run``, read it back.

    The temp file is named like ``path`` (so the editor highlights YAML) and is
    removed afterwards. Raises ``OSError`` when the file cannot be written or
    read or the program cannot be started.
    """
    fd, name = tempfile.mkstemp(prefix=f"{path.stem}-", suffix=path.suffix or ".yaml")
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        run([*command, str(temp)])
        return temp.read_text(encoding="utf-8", errors="replace")
    finally:
        temp.unlink(missing_ok=True)
