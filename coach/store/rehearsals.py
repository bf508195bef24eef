"""The practice records a scenario pick needs, read from the store.

The rules are pure, in :mod:`coach.call.rehearsal`; this module only reads
the records they are given. No Textual here: it belongs to the store layer.
"""

from __future__ import annotations

from pathlib import Path

from coach.call.practice import usable_scenarios
from coach.call.rehearsal import PracticePick, choose_practice
from coach.script.model import Script
from coach.store import CallRecord, NothingRecorded, Store, StoreError

__all__ = ["pick_scenario", "practice_records"]


def practice_records(
    script_id: str, store: Store | None = None, db_path: Path | None = None
) -> tuple[list[CallRecord], str | None]:
    """A script's practice records, and why they could not be read (or None).

    From ``store``, or, when none is given, from the database file opened
    read-only (none yet: no records, and no file is created to read it).
    """
    try:
        if store is not None:
            return store.calls(mode="practice", script=script_id), None
        with Store(db_path, read_only=True) as reader:
            return reader.calls(mode="practice", script=script_id), None
    except NothingRecorded:
        return [], None  # nothing rehearsed yet (reading never creates the file)
    except StoreError as exc:
        return [], str(exc)


def pick_scenario(
    script: Script,
    scenario_id: str | None = None,
    seed: int | None = None,
    store: Store | None = None,
    *,
    db_path: Path | None = None,
) -> PracticePick:
    """:func:`~coach.call.rehearsal.choose_practice` on the records of :func:`practice_records`.

    A named scenario, or a script without a usable one, needs no records, so
    none are read for it.
    """
    if scenario_id is not None or not usable_scenarios(script)[0]:
        return choose_practice(script, scenario_id)
    records, problem = practice_records(script.id, store, db_path)
    return choose_practice(script, seed=seed, records=records, read_problem=problem)
