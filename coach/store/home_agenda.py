"""Home's list of jobs kept from one start to the next while nothing it is made of changed.

Home sorts every job into its sections with its next step
(:func:`coach.tui.jobdesk.jobs_agenda`): on 1,000 jobs and 10,000 calls the
store's read and the rules took 40 ms of its start-up, for the same list
as last time unless something was written since. So the list is kept in
``<cache>/home-agenda.pickle`` under a key of everything it depends on:

- the file and its change stamp, data and schema versions
  (:meth:`~coach.store.jobs.JobStore.home_stamp`: every write of every
  table changes the stamp), read before the list is made;
- today, the working days (the country and its holidays) and the order
  numeric dates are read in (:func:`coach.call.dates.date_order`);
- the version, Python's, and the size and time of the modules whose code
  makes the list (:data:`CODE`).

Nothing is kept while a call is running: whether its process lives turns it
into an interrupted call without any write. Only the last list is kept.
A missing, corrupt, foreign or unreadable file, or any surprise at all,
means the list is simply made; a cache that cannot be written is no error;
deleting it is always safe. It is read with an unpickler that only builds
the list's own classes and dates, so a tampered file cannot run code.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING, Any

from coach import __version__, locations
from coach.call.jobs import NO_TEXTS

if TYPE_CHECKING:
    from coach.call.agenda import Agenda
    from coach.call.businessdays import BusinessDays
    from coach.store.jobs import JobStore

#: Bump when the layout of the file changes.
FORMAT = 1
FILE_NAME = "home-agenda.pickle"

#: The modules (under ``coach/``) whose code decides the list.
CODE = (
    "call/agenda.py",
    "call/businessdays.py",
    "call/dates.py",
    "call/followup.py",
    "call/jobs.py",
    "call/nextstep.py",
    "call/saydate.py",
    "call/snapshot_fields.py",
    "store/home_agenda.py",
    "store/jobs.py",
    "store/liveness.py",
    "store/overview.py",
    "tui/jobdesk.py",
)

#: What the file may build.
_ALLOWED = {
    "coach.call.agenda": frozenset({"Agenda", "AgendaSection", "AgendaRow"}),
    "coach.call.jobs": frozenset({"Job"}),
    "coach.call.nextstep": frozenset({"NextStep"}),
    "coach.store.overview": frozenset({"JsonTexts"}),
    "coach.store.home_agenda": frozenset({"no_texts"}),
    "datetime": frozenset({"date"}),
}


def no_texts() -> object:
    """The shared empty captures of a job (``NO_TEXTS``, a read-only mapping), as
    the unpickler makes it again: one object, not one per job."""
    return NO_TEXTS


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if obj is NO_TEXTS:
            return (no_texts, ())
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in home's kept list")


def code_stamp() -> tuple[Any, ...]:
    """The version, Python's and the size and time of each of :data:`CODE`."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return (FORMAT, __version__, sys.version_info[:2], locations.file_stamps(here, CODE))


def agenda_key(store: JobStore, today: date, days: BusinessDays | None) -> tuple[Any, ...] | None:
    """What the list depends on, read now; None: it may not be kept (a call is running)."""
    from coach.call.dates import date_order

    stamp = store.home_stamp()
    if stamp is None:
        return None
    working = None if days is None else (days.country, tuple(sorted(days.holidays)))
    return (code_stamp(), str(store.path), stamp, today, working, date_order())


def cache_path() -> str:
    return locations.cache_file(FILE_NAME)


def load(key: tuple[Any, ...], path: str | None = None) -> Agenda | None:
    """The list kept under ``key``; None when there is none (or anything is amiss)."""
    from coach.call.agenda import Agenda

    try:
        with open(path or cache_path(), "rb") as handle:
            kept_key, agenda = _Unpickler(handle).load()
    except Exception:  # missing, unreadable, corrupt, foreign: the list is made
        return None
    if kept_key != key or not isinstance(agenda, Agenda):
        return None
    return agenda


def save(key: tuple[Any, ...], agenda: Agenda, path: str | None = None) -> None:
    """Keep ``agenda`` under ``key`` (written whole, then moved into place); a folder
    that cannot be written is no error."""
    import io

    target = path or cache_path()
    temporary = f"{target}.{os.getpid()}.tmp"
    try:
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((key, agenda))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(buffer.getvalue())
        os.replace(temporary, target)
    except Exception:  # only a shortcut: the next start makes the list again
        with suppress(OSError):
            os.unlink(temporary)


def cached_agenda(
    store: JobStore, today: date, days: BusinessDays | None, make: Callable[[], Agenda]
) -> Agenda:
    """The list kept for what the store, today and the working days are now, else
    ``make()`` (kept for the next time). ``make``'s ``StoreError`` is raised as ever."""
    from coach.store.errors import StoreError

    try:
        key = agenda_key(store, today, days)
    except StoreError:
        key = None  # the read that makes the list says what is wrong
    if key is not None:
        found = load(key)
        if found is not None:
            return found
    agenda = make()
    if key is not None:
        save(key, agenda)
    return agenda


__all__ = ["CODE", "FILE_NAME", "agenda_key", "cached_agenda", "code_stamp", "load", "save"]
