"""Load call scripts: YAML text or files in, a valid :class:`Script` or ScriptError out.

The rules live in :mod:`coach.script.check`; this module is the entry point
the rest of the app uses. ``check_text`` and ``check_path`` (every finding,
never raising) are re-exported here for ``coach check`` and the editor.
"""

from __future__ import annotations

from pathlib import Path

from coach.script.check import analyse, check_path, check_text
from coach.script.model import Script, ScriptError, Source
from coach.script.yamlnodes import MAX_BYTES, read

__all__ = ["MAX_BYTES", "check_path", "check_text", "load_path", "load_text"]


def load_text(
    text: str | bytes,
    file: str = "<string>",
    *,
    script_id: str | None = None,
    path: Path | None = None,
    source: Source = "text",
) -> Script:
    """The Script in ``text``, with its warnings; ScriptError lists every finding.

    ``file`` names the text in findings; ``script_id`` defaults to the stem of
    ``path`` or ``file`` (``"script"`` for ``"<string>"``).
    """
    findings, script = analyse(text, file, script_id=script_id, path=path, source=source)
    if script is None:
        raise ScriptError(findings)
    return script


def load_path(path: Path, *, source: Source = "path") -> Script:
    """Read and load a script file.

    ScriptError with ``unreadable=True`` when the file cannot be read at all
    (missing, a folder, no permission); a file over 8 MiB or not UTF-8 is an
    error of the file itself (``unreadable=False``).
    """
    text = read(path)
    return load_text(text, str(path), path=path, source=source)
