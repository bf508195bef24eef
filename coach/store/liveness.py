"""Whether the process that runs a call still lives (so a dead one's call is *interrupted*).

A pid alone is not enough: after a crash or a reboot another process may get
the same pid. Each running call also records a marker, the boot id and the
process start time from ``/proc``, which a later process with that pid does
not share.
"""

from __future__ import annotations

import os


def _read(name: str) -> str:
    # open(), not pathlib: readers (coach log) import this module and no pathlib.
    with open(name) as handle:
        return handle.read()


def _boot_id() -> str:
    try:
        return _read("/proc/sys/kernel/random/boot_id").strip()
    except OSError:
        return ""


_BOOT_ID = _boot_id()


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks since boot) of ``pid``, or ``None``."""
    try:
        raw = _read(f"/proc/{pid}/stat")
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    fields = raw[raw.rfind(")") + 2 :].split()
    if len(fields) < 20:
        return None
    return fields[0], fields[19]


def process_marker(pid: int) -> str | None:
    """Something that tells this process apart from a later one with the same pid.

    The boot id plus the process start time from ``/proc``; ``None`` where
    there is no ``/proc`` (then only the pid is compared).
    """
    stat = _proc_stat(pid)
    if stat is None:
        return None
    return f"{_BOOT_ID}:{stat[1]}"


#: When a list, each answer of :func:`process_alive` is added to it as
#: ``(pid, marker, alive)``: a command's output kept in the cache
#: (:mod:`coach.cli.cache`) is used again only while every answer is the same.
answers: list[tuple[int | None, str | None, bool]] | None = None


def process_alive(pid: int | None, marker: str | None) -> bool:
    """Whether the process that recorded (``pid``, ``marker``) still runs."""
    alive = _alive(pid, marker)
    if answers is not None:
        answers.append((pid, marker, alive))
    return alive


def _alive(pid: int | None, marker: str | None) -> bool:
    if pid is None or pid <= 0:
        return False
    if marker is not None and os.path.exists("/proc/self/stat"):
        stat = _proc_stat(pid)
        if stat is None or stat[0] in ("Z", "X"):
            return False
        return f"{_BOOT_ID}:{stat[1]}" == marker
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by someone else
    except OSError:
        return False
    return True
