"""The call record: every call, written through to SQLite as it happens, and the jobs.

Two tables: ``calls``, a row per call with the fields ``coach log`` shows, the
process that runs it, its job and the session's whole last snapshot as JSON;
``jobs``, a row per application (company, position, dates, status, what its
live calls captured).

- ``connection``: the file (WAL, busy timeout, read-only opening), migrations
  (``PRAGMA user_version``) and transactions; ``migrations``: the schema steps;
- ``calls``: :class:`Store`, the calls' writes and queries;
- ``records``: :class:`CallRecord` and the columns of a call's row;
- ``jobs``: the jobs' writes and queries (``Store`` inherits them), and how a
  finished live call updates its job;
- ``overview``: the jobs' SQL and their rows as :class:`Job`/:class:`JobCall`,
  shared by ``Store`` and a light read-only reader for the job commands;
- ``liveness``: whether a call's process still runs (pid and start-time markers);
- ``errors``: :class:`StoreError` and the messages for sqlite3 failures;
- ``recorder``: :class:`~coach.store.recorder.CallRecorder`, which keeps a running
  call's record current without ever losing the call to a store error.

Every public method raises :class:`StoreError` (a message naming the file and
what to do) and never a raw ``sqlite3`` exception, so the app can keep a call
going in memory and warn. No Textual here.

The names below are imported when first used, so reading jobs never loads
the snapshot format or the follow-up rules, and the change stamp's reader
(:mod:`~coach.store.changes`, what ``coach due`` asks first) loads nothing else.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from coach.call.jobs import Job, JobCall
    from coach.store.calls import CallRecord, Store
    from coach.store.connection import SCHEMA_VERSION
    from coach.store.errors import NothingRecorded, StoreError

#: The names imported when first used (``Store`` brings the snapshot format and
#: the follow-up rules with it; ``coach due`` reads jobs without them).
_LAZY = {
    "SCHEMA_VERSION": "coach.store.connection",
    "CallRecord": "coach.store.calls",
    "Job": "coach.call.jobs",
    "JobCall": "coach.call.jobs",
    "Store": "coach.store.calls",
    "NothingRecorded": "coach.store.errors",
    "StoreError": "coach.store.errors",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "SCHEMA_VERSION",
    "CallRecord",
    "Job",
    "JobCall",
    "NothingRecorded",
    "Store",
    "StoreError",
]
