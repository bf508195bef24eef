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
- ``liveness``: whether a call's process still runs (pid and start-time markers);
- ``errors``: :class:`StoreError` and the messages for sqlite3 failures;
- ``recorder``: :class:`~coach.store.recorder.CallRecorder`, which keeps a running
  call's record current without ever losing the call to a store error.

Every public method raises :class:`StoreError` (a message naming the file and
what to do) and never a raw ``sqlite3`` exception, so the app can keep a call
going in memory and warn. No Textual here.
"""

from __future__ import annotations

from coach.call.jobs import Job, JobCall
from coach.store.calls import CallRecord, Store
from coach.store.connection import SCHEMA_VERSION
from coach.store.errors import NothingRecorded, StoreError

__all__ = [
    "SCHEMA_VERSION",
    "CallRecord",
    "Job",
    "JobCall",
    "NothingRecorded",
    "Store",
    "StoreError",
]
