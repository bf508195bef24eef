"""What ``coach check`` found in a file, kept so that an unchanged file is not
checked again (as linters such as ruff keep theirs).

``coach check`` is what people run again and again on the script they are
writing, and from their editor on every save; most runs are on a file that
has not changed since the last. Checking 1,000 steps composes and reads about
18,000 YAML values (about 110 ms here); a kept result is one small JSON file
(a few ms), and the checker's modules are not even imported.

An entry per file (named by a hash of its resolved path) in
``locations.cache_dir()/check``, holding the findings without the file name
(the name the user typed is put back), keyed by the file's resolved path, modification time,
size and CRC-32, and stamped with the code that checks
(:func:`coach.script.cache.code_stamp`: the app version and the checker's
modules), so an edited file or new rules are always checked afresh. A
missing, corrupt or foreign entry is ignored and written again; one that
cannot be written is not an error; a file that cannot be read never comes
from here (the checker says why).

Pure Python: no Textual, no SQLite.
"""

from __future__ import annotations

import json
import zlib
from contextlib import suppress
from pathlib import Path

from coach import locations
from coach.script.model import Finding, Severity

FOLDER = "check"


def check_path(path: Path) -> tuple[list[Finding], bool]:
    """Every finding in a file, and whether it could not be read at all:
    :func:`coach.script.check.check_path`, kept for an unchanged file."""
    from coach.script.cache import code_stamp, entry_name, read_file

    read = read_file(path)
    if read is None:
        from coach.script.check import check_path as check_afresh

        return check_afresh(path)  # it says why the file cannot be read
    data, mtime_ns = read
    name, where = entry_name(path, ".json")
    entry = locations.cache_dir() / FOLDER / name
    key = [repr(code_stamp()), where, mtime_ns, len(data), zlib.crc32(data)]
    kept = _read(entry, key)
    file = str(path)
    if kept is not None:
        return [Finding(file, *row) for row in kept], False
    from coach.script.check import analyse

    findings = analyse(data, file, path=path)[0]
    _write(entry, key, findings)
    return findings, False


def _read(entry: Path, key: list[object]) -> list[tuple[int, int, Severity, str]] | None:
    try:
        with open(entry, encoding="utf-8") as handle:
            kept = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("key") != key:
        return None
    rows = kept.get("findings")
    if not isinstance(rows, list):
        return None
    good: list[tuple[int, int, Severity, str]] = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 4):
            return None
        line, column, severity, message = row
        if not (type(line) is int and type(column) is int and isinstance(message, str)):
            return None
        if severity == "error" or severity == "warning":
            good.append((line, column, severity, message))
        else:
            return None
    return good


def _write(entry: Path, key: list[object], findings: list[Finding]) -> None:
    rows = [[f.line, f.column, f.severity, f.message] for f in findings]
    with suppress(OSError):  # only a shortcut: the next run checks again
        locations.write_atomic(entry, json.dumps({"key": key, "findings": rows}))
