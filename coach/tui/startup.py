"""Garbage collection while ``coach`` starts.

Start-up imports Textual and builds the first screen: tens of thousands of
objects that live as long as the app. Python's cyclic garbage collector runs
many times meanwhile and finds next to nothing to free, and a full
collection (about 20 ms) tends to land just before the first frame. So the
TUI commands pause the collector while they start (:func:`pause_gc`), and
once the first screen is drawn (:func:`resume_gc_soon`) a moment later
collect once, freeze what survived (it is permanent: modules, classes, the
app) so later collections never walk it again, and turn the collector back
on. Reference counting frees memory as usual the whole time.

The same commands leave OpenSSL out of the process (:func:`leave_out_tls`).

Standard library only: no Textual here. ``coach.cli`` loads this module before
Textual is imported (see ``coach.cli.calls``), so it must import nothing of
``coach.tui``.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable

#: How long after the first frame the one full collection runs (seconds): the
#: first frame is on the terminal by then, and a person has not yet typed.
COLLECT_AFTER = 0.4

_paused = False


def leave_out_tls() -> None:
    """Keep :mod:`ssl`, and OpenSSL with it, out of a terminal app's process.

    asyncio imports ``ssl`` at its own import only to offer TLS connections,
    and a terminal command of ours opens no connection at all. That import
    maps OpenSSL's libssl and libcrypto: measured here, 3.4 MB of a call's
    resident memory (45.5 MiB to 41.3) and 7 ms of ``import textual.app``.
    Marked missing in ``sys.modules``, ``ssl`` raises ImportError when
    imported, and asyncio takes the path it has for a Python built without
    OpenSSL (``ssl = None``: every connection plain). Nothing else the TUI
    imports needs it (Textual, Rich, PyYAML, tomlkit, icalendar and holidays
    never import it); ``coach partner --serve`` runs a web server and does not
    call this. Does nothing once ``ssl`` is imported.
    """
    if "ssl" not in sys.modules:
        sys.modules["ssl"] = None  # type: ignore[assignment]


def pause_gc() -> None:
    """Pause the cyclic garbage collector for start-up (when it was running)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def gc_paused() -> bool:
    """True while :func:`pause_gc` holds the collector off."""
    return _paused


def resume_gc(*, collect: bool = True, freeze: bool = True) -> None:
    """Collect once, freeze the survivors and turn the collector on again.

    ``collect=False`` only turns it on (the app is ending anyway);
    ``freeze=False`` collects without freezing, for a first screen that goes
    away (a frozen screen is never collected once it is garbage). Does
    nothing unless :func:`pause_gc` paused it.
    """
    global _paused
    if not _paused:
        return
    _paused = False
    if collect:
        gc.collect()
        if freeze:
            gc.freeze()
    gc.enable()


def resume_gc_soon(
    set_timer: Callable[[float, Callable[[], None]], object], *, freeze: bool = True
) -> None:
    """After the first frame: :func:`resume_gc` in :data:`COLLECT_AFTER` seconds."""
    if _paused:
        set_timer(COLLECT_AFTER, lambda: resume_gc(freeze=freeze))
