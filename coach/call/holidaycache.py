"""Public holidays kept in the cache folder, so a set country costs no start-up time.

Loading a country's holidays imports the ``holidays`` library and computes
each year: about 90 ms, on every ``coach due`` of someone who set
``[follow_up] country``. The days found are kept in
``<cache>/holidays.json`` by country, years and the library's install (the
path, size and time of its ``__init__.py``: an upgrade is a new key), and
read back from there. Deleting the file is always safe; a cache that cannot
be read or written is simply not used.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from contextlib import suppress
from datetime import date
from pathlib import Path

from coach import locations
from coach.call.businessdays import WEEKDAYS, BusinessDays, load_business_days

#: The cache keeps this many country and year spans (the newest).
MAX_ENTRIES = 16


def cache_file() -> Path:
    return locations.cache_dir() / "holidays.json"


def _library_stamp() -> str | None:
    """Where and which ``holidays`` is installed, without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    try:
        info = os.stat(spec.origin)
    except OSError:
        return None
    return f"{spec.origin}:{info.st_size}:{info.st_mtime_ns}"


def _read(path: Path) -> dict[str, list[str]]:
    import json  # here: without a country set, start-up reads no file (nor json)

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(path: Path, data: dict[str, list[str]]) -> None:
    import json

    from coach.locations import write_atomic

    with suppress(OSError):  # a cache: not writing it only costs the next run time
        write_atomic(path, json.dumps(data))


def cached_business_days(
    country: str | None, years: Iterable[int], path: Path | None = None
) -> BusinessDays:
    """:func:`~coach.call.businessdays.load_business_days`, kept in the cache folder.

    Raises :class:`~coach.call.businessdays.UnknownCountry` as that does (an
    unknown code is never cached).
    """
    code = (country or "").strip().upper()
    if not code:
        return WEEKDAYS
    wanted = sorted(set(years))
    stamp = _library_stamp()
    if stamp is None:
        return load_business_days(code, wanted)
    path = Path(path) if path is not None else cache_file()
    key = f"{code}|{','.join(map(str, wanted))}|{stamp}"
    data = _read(path)
    found = data.get(key)
    if isinstance(found, list):
        try:
            return BusinessDays(frozenset(date.fromisoformat(d) for d in found), code)
        except (TypeError, ValueError):
            pass  # a damaged entry: computed again below
    days = load_business_days(code, wanted)
    data.pop(key, None)
    data[key] = sorted(d.isoformat() for d in days.holidays)
    while len(data) > MAX_ENTRIES:
        data.pop(next(iter(data)))
    _write(path, data)
    return days


__all__ = ["MAX_ENTRIES", "cache_file", "cached_business_days"]
