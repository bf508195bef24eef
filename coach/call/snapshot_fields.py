"""How a stored snapshot's values are read: the lenient rules, without the typed record.

:func:`coach.call.snapshot.decode` builds a :class:`~coach.call.snapshot.CallSnapshot`
(frozen dataclasses: importing them costs ``coach log`` 12 ms) from these
rules; ``coach log`` (:mod:`coach.store.log`) reads the few fields it prints
with the same rules straight from the stored dict. A missing key or a value
of the wrong type reads as the default, a bad entry in a list is skipped;
only a snapshot written by a newer Call Coach is refused.

Pure, standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The version written into every snapshot; decoding refuses anything newer.
SNAPSHOT_VERSION = 1


class SnapshotError(ValueError):
    """A stored call this version cannot read; the message (``it was written by a newer
    Call Coach ...``) follows a subject such as "Cannot resume:" and says what to do."""


def load_json(text: str | None) -> Any:
    """``text`` decoded, or None when it is empty or not JSON."""
    if not text:
        return None
    import json  # here: home's start-up may decode none (json was 1.4 ms of it)

    try:
        return json.loads(text)
    except ValueError:
        return None


def dump_json(data: Any) -> str:
    """``data`` as the store writes JSON: compact, any letter kept (``TypeError``
    or ``ValueError`` if it is not JSON)."""
    import json  # here: only writes need it (home's start-up does not)

    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def dump_texts(data: Mapping[str, str]) -> str:
    """``data`` as the store keeps a mapping of texts (:func:`dump_json`)."""
    return dump_json(dict(data))


def text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def whole(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def text_map(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str)}


def flag_map(value: Any) -> dict[str, bool]:
    """A checklist: every key kept, each value read as a flag."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): bool(v) for k, v in value.items()}


def job_id(value: Any) -> int | None:
    job = whole(value)
    return job if job is not None and job > 0 else None


def rating(value: Any) -> int | None:
    found = whole(value)
    return found if found is not None and 1 <= found <= 5 else None


def score_fields(value: Any) -> tuple[int, int] | None:
    """``matched`` and ``total`` of a score, or None when it is not a score."""
    if not isinstance(value, Mapping):
        return None
    matched, total = whole(value.get("matched")), whole(value.get("total"))
    if matched is None or total is None or total <= 0 or not 0 <= matched <= total:
        return None
    return matched, total


def pace_fields(value: Any) -> tuple[tuple[str, ...], tuple[str, ...], int] | None:
    """``rushed``, ``over_budget`` and ``timed`` of a pace, or None when it is not one."""
    if not isinstance(value, Mapping):
        return None
    timed = whole(value.get("timed"))
    if timed is None or timed < 0:
        return None
    return texts(value.get("rushed")), texts(value.get("over_budget")), timed


def merged_fields(values: Mapping[str, Any], captures: Mapping[str, Any]) -> dict[str, str]:
    """Variables and captures in one mapping (a capture wins over a variable)."""
    merged: dict[str, str] = {}
    for source in (values, captures):
        for key, value in source.items():
            if isinstance(value, str) and value.strip():
                merged[str(key)] = value
    return merged


def check_version(data: Mapping[str, Any]) -> None:
    """Raise :class:`SnapshotError` when ``data`` was written by a newer Call Coach.

    A missing or unreadable version is an older snapshot, read as version 1.
    """
    version = whole(data.get("version"))
    if version is not None and version > SNAPSHOT_VERSION:
        raise SnapshotError(
            f"it was written by a newer Call Coach (call data version {version}; this "
            f"one reads up to {SNAPSHOT_VERSION}). Update Call Coach to open it."
        )
