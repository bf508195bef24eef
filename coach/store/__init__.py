"""The call record: every call, written through to SQLite as it happens.

One table, ``calls``: a row per call with the fields ``coach log`` shows, the
process that runs it, and the session's whole last snapshot as JSON.

- ``connection``: the file (WAL, busy timeout, read-only opening), migrations
  (``PRAGMA user_version``) and transactions;
- ``calls``: :class:`Store`, the calls' writes and queries, and :class:`CallRecord`;
- ``liveness``: whether a call's process still runs (pid and start-time markers);
- ``errors``: :class:`StoreError` and the messages for sqlite3 failures;
- ``recorder``: :class:`~coach.store.recorder.CallRecorder`, which keeps a running
  call's record current without ever losing the call to a store error.

Every public method raises :class:`StoreError` (a message naming the file and
what to do) and never a raw ``sqlite3`` exception, so the app can keep a call
going in memory and warn. No Textual here.
"""

from __future__ import annotations

from coach.call.followup import FollowUp
from coach.store.calls import CallRecord, Store
from coach.store.connection import SCHEMA_VERSION
from coach.store.errors import NothingRecorded, StoreError

__all__ = ["SCHEMA_VERSION", "CallRecord", "FollowUp", "NothingRecorded", "Store", "StoreError"]
